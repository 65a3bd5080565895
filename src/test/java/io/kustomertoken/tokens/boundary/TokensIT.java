package io.kustomertoken.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class TokensIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void customerGetsTokenForItself() throws Exception {
        HttpResponse<String> response = new TokenService(deployment).postEmpty(DemoAccounts.ALICE);
        System.out.println(response.statusCode() + " " + response.headers().map() + " " + response.body());
        assertEquals(200, response.statusCode());
        String token = TokenService.json(response).getString("token");
        JwtClaims claims = Jwts.verified(token, Jwts.itSecret());
        assertEquals("alice", claims.getStringClaimValue("externalId"));
        assertEquals(Jwts.EXPECTED_HEADER, Jwts.decodedPart(token, 0));
    }
}
