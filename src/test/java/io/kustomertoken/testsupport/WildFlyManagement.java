package io.kustomertoken.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WildFly's HTTP management API (JSON DMR on {@code /management}), for the tests' config
 * changes: a jboss-cli JVM costs about two seconds a call on 2 cores, this a few milliseconds.
 * The user is the one {@code src/test/servers/wildfly.sh} adds to the ManagementRealm for the
 * run; the interface asks for HTTP Digest (MD5), which java.net.http does not do, hence the
 * few lines of RFC 7616 here.
 */
final class WildFlyManagement {

    static final String USER = "kustomer-it-admin";

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI endpoint;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WildFlyManagement(URI endpoint, String password) {
        this.endpoint = endpoint;
        this.password = password;
    }

    /** The management API at {@code controller} (host:port), with the password the harness wrote. */
    static WildFlyManagement of(String controller, Path passwordFile) {
        try {
            return new WildFlyManagement(URI.create("http://" + controller + "/management"),
                    Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        } catch (IOException failure) {
            throw new UncheckedIOException("No management password at " + passwordFile
                    + " (src/test/servers/wildfly.sh start writes it)", failure);
        }
    }

    /** The value of a system property as stored (an expression as written), if there is one. */
    Optional<String> systemProperty(String key) {
        JsonObject answer = execute(Json.createObjectBuilder()
                .add("operation", "read-attribute")
                .add("address", address(key))
                .add("name", "value")
                .build());
        if (!succeeded(answer) || answer.isNull("result")) {
            return Optional.empty();
        }
        JsonValue result = answer.get("result");
        // DMR's JSON gives an expression as {"EXPRESSION_VALUE": "${…}"}
        return Optional.of(result.getValueType() == JsonValue.ValueType.OBJECT
                ? result.asJsonObject().getString("EXPRESSION_VALUE")
                : answer.getString("result"));
    }

    void setSystemProperty(String key, String value) {
        JsonObject written = execute(Json.createObjectBuilder()
                .add("operation", "write-attribute")
                .add("address", address(key))
                .add("name", "value")
                .add("value", value)
                .build());
        if (succeeded(written)) {
            return;
        }
        JsonObject added = execute(Json.createObjectBuilder()
                .add("operation", "add")
                .add("address", address(key))
                .add("value", value)
                .build());
        if (!succeeded(added)) {
            throw new IllegalStateException("Could not set " + key + ": " + added);
        }
    }

    void removeSystemProperty(String key) {
        JsonObject removed = execute(Json.createObjectBuilder()
                .add("operation", "remove")
                .add("address", address(key))
                .build());
        if (!succeeded(removed) && systemProperty(key).isPresent()) {
            throw new IllegalStateException("Could not remove " + key + ": " + removed);
        }
    }

    private static jakarta.json.JsonArray address(String key) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("system-property", key)).build();
    }

    private static boolean succeeded(JsonObject answer) {
        return "success".equals(answer.getString("outcome", ""));
    }

    private JsonObject execute(JsonObject operation) {
        String body = operation.toString();
        try {
            HttpResponse<String> challenge = http.send(post(body).build(), HttpResponse.BodyHandlers.ofString());
            if (challenge.statusCode() != 401) {
                return parse(challenge);
            }
            String header = challenge.headers().firstValue("WWW-Authenticate")
                    .orElseThrow(() -> new IllegalStateException("401 without a challenge from " + endpoint));
            HttpResponse<String> answer = http.send(post(body).header("Authorization", digest(header)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401) {
                throw new IllegalStateException("WildFly refused the tests' management user " + USER);
            }
            return parse(answer);
        } catch (IOException failure) {
            throw new UncheckedIOException("WildFly management at " + endpoint, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonObject parse(HttpResponse<String> response) {
        // A failed operation answers 500 with the same JSON shape.
        try {
            return TokenService.json(response.body());
        } catch (RuntimeException notJson) {
            throw new IllegalStateException("WildFly management answered " + response.statusCode() + ": "
                    + response.body(), notJson);
        }
    }

    /** The Authorization header answering one Digest challenge (MD5, qop=auth). */
    private String digest(String challenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(challenge.replaceFirst("(?i)^\\s*Digest\\s+", ""));
        while (parameter.find()) {
            parameters.put(parameter.group(1).toLowerCase(), parameter.group(2) != null ? parameter.group(2) : parameter.group(3));
        }
        String realm = parameters.get("realm");
        String nonce = parameters.get("nonce");
        String uri = endpoint.getRawPath();
        String nc = "00000001";
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String cnonce = HexFormat.of().formatHex(random);
        String ha1 = md5(USER + ":" + realm + ":" + password);
        String ha2 = md5("POST:" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        StringBuilder header = new StringBuilder("Digest username=\"").append(USER)
                .append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce)
                .append("\", uri=\"").append(uri)
                .append("\", algorithm=MD5, qop=auth, nc=").append(nc)
                .append(", cnonce=\"").append(cnonce)
                .append("\", response=\"").append(response).append('"');
        if (parameters.containsKey("opaque")) {
            header.append(", opaque=\"").append(parameters.get("opaque")).append('"');
        }
        return header.toString();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
