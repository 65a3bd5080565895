package io.kustomertoken.identity.boundary;

import io.kustomertoken.identity.control.OwnNames;
import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.requests.control.ServedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * The caller the container authenticated, as a {@link Caller}: the one place that asks the
 * Servlet request who is calling.
 */
@ApplicationScoped
public class ContainerCallers {

    private static final String CALLER_ATTRIBUTE = ContainerCallers.class.getName() + ".caller";

    @Inject
    OwnNames names;

    /**
     * The caller of the request this thread serves. Its roles are asked once per request (each
     * {@code isUserInRole} is a JACC permission check on Payara) and kept as a request
     * attribute, which only code on the server can set.
     */
    public Caller current() {
        return callerOf(ServedRequest.current());
    }

    /**
     * Asks the container about the caller now, on the thread where it authenticated the request,
     * and keeps the answer for the rest of the request. Before an async dispatch: there Payara
     * answers {@code isUserInRole} with false for a caller of its MP-JWT mechanism.
     */
    public void takeFromContainer(HttpServletRequest request) {
        callerOf(request);
    }

    private Caller callerOf(HttpServletRequest request) {
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller known) {
            return known;
        }
        Caller caller = fromContainer(request);
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return caller;
    }

    private Caller fromContainer(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Caller(null, false, false);
        }
        return new Caller(true, names.externalIdOf(principal), names.emailOf(principal),
                request.isUserInRole(Caller.CUSTOMER_ROLE),
                request.isUserInRole(Caller.DELEGATE_ROLE));
    }
}
