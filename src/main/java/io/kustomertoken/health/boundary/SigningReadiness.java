package io.kustomertoken.health.boundary;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.secret.control.SigningSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while a token can be signed: the secret and the identity mode are usable as the service
 * reads them now (the same reads, at most once per {@code kustomer.config.reread-ms}, that the
 * token endpoint uses). Down, the reason names the property to fix and never its value.
 */
@Readiness
@ApplicationScoped
public class SigningReadiness implements HealthCheck {

    static final String NAME = "kustomer-signing";

    @Inject
    SigningSecret secret;

    @Inject
    CallerIdentities identities;

    // Both WARs may run on one server, each with this check: the data says whose it is. Taken at
    // start: the server calls checks outside any request, where ServletContext cannot be injected.
    private volatile String application = "";

    void rememberApplication(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        application = started.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> refusal = secret.refusal().or(identities::modeRefusal);
        return refusal
                .map(reason -> named().down().withData("reason", reason).build())
                .orElseGet(() -> named().up().build());
    }

    private HealthCheckResponseBuilder named() {
        return HealthCheckResponse.named(NAME).withData("application", application);
    }
}
