package io.kustomertoken.demo;

import io.kustomertoken.testsupport.AdminCommands;
import io.kustomertoken.testsupport.DemoAccounts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishException;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;

/**
 * Runs the built WAR on embedded Payara, for trying the service out on this machine:
 * {@code mvn -Prun package}. Creates the demo accounts, listens on 127.0.0.1 only and stays in the
 * foreground until Ctrl-C. The secret reaches the application the way it does on a real server,
 * through MicroProfile Config ({@code KUSTOMER_SECRET}); this class never reads it. With
 * {@code MP_JWT_VERIFY_ISSUER} (and the other MP-JWT settings) in the environment it deploys
 * kustomer-bearer.war beside it (README, "Callers with an access token").
 */
public final class DemoServer {

    static final String HOST = "127.0.0.1";
    static final String CONTEXT_ROOT = "kustomer";
    static final String BEARER_CONTEXT_ROOT = "kustomer-bearer";
    /** MicroProfile Config's name for mp.jwt.verify.issuer in the environment. */
    static final String BEARER_SWITCH = "MP_JWT_VERIFY_ISSUER";
    static final int DEFAULT_PORT = 8080;
    static final String PAGE_PORT_SWITCH = "KUSTOMER_DEMO_PAGE_PORT";
    static final String CORS_SWITCH = "KUSTOMER_CORS_ALLOWED_ORIGINS";
    static final String CORS_PROPERTY = "kustomer.cors.allowed-origins";

    private static final String CONFIG = "embedded-glassfish-config.server.";
    private static final String LISTENER = CONFIG + "network-config.network-listeners.network-listener.";

    /**
     * What the stock embedded domain would open on every interface, closed or moved to loopback.
     * Each entry becomes an {@code asadmin set} before the server starts.
     */
    static final Map<String, String> LOOPBACK_ONLY = Map.of(
            LISTENER + "http-listener.address", HOST,
            LISTENER + "https-listener.enabled", "false",
            // The admin listener may not be disabled while a virtual server names it.
            CONFIG + "http-service.virtual-server.__asadmin.network-listeners", "",
            LISTENER + "admin-listener.enabled", "false",
            CONFIG + "iiop-service.iiop-listener.orb-listener-1.enabled", "false",
            CONFIG + "admin-service.jmx-connector.system.enabled", "false",
            // One member, no cluster: the data grid would listen on 4900 on every interface.
            CONFIG + "hazelcast-config-specific-configuration.enabled", "false");

    /** Answers name no product and no Java version (X-Powered-By, Server): nothing to look up. */
    static final Map<String, String> ANONYMOUS_ANSWERS = Map.of(
            CONFIG + "network-config.protocols.protocol.http-listener.http.xpowered-by", "false",
            CONFIG + "network-config.protocols.protocol.http-listener.http.server-header", "false");

    private static final String EXCEPTION_MARK = "Exception: ";
    /** Where the audit lines go: KUSTOMER_AUDIT_FILE, or target/kustomer-audit.log. */
    static final String AUDIT_FILE_SWITCH = "KUSTOMER_AUDIT_FILE";
    static final String DEFAULT_AUDIT_FILE = "target/kustomer-audit.log";
    // Held here: java.util.logging keeps only weak references to its loggers, and their handlers.
    private static final Logger AUDIT_LOGGER = Logger.getLogger("io.kustomertoken.audit");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile GlassFishRuntime runtime;
    private volatile GlassFish glassfish;
    private volatile DemoPage page;

