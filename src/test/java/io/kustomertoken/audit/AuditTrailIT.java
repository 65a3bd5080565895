package io.kustomertoken.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.AuditLog;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every outcome of the contract leaves exactly one audit line with the right fields, and nothing
 * a caller sends can forge one. Embedded Payara (the audit logger in this JVM) and both real
 * servers (the audit file server-config/ routes the logger to, {@code -Dit.audit.log}).
 */
class AuditTrailIT extends AgainstDeployedWar {

    static final String PROBLEM = "urn:kustomer-token-service:problem:";
    static final String CUSTOMER = "kustomer-customer";
    static final String DELEGATE = "kustomer-token-delegate";
    static final String FORGED = "cust\"}\n{\"outcome\":\"issued\",\"caller\":\"admin\"}\r\u2028\u202e";

    private final List<String> tokens = new ArrayList<>();

    @Test
    void eachOutcomeOfTheContractLeavesExactlyOneLineWithItsFields() throws Exception {
        try (AuditLog audit = AuditLog.capture(); ServerLog serverLog = ServerLog.capture()) {
            Instant before = Instant.now().minusSeconds(1);
            List<Map<String, Object>> expected = new ArrayList<>();

            expect(audit, expected, () -> issued(service.postEmpty(DemoAccounts.ALICE)),
                    line(200, null, "alice", CUSTOMER, "externalId", "alice", null));
            expect(audit, expected, () -> issued(service.postJson(DemoAccounts.BFF, "{\"email\":\" Jane@Example.com\"}")),
                    line(200, null, "bff", DELEGATE, "email", null, "jane@example.com"));
            expect(audit, expected, () -> issued(service.postJson(DemoAccounts.BFF,
                    "{\"externalId\":\"cust-7\",\"email\":\"jane@example.com\"}")),
                    line(200, null, "bff", DELEGATE, "email", "cust-7", "jane@example.com"));
            expect(audit, expected, () -> service.send(HttpRequest.newBuilder(service.tokens())
                    .POST(HttpRequest.BodyPublishers.noBody())),
                    line(401, "unauthorized", null, null, null, null, null));
            expect(audit, expected, () -> service.send(TokenService.authorized(service.tokens(), "alice", "not-her-password")
                    .POST(HttpRequest.BodyPublishers.noBody())),
                    line(401, "unauthorized", null, null, null, null, null));
            expect(audit, expected, () -> service.postEmpty(DemoAccounts.MALLORY),
                    line(403, "forbidden", "mallory", null, null, null, null));
            expect(audit, expected, () -> service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"carol\"}"),
                    line(403, "identity-not-permitted", "alice", CUSTOMER, "externalId", "carol", null));
            expect(audit, expected, () -> service.postJson(DemoAccounts.BFF, "{not json"),
                    line(400, "malformed-json", "bff", null, null, null, null));
            expect(audit, expected, () -> service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("alice"))),
                    line(415, "unsupported-media-type", "bff", null, null, null, null));
            expect(audit, expected, () -> service.postJson(DemoAccounts.BFF, "{\"externalId\":\"x\",\"admin\":true}"),
                    line(422, "invalid-request", "bff", null, null, null, null));
            expect(audit, expected, () -> service.postJson(DemoAccounts.BFF,
                    "{\"externalId\":" + jsonString(FORGED) + "}"),
                    line(422, "invalid-identity", "bff", DELEGATE, "externalId", FORGED, null));
            expect(audit, expected, () -> service.postEmpty(DemoAccounts.BFF),
                    line(422, "missing-identity", "bff", DELEGATE, null, null, null));
            expect(audit, expected, () -> service.postJson(DemoAccounts.BFF,
                    "{\"externalId\":\"" + "x".repeat(9000) + "\"}"),
                    line(413, "payload-too-large", "bff", null, null, null, null));
            expect(audit, expected, () -> service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE).GET()),
                    line(405, "method-not-allowed", "alice", null, null, null, null));
            expect(audit, expected, () -> service.send(TokenService.authorized(service.resolve("api/v1/elsewhere"),
                    DemoAccounts.ALICE).POST(HttpRequest.BodyPublishers.noBody())),
                    line(404, "not-found", "alice", null, null, null, null));

            expect(audit, expected, () -> service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                    .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.noBody())),
                    line(406, "not-acceptable", "alice", null, null, null, null));
            expect(audit, expected, () -> service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                    .header("Accept", "application/json;q=5").POST(HttpRequest.BodyPublishers.noBody())),
                    line(400, "bad-request", "alice", null, null, null, null));
            // A body that arrives in two pieces is read without blocking and answered on an async
            // dispatch: its line is written when that ends, once.
            assertTrue(sentInTwoPieces("{\"externalId\":", "\"in-pieces\"}").startsWith("HTTP/1.1 200"));
            expectLine(audit, expected, line(200, null, "bff", DELEGATE, "externalId", "in-pieces", null));

            // However the path is written, a request the container maps to the API leaves its line.
            String tokens = service.tokens().toString();
            for (String written : List.of("/%61pi/v1/tokens", "/api;x=1/v1/tokens", "/other/../api/v1/tokens", "//api/v1/tokens")) {
                // URI.create keeps the path as written (resolve would normalise it).
                URI uri = URI.create(tokens.replace("/api/v1/tokens", written));
                HttpResponse<String> answer = service.send(TokenService.authorized(uri, DemoAccounts.ALICE)
                        .POST(HttpRequest.BodyPublishers.noBody()));
                Map<String, Object> fields = new HashMap<>();
                fields.put("status", answer.statusCode());
                fields.put("outcome", answer.statusCode() == 200 ? "issued" : "refused");
                expectLine(audit, expected, fields);
            }

            Thread.sleep(500);
            List<JsonObject> lines = audit.awaitLines(expected.size());
            assertEquals(expected.size(), lines.size(), "one line per request, no more:\n" + String.join("\n", audit.lines()));
            Instant after = Instant.now().plusSeconds(1);
            for (JsonObject written : lines) {
                Instant time = Instant.parse(written.getString("time"));
                assertTrue(!time.isBefore(before) && !time.isAfter(after), written.toString());
                assertEquals("127.0.0.1", written.getString("remoteAddress"), written.toString());
                assertEquals("kustomer-token", written.getString("event"));
            }
            assertNothingSecretIn(audit.lines());
            if (audit.isFile()) {
                String logged = serverLog.text();
                assertFalse(logged.contains("\"event\":\"kustomer-token\""),
                        "the audit lines go to their own file only:\n" + logged);
            }
        }
    }

    // The lines name customers (personal data): the file is the server user's alone (configure.sh
    // on WildFly and Payara Server, the run command's own file alike).
    @Test
    void theAuditFileIsReadableByTheServersUserOnly() throws Exception {
        try (AuditLog audit = AuditLog.capture()) {
            assertEquals(200, service.postEmpty(DemoAccounts.ALICE).statusCode());
            audit.awaitLines(1);
            Optional<Set<PosixFilePermission>> permissions = audit.permissions();
            Assumptions.assumeTrue(permissions.isPresent(), "the lines are kept in this JVM, not in a file");
            assertEquals(PosixFilePermissions.fromString("rw-------"), permissions.get());
        }
    }

    @Test
    void refusalsThatDependOnTheConfigurationAreAuditedToo() throws Exception {
        ConfigOverride.assumeChangeable();
        try (AuditLog audit = AuditLog.capture()) {
            List<Map<String, Object>> expected = new ArrayList<>();
            config.set("kustomer.token.identity", "email");
            expect(audit, expected, () -> service.postEmpty(DemoAccounts.ALICE),
                    line(403, "caller-identity-unusable", "alice", CUSTOMER, null, null, null));
            config.set("kustomer.secret", "only-31-bytes-long-short-secret");
            expect(audit, expected, () -> service.postJson(DemoAccounts.BFF, "{\"externalId\":\"cust-8\"}"),
                    line(503, "signing-unavailable", "bff", DELEGATE, "externalId", "cust-8", null));
            Thread.sleep(500);
            assertEquals(expected.size(), audit.awaitLines(expected.size()).size(), String.join("\n", audit.lines()));
        }
    }

    private HttpResponse<String> issued(HttpResponse<String> response) {
        tokens.add(TokenService.tokenFrom(response));
        return response;
    }

    /** Sends one request, then waits for its line and compares every field it names. */
    private static void expect(AuditLog audit, List<Map<String, Object>> expected, Supplier<HttpResponse<String>> request,
            Map<String, Object> fields) throws InterruptedException {
        HttpResponse<String> response = request.get();
        assertEquals(fields.get("status"), response.statusCode(), response.body());
        expectLine(audit, expected, fields);
    }

    private static void expectLine(AuditLog audit, List<Map<String, Object>> expected, Map<String, Object> fields)
            throws InterruptedException {
        expected.add(fields);
        List<JsonObject> lines = audit.awaitLines(expected.size());
        assertEquals(expected.size(), lines.size(), "no line for " + fields + ":\n" + String.join("\n", audit.lines()));
        JsonObject written = lines.get(lines.size() - 1);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            JsonValue value = written.get(field.getKey());
            Object actual = switch (value.getValueType()) {
                case NULL -> null;
                case NUMBER -> written.getInt(field.getKey());
                default -> written.getString(field.getKey());
            };
            assertEquals(field.getValue(), actual, field.getKey() + " in " + written);
        }
    }

    private static Map<String, Object> line(int status, String problem, String caller, String role, String claim,
            String externalId, String email) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", status);
        fields.put("outcome", status == 200 ? "issued" : "refused");
        fields.put("problemType", problem == null ? null : PROBLEM + problem);
        fields.put("caller", caller);
        fields.put("role", role);
        fields.put("claim", claim);
        fields.put("externalId", externalId);
        fields.put("email", email);
        return fields;
    }

    private void assertNothingSecretIn(List<String> lines) {
        String all = String.join("\n", lines);
        assertFalse(all.contains(Jwts.itSecret()), "the secret is in the audit trail");
        for (String token : tokens) {
            for (String part : token.split("\\.")) {
                assertFalse(all.contains(part), "a token part is in the audit trail");
            }
        }
        for (DemoAccounts.Account account : DemoAccounts.DEMO) {
            assertFalse(all.contains(account.password()), "a password is in the audit trail");
        }
        assertFalse(all.contains("not-her-password"), "a wrong password is in the audit trail");
    }

    /** A delegate's request whose body comes in two writes 300 ms apart; the status line of the answer. */
    private String sentInTwoPieces(String first, String rest) throws Exception {
        byte[] start = first.getBytes(StandardCharsets.UTF_8);
        byte[] end = rest.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(deployment.getHost(), deployment.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + service.tokens().getPath() + " HTTP/1.1\r\nHost: " + deployment.getHost()
                    + "\r\nAuthorization: " + TokenService.basic(DemoAccounts.BFF.name(), DemoAccounts.BFF.password())
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (start.length + end.length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.flush();
            Thread.sleep(300);
            out.write(end);
            out.flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = answer.readLine();
            return status == null ? "(no answer)" : status;
        }
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
