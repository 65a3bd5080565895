package io.kustomertoken.secret.control;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Deployments;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A changed {@code kustomer.secret} signs the next token, without a redeploy. */
@ExtendWith(ArquillianExtension.class)
class SecretRotationIT {

    static final String ROTATED = "rotated-secret-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String SHORT = "only-31-bytes-long-short-secret";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL deployment;

    TokenService service;
    final ConfigOverride config = new ConfigOverride();

    @BeforeEach
    void connect() {
        service = new TokenService(deployment);
    }

    @AfterEach
    void restoreConfig() {
        config.restore();
    }

    @Test
    void rotatedSecretSignsTheNextTokenWithoutRedeploy() throws Exception {
        String before = token(service.postEmpty(DemoAccounts.ALICE));
        Jwts.verified(before, Jwts.itSecret());

        config.set("kustomer.secret", ROTATED);
        String after = token(service.postEmpty(DemoAccounts.ALICE));
        assertEquals("alice", Jwts.verified(after, ROTATED).getStringClaimValue("externalId"));
        assertThrows(InvalidJwtException.class, () -> Jwts.verified(after, Jwts.itSecret()));
    }

    @Test
    void shortSecretIsRefusedWith503() {
        assertEquals(31, SHORT.length());
        config.set("kustomer.secret", SHORT);
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 503, "signing-unavailable");
    }

    @Test
    void shortSecretSignsWhenExplicitlyAllowed() throws Exception {
        config.set("kustomer.secret", SHORT).set("kustomer.secret.allow-short", "true");
        String token = token(service.postEmpty(DemoAccounts.ALICE));
        assertEquals("alice", Jwts.verified(token, SHORT).getStringClaimValue("externalId"));
    }

    @Test
    void blankSecretIsRefusedWith503() {
        config.set("kustomer.secret", "   ");
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 503, "signing-unavailable");
    }

    private static String token(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TokenService.json(response).getString("token");
    }
}
