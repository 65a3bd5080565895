package io.kustomertoken.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tokens from the deployed WAR verified by node's jsonwebtoken, the library in Kustomer's own
 * example back end, with the same secret: what Kustomer's side will do with them.
 */
class JsonwebtokenInteropIT extends AgainstDeployedWar {

    private static final File NODE_DIR = new File(System.getProperty("it.node.dir", "src/test/node"));

    @Test
    void jsonwebtokenAcceptsEveryKindOfTokenWithExactlyKustomersClaims() throws Exception {
                List<String> tokens = List.of(
                TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)),
                TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"email\":\"Jane@Example.com\"}")),
                TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"c-7\",\"email\":\"jane@example.com\"}")));

        NodeRun run = verifyWithNode(tokens, Jwts.itSecret());

        assertEquals(0, run.exitCode(), run.output());
        List<JsonObject> results = run.results();
        assertEquals(3, results.size(), run.output());
        for (JsonObject result : results) {
            assertEquals(Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build(),
                    result.getJsonObject("header"));
        }
        assertEquals("alice", results.get(0).getJsonObject("payload").getString("externalId"));
        assertEquals(List.of("externalId", "iat"), List.copyOf(results.get(0).getJsonObject("payload").keySet()));
        assertEquals("jane@example.com", results.get(1).getJsonObject("payload").getString("email"));
        assertEquals(List.of("email", "iat"), List.copyOf(results.get(1).getJsonObject("payload").keySet()));
        assertEquals(List.of("externalId", "email", "iat"),
                List.copyOf(results.get(2).getJsonObject("payload").keySet()));
    }

    @Test
    void jsonwebtokenRejectsTheTokenUnderAnotherSecret() throws Exception {
        String token = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));

        NodeRun run = verifyWithNode(List.of(token), Jwts.itSecret() + "-not-the-same");

        assertEquals(1, run.exitCode(), run.output());
        assertEquals("JsonWebTokenError", run.results().get(0).getString("error"));
    }

    private static NodeRun verifyWithNode(List<String> tokens, String secret) throws IOException, InterruptedException {
        assertTrue(new File(NODE_DIR, "node_modules/jsonwebtoken").isDirectory(),
                "jsonwebtoken is not installed: run the tests through mvn verify");
        ProcessBuilder node = new ProcessBuilder("node", "verify-tokens.mjs").directory(NODE_DIR)
                .redirectErrorStream(true);
        // The secret travels in the child's environment, never on its command line.
        node.environment().put("KUSTOMER_SECRET", secret);
        Process process = node.start();
        process.getOutputStream().write(String.join("\n", tokens).getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not finish within 30 s");
        }
        return new NodeRun(process.exitValue(), output);
    }

    private record NodeRun(int exitCode, String output) {
        List<JsonObject> results() {
            return output.lines().filter(line -> line.startsWith("{"))
                    .map(line -> Json.createReader(new StringReader(line)).readObject())
                    .toList();
        }
    }
}
