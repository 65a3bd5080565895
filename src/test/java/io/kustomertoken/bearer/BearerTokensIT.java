package io.kustomertoken.bearer;

import static io.kustomertoken.testsupport.ProblemAssertions.assertNoLeak;
import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.testsupport.AgainstBearerWar;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.NodeJsonwebtoken;
import io.kustomertoken.testsupport.OpenIdProvider;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * kustomer-bearer.war against a real OpenID provider: access tokens from Keycloak's own token
 * endpoint get Kustomer tokens; tokens that must not (expired, for another audience, forged) get
 * 401 from the container before any of our code runs.
 */
class BearerTokensIT extends AgainstBearerWar {

    @Test
    void aCustomersAccessTokenGetsATokenForItsOwnSubject() throws Exception {
        String accessToken = OpenIdProvider.customerToken("alice");
        String subject = OpenIdProvider.claimsOf(accessToken).getSubject();

        String token = TokenService.tokenFrom(service.postEmpty(accessToken));

        NodeJsonwebtoken.Run run = NodeJsonwebtoken.verify(List.of(token), Jwts.itSecret());
        assertEquals(0, run.exitCode(), run.output());
        JsonObject payload = run.results().get(0).getJsonObject("payload");
        assertEquals(List.of("externalId", "iat"), List.copyOf(payload.keySet()));
        assertEquals(subject, payload.getString("externalId"));
    }

    @Test
    void theServiceAccountNamesAnyCustomer() throws Exception {
        String accessToken = OpenIdProvider.serviceAccountToken();

        JwtClaims claims = Jwts.verified(TokenService.tokenFrom(
                service.postJson(accessToken, "{\"externalId\":\"customer-42\"}")), Jwts.itSecret());

        assertEquals(Set.of("externalId", "iat"), claims.getClaimNames());
        assertEquals("customer-42", claims.getStringClaimValue("externalId"));
    }

    @Test
    void aBodyArrivingAfterItsHeadersKeepsTheCallersRoles() throws Exception {
        // Such a body is read without blocking and the API runs on an async dispatch.
        String body = "{\"externalId\":\"late-body-customer\"}";
        try (Socket socket = new Socket(deployment.getHost(), deployment.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + service.tokens().getPath() + " HTTP/1.1\r\nHost: " + deployment.getHost()
                    + "\r\nAuthorization: Bearer " + OpenIdProvider.serviceAccountToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, answer.startsWith("HTTP/1.1 200"), answer);
            assertEquals(true, answer.contains("late-body-customer"), answer);
        }
    }

    @Test
    void aCustomerCannotNameAnotherCustomer() {
        assertProblem(service.postJson(OpenIdProvider.customerToken("alice"), "{\"externalId\":\"customer-42\"}"),
                403, "identity-not-permitted");
    }

    @Test
    void aUserInNoGroupIsForbidden() {
        HttpResponse<String> answer = service.postEmpty(OpenIdProvider.customerToken("nina"));

        assertEquals(403, answer.statusCode(), answer.body());
    }

    @Test
    void preferredUsernameCanBeTheExternalId() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.bearer.external-id-claim", "preferred_username");

        JwtClaims claims = ownTokenOf("alice");

