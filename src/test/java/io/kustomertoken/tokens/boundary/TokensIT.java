package io.kustomertoken.tokens.boundary;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.ProblemAssertions;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

/** The HTTP contract of {@code POST /kustomer/api/v1/tokens}, over real HTTP with real BASIC logins. */
class TokensIT extends AgainstDeployedWar {

    @Test
    void deploysAtContextRootKustomer() {
        assertEquals("/kustomer/", deployment.getPath());
    }

    @Test
    void customerGetsTokenForItselfWithExactlyKustomersHeaderAndClaims() throws Exception {
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> response = service.postEmpty(DemoAccounts.ALICE);
        long after = Instant.now().getEpochSecond();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        ProblemAssertions.assertNoSniff(response);
        JsonObject answer = TokenService.json(response);
        assertEquals(Set.of("token", "identity", "issuedAt", "expiresAt"), answer.keySet());
        String token = answer.getString("token");

        assertEquals(Jwts.EXPECTED_HEADER, Jwts.decodedPart(token, 0));
        JwtClaims claims = Jwts.verified(token, Jwts.itSecret());
        assertEquals(Set.of("externalId", "iat"), claims.getClaimNames());
        assertEquals("alice", claims.getStringClaimValue("externalId"));
        long iat = claims.getIssuedAt().getValue();
        assertTrue(iat >= before && iat <= after, "iat " + iat + " not within the request");
        assertTrue(Jwts.decodedPart(token, 1).matches("\\{\"externalId\":\"alice\",\"iat\":\\d+}"),
                "iat is an integer NumericDate");

        assertEquals("externalId", answer.getJsonObject("identity").getString("claim"));
        assertEquals("alice", answer.getJsonObject("identity").getString("value"));
        assertEquals(Instant.ofEpochSecond(iat), Instant.parse(answer.getString("issuedAt")));
        assertEquals(Instant.ofEpochSecond(iat).plus(Duration.ofMinutes(15)),
                Instant.parse(answer.getString("expiresAt")));
    }

    @Test
    void eachCustomerGetsOnlyItsOwnIdentity() throws Exception {
        assertEquals("carol", externalIdIn(service.postEmpty(DemoAccounts.CAROL)));
        assertEquals("alice", externalIdIn(service.postEmpty(DemoAccounts.ALICE)));
    }

