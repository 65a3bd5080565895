package io.kustomertoken.secret.control;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A changed {@code kustomer.secret} signs the next token, without a redeploy. */
class SecretRotationIT extends AgainstDeployedWar {

    @BeforeEach
    void needsAChangeableServer() {
        ConfigOverride.assumeChangeable();
    }

    static final String ROTATED = "rotated-secret-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String SHORT = "only-31-bytes-long-short-secret";

    @Test
    void rotatedSecretSignsTheNextTokenWithoutRedeploy() throws Exception {
        String before = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        Jwts.verified(before, Jwts.itSecret());

        config.set("kustomer.secret", ROTATED);
        String after = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        assertEquals("alice", Jwts.verified(after, ROTATED).getStringClaimValue("externalId"));
        assertThrows(InvalidJwtException.class, () -> Jwts.verified(after, Jwts.itSecret()));
    }

    /**
     * The administrator's rotation (server-config/&lt;kind&gt;/rotate-secret.sh on real servers)
     * stores a secret made of every printable ASCII character byte for byte, and changes no other
     * setting: an identity mode of {@code both} stays (WildFly's configure.sh once reset it).
     */
    @Test
    void rotationStoresEveryPrintableAsciiCharacterAndChangesNothingElse() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            every.append(c);
        }
        String secret = every.toString();
        config.set("kustomer.token.identity", "both");
        Optional<String> identityBefore = config.stored("kustomer.token.identity");
        Optional<String> allowShortBefore = config.stored("kustomer.secret.allow-short");

        config.rotateSecret(secret);

        assertEquals(identityBefore, config.stored("kustomer.token.identity"));
        assertEquals(allowShortBefore, config.stored("kustomer.secret.allow-short"));
        String token = TokenService.tokenFrom(service.postEmpty(DemoAccounts.DAVE));
        JwtClaims claims = Jwts.verified(token, secret);
        assertEquals("dave@example.com", claims.getStringClaimValue("email"));
        assertEquals("Dave@Example.com", claims.getStringClaimValue("externalId"));
        assertThrows(InvalidJwtException.class, () -> Jwts.verified(token, Jwts.itSecret()));
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
        String token = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        assertEquals("alice", Jwts.verified(token, SHORT).getStringClaimValue("externalId"));
    }

    @Test
    void blankSecretIsRefusedWith503() {
        config.set("kustomer.secret", "   ");
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 503, "signing-unavailable");
    }
}
