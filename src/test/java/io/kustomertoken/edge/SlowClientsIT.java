package io.kustomertoken.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.CleartextHttp2;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TokenService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callers who send slowly or stop half way keep nobody else from a token. Each kind of stalled
 * connection below is opened more times than any of the three servers has request threads
 * (Payara Server's default pool has 5, WildFly's 16 per core), then held while normal callers
 * ask for tokens. Bounded: every socket is closed at the end, every read has a time-out.
 */
class SlowClientsIT extends AgainstDeployedWar {

    private ServerLog log;

    @BeforeEach
    void watchTheServerLog() {
        log = ServerLog.capture();
    }

    /** What stalled and vanishing callers do is worth no line above INFO (nor a stack trace). */
    @AfterEach
    void nothingAboveInfoWasLogged() throws InterruptedException {
        try {
            assertEquals(List.of(), ServerLog.recordsAboveInfo(log.awaitText("\u0000never", Duration.ofSeconds(2))));
        } finally {
            log.close();
        }
    }

    /** Stalled bodies, a caller's own credentials each (authenticated, so they reach the API). */
    static final int STALLED_BODIES = 64;
    static final int STALLED_CHUNKED_BODIES = 64;
    /** Unauthenticated: header lines that never end, and connections that never send a byte. */
    static final int STALLED_HEADERS = 400;
    static final int SILENT_CONNECTIONS = 200;
    static final long WELL_UNDER_A_SECOND_MS = 1_000;
    /** Payara and WildFly allow 100 concurrent streams on one HTTP/2 connection by default. */
    static final int HTTP2_CONNECTIONS = 2;
    static final int STALLED_HTTP2_STREAMS_EACH = 40;
    /** More than WildFly's worker threads on 2 cores (16 per core). */
    static final int STALLED_AFTER_408 = 48;

