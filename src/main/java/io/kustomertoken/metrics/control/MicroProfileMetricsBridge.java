package io.kustomertoken.metrics.control;

import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Payara (Server and embedded): MicroProfile Metrics 5, the application registry. Loaded by name
 * only where the API is visible.
 */
final class MicroProfileMetricsBridge implements MetricsBridge {

    private final MetricRegistry registry;
    private final Tag application;
    private final Counter issued;
    private final Timer signing;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    MicroProfileMetricsBridge(Instance<Object> beans, String application) {
        registry = beans.select(MetricRegistry.class).get();
        this.application = new Tag(TokenMetrics.APPLICATION_TAG, application);
        issued = registry.counter(Metadata.builder().withName(TokenMetrics.ISSUED)
                .withDescription(TokenMetrics.ISSUED_HELP).build(), this.application);
        signing = registry.timer(Metadata.builder().withName(TokenMetrics.SIGNING)
                .withDescription(TokenMetrics.SIGNING_HELP).withUnit(MetricUnits.SECONDS).build(), this.application);
    }

    @Override
    public void issued() {
        issued.inc();
    }

    @Override
    public void refused(String problem) {
        refused.computeIfAbsent(problem, kind -> registry.counter(Metadata.builder().withName(TokenMetrics.REFUSED)
                .withDescription(TokenMetrics.REFUSED_HELP).build(), application, new Tag(TokenMetrics.PROBLEM_TAG, kind)))
                .inc();
    }

    @Override
    public void signed(long nanos) {
        signing.update(Duration.ofNanos(nanos));
    }
}
