package io.kustomertoken.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Kustomer's API on 127.0.0.1 and an ephemeral port: it answers each request with
 * the next queued {@link Answer} (501 once the queue is empty) and records what it received.
 *
 * <pre>
 * try (StubKustomerApi api = StubKustomerApi.start()) {
 *     api.enqueue(StubKustomerApi.Answer.json(200, "{\"data\":{\"attributes\":{\"secret\":\"...\"}}}"));
 *     ... call api.url() ...
 *     assertEquals(List.of("Bearer key"), api.authorizations());
 * }
 * </pre>
 */
public final class StubKustomerApi implements AutoCloseable {

    /** The path Kustomer serves the chat settings, with the secret, at. */
    public static final String SETTINGS_PATH = "/v1/auth/customer/settings";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** One answer: status, headers, body, and how it is sent. Immutable; the with-methods copy. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body, Duration delay,
            boolean sendChunked, Duration stallAfterHeaders) {

        public Answer {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            body = body.clone();
        }

        /** A status with an empty body. */
        public static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], Duration.ZERO, false, Duration.ZERO);
        }

        /** A body with Content-Type application/vnd.api+json, as Kustomer sends it. */
        public static Answer json(int status, String json) {
            return status(status).withHeader("Content-Type", "application/vnd.api+json; charset=utf-8")
                    .withBody(json.getBytes(StandardCharsets.UTF_8));
        }

        /** The JSON:API answer that carries this secret at data.attributes.secret. */
        public static Answer secret(String secretJsonStringContent) {
            return json(200, "{\"data\":{\"type\":\"customer_settings\",\"attributes\":{\"secret\":\""
                    + secretJsonStringContent + "\"}}}");
        }

        public Answer withHeader(String name, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
            values.add(value);
            copy.put(name, values);
            return new Answer(status, copy, body, delay, sendChunked, stallAfterHeaders);
        }

        public Answer withBody(byte[] newBody) {
            return new Answer(status, headers, newBody, delay, sendChunked, stallAfterHeaders);
        }

        /** Waits this long before sending anything. */
        public Answer withDelay(Duration newDelay) {
            return new Answer(status, headers, body, newDelay, sendChunked, stallAfterHeaders);
        }

        /** Sends the body chunked, without Content-Length: its size is unknown up front. */
        public Answer chunked() {
            return new Answer(status, headers, body, delay, true, stallAfterHeaders);
        }

        /** Sends the headers and half the body (chunked), then waits this long before the rest. */
        public Answer withStallAfterHeaders(Duration stall) {
            return new Answer(status, headers, body, delay, true, stall);
        }
    }

    /** What the stub received. */
    public record Request(String method, String path, Map<String, List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private StubKustomerApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-kustomer-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Listens on 127.0.0.1 and a free port. */
    public static StubKustomerApi start() {
        try {
            StubKustomerApi api = new StubKustomerApi();
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stub of Kustomer's API", e);
        }
    }

    /** The base URL, e.g. http://127.0.0.1:40123 (no trailing slash): what --api-url takes. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues answers, used one per request in this order. */
    public StubKustomerApi enqueue(Answer... more) {
        answers.addAll(List.of(more));
        return this;
    }

    public int requestCount() {
        return requests.size();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The Authorization header of each request, in order ("" when a request had none). */
    public List<String> authorizations() {
        List<String> values = new ArrayList<>();
        for (Request r : requests) {
            String value = r.header("Authorization");
            values.add(value == null ? "" : value);
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // ends the delays of answers nobody waits for any more
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers));
            exchange.getRequestBody().readAllBytes();
            Answer answer = answers.poll();
            if (answer == null) {
                answer = Answer.status(501).withBody("no answer queued in the stub".getBytes(StandardCharsets.UTF_8));
            }
            sleep(answer.delay());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, new ArrayList<>(v)));
            byte[] body = answer.body();
            if (answer.sendChunked()) {
                exchange.sendResponseHeaders(answer.status(), 0);
            } else {
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            }
            if (body.length > 0) {
                OutputStream out = exchange.getResponseBody();
                int half = answer.stallAfterHeaders().isZero() ? 0 : body.length / 2;
                if (half > 0) {
                    out.write(body, 0, half);
                    out.flush();
                    sleep(answer.stallAfterHeaders());
                }
                // in pieces, so that a client that stops reading is noticed
                for (int i = half; i < body.length; i += 8192) {
                    out.write(body, i, Math.min(8192, body.length - i));
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (e.g. after 64 KiB): nothing to answer any more
        }
    }

    private static void sleep(Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stub closed while delaying an answer", e);
        }
    }
}
