package io.kustomertoken.health.boundary;

import io.kustomertoken.health.control.SigningConditions;
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
 * Ready while a token can be signed ({@link SigningConditions}). Down, the reason names the
 * property to fix and never its value.
 */
@Readiness
@ApplicationScoped
public class SigningReadiness implements HealthCheck {

    static final String NAME = "kustomer-signing";

    @Inject
    SigningConditions conditions;

    // Both WARs may run on one server, each with this check: the data says whose it is. Taken at
    // start: the server calls checks outside any request, where ServletContext cannot be injected.
    private volatile String application = "";

    void rememberApplication(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        application = started.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> refusal = conditions.refusal();
        return refusal
                .map(reason -> named().down().withData("reason", reason).build())
                .orElseGet(() -> named().up().build());
    }

    private HealthCheckResponseBuilder named() {
        return HealthCheckResponse.named(NAME).withData("application", application);
    }
}
