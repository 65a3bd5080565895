package io.kustomertoken.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.AuditLog;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.ProblemAssertions;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-caller limits, set live through MicroProfile Config the way an administrator sets them:
 * beyond a limit the answer is 429 problem+json with {@code Retry-After}, other callers and other
 * customers are not affected, the refusal is audited, and a raised limit applies without a
 * redeploy. The tests' servers run with limits far above anything else the tests send.
 */
class LimitsIT extends AgainstDeployedWar {

    static final String CUSTOMER = "kustomer.limit.customer.tokens-per-minute";
    static final String DELEGATE = "kustomer.limit.delegate.tokens-per-minute";
    static final String IDENTITY = "kustomer.limit.identity.tokens-per-minute";
    static final String TOO_MANY = "urn:kustomer-token-service:problem:too-many-tokens";

    // Buckets outlive a test run on a real server: each run names customers of its own.
    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void aCustomerBeyondItsLimitGets429WithRetryAfterUntilTheLimitIsRaised() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set(CUSTOMER, "3");
        for (int i = 0; i < 3; i++) {
            TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        }
        try (AuditLog audit = AuditLog.capture()) {
            HttpResponse<String> refused = service.postEmpty(DemoAccounts.ALICE);
            assertTooMany(refused, 20);
            assertTrue(refused.body().contains("3 tokens in the last minute"), refused.body());

            List<JsonObject> lines = audit.awaitLines(1);
            assertEquals(1, lines.size(), String.join("\n", audit.lines()));
            assertEquals(429, lines.get(0).getInt("status"));
            assertEquals(TOO_MANY, lines.get(0).getString("problemType"));
            assertEquals("alice", lines.get(0).getString("caller"));
            assertEquals("kustomer-customer", lines.get(0).getString("role"));
            assertEquals("alice", lines.get(0).getString("externalId"));
        }
        TokenService.tokenFrom(service.postEmpty(DemoAccounts.CAROL));

        config.set(CUSTOMER, "1000");
        TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
    }

    @Test
    void aDelegateIsLimitedPerCustomerItNamesAndAcrossThemAll() throws Exception {
        ConfigOverride.assumeChangeable();
        config.set(IDENTITY, "2");
        config.set(DELEGATE, "3");
        String busy = "{\"externalId\":\"busy-" + run + "\"}";
        TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, busy));
        TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, busy));

        HttpResponse<String> perCustomer = service.postJson(DemoAccounts.BFF, busy);
        assertTooMany(perCustomer, 30);
        assertTrue(perCustomer.body().contains("This customer has had 2 tokens"), perCustomer.body());
        // Another customer: the delegate's third token, its refusal above spent none.
        TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"quiet-" + run + "\"}"));

        HttpResponse<String> perDelegate = service.postJson(DemoAccounts.BFF, "{\"externalId\":\"new-" + run + "\"}");
        assertTooMany(perDelegate, 20);
        assertTrue(perDelegate.body().contains("You have had 3 tokens"), perDelegate.body());
    }

    private static void assertTooMany(HttpResponse<String> refused, long atMostSeconds) {
        ProblemAssertions.assertProblem(refused, 429, "too-many-tokens");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 1 && retryAfter <= atMostSeconds, "Retry-After: " + retryAfter);
        assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""));
    }
}
