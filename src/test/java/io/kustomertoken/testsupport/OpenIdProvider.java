package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The real OpenID provider of the bearer tests: Keycloak on loopback with the realm of
 * src/test/keycloak (src/test/servers/keycloak.sh). Access tokens come from its token endpoint;
 * tokens it would never issue (expired, another issuer) are signed with its realm key, which
 * keycloak.sh made and left for the tests, so that only the claim under test is wrong.
 */
public final class OpenIdProvider {

    /** The audience our service requires; customer-app and bff-service tokens carry it. */
    public static final String AUDIENCE = "kustomer-token-service";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static boolean running;

    private OpenIdProvider() {
    }

    /**
     * Starts the provider the first time a test needs it (src/test/servers/keycloak.sh fetches
     * Keycloak from Maven Central on first use, then reuses a running one): a build that runs no
     * bearer test neither downloads nor starts it. The build's post-integration-test phase stops it.
     */
    public static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        String home = System.getProperty("it.keycloak.home", "");
        if (!home.isBlank()) {
            BuildTools.run(List.of("bash", System.getProperty("it.keycloak.script", "src/test/servers/keycloak.sh"),
                    "start", home), Duration.ofMinutes(6));
        }
        running = true;
    }

    public static String issuer() {
        return System.getProperty("it.oidc.issuer", "http://127.0.0.1:18180/realms/kustomer");
    }

    private static URI base() {
        return URI.create(issuer().replaceFirst("/realms/[^/]+$", "/"));
    }

    /** A customer's access token from the app's password grant (each password is name + "-password"). */
    public static String customerToken(String user) {
        return passwordGrant("customer-app", user);
    }

    /** A token another client of the same provider got for the same user: not for our audience. */
    public static String otherClientsToken(String user) {
        return passwordGrant("other-app", user);
    }

    /** The back end's client-credentials token; its service account is in the delegate group. */
    public static String serviceAccountToken() {
        return tokenFrom(Map.of("grant_type", "client_credentials",
                "client_id", "bff-service", "client_secret", "bff-service-secret"));
    }

    private static String passwordGrant(String client, String user) {
        return tokenFrom(Map.of("grant_type", "password", "client_id", client,
                "client_secret", client + "-secret", "username", user, "password", user + "-password"));
    }

    private static String tokenFrom(Map<String, String> form) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formOf(form))));
        assertEquals(200, answer.statusCode(), answer.body());
        return TokenService.json(answer.body()).getString("access_token");
    }

    /** The claims of a token as it says them, unverified: a start for a token under test. */
    public static JwtClaims claimsOf(String token) {
        try {
            return JwtClaims.parse(Jwts.decodedPart(token, 1));
        } catch (org.jose4j.jwt.consumer.InvalidJwtException unreadable) {
            throw new IllegalArgumentException(unreadable);
        }
    }

    /** Signs {@code claims} RS256 with the provider's own realm key, under its kid. */
    public static String signedByProvider(JwtClaims claims) {
        RSAPrivateCrtKey key = realmKey();
        return signed(claims, "RS256", key, kidOf(key.getModulus()));
    }

    public static String signed(JwtClaims claims, String algorithm, Key key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** The provider's JWKS as the servers fetch it. */
    public static JsonWebKeySet jwks() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                URI.create(issuer() + "/protocol/openid-connect/certs")).GET());
        assertEquals(200, answer.statusCode(), answer.body());
        try {
            return new JsonWebKeySet(answer.body());
        } catch (JoseException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** The realm's public signing key as its JWKS publishes it, in X.509 PEM. */
    public static String realmPublicKeyPem() {
        RSAPrivateCrtKey key = realmKey();
        RsaJsonWebKey published = published(key.getModulus());
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(published.getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String kidOf(BigInteger modulus) {
        return published(modulus).getKeyId();
    }

    private static RsaJsonWebKey published(BigInteger modulus) {
        for (JsonWebKey key : jwks().getJsonWebKeys()) {
            if (key instanceof RsaJsonWebKey rsa && rsa.getRsaPublicKey().getModulus().equals(modulus)) {
                return rsa;
            }
        }
        throw new IllegalStateException("the provider's JWKS does not publish the realm key keycloak.sh made");
    }

    private static RSAPrivateCrtKey realmKey() {
        ensureRunning();
        Path pem = Path.of(System.getProperty("it.oidc.signing-key",
                "target/servers/keycloak/kustomer-it/test-signing-key.pem"));
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException missing) {
            throw new UncheckedIOException("the realm key keycloak.sh writes is missing: " + pem, missing);
        } catch (GeneralSecurityException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** The admin REST API with the admin password keycloak.sh made (provider key rotation). */
    public static HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("admin/realms/kustomer" + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return send(request);
    }

    /**
     * Adds a generated RS256 key that outranks the realm key, as an administrator rotating keys
     * at the provider would; the provider signs with it from now on. Its component id.
     */
    public static String addActiveKey() {
        String realmId = TokenService.json(admin("GET", "", null).body()).getString("id");
        HttpResponse<String> added = admin("POST", "/components", Json.createObjectBuilder()
                .add("name", "rotated-by-tests")
                .add("providerId", "rsa-generated")
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realmId)
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add("300"))
                        .add("keySize", Json.createArrayBuilder().add("2048"))
                        .add("active", Json.createArrayBuilder().add("true"))
                        .add("enabled", Json.createArrayBuilder().add("true"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256")))
                .build().toString());
        assertEquals(201, added.statusCode(), added.body());
        String location = added.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static void removeKey(String componentId) {
        HttpResponse<String> removed = admin("DELETE", "/components/" + componentId, null);
        assertEquals(204, removed.statusCode(), removed.body());
    }

    private static String adminToken() {
        Path passwordFile = Path.of(System.getProperty("it.oidc.admin-password-file",
                "target/servers/keycloak/kustomer-it/admin-password"));
        try {
            String password = Files.readString(passwordFile).strip();
            HttpResponse<String> answer = send(HttpRequest.newBuilder(
                            base().resolve("realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formOf(Map.of("grant_type", "password",
                            "client_id", "admin-cli", "username", "admin", "password", password)))));
            assertEquals(200, answer.statusCode(), answer.body());
            return TokenService.json(answer.body()).getString("access_token");
        } catch (IOException missing) {
            throw new UncheckedIOException(missing);
        }
    }

    private static String formOf(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        ensureRunning();
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
