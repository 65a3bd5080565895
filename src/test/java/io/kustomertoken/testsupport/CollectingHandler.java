package io.kustomertoken.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps, as text, every record a logger of this JVM (embedded Payara's) publishes while attached. */
final class CollectingHandler extends Handler {

    private final Logger logger;
    private final Function<LogRecord, String> asText;
    private final List<String> texts = new ArrayList<>();

    /** Attaches to {@code logger} at once; {@link #close()} detaches. */
    CollectingHandler(Logger logger, Function<LogRecord, String> asText) {
        this.logger = logger;
        this.asText = asText;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String text = asText.apply(record);
        synchronized (texts) {
            texts.add(text);
        }
    }

    /** What was published so far, in order. */
    List<String> texts() {
        synchronized (texts) {
            return List.copyOf(texts);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
