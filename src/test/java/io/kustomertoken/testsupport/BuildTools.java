package io.kustomertoken.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the integration tests need from outside the JVM, set up the first time a test needs it
 * rather than by every build: the node packages of src/test/node (npm ci) and, through
 * {@link OpenIdProvider#ensureRunning()}, Keycloak. A plain {@code mvn package} needs neither.
 */
public final class BuildTools {

    private static final Path NODE_DIR = Path.of(System.getProperty("it.node.dir", "src/test/node"));

    private BuildTools() {
    }

    /** src/test/node with its packages installed exactly as package-lock.json pins them. */
    public static synchronized File nodeDirectory() {
        Path installed = NODE_DIR.resolve("node_modules/.package-lock.json");
        try {
            if (!Files.exists(installed) || Files.getLastModifiedTime(installed)
                    .compareTo(Files.getLastModifiedTime(NODE_DIR.resolve("package-lock.json"))) < 0) {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), NODE_DIR.toFile(),
                        Duration.ofMinutes(5));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return NODE_DIR.toFile();
    }

    /** Runs a command to its end with its output on the test's, failing the test if it fails. */
    static void run(List<String> command, Duration limit) {
        run(command, new File("."), limit);
    }

    private static void run(List<String> command, File directory, Duration limit) {
        try {
            // Through this JVM's System.out: surefire's channel breaks if a child writes to it directly.
            Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
            Thread copy = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(System.out);
                } catch (IOException closed) {
                    // the process was ended: nothing more to copy
                }
            });
            copy.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + limit);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue());
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
