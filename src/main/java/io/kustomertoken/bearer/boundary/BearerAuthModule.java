package io.kustomertoken.bearer.boundary;

import io.kustomertoken.bearer.control.AccessTokenVerifier;
import io.kustomertoken.bearer.entity.AccessToken;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * {@link BearerMechanism}'s sign-in as the Jakarta Authentication module of kustomer-bearer.war,
 * in place of the bridge through which the servers run a Jakarta Security mechanism. That bridge
 * (Soteria's, on both servers) looks the mechanism bean up through JNDI twice a request: 9 % of a
 * bearer request's CPU on Payara Server (JFR, issue 26). The same check, the same answers, and
 * the same two callbacks as the mechanism's {@code notifyContainerAboutLogin}.
 */
final class BearerAuthModule implements ServerAuthModule {

    /** Jakarta Authentication, Servlet Container Profile: "true" when the resource is protected. */
    private static final String PROTECTED = "jakarta.security.auth.message.MessagePolicy.isMandatory";

    private final AccessTokenVerifier verifier;
    private CallbackHandler container;

    BearerAuthModule(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
            @SuppressWarnings("rawtypes") Map options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject caller, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        Optional<AccessToken> token = BearerMechanism.callerOf(request, verifier);
        if (token.isPresent()) {
            tell(new CallerPrincipalCallback(caller, token.get()),
                    new GroupPrincipalCallback(caller, token.get().getGroups().toArray(String[]::new)));
            return AuthStatus.SUCCESS;
        }
        if (Boolean.parseBoolean(String.valueOf(message.getMap().get(PROTECTED)))) {
            try {
                // The error page of the WAR answers it, with the challenge (ChallengeFilter).
                ((HttpServletResponse) message.getResponseMessage()).sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } catch (IOException gone) {
                throw (AuthException) new AuthException("the 401 could not be sent").initCause(gone);
            }
            return AuthStatus.SEND_FAILURE;
        }
        // An open resource (health, OpenAPI) without a usable token: the caller stays anonymous.
        tell(new CallerPrincipalCallback(caller, (String) null));
        return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }

    private void tell(Callback... callbacks) throws AuthException {
        try {
            container.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException refused) {
            throw (AuthException) new AuthException("the container refused the caller").initCause(refused);
        }
    }
}
