package io.kustomertoken.metrics.control;

/**
 * What the service counts, in terms of no metrics API: each server's own API sits behind one
 * implementation, loaded only where that API exists ({@link TokenMetrics}).
 */
interface MetricsBridge {

    void issued();

    /** A refusal, by its problem type's last part ({@code too-many-tokens}), a bounded set. */
    void refused(String problem);

    void signed(long nanos);

    /** Where nothing is counted: a server without either API, or without its subsystem. */
    MetricsBridge NONE = new MetricsBridge() {
        @Override
        public void issued() {
        }

        @Override
        public void refused(String problem) {
        }

        @Override
        public void signed(long nanos) {
        }
    };
}
