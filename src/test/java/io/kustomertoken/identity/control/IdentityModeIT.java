package io.kustomertoken.identity.control;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kustomer.token.identity} decides which claims a self-service token carries; changes apply live. */
class IdentityModeIT extends AgainstDeployedWar {

    @BeforeEach
    void needsAChangeableServer() {
        ConfigOverride.assumeChangeable();
    }

    @Test
    void emailModeSendsTheCallersNameAsLowerCasedEmail() throws Exception {
        config.set("kustomer.token.identity", "email");
        JsonObject answer = ok(service.postEmpty(DemoAccounts.DAVE));
        JwtClaims claims = Jwts.verified(answer.getString("token"), Jwts.itSecret());
        assertEquals(Set.of("email", "iat"), claims.getClaimNames());
        assertEquals("dave@example.com", claims.getStringClaimValue("email"));
        assertEquals("email", answer.getJsonObject("identity").getString("claim"));
    }

    @Test
    void emailModeRefusesACallerWhoseNameIsNotAnEmail() {
        config.set("kustomer.token.identity", "email");
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 403, "caller-identity-unusable");
    }

    @Test
    void emailModeLetsACustomerNameItsOwnEmailInAnyCase() throws Exception {
        config.set("kustomer.token.identity", "email");
        ok(service.postJson(DemoAccounts.DAVE, "{\"email\":\"DAVE@example.com\"}"));
        assertProblem(service.postJson(DemoAccounts.DAVE, "{\"email\":\"alice@example.com\"}"), 403,
                "identity-not-permitted");
    }

    @Test
    void bothModeSendsBothClaimsAndReportsEmail() throws Exception {
        config.set("kustomer.token.identity", "both");
        JsonObject answer = ok(service.postEmpty(DemoAccounts.DAVE));
        JwtClaims claims = Jwts.verified(answer.getString("token"), Jwts.itSecret());
        assertEquals(Set.of("externalId", "email", "iat"), claims.getClaimNames());
        assertEquals("Dave@Example.com", claims.getStringClaimValue("externalId"));
        assertEquals("dave@example.com", claims.getStringClaimValue("email"));
        assertEquals("email", answer.getJsonObject("identity").getString("claim"));
        assertEquals("dave@example.com", answer.getJsonObject("identity").getString("value"));
    }

    @Test
    void defaultModeSendsTheNameAsExternalIdEvenWhenItLooksLikeAnEmail() throws Exception {
        JsonObject answer = ok(service.postEmpty(DemoAccounts.DAVE));
        JwtClaims claims = Jwts.verified(answer.getString("token"), Jwts.itSecret());
        assertEquals(Set.of("externalId", "iat"), claims.getClaimNames());
        assertEquals("Dave@Example.com", claims.getStringClaimValue("externalId"));
    }

    @Test
    void unknownModeMakesSigningUnavailableWithoutSayingMore() {
        config.set("kustomer.token.identity", "username");
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 503, "signing-unavailable");
    }

    @Test
    void delegationIsUnaffectedByTheMode() throws Exception {
        config.set("kustomer.token.identity", "email");
        JsonObject answer = ok(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"customer-7\"}"));
        assertEquals("customer-7", Jwts.verified(answer.getString("token"), Jwts.itSecret())
                .getStringClaimValue("externalId"));
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return TokenService.json(response);
    }
}
