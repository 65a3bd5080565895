package io.kustomertoken.testsupport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the server under test logs from now on. Embedded Payara logs through this JVM's
 * java.util.logging, so a handler on the root logger sees every record; a real server writes
 * its log file ({@code it.server.log}), read from where it ended when capturing began.
 */
public abstract sealed class ServerLog implements AutoCloseable {

    public static final String SERVER_LOG = "it.server.log";

    public static ServerLog capture() {
        if (TestServerExtension.serverUrl() == null) {
            return new InThisJvm();
        }
        String file = System.getProperty(SERVER_LOG, "");
        Assumptions.assumeFalse(file.isBlank(), "no log file known for the server under test (-D" + SERVER_LOG + ")");
        return new LogFile(Path.of(file));
    }

    /** Everything logged since {@link #capture()}, once it contains {@code expected} or after 10 s. */
    public String awaitText(String expected) throws InterruptedException {
        return awaitText(expected, Duration.ofSeconds(10));
    }

    /** Everything logged since {@link #capture()}, once it contains {@code expected} or after {@code atMost}. */
    public String awaitText(String expected, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        String text = text();
        while (!text.contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            text = text();
        }
        return text;
    }

    /** Everything logged since {@link #capture()}, now. */
    public abstract String text();

    // Where a record begins: Payara "[2026-12-01T…", WildFly "2026-12-01 …", java.util.logging "Dec 01, 2026 …".
    private static final Pattern RECORD_START = Pattern.compile("\\[?\\d{4}-\\d{2}-\\d{2}[T ]|[A-Z][a-z]{2} \\d{2}, \\d{4} ");

    /**
     * The records of {@code text} above INFO, or with a stack trace: what a caller's request must
     * never leave behind.
     */
    public static List<String> recordsAboveInfo(String text) {
        return records(text).stream()
                .filter(record -> record.contains("SEVERE") || record.contains("WARN") || record.contains("ERROR ")
                        || record.contains("Exception") || record.contains("\tat "))
                .toList();
    }

    /** The log text cut into records, each with its continuation lines (a stack trace). */
    public static List<String> records(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.lines().toList()) {
            if (current == null || RECORD_START.matcher(line).lookingAt()) {
                if (current != null) {
                    records.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            records.add(current.toString());
        }
        return records;
    }

    @Override
    public void close() {
    }

    private static final class InThisJvm extends ServerLog {
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final CollectingHandler handler = new CollectingHandler(Logger.getLogger(""), this::withStackTrace);

        private String withStackTrace(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(formatter.format(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            return text.toString();
        }

        @Override
        public String text() {
            return String.join("", handler.texts());
        }

        @Override
        public void close() {
            handler.close();
        }
    }

    /**
     * A server's log file, read from where it ended when capturing began. A server rotates its log
     * (WildFly at midnight, Payara by size): the lines written since then are the rest of the
     * rotated file, found beside it by its inode, followed by the whole new file.
     */
    static final class LogFile extends ServerLog {
        private final Path file;
        private final Object inode;
        private final long start;

        LogFile(Path file) {
            this.file = file;
            try {
                this.inode = Files.getAttribute(file, "unix:ino");
                this.start = Files.size(file);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the server log " + file, unreadable);
            }
        }

        @Override
        public String text() {
            try {
                Object now = Files.exists(file) ? Files.getAttribute(file, "unix:ino") : null;
                if (inode.equals(now)) {
                    return tail(file, start);
                }
                // Rotated: a new file may not be there yet.
                return rotated().map(old -> tail(old, start)).orElse("") + (now == null ? "" : tail(file, 0));
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the server log " + file, unreadable);
            }
        }

        private Optional<Path> rotated() throws IOException {
            try (Stream<Path> beside = Files.list(file.getParent())) {
                return beside.filter(candidate -> {
                    try {
                        return inode.equals(Files.getAttribute(candidate, "unix:ino"));
                    } catch (IOException gone) {
                        return false;
                    }
                }).findFirst();
            }
        }

        /** The file from byte {@code from} on, as UTF-8; empty when it is not that long. */
        static String tail(Path log, long from) {
            try (RandomAccessFile read = new RandomAccessFile(log.toFile(), "r")) {
                long length = read.length();
                if (length <= from) {
                    return "";
                }
                byte[] added = new byte[(int) (length - from)];
                read.seek(from);
                read.readFully(added);
                return new String(added, StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the server log " + log, unreadable);
            }
        }
    }
}
