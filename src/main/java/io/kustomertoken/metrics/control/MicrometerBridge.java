package io.kustomertoken.metrics.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * WildFly: Micrometer, the metrics API its {@code micrometer} subsystem gives deployments (it
 * replaced MicroProfile Metrics there). Loaded by name only where Micrometer is visible. Meters
 * are made with the registry's own methods, not the builders: WildFly's per-deployment registry
 * passes only those on to the registries it exports (the builders' meters stayed invisible),
 * and it tags each meter with the deployment.
 */
final class MicrometerBridge implements MetricsBridge {

    private final MeterRegistry registry;
    private final Tags application;
    private final Counter issued;
    private final Timer signing;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    MicrometerBridge(Instance<Object> beans, String application) {
        registry = beans.select(MeterRegistry.class).get();
        this.application = Tags.of(TokenMetrics.APPLICATION_TAG, application);
        issued = registry.counter(TokenMetrics.ISSUED, this.application);
        signing = registry.timer(TokenMetrics.SIGNING, this.application);
    }

    @Override
    public void issued() {
        issued.increment();
    }

    @Override
    public void refused(String problem) {
        refused.computeIfAbsent(problem, kind -> registry.counter(TokenMetrics.REFUSED,
                application.and(TokenMetrics.PROBLEM_TAG, kind))).increment();
    }

    @Override
    public void signed(long nanos) {
        signing.record(nanos, TimeUnit.NANOSECONDS);
    }
}
