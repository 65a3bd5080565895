package io.kustomertoken.identity.boundary;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.identity.control.IdentityChecked;
import io.kustomertoken.identity.control.IdentityEntitlement;
import io.kustomertoken.identity.control.IdentityRules;
import io.kustomertoken.identity.entity.Identity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Guards the signer, not the resource, so that every path to a signature is checked. It only
 * adapts the call: the rules are {@link IdentityRules} and {@link IdentityEntitlement}, and the
 * caller comes from the container, not from anything the caller of the signer passed in.
 */
@IdentityChecked
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdentityCheckedInterceptor {

    @Inject
    ContainerCallers callers;

    @Inject
    CallerIdentities identities;

    @AroundInvoke
    public Object checkIdentity(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (parameters.length != 1 || !(parameters[0] instanceof Identity requested)) {
            throw new IllegalStateException("@IdentityChecked needs a method whose only parameter is an Identity: "
                    + invocation.getMethod());
        }
        Identity checked = IdentityRules.checked(requested);
        IdentityEntitlement.requireEntitled(callers.current(), identities.mode(), checked);
        invocation.setParameters(new Object[] {checked});
        return invocation.proceed();
    }
}
