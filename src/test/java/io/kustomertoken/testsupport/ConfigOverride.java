package io.kustomertoken.testsupport;

import io.kustomertoken.settings.control.ConfigSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Changes MicroProfile Config values of the server under test for real, the way its
 * administrator would, and puts every value back in {@link #restore()}:
 * <ul>
 * <li>embedded Payara runs in the test JVM, so a system property is a config source of the
 * deployed app (the tests set {@code mp.config.cache.duration=0});</li>
 * <li>WildFly: {@code /system-property=…} through its HTTP management API;</li>
 * <li>Payara Server: {@code set-config-property --source=domain} through the admin listener (the domain's config
 * cache is 0 while tested).</li>
 * </ul>
 */
public final class ConfigOverride {

    public static final String SERVER_KIND = "it.server.kind";
    public static final String SERVER_HOME = "it.server.home";

    // A read that started just before the change may still be finishing.
    private static final long REREAD_MARGIN_MS = 250;

    private final Map<String, Optional<String>> originals = new LinkedHashMap<>();
    private Backend backend;
    private boolean secretRotated;

    /** Skips the calling test when the server under test cannot have its configuration changed. */
    public static void assumeChangeable() {
        Assumptions.assumeTrue(backendFor(TestServerExtension.serverUrl(),
                System.getProperty(SERVER_KIND, "")) != null,
                "the server at " + TestServerExtension.serverUrl()
                        + " is of no known kind (-D" + SERVER_KIND + "=wildfly|payara-server)");
    }

    public ConfigOverride set(String key, String value) {
        remember(key);
        backend().set(key, value);
        awaitReread();
        return this;
    }

    /**
     * Changes {@code kustomer.secret} the way the server's administrator is told to: on a real
     * server with {@code server-config/<kind>/rotate-secret.sh} (the secret in a mode-600 file),
     * which changes nothing else and redeploys nothing; embedded, as a system property.
     * {@link #restore()} rotates back to the secret the tests started with.
     */
    public ConfigOverride rotateSecret(String secret) {
        Backend rotating = backend();
        if (!(rotating instanceof SystemProperties)) {
            secretRotated = true;
        } else {
            remember("kustomer.secret");
        }
        rotating.rotateSecret(secret);
        awaitReread();
        return this;
    }

    /** What an administrator script did: its exit code and its output (stdout and stderr). */
    public record ScriptRun(int exitCode, String output) {
    }

    /** Skips the calling test unless the server under test is a real one that server-config/ configures. */
    public static void assumeRealServer() {
        String kind = System.getProperty(SERVER_KIND, "");
        Assumptions.assumeTrue(TestServerExtension.serverUrl() != null
                && (kind.equals("wildfly") || kind.equals("payara-server")),
                "needs a real server configured by server-config/ (-D" + SERVER_KIND + "=wildfly|payara-server)");
    }

    /**
     * The administrator's rotation with the secret fetched from Kustomer's API: {@code
     * server-config/<kind>/rotate-secret.sh} with the API at {@code api} and the key in
     * {@code keyFile}. When it succeeds, {@link #restore()} rotates back to the tests' secret.
     */
    public ScriptRun rotateSecretFromKustomer(URI api, Path keyFile) {
        return secretFromKustomer("rotate-secret.sh", api, keyFile);
    }

    /**
     * As {@link #rotateSecretFromKustomer}, with {@code configure.sh} (which also redeploys
     * {@code it.war} when it succeeds).
     */
    public ScriptRun configureWithSecretFromKustomer(URI api, Path keyFile) {
        return secretFromKustomer("configure.sh", api, keyFile);
    }

    private ScriptRun secretFromKustomer(String script, URI api, Path keyFile) {
        Path war = Path.of(System.getProperty("it.war", "target/kustomer.war")).toAbsolutePath();
        Finished finished = backend().secretFromKustomer(script, war, api, keyFile);
        if (finished.exitCode() == 0) {
            secretRotated = true;
        }
        awaitReread();
        return new ScriptRun(finished.exitCode(), finished.output());
    }

    /** A setting as the server stores it (an alias or encrypted value as written), if set. */
    public Optional<String> stored(String key) {
        return backend().get(key);
    }

    /** Removes a value, so that config sources of lower ordinal are seen. */
    public ConfigOverride clear(String key) {
        remember(key);
        backend().remove(key);
        awaitReread();
        return this;
    }

    /**
     * A real server's administrator deploy step (the one server-config/ runs), so that the
     * deployment-time checks see the changed configuration. Whether it succeeded.
     */
    public boolean redeploy() {
        return backend().redeploy(Path.of(System.getProperty("it.war", "target/kustomer.war")).toAbsolutePath());
    }

    public void restore() {
        if (secretRotated) {
            backend().rotateSecret(Jwts.itSecret());
            secretRotated = false;
            awaitReread();
        }
        originals.forEach((key, value) -> {
            if (value.isPresent()) {
                backend().set(key, value.get());
            } else {
                backend().remove(key);
            }
        });
        if (!originals.isEmpty()) {
            awaitReread();
        }
        originals.clear();
    }

    /**
     * The service reads its settings again at most once per {@code kustomer.config.reread-ms}
     * (the default here): waiting that long, and no longer, also checks that bound.
     */
    private static void awaitReread() {
        try {
            Thread.sleep(ConfigSnapshot.DEFAULT_REREAD_MS + REREAD_MARGIN_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private void remember(String key) {
        if (!originals.containsKey(key)) {
            originals.put(key, backend().get(key));
        }
    }

    private Backend backend() {
        if (backend == null) {
            assumeChangeable();
            backend = backendFor(TestServerExtension.serverUrl(), System.getProperty(SERVER_KIND, ""));
        }
        return backend;
    }

    private static Backend backendFor(String serverUrl, String kind) {
        if (serverUrl == null) {
            return new SystemProperties();
        }
        return switch (kind) {
            case "wildfly" -> new RealWildFly(Path.of(System.getProperty(SERVER_HOME)));
            case "payara-server" -> new RealPayara(Path.of(System.getProperty(SERVER_HOME)));
            default -> null;
        };
    }

    private interface Backend {
        Optional<String> get(String key);

        void set(String key, String value);

        void remove(String key);

        default boolean redeploy(Path war) {
            throw new UnsupportedOperationException("embedded Payara deploys through Arquillian's Deployer");
        }

        default void rotateSecret(String secret) {
            set("kustomer.secret", secret);
        }

        default Finished secretFromKustomer(String script, Path war, URI api, Path keyFile) {
            throw new UnsupportedOperationException("only a real server has server-config/ scripts");
        }
    }

    /** Runs an administrator script of server-config/ with the secret in a private file. */
    private static void rotateWithScript(String kind, String secret, Map<String, String> environment,
            String... arguments) {
        Path file = null;
        try {
            file = Files.createTempFile("kustomer-it-secret", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            String path = file.toString();
            List<String> command = new ArrayList<>(List.of("bash", Path.of("server-config", kind, "rotate-secret.sh").toString()));
            for (String argument : arguments) {
                command.add(argument.replace("{file}", path));
            }
            Map<String, String> withFile = new LinkedHashMap<>(environment);
            withFile.replaceAll((name, value) -> value.replace("{file}", path));
            Finished finished = execute(command, withFile);
            if (finished.exitCode() != 0) {
                throw new IllegalStateException("rotate-secret.sh failed: " + finished.output());
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } finally {
            deleteQuietly(file);
        }
    }

    private static final class SystemProperties implements Backend {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(System.getProperty(key));
        }

        @Override
        public void set(String key, String value) {
            System.setProperty(key, value);
        }

        @Override
        public void remove(String key) {
            System.clearProperty(key);
        }
    }

    /**
     * Values through WildFly's HTTP management API (what jboss-cli sends, without its JVM start);
     * the administrator's scripts and the redeploy still go through jboss-cli.
     */
    private record RealWildFly(Path home, WildFlyManagement management) implements Backend {
        private static final String CONTROLLER = "127.0.0.1:10290";

        RealWildFly(Path home) {
            this(home, WildFlyManagement.of(CONTROLLER, home.resolve("kustomer-it/management.pw")));
        }

        @Override
        public Optional<String> get(String key) {
            return management.systemProperty(key);
        }

        @Override
        public void set(String key, String value) {
            management.setSystemProperty(key, value);
        }

        @Override
        public void remove(String key) {
            management.removeSystemProperty(key);
        }

        @Override
        public boolean redeploy(Path war) {
            return succeeds(connected("--command=deploy \"" + war + "\" --name=kustomer.war --force"));
        }

        @Override
        public void rotateSecret(String secret) {
            rotateWithScript("wildfly", secret, Map.of("JBOSS_HOME", home.toString(), "CONTROLLER", CONTROLLER),
                    "--secret-file", "{file}");
        }

        @Override
        public Finished secretFromKustomer(String script, Path war, URI api, Path keyFile) {
            List<String> command = new ArrayList<>(List.of("bash", Path.of("server-config", "wildfly", script).toString()));
            if (script.equals("configure.sh")) {
                command.addAll(List.of("--war", war.toString()));
            }
            command.addAll(List.of("--secret-from-kustomer-url", api.toString(), "--api-key-file", keyFile.toString()));
            return execute(command, Map.of("JBOSS_HOME", home.toString(), "CONTROLLER", CONTROLLER));
        }

        private List<String> connected(String what) {
            return List.of(home.resolve("bin/jboss-cli.sh").toString(), "-c", "--controller=" + CONTROLLER, what);
        }
    }

    /**
     * Values through the admin listener (what asadmin sends, without its JVM start); the
     * administrator's scripts and the redeploy still go through asadmin.
     */
    private record RealPayara(Path home, PayaraAdmin admin) implements Backend {
        RealPayara(Path home) {
            this(home, new PayaraAdmin("127.0.0.1:20048"));
        }

        // As stored: get-config-property would resolve ${ALIAS=...}, and restore() would then
        // write the secret itself into domain.xml.
        @Override
        public Optional<String> get(String key) {
            return admin.configProperty(key);
        }

        @Override
        public void rotateSecret(String secret) {
            rotateWithScript("payara", secret, Map.of("ASADMIN", home.resolve("bin/asadmin").toString(),
                    "ASADMIN_OPTS", "--host 127.0.0.1 --port 20048", "KUSTOMER_SECRET_FILE", "{file}"));
        }

        @Override
        public Finished secretFromKustomer(String script, Path war, URI api, Path keyFile) {
            List<String> command = new ArrayList<>(List.of("bash", Path.of("server-config", "payara", script).toString()));
            if (script.equals("configure.sh")) {
                command.add(war.toString());
            }
            return execute(command,
                    Map.of("ASADMIN", home.resolve("bin/asadmin").toString(), "ASADMIN_OPTS", "--host 127.0.0.1 --port 20048",
                            "KUSTOMER_SECRET_FROM_KUSTOMER_URL", api.toString(), "KUSTOMER_API_KEY_FILE", keyFile.toString()));
        }

        @Override
        public void set(String key, String value) {
            admin.setConfigProperty(key, value);
        }

        @Override
        public void remove(String key) {
            admin.deleteConfigProperty(key);
        }

        @Override
        public boolean redeploy(Path war) {
            return succeeds(line("deploy", "--force=true", "--name", "kustomer", war.toString()));
        }

        private List<String> line(String... command) {
            List<String> line = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString(), "--interactive=false",
                    "--host", "127.0.0.1", "--port", "20048", "--terse=true"));
            line.addAll(List.of(command));
            return line;
        }
    }

    private static boolean succeeds(List<String> command) {
        return execute(command, CLIENT_JVM).exitCode() == 0;
    }

    /**
     * jboss-cli and asadmin are short-lived JVMs, started for every redeploy: the JIT's first tier
     * and the serial collector start jboss-cli in about 1.9 s instead of 2.5 s on 2 cores (the
     * same default as server-config/wildfly/common.sh). asadmin's own script ignores JAVA_OPTS.
     */
    private static final Map<String, String> CLIENT_JVM = Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    private record Finished(int exitCode, String output) {
    }

    /**
     * The output goes to a file, not a pipe: a read of the pipe would wait for the command however
     * long it hangs, and the time limit would never apply. A command that hangs has the servers'
     * threads printed before it is ended.
     */
    private static Finished execute(List<String> command, Map<String, String> environment) {
        Path output = null;
        try {
            output = Files.createTempFile("kustomer-it-command", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                ServerThreads.print(String.join(" ", command) + " did not finish within 180 s");
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 180 s; its output: " + Files.readString(output));
            }
            return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file; the OS cleans up what is left.
            }
        }
    }
}
