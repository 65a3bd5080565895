package io.kustomertoken.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.ConfigOverride.ScriptRun;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.NodeJsonwebtoken;
import io.kustomertoken.testsupport.ProcessTableWatch;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.StubKustomerApi;
import io.kustomertoken.testsupport.StubKustomerApi.Answer;
import io.kustomertoken.testsupport.TokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator fetches the secret from Kustomer's API with {@code rotate-secret.sh} on a real
 * WildFly or Payara Server (a stub of the API on loopback stands in for Kustomer): the service then
 * signs with it, and nobody watching the process table saw the key or the secret. A fetch that
 * fails says so in one line and leaves the server as it was.
 */
class SecretFromKustomerIT extends AgainstDeployedWar {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path folder;

    private StubKustomerApi kustomer;
    private String apiKey;
    private Path apiKeyFile;

    @BeforeEach
    void kustomerApi() throws IOException {
        ConfigOverride.assumeRealServer();
        kustomer = StubKustomerApi.start();
        apiKey = "it-api-key-" + random(16);
        apiKeyFile = Files.createFile(folder.resolve("kustomer-api.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(apiKeyFile, apiKey + "\n", StandardCharsets.US_ASCII);
    }

    @AfterEach
    void stopKustomerApi() {
        if (kustomer != null) {
            kustomer.close();
        }
    }

    @Test
    void theFetchedSecretSignsTheNextTokenAndNobodySawIt() throws Exception {
        String secret = "fetched-" + random(24);
        // Kustomer is busy once: the fetch waits and asks again.
        kustomer.enqueue(Answer.status(503), Answer.secret(secret));

        ScriptRun run;
        try (ServerLog log = ServerLog.capture();
                ProcessTableWatch watch = ProcessTableWatch.lookingFor(apiKey, secret)) {
            run = config.rotateSecretFromKustomer(kustomer.url(), apiKeyFile);
            assertTrue(watch.sawCommandLineWith("KustomerSecretFetch.java"), "the watch missed the fetch");
            assertTrue(watch.sawCommandLineWith(System.getProperty(ConfigOverride.SERVER_KIND).equals("wildfly")
                    ? "jboss-cli" : "asadmin"), "the watch missed the store");
            assertEquals(List.of(), watch.sightings());
            String logged = log.text();
            assertFalse(logged.contains(apiKey) || logged.contains(secret), "the server log holds the key or the secret");
        }
        Path history = Path.of(System.getProperty("user.home"), ".bash_history");
        if (Files.isReadable(history)) {
            String typed = Files.readString(history, StandardCharsets.ISO_8859_1);
            assertFalse(typed.contains(apiKey) || typed.contains(secret), "the shell history holds the key or the secret");
        }
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("Bearer " + apiKey, "Bearer " + apiKey), kustomer.authorizations());
        assertFalse(run.output().contains(apiKey) || run.output().contains(secret), "the script printed the key or the secret");
        Optional<String> stored = config.stored("kustomer.secret");
        assertTrue(stored.isPresent() && !stored.get().contains(secret), "the secret is stored in clear: " + stored.isPresent());

        String token = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        NodeJsonwebtoken.Run verified = NodeJsonwebtoken.verify(List.of(token), secret);
        assertEquals(0, verified.exitCode(), verified.output());
        assertEquals("alice", verified.results().get(0).getJsonObject("payload").getString("externalId"), verified.output());
    }

    /**
     * A secret Kustomer gives that the service would refuse (under 32 bytes, the server not
     * allowing short ones). Every other refusal (401, 403, 404, not JSON, ...) is the same path in
     * the scripts; KustomerSecretFetchTest covers each against the stub.
     */
    @Test
    void aRefusedFetchSaysWhyInOneLineAndChangesNothing() throws Exception {
        Optional<String> storedBefore = config.stored("kustomer.secret");
        kustomer.enqueue(Answer.secret("only-31-bytes-long-short-secret"));

        ScriptRun run = config.rotateSecretFromKustomer(kustomer.url(), apiKeyFile);

        String error = theOneErrorLine(run);
        assertTrue(error.contains("31 bytes, under 32") && error.contains("allow-short"), error);
        assertFalse(run.output().contains(apiKey), "the script printed the key");
        assertEquals(1, kustomer.requestCount(), "a refused answer is not asked again");
        assertServerUnchanged(storedBefore);
    }

    /** configure.sh reads every input, the fetched secret too, before it changes anything. */
    @Test
    void configureWithARefusedFetchStopsBeforeItChangesAnything() throws Exception {
        Optional<String> storedBefore = config.stored("kustomer.secret");
        kustomer.enqueue(Answer.status(403));

        ScriptRun run = config.configureWithSecretFromKustomer(kustomer.url(), apiKeyFile);

        String error = theOneErrorLine(run);
        assertTrue(error.contains("org.admin.apps"), error);
        assertFalse(run.output().contains("deploy"), "configure.sh went on after the failed fetch: " + run.output());
        assertServerUnchanged(storedBefore);
    }

    /** A failed script: a non-zero exit and exactly one ERROR line, which this returns. */
    private static String theOneErrorLine(ScriptRun run) {
        assertNotEquals(0, run.exitCode(), run.output());
        List<String> errors = run.output().lines().filter(line -> line.contains("ERROR")).toList();
        assertEquals(1, errors.size(), run.output());
        return errors.get(0);
    }

    /** The stored kustomer.secret is as it was, and the tests' secret still signs. */
    private void assertServerUnchanged(Optional<String> storedBefore) throws Exception {
        assertEquals(storedBefore, config.stored("kustomer.secret"));
        Jwts.verified(TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)), Jwts.itSecret());
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
