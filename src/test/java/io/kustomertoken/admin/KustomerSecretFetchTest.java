package io.kustomertoken.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.StubKustomerApi;
import io.kustomertoken.testsupport.StubKustomerApi.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The administrator's tool against a stub of Kustomer's API, in-process through run(...) with a
 * sleeper that only records, so retries take no time; and once through the source launcher.
 */
class KustomerSecretFetchTest {

    private static final String KEY = "test-api-key.ABCdef0123456789_xyz";
    private static final String SECRET = "chat-secret-from-the-stub-0123456789abcdef";
    private static final String SHORT_SECRET = "short-secret-31-bytes-012345678";

    private StubKustomerApi api;
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private final KustomerSecretFetch.Sleeper sleeper = new KustomerSecretFetch.Sleeper() {
        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
        }

        @Override
        public long currentTimeMillis() {
            return NOW.toEpochMilli();
        }
    };
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** What one run gave. */
    private record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> errorLines() {
            return stderr.lines().filter(l -> l.startsWith("kustomer-secret-fetch: ERROR: ")).toList();
        }
    }

    @BeforeEach
    void startStub() {
        api = StubKustomerApi.start();
    }

    @AfterEach
    void stopStub() {
        api.close();
    }

    private Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private Result run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KustomerSecretFetch.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                sleeper, Map.of(), 1000L);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** The stub's URL plus the given options. */
    private String[] stub(String... more) {
        List<String> args = new ArrayList<>(List.of("--api-url", api.url().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Exit 1, stdout empty, exactly one ERROR line, neither key nor secret on stderr. */
    private static String assertFailure(Result result, String... secrets) {
        assertEquals(1, result.exitCode(), result.stderr());
        assertEquals(0, result.stdout().length, "stdout must stay empty on failure");
        assertEquals(1, result.errorLines().size(), result.stderr());
        assertFalse(result.stderr().contains(KEY), "stderr shows the key: " + result.stderr());
        assertFalse(result.stderr().contains(SECRET), "stderr shows the secret");
        for (String secret : secrets) {
            assertFalse(result.stderr().contains(secret), "stderr shows the secret: " + result.stderr());
        }
        assertTrue(result.stderr().endsWith("\n"));
        return result.errorLines().get(0);
    }

    private static void assertSuccess(Result result, String secret) {
        assertEquals(0, result.exitCode(), result.stderr());
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), result.stdout());
        assertFalse(result.stderr().contains(KEY));
        assertFalse(result.stderr().contains(secret));
    }

    // ------------------------------------------------------------ success

    @Test
    void printsJsonApiSecretExactlyAndSendsTheKeyAsBearer() {
        api.enqueue(Answer.secret(SECRET));
        Result result = run(KEY + "\n", stub());
        assertSuccess(result, SECRET);
        assertEquals("", result.stderr());
        assertEquals(List.of("Bearer " + KEY), api.authorizations());
        StubKustomerApi.Request request = api.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals(StubKustomerApi.SETTINGS_PATH, request.path());
        assertEquals("application/vnd.api+json, application/json", request.header("Accept"));
        assertEquals("kustomer-token-service-secret-fetch", request.header("User-Agent"));
    }

    @Test
    void acceptsPlainAttributesShapeAndCrLfAfterTheKeyAndNoNewlineAtAll() {
        api.enqueue(Answer.json(200, "{\"attributes\":{\"secret\":\"" + SECRET + "\"}}").withHeader("X", "y"));
        assertSuccess(run(KEY + "\r\n", stub()), SECRET);
        api.enqueue(Answer.json(200, "{\"attributes\":{\"secret\":\"" + SECRET + "\"}}"));
        assertSuccess(run(KEY, stub()), SECRET);
        assertEquals(List.of("Bearer " + KEY, "Bearer " + KEY), api.authorizations());
    }

    @Test
    void prefersDataAttributesWhenBothShapesArePresent() {
        api.enqueue(Answer.json(200, "{\"attributes\":{\"secret\":\"other-secret-which-is-long-enough-000\"},"
                + "\"data\":{\"attributes\":{\"secret\":\"" + SECRET + "\"}}}"));
        assertSuccess(run(KEY + "\n", stub()), SECRET);
    }

    @Test
    void decodesEscapesAndWritesUtf8WithoutNewline() {
        String secret = "caf\u00e9-\uD83D\uDE00-secret-with/escapes\"-0123456789";
        api.enqueue(Answer.secret("caf\\u00e9-\\ud83d\\ude00-secret-with\\/escapes\\\"-0123456789"));
        assertSuccess(run(KEY + "\n", stub()), secret);
    }

    @Test
    void appendsThePathToAPathPrefixWithoutDoubleSlash() {
        api.enqueue(Answer.secret(SECRET));
        assertSuccess(run(KEY, "--api-url", api.url() + "/prefix/"), SECRET);
        assertEquals("/prefix" + StubKustomerApi.SETTINGS_PATH, api.requests().get(0).path());
        api.enqueue(Answer.secret(SECRET));
        assertSuccess(run(KEY, "--api-url", api.url() + "/"), SECRET);
        assertEquals(StubKustomerApi.SETTINGS_PATH, api.requests().get(1).path());
    }

    @Test
    void localhostIsAllowedOverPlainHttp() {
        api.enqueue(Answer.secret(SECRET));
        assertSuccess(run(KEY, "--api-url", "http://localhost:" + api.port()), SECRET);
    }

    @Test
    void orgBuildsTheUsUrl() throws Exception {
        KustomerSecretFetch.Options options = KustomerSecretFetch.Options.parse(new String[] {"--org", "acme-1"});
        assertEquals("https://acme-1.api.kustomerapp.com/v1/auth/customer/settings", options.url.toString());
        assertEquals(10, options.connectTimeoutSeconds);
        assertEquals(30, options.timeoutSeconds);
        assertEquals(3, options.retries);
        assertEquals(60, options.maxRetryWaitSeconds);
    }

    // ------------------------------------------------------------ HTTP failures

    @Test
    void unauthorizedSaysToCreateANewKey() {
        api.enqueue(Answer.status(401));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("HTTP 401") && line.contains("API Keys"), line);
        assertEquals(1, api.requestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void forbiddenNamesTheRoles() {
        api.enqueue(Answer.json(403, "{\"errors\":[{\"status\":403}]}"));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("org.admin.apps") && line.contains("org.admin and org.user"), line);
        assertEquals(1, api.requestCount());
    }

    @Test
    void notFoundShowsTheUrlButNotTheKey() {
        api.enqueue(Answer.status(404));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains(api.url() + StubKustomerApi.SETTINGS_PATH), line);
        assertTrue(line.contains("prod2"), line);
        assertEquals(1, api.requestCount());
    }

    /** Run by a server script, the advice names that script's options, not the tool's. */
    @Test
    void adviceNamesTheOptionsOfTheScriptThatRanIt() {
        api.enqueue(Answer.status(404));
        String payara = assertFailure(run(KEY + "\n", concat(stub(), "--caller", "payara")));
        assertTrue(payara.contains("check KUSTOMER_SECRET_FROM_KUSTOMER/KUSTOMER_SECRET_FROM_KUSTOMER_URL"), payara);
        assertTrue(payara.contains("KUSTOMER_SECRET_FROM_KUSTOMER_URL https://ORG.api.prod2.kustomerapp.com"), payara);
        assertFalse(payara.contains("--org") || payara.contains("--api-url"), payara);

        api.enqueue(Answer.secret("only-31-bytes-long-short-secret"));
        String wildfly = assertFailure(run(KEY + "\n", concat(stub(), "--caller", "wildfly")));
        assertTrue(wildfly.contains("run configure.sh --allow-short"), wildfly);

        Result refused = run(KEY + "\n", "--org", "bad org", "--caller", "wildfly");
        assertEquals(2, refused.exitCode(), refused.stderr());
        String usage = refused.stderr();
        assertTrue(usage.contains("--secret-from-kustomer must be letters"), usage);
        assertFalse(usage.contains("java KustomerSecretFetch.java"), usage);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 405, 410, 418, 422})
    void otherClientErrorsAreNotRetried(int status) {
        api.enqueue(Answer.status(status), Answer.secret(SECRET));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("HTTP " + status), line);
        assertEquals(1, api.requestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void tooManyRequestsWaitsRetryAfterThenSucceeds() {
        api.enqueue(Answer.status(429).withHeader("Retry-After", "7"), Answer.secret(SECRET));
        Result result = run(KEY + "\n", stub());
        assertSuccess(result, SECRET);
        assertEquals(List.of(7000L), sleeps);
        assertEquals(2, api.requestCount());
        assertTrue(result.stderr().contains("HTTP 429 from Kustomer; retrying in 7 s (attempt 2 of 4)"), result.stderr());
    }

    @Test
    void serviceUnavailableHonoursAnHttpDateRetryAfter() {
        String in12s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        api.enqueue(Answer.status(503).withHeader("Retry-After", in12s), Answer.secret(SECRET));
        assertSuccess(run(KEY + "\n", stub()), SECRET);
        assertEquals(List.of(12000L), sleeps);
    }

    @Test
    void serviceUnavailableOnEveryAttemptFailsAfterAllAttempts() {
        for (int i = 0; i < 3; i++) {
            api.enqueue(Answer.status(503));
        }
        String line = assertFailure(run(KEY + "\n", stub("--retries", "2")));
        assertTrue(line.contains("HTTP 503") && line.contains("after 3 attempts"), line);
        assertEquals(3, api.requestCount());
        assertEquals(2, sleeps.size());
        assertBackoff(1000, sleeps.get(0));
        assertBackoff(2000, sleeps.get(1));
    }

    private static void assertBackoff(long base, long actual) {
        assertTrue(actual >= base && actual <= base + base / 10 + 1, "backoff " + actual + " for " + base);
    }

    @Test
    void serverErrorThenSuccess() {
        api.enqueue(Answer.status(500), Answer.secret(SECRET));
        Result result = run(KEY + "\n", stub());
        assertSuccess(result, SECRET);
        assertEquals(2, api.requestCount());
        assertEquals(1, sleeps.size());
        assertTrue(result.stderr().contains("HTTP 500 from Kustomer; retrying in"), result.stderr());
    }

    @Test
    void retryAfterLongerThanAllowedFailsAtOnce() {
        api.enqueue(Answer.status(429).withHeader("Retry-After", "3600"), Answer.secret(SECRET));
        String line = assertFailure(run(KEY + "\n", stub("--max-retry-wait-seconds", "60")));
        assertTrue(line.contains("3600 s"), line);
        assertEquals(1, api.requestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String line = assertFailure(run(KEY + "\n", "--api-url", "http://127.0.0.1:" + port, "--retries", "2"));
        assertTrue(line.contains("could not connect") && line.contains("after 3 attempts"), line);
        assertEquals(2, sleeps.size());
    }

    @Test
    void wholeAnswerTimeOutWhenTheHeadersDoNotCome() {
        api.enqueue(Answer.secret(SECRET).withDelay(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        String line = assertFailure(run(KEY + "\n", stub("--timeout-seconds", "1", "--retries", "0")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(line.contains("within 1 s (--timeout-seconds"), line);
        assertTrue(millis < 3000, millis + " ms");
    }

    @Test
    void wholeAnswerTimeOutWhenTheBodyStalls() {
        api.enqueue(Answer.secret(SECRET).withStallAfterHeaders(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        String line = assertFailure(run(KEY + "\n", stub("--timeout-seconds", "1", "--retries", "0")));
        assertTrue(line.contains("within 1 s (--timeout-seconds"), line);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
    }

    @Test
    void oversizedAnswerWithContentLength() {
        api.enqueue(Answer.json(200, padded(70 * 1024)));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("larger than 64 KiB"), line);
        assertEquals(1, api.requestCount());
    }

    @Test
    void oversizedChunkedAnswerIsCutOff() {
        api.enqueue(Answer.json(200, padded(4 * 1024 * 1024)).chunked());
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("larger than 64 KiB"), line);
    }

    @Test
    void answerOfExactly64KiBIsRead() {
        api.enqueue(Answer.json(200, padded(64 * 1024)).chunked());
        assertSuccess(run(KEY + "\n", stub()), SECRET);
    }

    /** A valid answer with the secret, padded with white space to exactly this many bytes. */
    private static String padded(int bytes) {
        String json = "{\"data\":{\"attributes\":{\"secret\":\"" + SECRET + "\"}}}";
        return json + " ".repeat(bytes - json.length());
    }

    @Test
    void redirectIsNotFollowed() {
        api.enqueue(Answer.status(302).withHeader("Location", "https://elsewhere.example/steal?x=1"));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("redirect") && line.contains("elsewhere.example") && !line.contains("steal"), line);
        assertEquals(1, api.requestCount());
    }

    // ------------------------------------------------------------ bad answers

    @ParameterizedTest
    @ValueSource(strings = {"<html>login</html>", "{\"data\":", "{\"a\":1} x", "", "{'a':1}", "[1,]", "{\"a\":01}",
        "{\"a\":1,\"a\":2}", "\"\\ud800\""})
    void notJson(String body) {
        api.enqueue(Answer.status(200).withBody(body.getBytes(StandardCharsets.UTF_8)));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("not valid JSON"), line);
        assertEquals(1, api.requestCount());
    }

    @Test
    void htmlContentTypeIsNotJson() {
        api.enqueue(Answer.status(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(padded(200).getBytes(StandardCharsets.UTF_8)));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("text/html") && line.contains("not JSON"), line);
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        api.enqueue(Answer.status(200).withBody(body));
        assertTrue(assertFailure(run(KEY + "\n", stub())).contains("UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"data\":{\"attributes\":{}}}", "{\"data\":{\"attributes\":{\"secret\":null}}}",
        "{\"attributes\":{\"secret\":12345678901234567890123456789012345}}", "\"just a string\"", "null"})
    void jsonWithoutASecretString(String body) {
        api.enqueue(Answer.json(200, body));
        String line = assertFailure(run(KEY + "\n", stub()));
        assertTrue(line.contains("no string at data.attributes.secret or attributes.secret"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\\t\\n  ", "\\u2003\\u2003"})
    void blankSecret(String secretJson) {
        api.enqueue(Answer.secret(secretJson));
        assertTrue(assertFailure(run(KEY + "\n", stub("--allow-short"))).contains("blank"));
    }

    @Test
    void shortSecretIsRefusedUnlessAllowed() {
        assertEquals(31, SHORT_SECRET.getBytes(StandardCharsets.UTF_8).length);
        api.enqueue(Answer.secret(SHORT_SECRET));
        String line = assertFailure(run(KEY + "\n", stub()), SHORT_SECRET);
        assertTrue(line.contains("31 bytes") && line.contains("allow short secrets (README: allow-short)"), line);
        api.enqueue(Answer.secret(SHORT_SECRET));
        assertSuccess(run(KEY + "\n", stub("--allow-short")), SHORT_SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\r", "\\u001f", "\\u007f", "\\u0085", "\\u009f", "\\u2028"})
    void secretWithControlCharactersOrLineBreaks(String escaped) {
        String secret = "secret-part-one-0123456789" + escaped + "secret-part-two-0123456789";
        api.enqueue(Answer.secret(secret));
        String line = assertFailure(run(KEY + "\n", stub()), "secret-part-one", "secret-part-two");
        assertTrue(line.contains("control characters or line breaks"), line);
    }

    @Test
    void secretWithDollarBrace() {
        api.enqueue(Answer.secret("secret-part-one-0123456789${secret-part-two}"));
        String line = assertFailure(run(KEY + "\n", stub()), "secret-part-one", "secret-part-two");
        assertTrue(line.contains("\"${\""), line);
    }

    @Test
    void nonAsciiSecretWithAsciiOnly() {
        String secret = "geheimnis-\u00fcber-0123456789-abcdefghij";
        api.enqueue(Answer.secret(secret));
        String line = assertFailure(run(KEY + "\n", stub("--ascii-only")), secret);
        assertTrue(line.contains("non-ASCII") && line.contains("WildFly"), line);
        api.enqueue(Answer.secret(secret));
        assertSuccess(run(KEY + "\n", stub()), secret);
    }

    // ------------------------------------------------------------ input and options

    @Test
    void plainHttpToANonLoopbackHostIsRefusedBeforeAnyRequest() {
        String line = assertFailure(run(KEY + "\n", "--api-url", "http://acme.api.kustomerapp.com"));
        assertTrue(line.contains("plain http would send the API key in clear"), line);
        line = assertFailure(run(KEY + "\n", "--api-url", "http://128.0.0.1:" + api.port()));
        assertTrue(line.contains("in clear"), line);
        assertEquals(0, api.requestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", " \n", "key with space\n", "key\u007fdel\n", "\r\n", "key\r", "k\u00e9y\n", "key\tx\n"})
    void malformedKeyIsRefusedWithoutRequestOrEcho(String stdin) {
        String line = assertFailure(run(stdin, stub()));
        assertTrue(line.contains("API key input (stdin) is malformed"), line);
        assertFalse(stdin.strip().length() > 3 && line.contains(stdin.strip()), line);
        assertEquals(0, api.requestCount());
    }

    @Test
    void keyLengthLimit() {
        api.enqueue(Answer.secret(SECRET));
        assertSuccess(run("k".repeat(8192) + "\n", stub()), SECRET);
        String line = assertFailure(run("k".repeat(8193) + "\n", stub()));
        assertTrue(line.contains("malformed"), line);
        assertEquals(1, api.requestCount());
    }

    @Test
    void onlyTheFirstLineIsTheKey() {
        api.enqueue(Answer.secret(SECRET));
        assertSuccess(run(KEY + "\nsecond line ignored\n", stub()), SECRET);
        assertEquals(List.of("Bearer " + KEY), api.authorizations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--org", "--org acme --api-url https://x.example", "--org -acme", "--org a_b",
        "--api-url ftp://x.example", "--api-url https://user@x.example", "--api-url https://x.example?a=1",
        "--api-url https://x.example#f", "--api-url /relative", "--org acme --retries 11",
        "--org acme --retries -1", "--org acme --timeout-seconds 0", "--org acme --connect-timeout-seconds x",
        "--org acme --max-retry-wait-seconds 99999999", "--org acme --bogus", "--org acme --org acme"})
    void usageErrorsExitTwoWithOneLine(String argLine) {
        String[] args = argLine.isEmpty() ? new String[0] : argLine.split(" ");
        Result result = run(KEY + "\n", args);
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("kustomer-secret-fetch: usage: "), result.stderr());
        assertEquals(0, result.stdout().length);
        assertFalse(result.stderr().contains(KEY));
    }

    @Test
    void loopbackLiterals() {
        for (String host : List.of("127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "[::1]")) {
            assertTrue(KustomerSecretFetch.Options.isLoopback(host), host);
        }
        for (String host : List.of("127.0.0.256", "128.0.0.1", "localhost.example", "[::2]", "127.0.0", "10.0.0.1")) {
            assertFalse(KustomerSecretFetch.Options.isLoopback(host), host);
        }
    }

    @Test
    void proxyFromTheEnvironment() throws Exception {
        java.net.URI kustomer = java.net.URI.create("https://acme.api.kustomerapp.com" + StubKustomerApi.SETTINGS_PATH);
        for (String value : List.of("proxy.example:3128", "http://proxy.example:3128/")) {
            java.net.ProxySelector selector = KustomerSecretFetch.proxy(kustomer, Map.of("HTTPS_PROXY", value));
            assertEquals("proxy.example:3128", selector.select(kustomer).get(0).address().toString()
                    .replace("/<unresolved>", ""), value);
        }
        java.net.ProxySelector lower = KustomerSecretFetch.proxy(kustomer, Map.of("https_proxy", "p.example:8080"));
        assertTrue(lower.select(kustomer).get(0).address().toString().contains("p.example"));
        for (String bad : List.of("http://user:pw@proxy.example:3128", "proxy.example", "proxy.example:99999",
                "socks5://proxy.example:1080")) {
            KustomerSecretFetch.Failure failure = assertThrows(KustomerSecretFetch.Failure.class,
                    () -> KustomerSecretFetch.proxy(kustomer, Map.of("HTTPS_PROXY", bad)));
            assertFalse(failure.getMessage().contains("pw"), failure.getMessage());
        }
        // never through a proxy to the loopback stub
        java.net.URI local = java.net.URI.create(api.url() + StubKustomerApi.SETTINGS_PATH);
        assertEquals(java.net.Proxy.NO_PROXY,
                KustomerSecretFetch.proxy(local, Map.of("HTTPS_PROXY", "proxy.example:3128")).select(local).get(0));
    }

    @Test
    void retryAfterParsing() {
        long now = NOW.toEpochMilli();
        assertEquals(0L, KustomerSecretFetch.parseRetryAfter("0", now));
        assertEquals(120L, KustomerSecretFetch.parseRetryAfter(" 120 ", now));
        assertEquals(30L, KustomerSecretFetch.parseRetryAfter("Sun, 01 Mar 2026 12:00:30 GMT", now));
        assertEquals(0L, KustomerSecretFetch.parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now));
        assertEquals(null, KustomerSecretFetch.parseRetryAfter("soon", now));
        assertEquals(null, KustomerSecretFetch.parseRetryAfter("-5", now));
    }

    // ------------------------------------------------------------ the JSON parser

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        KustomerSecretFetch.Failure failure = assertThrows(KustomerSecretFetch.Failure.class,
                () -> KustomerSecretFetch.parseSecret(deep));
        assertTrue(failure.getMessage().contains("nested deeper than 64"), failure.getMessage());
        String ok = "{\"data\":{\"attributes\":{\"secret\":\"s\",\"x\":" + "[".repeat(60) + "]".repeat(60) + "}}}";
        assertDoesNotThrowFailure(ok);
    }

    private static void assertDoesNotThrowFailure(String json) {
        try {
            assertEquals("s", KustomerSecretFetch.parseSecret(json));
        } catch (KustomerSecretFetch.Failure f) {
            throw new AssertionError(f.getMessage());
        }
    }

    @Test
    void parsesTheWholeGrammar() throws Exception {
        Object value = KustomerSecretFetch.Json.parse(
                "\uFEFF { \"a\" : [ 1 , -0.5e+3 , 2E-2 , true , false , null , { } , [ ] , \"\\b\\f\\n\\r\\t\" ] }\r\n");
        assertEquals(Map.of("a", Arrays.asList(new KustomerSecretFetch.Json.JsonNumber("1"),
                new KustomerSecretFetch.Json.JsonNumber("-0.5e+3"), new KustomerSecretFetch.Json.JsonNumber("2E-2"),
                true, false, null, Map.of(), List.of(), "\b\f\n\r\t")), value);
        for (String bad : List.of("", " ", "tru", "nul", "1.", "-", ".5", "1e", "+1", "\"\\x\"", "\"\\u12G4\"",
                "\"a\u0001\"", "{\"a\" 1}", "{,}", "[1 2]", "{\"a\":1,}", "\"unterminated", "1 2", "\"\\udc00\"",
                "\"\\ud800\\u0041\"", "{1:2}")) {
            assertThrows(KustomerSecretFetch.Json.Invalid.class, () -> KustomerSecretFetch.Json.parse(bad), bad);
        }
    }

    @Property(tries = 500)
    void anyStringSurvivesJsonEncoding(@ForAll("unicodeText") String secret, @ForAll boolean escapeEverything)
            throws Exception {
        String json = "{\"data\":{\"attributes\":{\"secret\":\"" + encode(secret, escapeEverything) + "\"}}}";
        assertEquals(secret, KustomerSecretFetch.parseSecret(json));
    }

    @Provide
    Arbitrary<String> unicodeText() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(40).map(points -> {
            StringBuilder b = new StringBuilder();
            points.forEach(b::appendCodePoint);
            return b.toString();
        });
    }

    /** JSON string content: only what must be escaped, or every UTF-16 unit as \\uXXXX. */
    private static String encode(String text, boolean escapeEverything) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (escapeEverything || c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------ as a single-source program

    /**
     * The build's JDK and every other JDK installed beside it (on this project's machines JDK 17
     * and Temurin 25: the launcher of JDK 22+ checks that the folders match the package).
     */
    static List<Path> installedJavas() throws IOException {
        List<Path> javas = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath()));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var installed = Files.list(jvms)) {
                for (Path home : installed.sorted().toList()) {
                    Path java = home.resolve("bin/java");
                    if (Files.isExecutable(java) && Files.isExecutable(home.resolve("bin/javac"))
                            && !javas.contains(java.toRealPath())) {
                        javas.add(java.toRealPath());
                    }
                }
            }
        }
        return javas;
    }

    @ParameterizedTest
    @MethodSource("installedJavas")
    void runsThroughTheSourceLauncher(Path java) throws Exception {
        api.enqueue(Answer.secret(SECRET));
        Path file = Path.of("server-config/shared/java/io/kustomertoken/admin/KustomerSecretFetch.java").toAbsolutePath();
        assertTrue(Files.isRegularFile(file), file.toString());
        ProcessBuilder builder = new ProcessBuilder(java.toString(), file.toString(), "--api-url", api.url().toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((KEY + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] stdout;
        byte[] stderr;
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            var errReader = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread t = new Thread(() -> {
                try {
                    errReader.complete(err.readAllBytes());
                } catch (IOException e) {
                    errReader.completeExceptionally(e);
                }
            });
            t.start();
            stdout = out.readAllBytes();
            stderr = errReader.get(60, TimeUnit.SECONDS);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the source launcher did not finish");
        String err = new String(stderr, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), err);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), stdout, err);
        assertEquals(List.of("Bearer " + KEY), api.authorizations());
    }
}
