package io.kustomertoken.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.ProblemAssertions;
import io.kustomertoken.testsupport.ServerLog;
import io.kustomertoken.testsupport.TestServerExtension;
import io.kustomertoken.testsupport.TokenService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile requests, sent byte for byte over a socket, each answered with a
 * documented 4xx problem, and none of them leaving a SEVERE or WARNING line or a stack trace in
 * the server's log. Requests the HTTP layer cannot parse at all are answered by the server itself
 * before any application runs: those only have to be a 4xx that names no product ({@link
 * #BELOW_THE_APPLICATION}).
 */
class HostileRequestsIT extends AgainstDeployedWar {

    /** A case: what is sent after the request line's method and path, and the statuses allowed. */
    private record Case(String name, String method, String path, String headers, byte[] body, Set<Integer> statuses) {
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Cases the server's HTTP parser refuses: no application code sees them. */
    static final Set<String> BELOW_THE_APPLICATION = Set.of(
            "header line without a colon", "header with a NUL byte", "obsolete line folding", "20 KiB header",
            "Content-Length not a number", "negative Content-Length", "Content-Length beyond a long",
            "two different Content-Lengths", "Content-Length and chunked", "NUL in the path",
            "dot segments out of the application", "unknown Transfer-Encoding", "space in the method", "TRACE",
            "200 headers", "BASIC of 6 KiB", "encoded dot segments");

    @Test
    void everyHostileRequestGetsADocumentedProblemAndLeavesNoTraceInTheLog() throws Exception {
        List<String> failures = new ArrayList<>();
        // Whatever a fresh deployment logs on its first token (issue 12: SLF4J's notice) is not a hostile request's doing.
        TokenService.tokenFrom(service.postJson(DemoAccounts.BFF, "{\"externalId\":\"first\"}"));
        try (ServerLog log = ServerLog.capture()) {
            for (Case hostile : corpus()) {
                Answer answer = exchange(hostile);
                String problem = check(hostile, answer);
                if (problem != null) {
                    failures.add(hostile.name() + ": " + problem + "\n    " + answer.status() + " " + answer.headers()
                            + " " + answer.body());
                }
            }
            // A normal request after all that: its token proves the service is well, its log line is the end marker.
            TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE));
            for (String record : ServerLog.recordsAboveInfo(log.awaitText("\u0000never"))) {
                failures.add("logged: " + record);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private String check(Case hostile, Answer answer) {
        if (!hostile.statuses().contains(answer.status())) {
            return "status " + answer.status() + ", expected one of " + hostile.statuses();
        }
        if (answer.status() == 200) {
            return answer.body().contains("\"token\":\"") ? null : "200 without a token";
        }
        try {
            ProblemAssertions.assertNoLeak(answer.body());
        } catch (AssertionError leak) {
            return leak.getMessage();
        }
        String server = answer.headers().getOrDefault("server", "") + answer.headers().getOrDefault("x-powered-by", "");
        // The Arquillian container is not configured as the run command is (.ci/smoke-run checks that one).
        if (TestServerExtension.serverUrl() != null && server.matches(".*\\d.*")) {
            return "the answer names a product version: " + server;
        }
        if (BELOW_THE_APPLICATION.contains(hostile.name())) {
            return null;
        }
        String type = answer.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json";
        }
        if (!"nosniff".equals(answer.headers().get("x-content-type-options"))) {
            return "no nosniff";
        }
        if (!"HEAD".equals(hostile.method()) && !answer.body().contains("\"type\":\"" + ProblemAssertions.TYPE_PREFIX)) {
            return "not one of our problem types";
        }
        return null;
    }

    private List<Case> corpus() {
        String tokens = service.tokens().getPath();
        String bff = "Authorization: " + TokenService.basic(DemoAccounts.BFF.name(), DemoAccounts.BFF.password()) + "\r\n";
        String alice = "Authorization: " + TokenService.basic(DemoAccounts.ALICE.name(), DemoAccounts.ALICE.password()) + "\r\n";
        String json = "Content-Type: application/json\r\n";
        Set<Integer> malformed = Set.of(400);
        Set<Integer> invalid = Set.of(422);
        Set<Integer> refused = Set.of(400, 413, 422);
        Set<Integer> parser = Set.of(400, 413, 431, 501);
        Set<Integer> unauthorized = Set.of(401);
        List<Case> cases = new ArrayList<>();
        // bodies
        cases.add(post("truncated JSON", bff + json, "{\"externalId\":", malformed));
        cases.add(post("arrays nested 1000 deep", bff + json, "[".repeat(1000) + "]".repeat(1000), malformed));
        cases.add(post("objects nested 1000 deep", bff + json, "{\"a\":".repeat(1000) + "1" + "}".repeat(1000), refused));
        cases.add(post("duplicate field", bff + json, "{\"externalId\":\"a\",\"externalId\":\"b\"}", invalid));
        cases.add(post("number out of range", bff + json, "{\"externalId\":1e999999999}", invalid));
        cases.add(post("huge integer", bff + json, "{\"externalId\":" + "9".repeat(4000) + "}", invalid));
        cases.add(post("lone surrogate escape", bff + json, "{\"externalId\":\"\\uD800\"}", invalid));
        cases.add(post("bad escape", bff + json, "{\"externalId\":\"\\x41\"}", malformed));
        cases.add(post("JSON null", bff + json, "null", invalid));
        cases.add(post("JSON string", bff + json, "\"alice\"", invalid));
        cases.add(post("two objects", bff + json, "{}{}", malformed));
        cases.add(post("unknown field", bff + json, "{\"externalId\":\"a\",\"role\":\"admin\"}", invalid));
        cases.add(post("field named with NUL", bff + json, "{\"externalId\\u0000\":\"a\"}", invalid));
        cases.add(post("control character in externalId", bff + json, "{\"externalId\":\"a\\u0007b\"}", invalid));
        cases.add(post("right-to-left override in externalId", bff + json, "{\"externalId\":\"a\\u202Eb\"}", invalid));
        cases.add(post("email with two @", bff + json, "{\"email\":\"a@b@example.com\"}", invalid));
        cases.add(post("email 10,000 chars", bff + json, "{\"email\":\"" + "a".repeat(7000) + "@example.com\"}", invalid));
        cases.add(post("9 KiB body", bff + json, "{\"externalId\":\"" + "a".repeat(9 * 1024) + "\"}", Set.of(413)));
        cases.add(new Case("invalid UTF-8", "POST", tokens, bff + json,
                concat("{\"externalId\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\"}".getBytes(StandardCharsets.US_ASCII)), malformed));
        cases.add(new Case("overlong UTF-8 slash", "POST", tokens, bff + json,
                concat("{\"externalId\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xAF},
                        "\"}".getBytes(StandardCharsets.US_ASCII)), malformed));
        cases.add(new Case("UTF-16 body", "POST", tokens, bff + "Content-Type: application/json; charset=UTF-16\r\n",
                "{\"externalId\":\"a\"}".getBytes(StandardCharsets.UTF_16), Set.of(400, 415)));
        // media types and charsets
        cases.add(post("text/plain", bff + "Content-Type: text/plain\r\n", "{\"externalId\":\"a\"}", Set.of(415)));
        cases.add(post("form", bff + "Content-Type: application/x-www-form-urlencoded\r\n", "externalId=a", Set.of(415)));
        cases.add(post("no Content-Type", bff, "{\"externalId\":\"a\"}", Set.of(415)));
        cases.add(post("Latin-1 charset", bff + "Content-Type: application/json; charset=ISO-8859-1\r\n",
                "{\"externalId\":\"a\"}", Set.of(415)));
        cases.add(post("unknown charset", bff + "Content-Type: application/json; charset=x-no-such\r\n",
                "{\"externalId\":\"a\"}", Set.of(415)));
        cases.add(post("malformed media type", bff + "Content-Type: application/\r\n", "{\"externalId\":\"a\"}", Set.of(415)));
        cases.add(post("media type of semicolons", bff + "Content-Type: ;;;\r\n", "{\"externalId\":\"a\"}", Set.of(415)));
        // bodies the API takes, framed in every way it reads
        cases.add(post("valid body of 8 KiB", bff + json, "{\"externalId\":\"" + "b".repeat(200) + "\"}"
                + " ".repeat(8192 - 218), Set.of(200)));
        cases.add(rawPost("valid chunked body", bff + json + "Transfer-Encoding: chunked\r\n",
                chunked("{\"ext", "ernalId\":\"chunked\"}"), Set.of(200)));
        // Accept
        cases.add(post("Accept text/html", alice + "Accept: text/html\r\n", "", Set.of(406)));
        cases.add(post("Accept JSON with q=0", alice + "Accept: application/json;q=0\r\n", "", Set.of(406)));
        cases.add(post("Accept JSON q=0 and anything else", alice + "Accept: application/json;q=0, */*;q=0.5\r\n", "", Set.of(406)));
        cases.add(post("Accept with a bad q", alice + "Accept: application/json;q=abc\r\n", "", Set.of(400, 406)));
        // A valid Accept of 6 KiB: one regular expression over it overflowed the stack (a 500).
        cases.add(post("Accept of 6 KiB of parameters", alice + "Accept: application/json" + ";a=b".repeat(1500) + "\r\n", "",
                Set.of(200, 400, 413, 431)));
        cases.add(post("Accept of garbage", alice + "Accept: ;;;,,,/\r\n", "", Set.of(400, 406)));
        // methods
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "HEAD")) {
            cases.add(new Case(method, method, tokens, alice, new byte[0], Set.of(405)));
        }
        cases.add(new Case("TRACE", "TRACE", tokens, alice, new byte[0], Set.of(405)));
        cases.add(new Case("unknown method", "BREW", tokens, alice, new byte[0], Set.of(400, 405)));
        // Grizzly reads "PO ST /path HTTP/1.1" as method PO, path ST, version "/path": 505 (README: limits).
        cases.add(new Case("space in the method", "PO ST", tokens, alice, new byte[0], Set.of(400, 501, 505)));
        // headers
        // WildFly reads headers up to 1 MB: there it is a valid request.
        cases.add(post("20 KiB header", alice + "X-Big: " + "a".repeat(20 * 1024) + "\r\n", "", Set.of(200, 400, 413, 431)));
        // Some HTTP parsers skip such lines (the request is then a valid one), others refuse it.
        cases.add(post("header line without a colon", alice + "NoColonHere\r\n", "", Set.of(200, 400)));
        cases.add(post("header with a NUL byte", alice + "X-Nul: a\u0000b\r\n", "", Set.of(200, 400)));
        cases.add(post("obsolete line folding", alice + "X-Folded: a\r\n b\r\n", "", Set.of(400, 200)));
        cases.add(post("200 headers", alice + "X-Many: a\r\n".repeat(200), "", Set.of(200, 400, 413, 431)));
        cases.add(rawPost("Content-Length not a number", bff + json + "Content-Length: abc\r\n", "{}", parser));
        cases.add(rawPost("negative Content-Length", bff + json + "Content-Length: -5\r\n", "{}", parser));
        cases.add(rawPost("Content-Length beyond a long", bff + json + "Content-Length: 99999999999999999999999\r\n", "{}",
                Set.of(400, 413)));
        cases.add(rawPost("two different Content-Lengths", bff + json + "Content-Length: 2\r\nContent-Length: 3\r\n", "{}",
                parser));
        // RFC 9112 6.3: refused, or read as chunked (then {} names nobody: 422).
        cases.add(rawPost("Content-Length and chunked", bff + json + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
                "2\r\n{}\r\n0\r\n\r\n", Set.of(400, 422)));
        // Undertow reads such a body until the connection closes: the intake's 408 after 10 s.
        cases.add(rawPost("unknown Transfer-Encoding", bff + json + "Transfer-Encoding: gzip2\r\n", "{}",
                Set.of(400, 408, 422, 501)));
        cases.add(post("BASIC with bad padding", "Authorization: Basic YWxpY2U6eA\r\n", "", unauthorized));
        cases.add(post("BASIC with a space inside", "Authorization: Basic YWxp Y2U6eA==\r\n", "", unauthorized));
        // credentials
        cases.add(post("no credentials", "", "", unauthorized));
        cases.add(post("BASIC not Base64", "Authorization: Basic !!!not-base64!!!\r\n", "", unauthorized));
        cases.add(post("BASIC without colon", "Authorization: Basic " + b64("alicealice-password") + "\r\n", "", unauthorized));
        cases.add(post("BASIC empty", "Authorization: Basic \r\n", "", unauthorized));
        cases.add(post("BASIC of 6 KiB", "Authorization: Basic " + b64("alice:" + "a".repeat(6 * 1024)) + "\r\n", "",
                Set.of(400, 401, 431)));
        cases.add(post("BASIC user with NUL", "Authorization: Basic " + b64("alice\u0000:alice-password") + "\r\n", "",
                unauthorized));
        cases.add(new Case("BASIC of invalid UTF-8", "POST", tokens, "Authorization: Basic "
                + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, ':', (byte) 0xC3}) + "\r\n", new byte[0],
                unauthorized));
        cases.add(post("Bearer instead of BASIC", "Authorization: Bearer eyJhbGciOiJub25lIn0.e30.\r\n", "", unauthorized));
        cases.add(post("BASIC twice", alice + alice, "", Set.of(200, 400, 401)));
        cases.add(post("wrong password", "Authorization: Basic " + b64("alice:wrong") + "\r\n", "", unauthorized));
        cases.add(post("SQL in the user name", "Authorization: Basic " + b64("' OR '1'='1:x") + "\r\n", "", unauthorized));
        cases.add(post("LDAP filter in the user name", "Authorization: Basic " + b64("*)(uid=*:x") + "\r\n", "", unauthorized));
        // paths
        cases.add(new Case("NUL in the path", "POST", tokens + "%00", alice, new byte[0], Set.of(400, 404)));
        cases.add(new Case("dot segments out of the application", "GET", tokens + "/../../../WEB-INF/web.xml", alice,
                new byte[0], Set.of(400, 404)));
        cases.add(new Case("encoded dot segments", "GET", tokens + "/%2e%2e/%2e%2e/%2e%2e/WEB-INF/web.xml", alice,
                new byte[0], Set.of(400, 404)));
        cases.add(new Case("path parameter", "POST", tokens + ";jsessionid=x", alice, new byte[0], Set.of(200, 400, 404)));
        cases.add(new Case("unknown path", "POST", tokens + "/x", alice, new byte[0], Set.of(404)));
        return cases;
    }

    private Case post(String name, String headers, String body, Set<Integer> statuses) {
        return new Case(name, "POST", service.tokens().getPath(), headers, body.getBytes(StandardCharsets.UTF_8), statuses);
    }

    /** The headers already frame the body. */
    private Case rawPost(String name, String headers, String body, Set<Integer> statuses) {
        return new Case(name, "POST!", service.tokens().getPath(), headers, body.getBytes(StandardCharsets.UTF_8), statuses);
    }

    private Answer exchange(Case hostile) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        boolean framed = hostile.method().endsWith("!");
        String method = framed ? hostile.method().substring(0, hostile.method().length() - 1) : hostile.method();
        request.write((method + " " + hostile.path() + " HTTP/1.1\r\nHost: " + deployment.getHost() + "\r\n"
                + "Connection: close\r\n" + hostile.headers()).getBytes(StandardCharsets.ISO_8859_1));
        if (!framed && (hostile.body().length > 0 || "POST".equals(method))) {
            request.write(("Content-Length: " + hostile.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        request.write(hostile.body());
        try (Socket socket = new Socket(deployment.getHost(), deployment.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException refusedMidway) {
                // The server may answer and close before it has read everything.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                read.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException stopped) {
            // Whatever arrived is the answer.
        }
        return read.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static String chunked(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length)).append("\r\n")
                    .append(chunk).append("\r\n");
        }
        return body.append("0\r\n\r\n").toString();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void theCorpusIsWhatItSaysItIs() {
        List<Case> cases = corpus();
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        for (String below : BELOW_THE_APPLICATION) {
            assertTrue(cases.stream().anyMatch(c -> c.name().equals(below)), below);
        }
        assertTrue(cases.stream().filter(c -> c.statuses().stream().anyMatch(s -> s >= 500))
                .allMatch(c -> BELOW_THE_APPLICATION.contains(c.name())), "only the HTTP parser may answer a 5xx");
    }
}