    public static void main(String[] args) {
        Instant jvmStarted = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        DemoServer server = new DemoServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kustomer-demo-stop"));
        // exec-maven-plugin leaves its child running when Maven alone is killed: leave with Maven.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException("Usage: DemoServer <path to kustomer.war>");
            }
            int port = port(System.getenv("KUSTOMER_PORT"));
            if (bearerWanted(System.getenv(BEARER_SWITCH))) {
                allowThePageOrigin(port(System.getenv(PAGE_PORT_SWITCH), DemoPage.DEFAULT_PORT));
            }
            Path auditFile = auditToFile(System.getenv(AUDIT_FILE_SWITCH));
            server.start(new File(args[0]), port);
            System.out.printf(Locale.ROOT,
                    "Kustomer token service ready at http://%s:%d/%s (demo accounts: %s; started in %.1f s)%n",
                    HOST, port, CONTEXT_ROOT, accountNames(),
                    Duration.between(jvmStarted, Instant.now()).toMillis() / 1000.0);
            System.out.printf(Locale.ROOT, "Health (MicroProfile): http://%s:%d/health/ready (can it sign?),"
                    + " http://%s:%d/health/live%n", HOST, port, HOST, port);
            System.out.printf(Locale.ROOT, "Metrics: http://%s:%d/metrics?scope=application; audit trail: %s%n",
                    HOST, port, auditFile);
            System.out.printf(Locale.ROOT, "OpenAPI description: http://%s:%d/openapi%n", HOST, port);
            if (bearerWanted(System.getenv(BEARER_SWITCH))) {
                System.out.printf(Locale.ROOT, "Callers with an access token of %s: http://%s:%d/%s%n",
                        System.getenv(BEARER_SWITCH).strip(), HOST, port, BEARER_CONTEXT_ROOT);
                System.out.println(server.servePage(new File(args[0]), port));
            }
        } catch (GlassFishException | IOException | RuntimeException failure) {
            System.err.println("Kustomer demo server did not start: " + failure.getMessage());
            System.exit(1);
        }
        server.awaitStop();
    }

    /**
     * The audit trail in a file of its own, one JSON line per decision, as server-config/ sets it
     * up on the real servers: not on the console, where every request would write two lines.
     */
    static Path auditToFile(String configured) throws IOException {
        Path file = Path.of(configured == null || configured.isBlank() ? DEFAULT_AUDIT_FILE : configured.strip());
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // The lines name customers (personal data): readable by this user only, as on the servers.
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        FileHandler handler = new FileHandler(file.toString(), true);
        handler.setEncoding(StandardCharsets.UTF_8.name());
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + System.lineSeparator();
            }
        });
        AUDIT_LOGGER.addHandler(handler);
        AUDIT_LOGGER.setUseParentHandlers(false);
        return file;
    }

    static int port(String configured) {
        return port(configured, DEFAULT_PORT);
    }

    static int port(String configured, int fallback) {
        if (configured == null || configured.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(configured.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below, with the value.
        }
        throw new IllegalArgumentException("KUSTOMER_PORT, KUSTOMER_DEMO_PAGE_PORT and kustomer.port take a port"
                + " number, not '" + configured + "'");
    }

    /** The demo page's origin may call the service, unless the environment names the origins itself. */
    static void allowThePageOrigin(int pagePort) {
        if (System.getenv(CORS_SWITCH) == null && System.getProperty(CORS_PROPERTY) == null) {
            System.setProperty(CORS_PROPERTY, DemoPage.origin(pagePort));
        }
    }

    /** The demo page beside kustomer-bearer.war, if it was built; the line that says where it is, or how to build it. */
    private String servePage(File war, int port) throws IOException {
        Path built = war.getAbsoluteFile().getParentFile().toPath().resolve("demo-web");
        if (!DemoPage.isBuiltIn(built)) {
            return "Demo page (docs/clients.md): not built; (cd src/demo/web && npm ci && npm run build), then run again";
        }
        int pagePort = port(System.getenv(PAGE_PORT_SWITCH), DemoPage.DEFAULT_PORT);
        page = DemoPage.serve(built, pagePort, System.getenv(BEARER_SWITCH).strip(), URI.create("http://" + HOST + ":"
                + port + "/" + BEARER_CONTEXT_ROOT + "/api/v1/tokens"));
        return "Demo page (docs/clients.md): " + DemoPage.origin(pagePort) + "/ (" + CORS_PROPERTY + "="
                + System.getProperty(CORS_PROPERTY, System.getenv(CORS_SWITCH)) + ")";
    }

    private void start(File war, int port) throws GlassFishException {
        if (!war.isFile()) {
            throw new IllegalArgumentException(war + " is missing; build it with mvn package first");
        }
        GlassFishProperties properties = new GlassFishProperties();
        properties.setConfigFileURI(EmbeddedDomain.withoutJms().toURI().toString());
        properties.setPort("http-listener", port);
        LOOPBACK_ONLY.forEach(properties::setProperty);
        ANONYMOUS_ANSWERS.forEach(properties::setProperty);
        runtime = GlassFishRuntime.bootstrap();
        glassfish = runtime.newGlassFish(properties);
        try {
            glassfish.start();
        } catch (GlassFishException failed) {
            throw new IllegalStateException(failed.getMessage() + " (is " + HOST + ":" + port
                    + " in use? KUSTOMER_PORT or -Dkustomer.port choose another port)", failed);
        }
        AdminCommands admin = new AdminCommands(glassfish.getCommandRunner());
        DemoAccounts.createIn(admin, DemoAccounts.DEMO);
        AdminCommands.quietCallerNoiseInThisJvm();
        deploy(war);
        expectTheApplicationAt(URI.create("http://" + HOST + ":" + port + "/" + CONTEXT_ROOT + "/api/v1/tokens"));
        if (bearerWanted(System.getenv(BEARER_SWITCH))) {
            // Beside it, as on a real server: its MP-JWT settings come from the same environment.
            deploy(bearerWarBeside(war));
            expectTheApplicationAt(URI.create("http://" + HOST + ":" + port + "/" + BEARER_CONTEXT_ROOT
                    + "/api/v1/tokens"));
        }
    }

    /** Whether to deploy kustomer-bearer.war too: when its issuer is configured through the environment. */
    static boolean bearerWanted(String issuer) {
        return issuer != null && !issuer.isBlank();
    }

    static File bearerWarBeside(File war) {
        return new File(war.getParentFile(), war.getName().replaceFirst("\\.war$", "") + "-bearer.war");
    }

    /** Through the command rather than the Deployer, which answers a failure with null and no reason. */
    private void deploy(File war) throws GlassFishException {
        CommandResult result = glassfish.getCommandRunner().run("deploy", war.getAbsolutePath());
        if (result.getExitStatus() == CommandResult.ExitStatus.FAILURE) {
            throw new IllegalStateException("deploying " + war + " failed: " + reason(result)
                    + " (the server log above says more)");
        }
    }

    /**
     * The innermost exception message of the report, so a refused secret reads as the application's
     * own explanation. Embedded Payara has no server.log: its log is the console above.
     */
    private static String reason(CommandResult failed) {
        String report = failed.getOutput().replace("PlainTextActionReporterFAILURE", "")
                .replace(". Please see server.log for more details.", "").strip();
        int innermost = report.lastIndexOf(EXCEPTION_MARK);
        return innermost < 0 ? report : report.substring(innermost + EXCEPTION_MARK.length());
    }

    /** The glassfish-web.xml context root must hold, or the ready line would point nowhere. */
    private static void expectTheApplicationAt(URI tokens) {
        HttpRequest anonymous = HttpRequest.newBuilder(tokens).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            int status = HttpClient.newHttpClient().send(anonymous, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 401) {
                throw new IllegalStateException("expected 401 from an anonymous " + tokens + ", got " + status);
            }
        } catch (IOException unreachable) {
            throw new IllegalStateException("the deployed service does not answer at " + tokens, unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + tokens, interrupted);
        }
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on Ctrl-C, SIGTERM and System.exit; JUL may already be shut down, so it prints. */
    private void stop() {
        try {
            if (page != null) {
                page.stop();
            }
            // A server that failed to start has disposed of itself already.
            if (glassfish != null && glassfish.getStatus() != GlassFish.Status.DISPOSED) {
                glassfish.stop();
                glassfish.dispose();
            }
            if (runtime != null) {
                runtime.shutdown();
            }
            System.out.println("Kustomer demo server stopped.");
        } catch (GlassFishException | RuntimeException failure) {
            System.err.println("Kustomer demo server did not stop cleanly: " + failure);
        } finally {
            stopped.countDown();
        }
    }

    private static String accountNames() {
        return DemoAccounts.DEMO.stream().map(DemoAccounts.Account::name).collect(Collectors.joining(", "));
    }
}
