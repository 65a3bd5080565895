package io.kustomertoken.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.NodeJsonwebtoken;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tokens from the deployed WAR verified by node's jsonwebtoken, the library in Kustomer's own
 * example back end, with the same secret: what Kustomer's side will do with them.
 */
class JsonwebtokenInteropIT extends AgainstDeployedWar {

    @Test
    void jsonwebtokenAcceptsEveryKindOfTokenWithExactlyKustomersClaims() throws Exception {
        List<String> tokens = List.of(
                TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)),
                TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"email\":\"Jane@Example.com\"}")),
                TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"c-7\",\"email\":\"jane@example.com\"}")));

        NodeJsonwebtoken.Run run = NodeJsonwebtoken.verify(tokens, Jwts.itSecret());

        assertEquals(0, run.exitCode(), run.output());
        List<JsonObject> results = run.results();
        assertEquals(3, results.size(), run.output());
        for (JsonObject result : results) {
            assertEquals(Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build(),
                    result.getJsonObject("header"));
        }
        assertEquals("alice", results.get(0).getJsonObject("payload").getString("externalId"));
        assertEquals(List.of("externalId", "iat"), List.copyOf(results.get(0).getJsonObject("payload").keySet()));
        assertEquals("jane@example.com", results.get(1).getJsonObject("payload").getString("email"));
        assertEquals(List.of("email", "iat"), List.copyOf(results.get(1).getJsonObject("payload").keySet()));
        assertEquals(List.of("externalId", "email", "iat"),
                List.copyOf(results.get(2).getJsonObject("payload").keySet()));
    }

    @Test
    void jsonwebtokenRejectsTheTokenUnderAnotherSecret() throws Exception {
        String token = TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));

        NodeJsonwebtoken.Run run = NodeJsonwebtoken.verify(List.of(token), Jwts.itSecret() + "-not-the-same");

        assertEquals(1, run.exitCode(), run.output());
        assertEquals("JsonWebTokenError", run.results().get(0).getString("error"));
    }
}
