package io.kustomertoken.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TokenService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No secret, token or password reaches the server log, even on the paths that do log: a refused
 * secret, an allowed short secret, refused requests. Runs against embedded Payara (every JUL
 * record) and against real servers (their log file).
 */
class LogHygieneIT extends AgainstDeployedWar {

    static final String ROTATED = "log-hygiene-secret-0123456789-abcdefghij";
    static final String SHORT = "short-secret-seen-by-log-test";

    @Test
    void noSecretTokenOrPasswordIsLoggedOnAnyPath() throws Exception {
        ConfigOverride.assumeChangeable();
        try (ServerLog log = ServerLog.capture()) {
            List<String> tokens = new ArrayList<>();
            tokens.add(TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)));
            tokens.add(TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"email\":\"jane@example.com\"}")));
            service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"carol\"}");
            service.postJson(DemoAccounts.BFF, "{\"externalId\":\"x\",\"admin\":true}");
            service.postJson(DemoAccounts.BFF, "{not json");
            service.postEmpty(DemoAccounts.MALLORY);

            config.set("kustomer.secret", ROTATED);
            tokens.add(TokenService.tokenFrom(service.postEmpty(DemoAccounts.CAROL)));
            config.set("kustomer.secret", SHORT);
            assertEquals(503, service.postEmpty(DemoAccounts.ALICE).statusCode());
            config.set("kustomer.secret.allow-short", "true");
            tokens.add(TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)));

            String logged = log.awaitText("kustomer.secret.allow-short=true");
            assertTrue(logged.contains("kustomer.secret is shorter than 32 bytes"),
                    "the refusal and the warning are logged, naming the property:\n" + logged);
            for (String secret : List.of(Jwts.itSecret(), ROTATED, SHORT)) {
                assertFalse(logged.contains(secret), "a secret is in the log");
            }
            for (String token : tokens) {
                for (String part : token.split("\\.")) {
                    assertFalse(logged.contains(part), "a token part is in the log");
                }
            }
            for (DemoAccounts.Account account : DemoAccounts.DEMO) {
                assertFalse(logged.contains(account.password()), "a password is in the log");
            }
        }
    }
}
