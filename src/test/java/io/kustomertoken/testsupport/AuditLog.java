package io.kustomertoken.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;

/**
 * The audit lines the server under test writes from now on. Embedded Payara logs through this
 * JVM's java.util.logging, so a handler on the audit logger sees each line; a real server writes
 * them to the file that server-config/ routes the audit logger to ({@code it.audit.log}), which
 * holds nothing else.
 */
public abstract sealed class AuditLog implements AutoCloseable {

    public static final String AUDIT_LOG = "it.audit.log";
    public static final String LOGGER = "io.kustomertoken.audit";

    public static AuditLog capture() throws InterruptedException {
        AuditLog log;
        if (TestServerExtension.serverUrl() == null) {
            log = new InThisJvm();
        } else {
            String file = System.getProperty(AUDIT_LOG, "");
            Assumptions.assumeFalse(file.isBlank(), "no audit file known for the server under test (-D" + AUDIT_LOG + ")");
            log = new AuditFile(Path.of(file));
        }
        log.settle();
        return log;
    }

    /** How long no line must come before the lines of earlier requests count as all written. */
    private static final Duration QUIET = Duration.ofMillis(250);
    private int earlier;

    /**
     * The lines of requests answered before {@link #capture()} may still be on their way (the
     * service's one writer thread writes them just after the answer): wait until none has come
     * for {@link #QUIET}, at most 3 s, and leave those out.
     */
    private void settle() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(3);
        int seen = written().size();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(QUIET.toMillis());
            int now = written().size();
            if (now == seen) {
                break;
            }
            seen = now;
        }
        earlier = seen;
    }

    /** True when the lines come from the administrator's own audit file. */
    public abstract boolean isFile();

    /** The lines written since {@link #capture()}, once there are at least {@code count}, or after 10 s. */
    public List<JsonObject> awaitLines(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<String> lines = lines();
        while (lines.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            lines = lines();
        }
        return lines.stream().map(AuditLog::parse).toList();
    }

    /** The lines written since {@link #capture()}, as they are. */
    public List<String> lines() {
        List<String> all = written();
        return all.subList(Math.min(earlier, all.size()), all.size());
    }

    /** Every line written since this object was made. */
    protected abstract List<String> written();

    /** Who may read the lines: the file's permissions; none in this JVM. */
    public abstract Optional<Set<PosixFilePermission>> permissions() throws IOException;

    private static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (RuntimeException notJson) {
            throw new AssertionError("an audit line is not one JSON object: " + line, notJson);
        }
    }

    @Override
    public void close() {
    }

    private static final class InThisJvm extends AuditLog {
        private final CollectingHandler handler = new CollectingHandler(Logger.getLogger(LOGGER), LogRecord::getMessage);

        @Override
        public boolean isFile() {
            return false;
        }

        @Override
        protected List<String> written() {
            return handler.texts();
        }

        @Override
        public Optional<Set<PosixFilePermission>> permissions() {
            return Optional.empty();
        }

        @Override
        public void close() {
            handler.close();
        }
    }

    private static final class AuditFile extends AuditLog {
        private final Path file;
        private final long start;

        AuditFile(Path file) {
            this.file = file;
            try {
                this.start = Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the audit file " + file, unreadable);
            }
        }

        @Override
        public boolean isFile() {
            return true;
        }

        @Override
        public Optional<Set<PosixFilePermission>> permissions() throws IOException {
            return Optional.of(Files.getPosixFilePermissions(file));
        }

        @Override
        protected List<String> written() {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = ServerLog.LogFile.tail(file, start);
            // A line still being written counts once its line break is there.
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end).lines().toList();
        }
    }
}