    @Test
    void customerMayNameItself() throws Exception {
        assertEquals("alice", externalIdIn(service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"alice\"}")));
    }

    @Test
    void customerWithEmptyJsonObjectGetsItsOwnToken() throws Exception {
        assertEquals("alice", externalIdIn(service.postJson(DemoAccounts.ALICE, "{}")));
    }

    @Test
    void customerWithEmptyJsonBodyGetsItsOwnToken() throws Exception {
        assertEquals("alice", externalIdIn(service.postJson(DemoAccounts.ALICE, "")));
    }

    @Test
    void customerNamingSomeoneElseGets403AndNoToken() {
        assertProblem(service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"carol\"}"), 403, "identity-not-permitted");
        assertProblem(service.postJson(DemoAccounts.ALICE, "{\"email\":\"carol@example.com\"}"), 403,
                "identity-not-permitted");
        assertProblem(service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"alice\",\"email\":\"carol@example.com\"}"),
                403, "identity-not-permitted");
    }

    @Test
    void delegateGetsTokenForTheExternalIdItNames() throws Exception {
        HttpResponse<String> response = service.postJson(DemoAccounts.BFF, "{\"externalId\":\"customer-42\"}");
        assertEquals("customer-42", externalIdIn(response));
        assertEquals("externalId", TokenService.json(response).getJsonObject("identity").getString("claim"));
    }

    @Test
    void delegateGetsTokenForTheEmailItNamesTrimmedAndLowerCased() throws Exception {
        HttpResponse<String> response = service.postJson(DemoAccounts.BFF, "{\"email\":\"  Jane.Doe@Example.COM \"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = TokenService.json(response);
        JwtClaims claims = Jwts.verified(answer.getString("token"), Jwts.itSecret());
        assertEquals(Set.of("email", "iat"), claims.getClaimNames());
        assertEquals("jane.doe@example.com", claims.getStringClaimValue("email"));
        assertEquals("email", answer.getJsonObject("identity").getString("claim"));
        assertEquals("jane.doe@example.com", answer.getJsonObject("identity").getString("value"));
    }

    @Test
    void delegateSendingBothClaimsIsToldKustomerUsesEmail() throws Exception {
        HttpResponse<String> response = service.postJson(DemoAccounts.BFF,
                "{\"externalId\":\"customer-42\",\"email\":\"jane@example.com\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answer = TokenService.json(response);
        JwtClaims claims = Jwts.verified(answer.getString("token"), Jwts.itSecret());
        assertEquals(Set.of("externalId", "email", "iat"), claims.getClaimNames());
        assertEquals("email", answer.getJsonObject("identity").getString("claim"));
        assertEquals("jane@example.com", answer.getJsonObject("identity").getString("value"));
    }

    @Test
    void delegateNamingNobodyGets422() {
        assertProblem(service.postEmpty(DemoAccounts.BFF), 422, "missing-identity");
        assertProblem(service.postJson(DemoAccounts.BFF, "{}"), 422, "missing-identity");
    }

    @Test
    void invalidIdentitiesGet422WithoutEchoingThem() {
        for (String body : new String[] {"{\"externalId\":\"\"}", "{\"externalId\":\" padded\"}",
                "{\"externalId\":\"line\\nbreak\"}", "{\"externalId\":\"" + "x".repeat(256) + "\"}",
                "{\"email\":\"no-at-sign\"}", "{\"email\":\"jane@localhost\"}", "{\"email\":\"ja ne@example.com\"}",
                "{\"externalId\":\"fine\",\"email\":\"broken@\"}",
                // spaces other than U+0020 inside, escaped and as UTF-8: they would read like another customer
                "{\"externalId\":\"x\\u2028y\"}", "{\"externalId\":\"x\\u2029y\"}",
                "{\"externalId\":\"no-at-sign\u00a0b\"}", "{\"externalId\":\"a\u3000b\"}",
                "{\"externalId\":\"a\\u2007b\"}", "{\"externalId\":\"a\\u202Fb\"}"}) {
            JsonObject problem = assertProblem(service.postJson(DemoAccounts.BFF, body), 422, "invalid-identity");
            assertFalse(problem.getString("detail").contains("padded") || problem.getString("detail").contains("no-at"),
                    "the detail does not echo the value");
        }
    }

    @Test
    void callerWithoutARoleGets403() {
        assertProblem(service.postEmpty(DemoAccounts.MALLORY), 403, "forbidden");
        assertProblem(service.postJson(DemoAccounts.MALLORY, "{\"externalId\":\"mallory\"}"), 403, "forbidden");
    }

    @Test
    void noCredentialsGet401WithBasicChallenge() {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(service.tokens())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(response, 401, "unauthorized");
        // One challenge that names the service, whichever server runs it.
        assertEquals(List.of("Basic realm=\"kustomer-token-service\""),
                response.headers().allValues("WWW-Authenticate"), response.headers().map().toString());
    }

    @Test
    void wrongPasswordOrUnknownUserGets401() {
        assertProblem(service.send(TokenService.authorized(service.tokens(), "alice", "carol-password")
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "unauthorized");
        assertProblem(service.send(TokenService.authorized(service.tokens(), "nobody", "nobody-password")
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "unauthorized");
    }

    @Test
    void otherMethodsGet405WithAllow() {
        HttpResponse<String> response = service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE).GET());
        assertProblem(response, 405, "method-not-allowed");
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("POST"), response.headers().map().toString());
        assertProblem(service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, "method-not-allowed");
        assertProblem(service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE).DELETE()), 405,
                "method-not-allowed");
    }

    @Test
    void bodyThatIsNotJsonGets415() {
        assertProblem(service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("externalId=x"))), 415, "unsupported-media-type");
        assertProblem(service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("externalId=x"))), 415, "unsupported-media-type");
    }

    @Test
    void acceptHeaderWithoutJsonGets406() {
        HttpResponse<String> response = service.send(TokenService.authorized(service.tokens(), DemoAccounts.ALICE)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(response, 406, "not-acceptable");
    }

    @Test
    void bodyWithoutContentTypeGets415() {
        assertProblem(service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"x\"}"))), 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonGets400() {
        for (String body : new String[] {"{", "{\"externalId\":}", "{\"externalId\":\"x\"} trailing", "not json"}) {
            assertProblem(service.postJson(DemoAccounts.BFF, body), 400, "malformed-json");
        }
    }

    @Test
    void unknownDuplicateOrNonStringFieldsGet422() {
        for (String body : new String[] {"{\"externalId\":\"x\",\"admin\":true}", "{\"sub\":\"x\"}",
                "{\"externalId\":\"x\",\"externalId\":\"y\"}", "{\"externalId\":42}", "{\"email\":null}",
                "[\"x\"]", "\"x\""}) {
            assertProblem(service.postJson(DemoAccounts.BFF, body), 422, "invalid-request");
        }
    }

    @Test
    void bodyOverEightKibibytesGets413() {
        String padded = "{\"externalId\":\"x\"" + " ".repeat(9000) + "}";
        assertProblem(service.postJson(DemoAccounts.BFF, padded), 413, "payload-too-large");
    }

    @Test
    void chunkedBodyOverEightKibibytesGets413() {
        byte[] padded = ("{\"externalId\":\"x\"" + " ".repeat(9000) + "}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = service.send(TokenService.authorized(service.tokens(), DemoAccounts.BFF)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded))));
        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void bodyAtTheLimitIsRead() throws Exception {
        String start = "{\"externalId\":\"customer-42\"";
        String padded = start + " ".repeat(TokenRequestReader.MAX_BODY_BYTES - start.length() - 1) + "}";
        assertEquals(TokenRequestReader.MAX_BODY_BYTES, padded.length());
        assertEquals("customer-42", externalIdIn(service.postJson(DemoAccounts.BFF, padded)));
    }

    @Test
    void hugeDeclaredBodyIsRefusedWithoutBeingSent() throws Exception {
        // Declares 5 MB but sends only the headers: the answer must come without the body. (5 MB
        // stays under the containers' own limits, e.g. WildFly's max-post-size of 10 MB, which
        // would refuse first.)
        try (Socket socket = new Socket(deployment.getHost(), deployment.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + service.tokens().getPath() + " HTTP/1.1\r\n"
                    + "Host: " + deployment.getHost() + "\r\n"
                    + "Authorization: " + TokenService.basic("bff", "bff-password") + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", statusLine);
        }
    }

    @Test
    void unknownPathsGet404AsProblem() {
        assertProblem(service.send(TokenService.authorized(service.resolve("api/v1/nothing"), DemoAccounts.ALICE).GET()),
                404, "not-found");
        assertProblem(service.send(HttpRequest.newBuilder(service.resolve("nothing-here")).GET()), 404, "not-found");
    }

    @Test
    void tokenDoesNotVerifyWithAnotherSecret() {
        String token = TokenService.json(service.postEmpty(DemoAccounts.ALICE)).getString("token");
        assertThrows(InvalidJwtException.class, () -> Jwts.verified(token, Jwts.itSecret() + "-other"));
    }

    private static String externalIdIn(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        return Jwts.verified(TokenService.json(response).getString("token"), Jwts.itSecret())
                .getStringClaimValue("externalId");
    }
}
