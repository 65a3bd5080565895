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
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server's own MP-JWT mechanism, with two answers it gets wrong made into 401. Both servers
 * implement MP-JWT as a Jakarta Security mechanism bean, which this alternative stands in front
 * of; everything else passes through unchanged.
 * <ul>
 * <li>Payara "does nothing" when a request to a protected path carries no bearer token, and then
 * ends that request with an empty 200 (no status, no body, none of our headers).
 * <li>WildFly (SmallRye JWT) answers 500 when no key of its JWKS fits the token, which is what a
 * made-up key id gets: any caller could make the service report internal errors.
 * </ul>
 * {@link ChallengeFilter} and {@link ApiChallengeFilter} add the RFC 6750 challenge to each 401.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BearerMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerMechanism.class.getName());

    @Inject
    BeanManager beans;

    private volatile HttpAuthenticationMechanism servers;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        ErrorHoldingResponse held = new ErrorHoldingResponse(response);
        AuthenticationStatus status = servers().validateRequest(request, held, new HttpMessageContextWrapper(context) {
            @Override
            public HttpServletResponse getResponse() {
                return held;
            }
        });
        if (held.internalError) {
            LOG.fine("The server's MP-JWT found no key for a bearer token (made-up key id, or the JWKS unreachable): 401");
            return context.responseUnauthorized();
        }
        if (status == AuthenticationStatus.NOT_DONE && context.isProtected()) {
            return context.responseUnauthorized();
        }
        return status;
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        return servers().secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        servers().cleanSubject(request, response, context);
    }

    // The one other mechanism: the server's, installed for MP-JWT.
    private HttpAuthenticationMechanism servers() {
        HttpAuthenticationMechanism found = servers;
        if (found == null) {
            List<Bean<?>> others = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(bean -> !BearerMechanism.class.equals(bean.getBeanClass()))
                    .toList();
            if (others.size() != 1) {
                throw new IllegalStateException("Expected the server's MP-JWT mechanism beside "
                        + getClass().getSimpleName() + ", found " + others.size() + " other mechanisms");
            }
            Bean<?> bean = others.get(0);
            found = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            servers = found;
        }
        return found;
    }

    /** Keeps a 500 from reaching the caller; every other answer goes through as it is. */
    static final class ErrorHoldingResponse extends HttpServletResponseWrapper {

        boolean internalError;

        ErrorHoldingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            if (status == SC_INTERNAL_SERVER_ERROR) {
                internalError = true;
            } else {
                super.sendError(status);
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status == SC_INTERNAL_SERVER_ERROR) {
                internalError = true;
            } else {
                super.sendError(status, message);
            }
        }
    }
}