        assertEquals("alice", claims.getStringClaimValue("externalId"));
    }

    @Test
    void aClaimTheTokenLacksMakesTheCallerUnusable() {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.bearer.external-id-claim", "customer_number");

        assertProblem(service.postEmpty(OpenIdProvider.customerToken("alice")), 403, "caller-identity-unusable");
    }

    @Test
    void emailModeSendsTheVerifiedEmail() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.token.identity", "email");

        JwtClaims claims = ownTokenOf("alice");

        assertEquals(Set.of("email", "iat"), claims.getClaimNames());
        assertEquals("alice@example.com", claims.getStringClaimValue("email"));
    }

    @Test
    void emailModeRefusesAnEmailTheProviderDidNotVerify() {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.token.identity", "email");
        String erins = OpenIdProvider.customerToken("erin");
        assertEquals("erin@example.com", OpenIdProvider.claimsOf(erins).getClaimValueAsString("email"));

        JsonObject problem = assertProblem(service.postEmpty(erins), 403, "caller-identity-unusable");

        assertEquals(true, problem.getString("detail").contains("email_verified"), problem.toString());
    }

    @Test
    void emailModeStillLetsTheServiceAccountNameAnEmail() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.token.identity", "email");

        JwtClaims claims = Jwts.verified(TokenService.tokenFrom(service.postJson(
                OpenIdProvider.serviceAccountToken(), "{\"email\":\"jane@example.com\"}")), Jwts.itSecret());

        assertEquals("jane@example.com", claims.getStringClaimValue("email"));
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        String others = OpenIdProvider.otherClientsToken("alice");
        assertEquals(false, OpenIdProvider.claimsOf(others).toJson().contains(OpenIdProvider.AUDIENCE), others);

        assertUnauthorized(service.postEmpty(others));
    }

    @Test
    void theProvidersKeyStillRefusesWhatTheClaimsDoNotAllow() throws Exception {
        JwtClaims good = OpenIdProvider.claimsOf(OpenIdProvider.customerToken("alice"));
        // The control: the same claims signed the same way are accepted.
        TokenService.tokenFrom(service.postEmpty(OpenIdProvider.signedByProvider(good)));

        JwtClaims expired = copy(good);
        expired.setIssuedAt(NumericDate.fromSeconds(now() - 3600));
        expired.setExpirationTime(NumericDate.fromSeconds(now() - 1800));
        assertUnauthorized(service.postEmpty(OpenIdProvider.signedByProvider(expired)));

        JwtClaims notYetValid = copy(good);
        notYetValid.setNotBefore(NumericDate.fromSeconds(now() + 1800));
        assertUnauthorized(service.postEmpty(OpenIdProvider.signedByProvider(notYetValid)));

        JwtClaims otherIssuer = copy(good);
        otherIssuer.setIssuer("http://127.0.0.1:18180/realms/someone-else");
        assertUnauthorized(service.postEmpty(OpenIdProvider.signedByProvider(otherIssuer)));

        JwtClaims otherAudience = copy(good);
        otherAudience.setAudience("other-app");
        assertUnauthorized(service.postEmpty(OpenIdProvider.signedByProvider(otherAudience)));

        JwtClaims noAudience = copy(good);
        noAudience.unsetClaim("aud");
        assertUnauthorized(service.postEmpty(OpenIdProvider.signedByProvider(noAudience)));
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        String genuine = OpenIdProvider.customerToken("alice");
        String[] parts = genuine.split("\\.");
        JwtClaims claims = OpenIdProvider.claimsOf(genuine);

        JwtClaims delegate = OpenIdProvider.claimsOf(genuine);
        delegate.setStringListClaim("groups", "kustomer-token-delegate");
        String tamperedPayload = parts[0] + "." + base64Url(delegate.toJson()) + "." + parts[2];
        assertUnauthorized(service.postEmpty(tamperedPayload));

        String algNone = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertUnauthorized(service.postEmpty(algNone));

        // The classic confusion attack: the provider's public key used as an HMAC secret.
        byte[] publicKeyAsSecret = OpenIdProvider.realmPublicKeyPem().getBytes(StandardCharsets.US_ASCII);
        String kid = OpenIdProvider.jwks().getJsonWebKeys().get(0).getKeyId();
        assertUnauthorized(service.postEmpty(OpenIdProvider.signed(claims, "HS256", new HmacKey(publicKeyAsSecret), kid)));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey stranger = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        assertUnauthorized(service.postEmpty(OpenIdProvider.signed(claims, "RS256", stranger, kid)));
        assertUnauthorized(service.postEmpty(OpenIdProvider.signed(claims, "RS256", stranger, "a-kid-nobody-published")));
    }

    @Test
    void aMalformedBearerTokenIsRefused() {
        assertAll(
                () -> assertUnauthorized(service.postEmpty("not-a-jwt")),
                () -> assertUnauthorized(service.postEmpty("a.b.c")),
                () -> assertUnauthorized(service.postEmpty("..")),
                () -> assertUnauthorized(service.postEmpty(OpenIdProvider.customerToken("alice") + "x")));
    }

    @Test
    void aRequestWithoutABearerTokenIsRefused() {
        assertAll(
                () -> assertChallenged(service.send(HttpRequest.newBuilder(service.tokens())
                        .POST(HttpRequest.BodyPublishers.noBody()))),
                () -> assertChallenged(service.send(HttpRequest.newBuilder(service.tokens())
                        .header("Authorization", "Bearer").POST(HttpRequest.BodyPublishers.noBody()))),
                () -> assertChallenged(service.postEmpty("")),
                () -> assertChallenged(service.send(HttpRequest.newBuilder(service.tokens())
                        .header("Authorization", TokenService.basic("alice", "alice-password"))
                        .POST(HttpRequest.BodyPublishers.noBody()))));
    }

    @Test
    void noAccessTokenOrIssuedTokenIsLoggedAndNoRefusalLogsAboveInfo() throws Exception {
        try (ServerLog log = ServerLog.capture()) {
            String alices = OpenIdProvider.customerToken("alice");
            String[] parts = alices.split("\\.");
            List<String> sent = List.of(alices,
                    parts[0] + "." + base64Url("{\"sub\":\"forged\"}") + "." + parts[2],
                    base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".",
                    base64Url("{\"alg\":\"RS256\",\"kid\":\"made-up\"}") + "." + parts[1] + "." + parts[2],
                    OpenIdProvider.otherClientsToken("alice"),
                    OpenIdProvider.customerToken("nina"),
                    "not-a-jwt");
            List<String> issued = new ArrayList<>();
            for (String token : sent) {
                HttpResponse<String> answer = service.postEmpty(token);
                if (answer.statusCode() == 200) {
                    issued.add(TokenService.json(answer).getString("token"));
                }
            }
            assertEquals(1, issued.size(), "only alice's genuine token gets a token");

            String logged = log.awaitText("\u0000never", Duration.ofSeconds(2));
            assertEquals(List.of(), ServerLog.recordsAboveInfo(logged));
            for (String token : concat(sent, issued)) {
                for (String part : token.split("\\.")) {
                    assertEquals(false, part.length() > 16 && logged.contains(part), "a token part is in the log");
                }
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** RFC 6750: a request without a bearer token learns which scheme to use. */
    private static void assertChallenged(HttpResponse<String> answer) {
        assertUnauthorized(answer);
        assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    /** Every refusal is problem+json with the RFC 6750 challenge, and says nothing of the token. */
    private static void assertUnauthorized(HttpResponse<String> answer) {
        assertEquals(401, answer.statusCode(), () -> answer.headers().map() + " " + answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("")
                .replaceFirst(";.*", ""), answer.body());
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
        assertEquals(true, challenge.startsWith("Bearer"), () -> "WWW-Authenticate: " + challenge);
        assertNoLeak(answer.body());
    }

    /** The verified claims of the token a customer's own access token gets. */
    private JwtClaims ownTokenOf(String user) throws Exception {
        return Jwts.verified(TokenService.tokenFrom(service.postEmpty(OpenIdProvider.customerToken(user))),
                Jwts.itSecret());
    }

    private static JwtClaims copy(JwtClaims claims) throws Exception {
        return JwtClaims.parse(claims.toJson());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
