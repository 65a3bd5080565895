package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Talks to the deployed service over real HTTP with real BASIC credentials. */
public final class TokenService {

    public static final String TOKENS_PATH = "api/v1/tokens";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public TokenService(URL deployment) {
        try {
            this.base = deployment.toURI();
        } catch (URISyntaxException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }

    public URI tokens() {
        return base.resolve(TOKENS_PATH);
    }

    public URI resolve(String path) {
        return base.resolve(path);
    }

    /** POST with no body and no Content-Type, as a signed-in customer's app would. */
    public HttpResponse<String> postEmpty(DemoAccounts.Account as) {
        return send(authorized(tokens(), as).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> postJson(DemoAccounts.Account as, String json) {
        return send(authorized(tokens(), as)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** POST with an access token and no body, as a signed-in customer's app would. */
    public HttpResponse<String> postEmpty(String accessToken) {
        return send(bearer(tokens(), accessToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> postJson(String accessToken, String json) {
        return send(bearer(tokens(), accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public static HttpRequest.Builder bearer(URI uri, String accessToken) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken);
    }

    public static HttpRequest.Builder authorized(URI uri, DemoAccounts.Account as) {
        return authorized(uri, as.name(), as.password());
    }

    public static HttpRequest.Builder authorized(URI uri, String user, String password) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user, password));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The token of a 200 answer; fails the test on anything else. */
    public static String tokenFrom(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return json(response).getString("token");
    }

    public static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
