package io.kustomertoken.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The demo page of docs/clients.md, served by the run command on an origin of its own
 * ({@value #HOST}:{@value #DEFAULT_PORT}) beside kustomer-bearer.war: a browser app that signs in
 * with the OpenID provider and asks the service for a token across origins. It serves the files
 * that src/demo/web/build.mjs put in target/demo-web, and the page's settings as config.json.
 */
final class DemoPage {

    static final String HOST = DemoServer.HOST;
    static final int DEFAULT_PORT = 8081;
    static final String CLIENT_ID = "demo-page";
    /** The files of the page and their media types; anything else is 404. */
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/kustomer-stand-in.js", "kustomer-stand-in.js");

    private final Path folder;
    private final byte[] config;
    private final HttpServer server;

    private DemoPage(Path folder, byte[] config, HttpServer server) {
        this.folder = folder;
        this.config = config;
        this.server = server;
    }

    /** Whether the page was built (src/demo/web: npm ci, then node build.mjs) next to the WAR. */
    static boolean isBuiltIn(Path folder) {
        return Files.isRegularFile(folder.resolve("index.html")) && Files.isRegularFile(folder.resolve("app.js"));
    }

    /** Serves the page from {@code folder} at http://127.0.0.1:{@code port}/, for a provider and a service. */
    static DemoPage serve(Path folder, int port, String issuer, URI service) throws IOException {
        String json = "{\"issuer\":\"" + jsonText(issuer) + "\",\"clientId\":\"" + CLIENT_ID
                + "\",\"service\":\"" + jsonText(service.toString()) + "\"}";
        HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 16);
        DemoPage page = new DemoPage(folder, json.getBytes(StandardCharsets.UTF_8), server);
        server.createContext("/", page::answer);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return page;
    }

    static String origin(int port) {
        return "http://" + HOST + ":" + port;
    }

    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            // The sign-in's code comes back in the page's URL: never pass it on.
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.US_ASCII));
            } else if ("/config.json".equals(path)) {
                send(exchange, 200, "application/json", config);
            } else if (FILES.containsKey(path)) {
                String file = FILES.get(path);
                send(exchange, 200, file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
                        Files.readAllBytes(folder.resolve(file)));
            } else {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // The issuer and the service URL come from this machine's own settings; quotes and
    // backslashes are escaped all the same.
    private static String jsonText(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
