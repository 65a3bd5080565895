package io.kustomertoken.metrics.control;

import io.kustomertoken.outcomes.entity.RequestAnswered;
import io.kustomertoken.outcomes.entity.TokenIssued;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tokens issued, refusals by problem type and the time signing takes, on the server's own
 * metrics endpoint. No metrics API is on both servers (Payara 6: MicroProfile Metrics 5;
 * WildFly 39: Micrometer, MicroProfile Metrics removed, and MicroProfile Telemetry's metrics
 * only pushed over OTLP), so each server's API sits behind a {@link MetricsBridge}, chosen once by
 * which API this deployment can see, and loaded by name so that the other API is never needed.
 */
@ApplicationScoped
public class TokenMetrics {

    static final String ISSUED = "kustomer.tokens.issued";
    static final String ISSUED_HELP = "Tokens issued";
    static final String REFUSED = "kustomer.tokens.refused";
    static final String REFUSED_HELP = "Requests for a token refused, by problem type";
    static final String PROBLEM_TAG = "problem";
    static final String SIGNING = "kustomer.signing";
    static final String SIGNING_HELP = "Time to sign a token";
    static final String OTHER_PROBLEM = "other";
    static final String APPLICATION_TAG = "application";

    private static final Logger LOG = Logger.getLogger(TokenMetrics.class.getName());
    private static final String[][] BRIDGES = {
        {"io.micrometer.core.instrument.MeterRegistry", "io.kustomertoken.metrics.control.MicrometerBridge"},
        {"org.eclipse.microprofile.metrics.MetricRegistry", "io.kustomertoken.metrics.control.MicroProfileMetricsBridge"},
    };

    // Through an injected Instance, not CDI.current(): Payara's registry producer reads the
    // annotations of the injection point, which a programmatic lookup does not have.
    @Inject
    Instance<Object> beans;

    private volatile MetricsBridge bridge = MetricsBridge.NONE;

    /**
     * At deployment, so that the counters are on the endpoint (at 0) before the first request.
     * Every meter is tagged with the context path ({@value #APPLICATION_TAG}): both WARs may run
     * on one server, and Payara keeps one application registry for all of them.
     */
    void connect(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        bridge = bridgeForThisServer(beans, started.getContextPath());
    }

    /** Counts each answered request of the API: a token, or a refusal by its problem type. */
    void count(@Observes RequestAnswered answered) {
        if (answered.issued()) {
            bridge.issued();
        } else {
            bridge.refused(problemName(answered.problemType()));
        }
    }

    void time(@Observes TokenIssued issued) {
        bridge.signed(issued.signing().toNanos());
    }

    /** The problem type's name; a type that is not ours counts as {@value #OTHER_PROBLEM}. */
    static String problemName(URI problemType) {
        String type = problemType == null ? "" : problemType.toString();
        return type.startsWith(ProblemKind.TYPE_PREFIX) ? type.substring(ProblemKind.TYPE_PREFIX.length()) : OTHER_PROBLEM;
    }

    private static MetricsBridge bridgeForThisServer(Instance<Object> beans, String application) {
        ClassLoader loader = TokenMetrics.class.getClassLoader();
        for (String[] candidate : BRIDGES) {
            try {
                Class.forName(candidate[0], false, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                continue;
            }
            try {
                MetricsBridge found = (MetricsBridge) Class.forName(candidate[1], true, loader)
                        .getDeclaredConstructor(Instance.class, String.class).newInstance(beans, application);
                LOG.info("Token metrics go to " + api(candidate[0]));
                return found;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unusable) {
                // The API is there but no registry is (e.g. WildFly without its micrometer subsystem):
                // not a failure of the service, so no exception above FINE.
                Throwable cause = unusable instanceof InvocationTargetException thrown ? thrown.getCause() : unusable;
                LOG.info("Token metrics: " + api(candidate[0]) + " is visible, but this server gives no registry of it");
                LOG.log(Level.FINE, "Why there is no registry", cause);
            }
        }
        LOG.info("No metrics API on this server: tokens are not counted (docs/operations.md, Metrics).");
        return MetricsBridge.NONE;
    }

    private static String api(String registryClass) {
        return registryClass.substring(0, registryClass.lastIndexOf('.'));
    }
}