    @Test
    void stalledCallersKeepNobodyFromAToken() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_BODIES; i++) {
                held.add(send(head("Content-Length: 60") + "{\"externalId\":\"stal"));
            }
            for (int i = 0; i < STALLED_CHUNKED_BODIES; i++) {
                held.add(send(head("Transfer-Encoding: chunked") + "5\r\n{\"ext\r\n"));
            }
            for (int i = 0; i < STALLED_HEADERS; i++) {
                held.add(send("POST " + service.tokens().getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"));
            }
            for (int i = 0; i < SILENT_CONNECTIONS; i++) {
                held.add(send(""));
            }
            // Lets the server take in what was sent: the first answer comes after the stalled
            // callers were authenticated (WildFly's bcrypt needs about a second for 128 of them).
            Thread.sleep(1_000);
            TokenService.tokenFrom(service.postEmpty(DemoAccounts.CAROL));

            long slowestMs = slowestOfTenNormalPairs(held.size() + " stalled connections were open");
            System.out.printf("SlowClientsIT: %d stalled connections held; slowest of 10 normal pairs: %d ms%n",
                    held.size(), slowestMs);
            assertEquals(STALLED_BODIES + STALLED_CHUNKED_BODIES + STALLED_HEADERS + SILENT_CONNECTIONS,
                    held.stream().filter(socket -> !socket.isClosed()).count());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatStopsHalfWayIsAnswered408WithConnectionClose() throws Exception {
        try (Socket stalled = send(head("Content-Length: 60") + "{\"externalId\":\"half")) {
            stalled.setSoTimeout(30_000);
            // Not read to the end: a server may wait for the rest of the body before it closes.
            String answer = readAnswer(stalled.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            String lower = answer.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("content-type: application/problem+json"), answer);
            assertTrue(lower.contains("connection: close"), answer);
            assertTrue(answer.contains("urn:kustomer-token-service:problem:request-timeout"), answer);
        }
    }

    /**
     * WildFly drains what is left of a body with a blocking read when an async request ends: a
     * caller who kept stalling after its 408 held a worker thread, and 32 of them (WildFly's pool
     * on 2 cores) kept everyone else waiting until they left.
     */
    @Test
    void bodiesThatKeepStallingAfterTheir408HoldNoThread() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_AFTER_408; i++) {
                held.add(send(head("Content-Length: 60") + "{\"externalId\":\"stubborn"));
            }
            for (Socket stalled : held) {
                stalled.setSoTimeout(30_000);
                String answer = readAnswer(stalled.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            }
            long slowestMs = slowestOfTenNormalPairs(held.size() + " callers kept stalling after their 408");
            System.out.printf("SlowClientsIT: %d callers kept stalling after their 408; slowest of 10 normal pairs: %d ms%n",
                    held.size(), slowestMs);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aBodySentSlowlyButInTimeStillGetsItsToken() throws Exception {
        String body = "{\"externalId\":\"slow-but-steady\"}";
        try (Socket slow = send(head("Content-Length: " + body.length()))) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(50);
            }
            String answer = readAnswer(slow.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("\"token\":\""), answer);
        }
    }

    @Test
    void aRequestAskingForAnUpgradeThatIsNotMadeIsAnsweredAtOnce() throws Exception {
        // Grizzly read such a body until the caller closed, holding a request thread all along.
        String body = "{\"externalId\":\"upgrader\"}";
        for (String upgrade : List.of("websocket", "h2c", "TLS/1.2")) {
            try (Socket own = send(head(DemoAccounts.ALICE, "Connection: Upgrade\r\nUpgrade: " + upgrade + "\r\nContent-Length: 0"));
                    Socket named = send(head(DemoAccounts.BFF, "Connection: Upgrade\r\nUpgrade: " + upgrade
                            + "\r\nContent-Length: " + body.length()) + body)) {
                for (Socket socket : List.of(own, named)) {
                    socket.setSoTimeout(5_000);
                    String answer = readAnswer(socket.getInputStream());
                    // An h2c upgrade, where the server makes it, answers 101 and then in HTTP/2.
                    assertTrue(answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.1 101"), upgrade + ": " + answer);
                }
            }
        }
    }

    /**
     * HTTP/2 streams whose bodies stall (h2c with prior knowledge, which all three servers speak
     * on their plain listener): more of them than any server has request threads, on two
     * connections. Payara Server read HTTP/2 bodies blocking until this was fixed, so 5 such
     * streams took every request thread.
     */
    @Test
    void stalledHttp2BodiesKeepNobodyFromATokenAndAreAnswered408() throws Exception {
        List<CleartextHttp2> connections = new ArrayList<>();
        List<int[]> streams = new ArrayList<>();
        try {
            for (int c = 0; c < HTTP2_CONNECTIONS; c++) {
                CleartextHttp2 connection = new CleartextHttp2(deployment.getHost(), deployment.getPort());
                connections.add(connection);
                for (int i = 0; i < STALLED_HTTP2_STREAMS_EACH; i++) {
                    int stream = connection.openStalled(http2Request(), "{\"externalId\":\"h2".getBytes(StandardCharsets.US_ASCII));
                    streams.add(new int[] {c, stream});
                }
            }
            long openedAt = System.nanoTime();
            // As above: the first answer comes after the stalled callers were authenticated.
            Thread.sleep(1_000);
            TokenService.tokenFrom(service.postEmpty(DemoAccounts.CAROL));
            for (CleartextHttp2 connection : connections) {
                assertTrue(connection.isOpen(), "the server ended an HTTP/2 connection: " + connection.closedBecause());
            }
            long slowestMs = slowestOfTenNormalPairs(streams.size() + " HTTP/2 bodies stalled");
            // Each stalled stream is answered 408 once its time is up, on its own connection.
            long deadline = openedAt + 25_000_000_000L;
            for (int[] at : streams) {
                CleartextHttp2 connection = connections.get(at[0]);
                while (connection.ending(at[1]) == null && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("end", connection.ending(at[1]), "stream " + at[1] + " (" + connection.closedBecause() + ")");
                assertTrue(connection.body(at[1]).contains("urn:kustomer-token-service:problem:request-timeout"),
                        connection.body(at[1]));
            }
            // Answered, the stalled callers keep their streams open: they still hold no thread.
            long slowestAfterMs = slowestOfTenNormalPairs(streams.size() + " HTTP/2 bodies kept stalling after their 408");
            System.out.printf("SlowClientsIT: %d stalled HTTP/2 bodies on %d connections, each answered 408;"
                    + " slowest of 10 normal pairs meanwhile: %d ms, after the 408s: %d ms%n", streams.size(),
                    connections.size(), slowestMs, slowestAfterMs);
        } finally {
            for (CleartextHttp2 connection : connections) {
                connection.close();
            }
        }
    }

    /** Ten pairs of normal requests (a caller's own token, a delegate's): the slowest pair's time. */
    private long slowestOfTenNormalPairs(String whileWhat) {
        long slowestMs = 0;
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            HttpResponse<String> own = service.postEmpty(DemoAccounts.ALICE);
            HttpResponse<String> named = service.postJson(DemoAccounts.BFF, "{\"externalId\":\"normal-" + i + "\"}");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            TokenService.tokenFrom(own);
            TokenService.tokenFrom(named);
            assertTrue(tookMs < 2 * WELL_UNDER_A_SECOND_MS, "two normal requests took " + tookMs + " ms while " + whileWhat);
            slowestMs = Math.max(slowestMs, tookMs);
        }
        return slowestMs;
    }

    private Map<String, String> http2Request() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("content-type", "application/json");
        more.put("content-length", "40");
        more.put("authorization", TokenService.basic(DemoAccounts.BFF.name(), DemoAccounts.BFF.password()));
        return CleartextHttp2.request("POST", deployment.getHost() + ":" + deployment.getPort(),
                service.tokens().getPath(), more);
    }

    private String head(String framing) {
        return head(DemoAccounts.BFF, framing);
    }

    private String head(DemoAccounts.Account as, String framing) {
        return "POST " + service.tokens().getPath() + " HTTP/1.1\r\n"
                + "Host: " + deployment.getHost() + "\r\n"
                + "Authorization: " + TokenService.basic(as.name(), as.password()) + "\r\n"
                + "Content-Type: application/json\r\n"
                + framing + "\r\n\r\n";
    }

    private Socket send(String text) throws IOException {
        Socket socket = new Socket(deployment.getHost(), deployment.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    // The status line, headers and a Content-Length body; the connection may stay open.
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        int contentLength = -1;
        try {
            int end;
            while ((end = text.indexOf("\r\n\r\n")) < 0) {
                int c = in.read();
                if (c < 0) {
                    return text.toString();
                }
                text.append((char) c);
            }
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    contentLength = Integer.parseInt(line.substring(15).strip());
                }
            }
            if (contentLength > 0) {
                text.append(new String(in.readNBytes(contentLength), StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException stalled) {
            text.append("\n(no more within the time-out)");
        }
        return text.toString();
    }
}
