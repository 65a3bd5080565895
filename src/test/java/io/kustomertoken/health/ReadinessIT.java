package io.kustomertoken.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's own MicroProfile Health endpoint (embedded and Payara Server: {@code /health} on
 * the HTTP port; WildFly: {@code /health} on the management port, {@code -Dit.health.url}) tells
 * the truth: ready while the service signs, down with the property to fix while it cannot, and
 * ready again once fixed; alive throughout. The WAR's own {@code /ready}, for a load balancer's
 * check on the instance's HTTP port, agrees, without credentials and without the reason.
 */
class ReadinessIT extends AgainstDeployedWar {

    static final String SHORT = "only-31-bytes-long-short-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readyAndAliveWhileTheServiceSigns() throws Exception {
        assertEquals(200, service.postEmpty(DemoAccounts.ALICE).statusCode());
        JsonObject ready = assertStatus("ready", 200, "UP", "kustomer-signing");
        String application = URI.create(deployment.toString()).getPath().replaceAll("/+$", "");
        assertTrue(checksNamed(ready, "kustomer-signing").stream()
                .map(one -> one.getJsonObject("data"))
                .anyMatch(data -> data != null && application.equals(data.getString("application", null))), ready.toString());
        assertStatus("live", 200, "UP", "kustomer-token-service");
        HttpResponse<String> instance = instanceReadiness("GET");
        assertEquals(200, instance.statusCode(), instance.body());
        assertEquals("UP", TokenService.json(instance.body()).getString("status"), instance.body());
        assertEquals("no-store", instance.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(405, instanceReadiness("POST").statusCode(), "only GET and HEAD on /ready");
    }

    @Test
    void aSecretTooShortMakesItUnreadyWithTheReasonThenReadyOnceFixed() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.secret", SHORT);

        JsonObject down = assertStatus("ready", 503, "DOWN", "kustomer-signing");
        String reasons = reasonsOf(down, "kustomer-signing");
        assertTrue(reasons.contains("kustomer.secret is shorter than 32 bytes"), reasons);
        assertFalse(down.toString().contains(SHORT), "the health answer shows the secret");
        assertEquals(503, service.postEmpty(DemoAccounts.ALICE).statusCode());
        assertStatus("live", 200, "UP", "kustomer-token-service");
        HttpResponse<String> instance = instanceReadiness("GET");
        assertEquals(503, instance.statusCode(), instance.body());
        assertEquals("application/problem+json", instance.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertTrue(TokenService.json(instance.body()).getString("type").endsWith(":signing-unavailable"), instance.body());
        assertFalse(instance.body().contains("kustomer.secret") || instance.body().contains(SHORT),
                "/ready tells the reason or the value: " + instance.body());

        config.restore();
        assertStatus("ready", 200, "UP", "kustomer-signing");
        assertEquals(200, instanceReadiness("GET").statusCode());
        Jwts.verified(TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)), Jwts.itSecret());
    }

    @Test
    void anUnknownIdentityModeMakesItUnreadyWithTheReason() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set("kustomer.token.identity", "customerNumber");

        JsonObject down = assertStatus("ready", 503, "DOWN", "kustomer-signing");
        String reasons = reasonsOf(down, "kustomer-signing");
        assertTrue(reasons.contains("kustomer.token.identity must be externalId, email or both"), reasons);
        assertFalse(down.toString().contains("customerNumber"), "the health answer shows the value");

        config.restore();
        assertStatus("ready", 200, "UP", "kustomer-signing");
    }

    /** The WAR's own readiness, asked with no credentials. */
    private HttpResponse<String> instanceReadiness(String method) throws Exception {
        URI ready = URI.create(deployment.toString().replaceAll("/*$", "/") + "ready");
        return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every check of that name (one per deployed WAR of ours) has the status, and so has the whole. */
    private JsonObject assertStatus(String kind, int httpStatus, String status, String check) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(healthUri(kind)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(httpStatus, answer.statusCode(), answer.body());
        JsonObject health = TokenService.json(answer.body());
        assertEquals(status, health.getString("status"), answer.body());
        List<JsonObject> named = checksNamed(health, check);
        assertFalse(named.isEmpty(), "no check " + check + " in " + answer.body());
        named.forEach(one -> assertEquals(status, one.getString("status"), answer.body()));
        return health;
    }

    private static String reasonsOf(JsonObject health, String check) {
        StringBuilder reasons = new StringBuilder();
        for (JsonObject one : checksNamed(health, check)) {
            reasons.append(one.getJsonObject("data").getString("reason")).append('\n');
        }
        return reasons.toString();
    }

    private static List<JsonObject> checksNamed(JsonObject health, String name) {
        return health.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(one -> name.equals(one.getString("name")))
                .toList();
    }

    private URI healthUri(String kind) {
        String configured = System.getProperty("it.health.url", "");
        URI base = configured.isBlank() ? URI.create(deployment.toString()).resolve("/health") : URI.create(configured);
        return URI.create(base.toString().replaceAll("/+$", "") + "/" + kind);
    }
}
