package io.kustomertoken.realm;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * WildFly: a back end's account made by {@code server-config/wildfly/add-service-account.sh}
 * (a generated 256-bit credential, kept as salted SHA-512) works as a delegate, and people's
 * passwords stay bcrypt. Runs where the WildFly test set-up made such an account.
 */
class ServiceAccountIT extends AgainstDeployedWar {

    static final String NAME = "bff-service";

    private String credential;

    @BeforeEach
    void needsTheAccount() throws IOException {
        String file = System.getProperty("it.service.account.file", "");
        Assumptions.assumeFalse(file.isBlank(), "no service account on this server (WildFly only)");
        credential = Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
    }

    @Test
    void generatedCredentialIsLongAndRandomLooking() {
        assertEquals(43, credential.length());
        assertTrue(credential.matches("[A-Za-z0-9_-]{43}"), "Base64url of 32 bytes");
    }

    @Test
    void serviceAccountGetsATokenForTheCustomerItNames() throws Exception {
        HttpResponse<String> answer = post(credential);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("alice", Jwts.verified(TokenService.tokenFrom(answer), Jwts.itSecret())
                .getStringClaimValue("externalId"));
    }

    @Test
    void wrongCredentialIsRefusedWith401() throws Exception {
        String wrong = (credential.charAt(0) == 'A' ? 'B' : 'A') + credential.substring(1);
        assertProblem(post(wrong), 401, "unauthorized");
    }

    @Test
    void realmKeepsOnlyASaltedDigestOfTheCredentialAndBcryptForPeople() throws IOException {
        Path realm = Path.of(System.getProperty("it.server.home"), "standalone/configuration/kustomer-realm");
        List<Path> identities;
        try (Stream<Path> files = Files.walk(realm)) {
            identities = files.filter(Files::isRegularFile).toList();
        }
        String service = read(only(identities, NAME));
        assertFalse(service.contains(credential), "the credential in clear");
        assertTrue(service.contains("password-salt-digest-sha-512"), service);
        assertTrue(read(only(identities, "alice")).contains("bcrypt"), "people's passwords stay bcrypt");
        for (Path identity : identities) {
            assertFalse(read(identity).contains(credential), identity.toString());
        }
    }

    private HttpResponse<String> post(String secret) throws Exception {
        HttpRequest request = TokenService.authorized(service.tokens(), NAME, secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"alice\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    // Elytron names an identity's file after the name, lower case, other characters as '_',
    // then '-' and the name in Base32: bff-service is b/f/bff_service-MJTGMLLTMVZHM2LDMU.xml.
    private static Path only(List<Path> identities, String name) {
        String prefix = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "-";
        List<Path> matching = identities.stream()
                .filter(path -> path.getFileName().toString().startsWith(prefix))
                .toList();
        assertEquals(1, matching.size(), "identity files for " + name + ": " + identities);
        return matching.get(0);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
