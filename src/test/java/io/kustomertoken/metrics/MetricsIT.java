package io.kustomertoken.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The counts move on the server's own metrics endpoint, in Prometheus text (embedded and Payara
 * Server: MicroProfile Metrics at {@code /metrics?scope=application}; WildFly: Micrometer at the
 * management interface's {@code /prometheus}, {@code -Dit.metrics.url}).
 */
class MetricsIT extends AgainstDeployedWar {

    static final String METRICS_URL = "it.metrics.url";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void issuedRefusedAndSigningTimeMoveWithTheRequests() throws Exception {
        String before = scrape();
        // Each WAR's meters carry its context path: both WARs run on the test servers.
        String application = "application=\"" + URI.create(deployment.toString()).getPath().replaceAll("/+$", "") + "\"";
        double issued = sum(before, "kustomer_tokens_issued_total", application);
        double notPermitted = sum(before, "kustomer_tokens_refused_total", "problem=\"identity-not-permitted\"");
        double unauthorized = sum(before, "kustomer_tokens_refused_total", "problem=\"unauthorized\"");
        double signed = sum(before, "kustomer_signing_seconds_count", "");

        TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
        TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"metrics-customer\"}"));
        assertEquals(403, service.postJson(DemoAccounts.ALICE, "{\"externalId\":\"carol\"}").statusCode());
        assertEquals(401, service.send(TokenService.authorized(service.tokens(), "alice", "wrong")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());

        String after = awaitMoved(issued + 2, application);
        assertEquals(issued + 2, sum(after, "kustomer_tokens_issued_total", application), after);
        assertEquals(notPermitted + 1, sum(after, "kustomer_tokens_refused_total", "problem=\"identity-not-permitted\""));
        assertEquals(unauthorized + 1, sum(after, "kustomer_tokens_refused_total", "problem=\"unauthorized\""));
        assertEquals(signed + 2, sum(after, "kustomer_signing_seconds_count", ""));
        assertTrue(sum(after, "kustomer_signing_seconds_sum", "") > 0, "signing takes some time");
        assertFalse(after.contains(Jwts.itSecret()), "the secret is on the metrics endpoint");
        assertFalse(after.contains("metrics-customer"), "a customer is named on the metrics endpoint");
    }

    private String awaitMoved(double issued, String application) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        String text = scrape();
        while (sum(text, "kustomer_tokens_issued_total", application) < issued && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            text = scrape();
        }
        // The refusals are counted when their requests end, like the tokens: a moment more.
        Thread.sleep(300);
        return scrape();
    }

    private String scrape() throws Exception {
        URI uri = metricsUri();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), uri + ": " + answer.body());
        return answer.body();
    }

    private URI metricsUri() {
        String configured = System.getProperty(METRICS_URL, "");
        if (!configured.isBlank()) {
            return URI.create(configured);
        }
        Assumptions.assumeFalse(System.getProperty("it.server.kind", "").equals("wildfly"),
                "WildFly serves metrics on its management interface: -D" + METRICS_URL);
        return URI.create(deployment.toString()).resolve("/metrics?scope=application");
    }

    /** The sum of every sample of {@code name} whose labels contain {@code label} (0 when none). */
    static double sum(String prometheus, String name, String label) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)").matcher(prometheus);
        double total = 0;
        while (sample.find()) {
            String labels = sample.group(1) == null ? "" : sample.group(1);
            if (labels.contains(label)) {
                total += Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }
}
