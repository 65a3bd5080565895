package io.kustomertoken.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No secret, token or password reaches the server log, even on the paths that do log: a refused
 * secret, an allowed short secret, refused requests. Embedded Payara logs through the test JVM's
 * java.util.logging, so every record it writes passes the handler installed here.
 */
class LogHygieneIT extends AgainstDeployedWar {

    static final String ROTATED = "log-hygiene-secret-0123456789-abcdefghij";
    static final String SHORT = "short-secret-seen-by-log-test";

    final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    final Handler capture = new Handler() {
        final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(formatter.format(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noSecretTokenOrPasswordIsLoggedOnAnyPath() {
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

        String log = String.join("", logged);
        assertTrue(log.contains("kustomer.secret"), "the refusal is logged, naming the property:\n" + log);
        for (String secret : List.of(Jwts.itSecret(), ROTATED, SHORT)) {
            assertFalse(log.contains(secret), "a secret is in the log");
        }
        for (String token : tokens) {
            for (String part : token.split("\\.")) {
                assertFalse(log.contains(part), "a token part is in the log");
            }
        }
        for (DemoAccounts.Account account : DemoAccounts.DEMO) {
            assertFalse(log.contains(account.password()), "a password is in the log");
        }
    }
}
