package io.kustomertoken.bearer.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Payara's MP-JWT is a Jakarta Security mechanism that does nothing when a request to a
 * protected path carries no bearer token; Payara then ends that request with an empty 200 (no
 * status, no body, none of our headers). This mechanism wraps Payara's, changes only that case
 * into a 401 with the RFC 6750 challenge, and passes everything else through unchanged. It exists
 * only on Payara ({@link PayaraMechanismExtension}): WildFly's MP-JWT is an Elytron mechanism
 * that challenges by itself.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerChallenge implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Bearer";

    @Inject
    BeanManager beans;

    private volatile HttpAuthenticationMechanism payaras;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        AuthenticationStatus status = payaras().validateRequest(request, response, context);
        if (status == AuthenticationStatus.NOT_DONE && context.isProtected()) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            return context.responseUnauthorized();
        }
        return status;
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        return payaras().secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        payaras().cleanSubject(request, response, context);
    }

    // The one other mechanism: the one Payara installs for @LoginConfig(authMethod = "MP-JWT").
    private HttpAuthenticationMechanism payaras() {
        HttpAuthenticationMechanism found = payaras;
        if (found == null) {
            List<Bean<?>> others = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(bean -> !BearerChallenge.class.equals(bean.getBeanClass()))
                    .toList();
            if (others.size() != 1) {
                throw new IllegalStateException("Expected Payara's MP-JWT mechanism beside " + getClass().getSimpleName()
                        + ", found " + others.size() + " other mechanisms");
            }
            Bean<?> bean = others.get(0);
            found = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            payaras = found;
        }
        return found;
    }
}
