package io.kustomertoken.identity.control;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.identity.entity.IdentityMode;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.requests.control.ServedRequest;
import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The container's view of the current caller and the configured identity mode. The mode is read
 * through {@link Config} again at most once per {@code kustomer.config.reread-ms}
 * ({@link ConfigSnapshot}), so that a changed value applies without a redeploy.
 */
@ApplicationScoped
public class CallerIdentities {

    private static final Logger LOG = Logger.getLogger(CallerIdentities.class.getName());
    private static final String CALLER_ATTRIBUTE = CallerIdentities.class.getName() + ".caller";
    private static final String BAD_MODE = IdentityMode.CONFIG_KEY
            + " must be externalId, email or both; it is set to something else.";

    @Inject
    Config config;

    @Inject
    OwnNames names;

    private ConfigSnapshot<IdentityMode> snapshot;

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, this::configuredModeOrLogged);
    }

    /** Fails the deployment on a mode this service does not know, before any caller sees it. */
    void checkModeAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (configuredMode().isEmpty()) {
            LOG.severe(BAD_MODE + " The deployment stops here.");
            throw new IllegalStateException(BAD_MODE);
        }
    }

    /**
     * The caller the container authenticated for this request. Its roles are asked once per
     * request (each {@code isUserInRole} is a JACC permission check on Payara) and kept as a
     * request attribute, which only code on the server can set.
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

    public IdentityMode mode() {
        return snapshot.get();
    }

    /** Why no identity mode applies now (an unknown value), naming the property; empty when one does. */
    public Optional<String> modeRefusal() {
        try {
            snapshot.get();
            return Optional.empty();
        } catch (ProblemException unknownMode) {
            return Optional.of(BAD_MODE);
        }
    }

    private IdentityMode configuredModeOrLogged() {
        return configuredMode().orElseThrow(() -> {
            LOG.severe(BAD_MODE);
            return new ProblemException(ProblemKind.SIGNING_UNAVAILABLE,
                    "The service is not configured correctly; its log says how to fix it.");
        });
    }

    /** The identity to sign for the current caller and what its request names. */
    public Identity resolve(Identity named) {
        return IdentityEntitlement.resolve(current(), mode(), named);
    }

    private Optional<IdentityMode> configuredMode() {
        return config.getOptionalValue(IdentityMode.CONFIG_KEY, String.class)
                .map(IdentityMode::fromConfig)
                .orElse(Optional.of(IdentityMode.EXTERNAL_ID));
    }
}
