package io.kustomertoken.secret.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.ConfigOverride;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TokenService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kustomer.secret} changes while {@value #IN_FLIGHT} requests are in flight, each on its own
 * HTTP/1.1 connection: none fails, every token verifies with exactly the old or the new secret,
 * and once the change has had the service's reread time, only with the new one. The change is
 * the administrator's: {@code server-config/<kind>/rotate-secret.sh} on WildFly (a new encrypted
 * system property) and Payara Server (a new value of the password alias), which redeploy
 * nothing; a system property on embedded Payara. Bounded: at most
 * {@value #MAX_REQUESTS} requests and {@value #LIMIT_S} s.
 */
class RotationUnderLoadIT extends AgainstDeployedWar {

    static final int IN_FLIGHT = 2_000;
    static final int AFTER_EACH_PHASE = 2_000;
    static final int MAX_REQUESTS = 60_000;
    static final long LIMIT_S = 120;
    static final String NEW_SECRET = "rotated-under-load-0123456789-ABCDEFGHIJ";

    private record Outcome(long startedNanos, int status, String body, Throwable failure) {
    }

    private String user;
    private String password;

    @BeforeEach
    void needsAChangeableServer() throws IOException {
        ConfigOverride.assumeChangeable();
        // WildFly checks people's passwords with bcrypt (about 20 a second here): its fast service account instead.
        String serviceAccount = System.getProperty("it.service.account.file", "");
        if (serviceAccount.isBlank()) {
            user = DemoAccounts.BFF.name();
            password = DemoAccounts.BFF.password();
        } else {
            user = "bff-service";
            password = Files.readString(Path.of(serviceAccount), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void noRequestFailsAndEachTokenVerifiesWithTheOldOrTheNewSecret() throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(30)).build();
        Semaphore permits = new Semaphore(IN_FLIGHT);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_S);
        Thread load = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && sent.get() < MAX_REQUESTS && System.nanoTime() < deadline) {
                try {
                    permits.acquire();
                } catch (InterruptedException stop) {
                    return;
                }
                long n = sent.incrementAndGet();
                long started = System.nanoTime();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                http.sendAsync(request(n), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                        .whenComplete((response, failure) -> {
                            outcomes.add(response == null ? new Outcome(started, 0, null, failure)
                                    : new Outcome(started, response.statusCode(), response.body(), null));
                            inFlight.decrementAndGet();
                            completed.incrementAndGet();
                            permits.release();
                        });
            }
        }, "rotation-load");
        try (ServerLog log = ServerLog.capture()) {
            load.start();
            awaitCompleted(completed, AFTER_EACH_PHASE, deadline);
            long changeStarted = System.nanoTime();
            config.rotateSecret(NEW_SECRET);
            // rotateSecret() returns once the service's reread time has passed: from here on, new secret only.
            long onlyNewFrom = System.nanoTime();
            int completedBefore = completed.get();
            awaitCompleted(completed, completedBefore + AFTER_EACH_PHASE, deadline);
            awaitStartedAfter(outcomes, onlyNewFrom, AFTER_EACH_PHASE, deadline);
            load.interrupt();
            load.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(permits.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS), "requests still open after 60 s");
            double seconds = (System.nanoTime() - changeStarted) / 1e9;

            List<Outcome> all = new ArrayList<>(outcomes);
            assertEquals(sent.get(), all.size());
            int old = 0;
            int rotated = 0;
            for (Outcome outcome : all) {
                assertEquals(200, outcome.status(), () -> outcome.failure() != null
                        ? String.valueOf(outcome.failure()) : outcome.body());
                String token = TokenService.json(outcome.body()).getString("token");
                boolean byOld = verifies(token, Jwts.itSecret());
                boolean byNew = verifies(token, NEW_SECRET);
                assertTrue(byOld ^ byNew, () -> "a token verifies with exactly one of the two secrets; asked for "
                        + (outcome.startedNanos() - changeStarted) / 1_000_000 + " ms after the change began: " + token);
                if (outcome.startedNanos() > onlyNewFrom) {
                    assertTrue(byNew, "asked for after the reread time, signed with the old secret");
                }
                old += byOld ? 1 : 0;
                rotated += byNew ? 1 : 0;
            }
            assertTrue(old >= AFTER_EACH_PHASE && rotated >= AFTER_EACH_PHASE, old + " old, " + rotated + " new");
            assertTrue(mostInFlight.get() >= IN_FLIGHT, "at most " + mostInFlight.get() + " were in flight");
            // Nothing any of these requests did is worth more than an INFO line. Payara Server's
            // own configuration thread logs a SEVERE for the administrator's set-config-property:
            // the change's doing, not the requests'.
            for (String record : ServerLog.recordsAboveInfo(log.awaitText("\u0000never"))) {
                assertTrue(record.contains("_ThreadName=GF Domain XML"), record);
            }
            System.out.printf("RotationUnderLoadIT: %d requests, %d in flight at most, 0 failed; %d old-secret and %d"
                    + " new-secret tokens; %.0f requests/s from the change on%n", all.size(), mostInFlight.get(), old,
                    rotated, (completed.get() - completedBefore) / seconds);
        } finally {
            load.interrupt();
            clientThreads.shutdownNow();
        }
    }

    private HttpRequest request(long n) {
        return TokenService.authorized(service.tokens(), user, password)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"load-" + n + "\"}"))
                .build();
    }

    private static boolean verifies(String token, String secret) {
        try {
            Jwts.verified(token, secret);
            return true;
        } catch (InvalidJwtException wrongSecret) {
            return false;
        }
    }

    private static void awaitCompleted(AtomicInteger completed, int atLeast, long deadline) throws InterruptedException {
        while (completed.get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "only " + completed.get() + " requests completed in time");
            Thread.sleep(20);
        }
    }

    private static void awaitStartedAfter(Queue<Outcome> outcomes, long from, int atLeast, long deadline)
            throws InterruptedException {
        while (outcomes.stream().filter(outcome -> outcome.startedNanos() > from).count() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "too few requests after the change completed in time");
            Thread.sleep(50);
        }
    }
}
