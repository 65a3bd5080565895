package io.kustomertoken.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Up while the application runs. A configuration that cannot sign is a readiness matter: a restart
 * would not fix it, so liveness never reports it.
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {

    static final String NAME = "kustomer-token-service";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up(NAME);
    }
}
