package io.kustomertoken.testsupport;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Payara Server DAS's admin listener, for the tests' config changes: asadmin is a JVM that
 * took one to two seconds a call on 2 cores; it sends each command as an HTTP request to
 * {@code /__asadmin/<command>}, which this does directly. Domain properties are read through the
 * REST resource {@code /management/domain/property} (JSON, values as stored). The test domain's
 * admin user has no password, as asadmin's calls assume.
 */
final class PayaraAdmin {

    private static final String MICROPROFILE = "payara.microprofile.";

    private final URI listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PayaraAdmin(String hostAndPort) {
        this.listener = URI.create("http://" + hostAndPort + "/");
    }

    /** A domain-level MicroProfile config property as stored (an alias reference unresolved). */
    Optional<String> configProperty(String key) {
        JsonObject answer = TokenService.json(send(HttpRequest.newBuilder(listener.resolve("management/domain/property"))
                .header("Accept", "application/json").GET()));
        JsonObject extra = answer.getJsonObject("extraProperties");
        if (extra == null || !extra.containsKey("properties") || extra.isNull("properties")) {
            return Optional.empty();
        }
        return extra.getJsonArray("properties").stream()
                .map(JsonValue::asJsonObject)
                .filter(property -> (MICROPROFILE + key).equals(property.getString("name", "")))
                .map(property -> property.getString("value"))
                .findFirst();
    }

    void setConfigProperty(String key, String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("propertyName", key);
        parameters.put("propertyValue", value);
        parameters.put("source", "domain");
        command("set-config-property", parameters);
    }

    void deleteConfigProperty(String key) {
        if (configProperty(key).isPresent()) {
            command("delete-config-property", Map.of("propertyName", key, "source", "domain"));
        }
    }

    private void command(String name, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String report = send(HttpRequest.newBuilder(listener.resolve("__asadmin/" + name + "?" + query)).GET());
        if (!report.contains("Exit Code : SUCCESS")) {
            throw new IllegalStateException("asadmin " + name + " " + parameters.keySet() + " failed: " + report);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Payara's admin listener answered " + response.statusCode()
                        + " to " + response.uri().getPath());
            }
            return response.body();
        } catch (IOException failure) {
            throw new UncheckedIOException("Payara's admin listener at " + listener, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
