// Fetches the Kustomer Chat login secret from Kustomer's API and prints it, for the server
// scripts that store it (configure.sh, rotate-secret.sh). Standard JDK 17+ only, no libraries.
//
//   java KustomerSecretFetch.java (--org ORG | --api-url URL) [options] < api-key-file
//
//   --org ORG                        US organisation: https://ORG.api.kustomerapp.com
//   --api-url URL                    any API base, e.g. EU: https://ORG.api.prod2.kustomerapp.com
//                                    (https; http only to 127.0.0.0/8, [::1] or localhost)
//   --allow-short                    accept a secret under 32 UTF-8 bytes
//   --ascii-only                     refuse a secret with non-ASCII characters (WildFly's store)
//   --connect-timeout-seconds N      default 10 (1..300)
//   --timeout-seconds N              whole answer, headers and body; default 30 (1..600)
//   --retries N                      on 429, 5xx and network errors; default 3 (0..10)
//   --max-retry-wait-seconds N       longest Retry-After honoured; default 60 (0..3600)
//   --caller wildfly|payara          the server script that runs it: messages then name that
//                                    script's options instead of --org/--api-url/--allow-short
//
// stdin:  the API key on the first line (one trailing \r\n or \n is stripped).
// stdout: on success only the secret, UTF-8, without a newline.
// stderr: on failure one line "kustomer-secret-fetch: ERROR: <what>; <what to do>" (exit 1);
//         usage errors one line "kustomer-secret-fetch: usage: ..." (exit 2). Progress lines
//         may come before. Neither the key nor the secret is ever written to stderr.
// Proxy:  HTTPS_PROXY / https_proxy (host:port or http://host:port, without credentials),
//         never for a loopback --api-url.
//
// The package is there because Maven also compiles this file as a test source (pom.xml); the
// source launcher of JDK 22+ then wants the file in the matching folders, as it is here.
package io.kustomertoken.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

public final class KustomerSecretFetch {

    static final String NAME = "kustomer-secret-fetch: ";
    static final String PATH = "/v1/auth/customer/settings";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_KEY_CHARS = 8192;
    static final int MIN_SECRET_BYTES = 32;
    static final int MAX_JSON_DEPTH = 64;
    static final String USER_AGENT = "kustomer-token-service-secret-fetch";
    private static final Pattern ORG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final String USAGE_TAIL =
            "java KustomerSecretFetch.java (--org ORG | --api-url URL) [--allow-short] [--ascii-only]"
            + " [--connect-timeout-seconds N] [--timeout-seconds N] [--retries N] [--max-retry-wait-seconds N] [--caller wildfly|payara]"
            + " < api-key-file";

    private KustomerSecretFetch() {
    }

    /** Waits between attempts, and tells the time for Retry-After dates; replaced in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;

        default long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    }

    /** A failure of the run: its message is the part after "ERROR: ", never the key or secret. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Failure(String message) {
            this(message, 1);
        }

        Failure(String message, int exitCode) {
            super(message, null, false, false); // no stack trace: it is never printed anyway
            this.exitCode = exitCode;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, Thread::sleep));
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Sleeper sleeper) {
        return run(args, stdin, out, err, sleeper, System.getenv(), 1000L);
    }

    /** backoffBaseMillis: the first wait between attempts (then doubled); tests make it small. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Sleeper sleeper,
            Map<String, String> env, long backoffBaseMillis) {
        try {
            Options options = Options.parse(args);
            if (options.help) {
                err.println(NAME + "usage: " + USAGE_TAIL);
                return 0;
            }
            String authorization = readAuthorization(stdin);
            String secret = fetch(options, authorization, err, sleeper, env, backoffBaseMillis);
            authorization = null; // only as long as needed
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
            Arrays.fill(bytes, (byte) 0);
            if (out.checkError()) {
                throw new Failure("could not write the secret to stdout; check where the output goes");
            }
            return 0;
        } catch (Failure failure) {
            String caller = callerOf(args);
            String message = inTermsOf(caller, failure.getMessage());
            if (failure.exitCode == 2) {
                err.println(NAME + "usage: " + message + (caller.isEmpty() ? "; " + USAGE_TAIL : ""));
            } else {
                err.println(NAME + "ERROR: " + message);
            }
            err.flush();
            return failure.exitCode;
        }
    }

    // ---------------------------------------------------------------- options

    /** The script that runs the tool ({@code --caller wildfly|payara}), or empty when run by hand. */
    static String callerOf(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--caller") && (args[i + 1].equals("wildfly") || args[i + 1].equals("payara"))) {
                return args[i + 1];
            }
        }
        return "";
    }

    /**
     * A message as the administrator of that script reads it: the options it was given there
     * (WildFly's {@code --secret-from-kustomer}, Payara's {@code KUSTOMER_SECRET_FROM_KUSTOMER}),
     * not the tool's own.
     */
    static String inTermsOf(String caller, String message) {
        String org;
        String url;
        String allowShort;
        switch (caller) {
            case "wildfly" -> {
                org = "--secret-from-kustomer";
                url = "--secret-from-kustomer-url";
                allowShort = "configure.sh --allow-short";
            }
            case "payara" -> {
                org = "KUSTOMER_SECRET_FROM_KUSTOMER";
                url = "KUSTOMER_SECRET_FROM_KUSTOMER_URL";
                allowShort = "configure.sh with KUSTOMER_SECRET_ALLOW_SHORT=true";
            }
            default -> {
                return message;
            }
        }
        return message.replace("--org/--api-url", org + "/" + url)
                .replace("--api-url https://", url + " https://")
                .replace("run with --allow-short", "run " + allowShort)
                .replace("--org ", org + " ")
                .replace("--api-url ", url + " ")
                .replace("give exactly one of --org and --api-url", "give exactly one of " + org + " and " + url);
    }

    static final class Options {
        URI url;
        boolean allowShort;
        boolean asciiOnly;
        boolean help;
        int connectTimeoutSeconds = 10;
        int timeoutSeconds = 30;
        int retries = 3;
        int maxRetryWaitSeconds = 60;

        static Options parse(String[] args) throws Failure {
            Options o = new Options();
            String org = null;
            String apiUrl = null;
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.equals("--allow-short") && !arg.equals("--ascii-only") && seen.contains(arg)) {
                    throw usage(arg + " given twice");
                }
                seen.add(arg);
                switch (arg) {
                    case "-h", "--help" -> o.help = true;
                    case "--allow-short" -> o.allowShort = true;
                    case "--ascii-only" -> o.asciiOnly = true;
                    case "--caller" -> {
                        String caller = value(args, ++i, arg);
                        if (!caller.equals("wildfly") && !caller.equals("payara")) {
                            throw usage("--caller must be wildfly or payara");
                        }
                    }
                    case "--org" -> org = value(args, ++i, arg);
                    case "--api-url" -> apiUrl = value(args, ++i, arg);
                    case "--connect-timeout-seconds" -> o.connectTimeoutSeconds = number(args, ++i, arg, 1, 300);
                    case "--timeout-seconds" -> o.timeoutSeconds = number(args, ++i, arg, 1, 600);
                    case "--retries" -> o.retries = number(args, ++i, arg, 0, 10);
                    case "--max-retry-wait-seconds" -> o.maxRetryWaitSeconds = number(args, ++i, arg, 0, 3600);
                    default -> throw usage("unknown argument " + printable(arg, 60));
                }
            }
            if (o.help) {
                return o;
            }
            if ((org == null) == (apiUrl == null)) {
                throw usage("give exactly one of --org and --api-url");
            }
            if (org != null) {
                if (!ORG.matcher(org).matches()) {
                    throw usage("--org must be letters, digits and '-', 1 to 63, not starting with '-'");
                }
                o.url = URI.create("https://" + org + ".api.kustomerapp.com" + PATH);
            } else {
                o.url = apiUrl(apiUrl);
            }
            return o;
        }

        private static String value(String[] args, int i, String option) throws Failure {
            if (i >= args.length || args[i].isEmpty()) {
                throw usage(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String[] args, int i, String option, int min, int max) throws Failure {
            String text = value(args, i, option);
            if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
                throw usage(option + " must be a whole number from " + min + " to " + max);
            }
            return Integer.parseInt(text);
        }

        /** The URL of the settings resource under the given base, after the safety checks. */
        static URI apiUrl(String text) throws Failure {
            URI base;
            try {
                base = new URI(text);
            } catch (URISyntaxException e) {
                throw usage("--api-url is not a valid URL");
            }
            String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
            if (!base.isAbsolute() || base.isOpaque() || base.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw usage("--api-url must be an absolute https URL with a host, e.g. https://ORG.api.prod2.kustomerapp.com");
            }
            if (base.getRawUserInfo() != null) {
                throw usage("--api-url must not contain user information (user@)");
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null) {
                throw usage("--api-url must not have a query (?) or fragment (#)");
            }
            if (scheme.equals("http") && !isLoopback(base.getHost())) {
                // exit 1, not a usage error: the URL is well-formed, its use is refused
                throw new Failure("plain http would send the API key in clear to " + base.getHost()
                        + "; use https (http is only for 127.0.0.0/8, [::1] or localhost)");
            }
            String path = base.getRawPath() == null ? "" : base.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            try {
                return new URI(scheme + "://" + base.getRawAuthority() + path + PATH);
            } catch (URISyntaxException e) {
                throw usage("--api-url is not a valid URL");
            }
        }

        static boolean isLoopback(String host) {
            if (host.equalsIgnoreCase("localhost") || host.equals("[::1]")) {
                return true;
            }
            var m = IPV4_LOOPBACK.matcher(host);
            if (!m.matches()) {
                return false;
            }
            for (int g = 1; g <= 3; g++) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return false;
                }
            }
            return true;
        }

        private static Failure usage(String message) {
            return new Failure(message, 2);
        }
    }

    // ---------------------------------------------------------------- the API key

    /** "Bearer " and the first line of stdin, checked; the key bytes are wiped after. */
    static String readAuthorization(InputStream stdin) throws Failure {
        byte[] line = new byte[MAX_KEY_CHARS + 2];
        int length = 0;
        boolean newline = false;
        try {
            int b;
            while ((b = stdin.read()) != -1) {
                if (b == '\n') {
                    newline = true;
                    break;
                }
                if (length == line.length) {
                    Arrays.fill(line, (byte) 0);
                    throw malformedKey();
                }
                line[length++] = (byte) b;
            }
        } catch (IOException e) {
            throw new Failure("could not read the API key from stdin (" + e.getClass().getSimpleName()
                    + "); check the API key file");
        }
        if (newline && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            if (length == 0 || length > MAX_KEY_CHARS) {
                throw malformedKey();
            }
            char[] key = new char[length];
            try {
                for (int i = 0; i < length; i++) {
                    if (line[i] < 0x21 || line[i] > 0x7E) {
                        throw malformedKey();
                    }
                    key[i] = (char) line[i];
                }
                // The HTTP client takes header values as String only.
                return "Bearer " + new String(key);
            } finally {
                Arrays.fill(key, '\0');
            }
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    private static Failure malformedKey() {
        return new Failure("the API key input (stdin) is malformed: expected one line of 1 to " + MAX_KEY_CHARS
                + " visible ASCII characters; check the API key file (no spaces, quotes or other text in it)");
    }

    // ---------------------------------------------------------------- fetching

    /** What one attempt gave: a secret, or a failure that may be retried after a wait. */
    private record Attempt(String secret, String retryReason, Long retryAfterSeconds, String finalMessage) {
    }

    static String fetch(Options o, String authorization, PrintStream err, Sleeper sleeper, Map<String, String> env,
            long backoffBaseMillis) throws Failure {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could carry the key to another host
                .connectTimeout(Duration.ofSeconds(o.connectTimeoutSeconds))
                .proxy(proxy(o.url, env))
                .version(HttpClient.Version.HTTP_1_1) // one small request; and no h2c upgrade on loopback http
                .build();
        HttpRequest request = HttpRequest.newBuilder(o.url)
                .GET()
                .header("Authorization", authorization)
                .header("Accept", "application/vnd.api+json, application/json")
                .header("User-Agent", USER_AGENT)
                .timeout(Duration.ofSeconds(o.timeoutSeconds)) // backstop; the whole answer is timed below
                .build();
        int attempts = o.retries + 1;
        for (int attempt = 1; ; attempt++) {
            Attempt result = attempt(client, request, o, sleeper);
            if (result.secret != null) {
                return result.secret;
            }
            if (result.finalMessage != null) {
                throw new Failure(result.finalMessage);
            }
            if (result.retryAfterSeconds != null && result.retryAfterSeconds > o.maxRetryWaitSeconds) {
                throw new Failure(result.retryReason + ", and Kustomer asked to wait " + result.retryAfterSeconds
                        + " s (Retry-After), more than --max-retry-wait-seconds " + o.maxRetryWaitSeconds
                        + "; try again later, or raise --max-retry-wait-seconds");
            }
            if (attempt >= attempts) {
                throw new Failure(result.retryReason + ", still after " + attempts
                        + (attempts == 1 ? " attempt" : " attempts") + "; check Kustomer's status"
                        + " (status.kustomer.com) and the network, and try again later");
            }
            long waitMillis = result.retryAfterSeconds != null
                    ? result.retryAfterSeconds * 1000L
                    : backoff(backoffBaseMillis, attempt, o.maxRetryWaitSeconds);
            err.println(NAME + result.retryReason + "; retrying in " + seconds(waitMillis) + " (attempt "
                    + (attempt + 1) + " of " + attempts + ")");
            err.flush();
            try {
                sleeper.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while waiting to retry; run it again");
            }
        }
    }

    /** base, 2 base, 4 base ... plus up to 10 % jitter, never more than the longest wait allowed. */
    static long backoff(long baseMillis, int attempt, int maxWaitSeconds) {
        long wait = baseMillis << Math.min(attempt - 1, 20);
        wait += ThreadLocalRandom.current().nextLong(wait / 10 + 1);
        return Math.min(wait, maxWaitSeconds * 1000L);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static Attempt attempt(HttpClient client, HttpRequest request, Options o, Sleeper sleeper)
            throws Failure {
        String url = request.uri().toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            boolean success = info.statusCode() / 100 == 2;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            // Only a 2xx body is read; an error body is dropped unread, whatever its size.
            return new CappedBody(MAX_BODY_BYTES, !success, success && declared > MAX_BODY_BYTES);
        });
        HttpResponse<byte[]> response;
        try {
            long remaining = deadline - System.nanoTime();
            response = future.get(Math.max(remaining, 1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return retry("no complete answer from " + url + " within " + o.timeoutSeconds
                    + " s (--timeout-seconds, headers and body)", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for Kustomer; run it again");
        } catch (CancellationException e) {
            return retry("the request to " + url + " was cancelled", null);
        } catch (ExecutionException e) {
            return networkFailure(e.getCause(), url, o);
        }
        return answer(response, url, o, sleeper);
    }

    private static Attempt networkFailure(Throwable cause, String url, Options o) {
        if (cause instanceof BodyTooLarge) {
            return fail("the answer is larger than 64 KiB, which is not Kustomer's settings answer; check --org/--api-url");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return retry("could not connect to " + url + " within " + o.connectTimeoutSeconds
                    + " s (--connect-timeout-seconds)", null);
        }
        if (cause instanceof HttpTimeoutException) {
            return retry("no complete answer from " + url + " within " + o.timeoutSeconds
                    + " s (--timeout-seconds, headers and body)", null);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                // not retried: a name that does not resolve is a wrong --org/--api-url far more often than a DNS hiccup
                return fail("unknown host " + o.url.getHost() + "; check --org/--api-url and the DNS of this machine");
            }
        }
        Throwable shown = cause;
        if (shown instanceof IOException && !(shown instanceof ConnectException) && shown.getCause() != null
                && (shown.getMessage() == null || shown.getMessage().equals(String.valueOf(shown.getCause())))) {
            shown = shown.getCause();
        }
        String message = null; // the JDK often leaves it to a cause: ConnectException(null) <- "Connection refused"
        for (Throwable t = shown; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        String detail = shown == null ? "unknown error" : shown.getClass().getSimpleName()
                + (message == null ? "" : ": " + printable(message, 200));
        String what = cause instanceof ConnectException ? "could not connect to " : "network error talking to ";
        return retry(what + url + " (" + detail + ")", null);
    }

    private static Attempt answer(HttpResponse<byte[]> response, String url, Options o, Sleeper sleeper) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return success(response, o);
        }
        if (status / 100 == 3) {
            String to = response.headers().firstValue("Location").map(location -> {
                try {
                    URI target = response.uri().resolve(location.trim());
                    return target.getHost() == null ? "an unknown host" : printable(target.getHost(), 100);
                } catch (IllegalArgumentException e) {
                    return "an unreadable location";
                }
            }).orElse("no location");
            return fail("Kustomer answered with a redirect (HTTP " + status + ") to " + to
                    + ", which is not followed so that the API key stays with Kustomer; check --org/--api-url");
        }
        switch (status) {
            case 401:
                return fail("Kustomer refused the API key (HTTP 401): it is wrong, expired or revoked;"
                        + " create a new key in Kustomer (Settings > Security > API Keys) and put it in the API key file");
            case 403:
                return fail("the API key lacks the roles to read the chat settings (HTTP 403); give the key the role"
                        + " org.admin.apps (Kustomer's API reference), or org.admin and org.user (Kustomer's"
                        + " chat-authentication guide), in Kustomer (Settings > Security > API Keys)");
            case 404:
                return fail("no such organisation or API at " + url + " (HTTP 404); check --org/--api-url"
                        + " (EU organisations: --api-url https://ORG.api.prod2.kustomerapp.com)");
            default:
                break;
        }
        if (status == 429 || status / 100 == 5) {
            Long retryAfter = status == 429 || status == 503
                    ? response.headers().firstValue("Retry-After")
                            .map(v -> parseRetryAfter(v, sleeper.currentTimeMillis())).orElse(null)
                    : null;
            return retry("HTTP " + status + " from Kustomer", retryAfter);
        }
        return fail("HTTP " + status + " from " + url + "; check --org/--api-url and the API key's roles");
    }

    /** Seconds asked for by Retry-After (delta-seconds or HTTP-date); null when unreadable. */
    static Long parseRetryAfter(String value, long nowMillis) {
        String text = value.trim();
        if (text.matches("[0-9]{1,18}")) {
            return Long.parseLong(text);
        }
        try {
            long at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, (at - nowMillis + 999) / 1000);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Attempt success(HttpResponse<byte[]> response, Options o) {
        int status = response.statusCode();
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        if (contentType.isPresent() && !isJsonType(contentType.get())) {
            return fail("Kustomer answered HTTP " + status + " with Content-Type "
                    + printable(contentType.get(), 80) + ", not JSON; check --org/--api-url (a proxy or login page in between?)");
        }
        try {
            String text = utf8(response.body());
            String secret = parseSecret(text);
            checkSecret(secret, o.allowShort, o.asciiOnly);
            return new Attempt(secret, null, null, null);
        } catch (Failure failure) {
            return fail(failure.getMessage());
        }
    }

    static boolean isJsonType(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    private static String utf8(byte[] body) throws Failure {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Failure("Kustomer's answer is not valid UTF-8, so not JSON; check --org/--api-url");
        }
    }

    private static Attempt retry(String reason, Long retryAfterSeconds) {
        return new Attempt(null, reason, retryAfterSeconds, null);
    }

    private static Attempt fail(String message) {
        return new Attempt(null, null, null, message);
    }

    /** Text from a server or an exception, fit for one line. */
    static String printable(String text, int max) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> b.appendCodePoint(c < 0x20 || (c >= 0x7F && c <= 0x9F) ? '?' : c));
        return text.codePointCount(0, text.length()) > max ? b + "..." : b.toString();
    }

    /** Collects at most cap bytes; cancels the stream once over it instead of buffering the rest. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private final boolean discard;
        private final boolean tooLarge;
        private Flow.Subscription subscription;

        CappedBody(int cap, boolean discard, boolean tooLarge) {
            this.cap = cap;
            this.discard = discard;
            this.tooLarge = tooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLarge) {
                s.cancel();
                result.completeExceptionally(new BodyTooLarge());
            } else if (discard) {
                s.cancel();
                result.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("the answer is larger than 64 KiB", null);
        }
    }

    /** No proxy for loopback; HTTPS_PROXY / https_proxy when set; else the JDK's default selector. */
    static ProxySelector proxy(URI url, Map<String, String> env) throws Failure {
        if (Options.isLoopback(url.getHost())) {
            return ProxySelector.of(null);
        }
        String value = env.get("HTTPS_PROXY");
        if (value == null || value.isBlank()) {
            value = env.get("https_proxy");
        }
        if (value == null || value.isBlank()) {
            return ProxySelector.getDefault();
        }
        String text = value.trim();
        if (text.toLowerCase(Locale.ROOT).startsWith("http://")) {
            text = text.substring("http://".length());
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        int colon = text.lastIndexOf(':');
        if (text.contains("@") || text.contains("/") || colon <= 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")
                || Integer.parseInt(text.substring(colon + 1)) > 65535) {
            throw new Failure("HTTPS_PROXY is not host:port or http://host:port (credentials are not supported);"
                    + " fix or unset HTTPS_PROXY/https_proxy");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return ProxySelector.of(InetSocketAddress.createUnresolved(host, Integer.parseInt(text.substring(colon + 1))));
    }

    // ---------------------------------------------------------------- the answer

    /** The secret of a settings answer: data.attributes.secret, else attributes.secret. */
    static String parseSecret(String json) throws Failure {
        Object root;
        try {
            root = Json.parse(json);
        } catch (Json.Invalid e) {
            throw new Failure("Kustomer's answer is not valid JSON (" + e.getMessage() + "); check --org/--api-url");
        }
        if (root instanceof Map<?, ?> object) {
            if (object.get("data") instanceof Map<?, ?> data && data.get("attributes") instanceof Map<?, ?> attributes
                    && attributes.get("secret") instanceof String secret) {
                return secret;
            }
            if (object.get("attributes") instanceof Map<?, ?> attributes
                    && attributes.get("secret") instanceof String secret) {
                return secret;
            }
        }
        throw new Failure("Kustomer's answer has no string at data.attributes.secret or attributes.secret;"
                + " check --org/--api-url, and that chat authentication is set up in Kustomer");
    }

    /** The service's own rules (SecretPolicy), plus what the servers' stores can't hold. */
    static void checkSecret(String secret, boolean allowShort, boolean asciiOnly) throws Failure {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (secret.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new Failure("Kustomer's secret is blank (" + bytes + " bytes); check chat authentication"
                    + " in Kustomer and issue a new secret there");
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < secret.length() && Character.isLowSurrogate(secret.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Failure("Kustomer's secret is not valid Unicode (a lone surrogate); issue a new secret in Kustomer");
            }
        }
        if (secret.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029)) {
            throw new Failure("Kustomer's secret (" + bytes + " bytes) contains control characters or line breaks,"
                    + " which the service refuses; issue a new secret in Kustomer");
        }
        if (secret.contains("${")) {
            throw new Failure("Kustomer's secret (" + bytes + " bytes) contains \"${\", which the application"
                    + " servers would expand as a reference; issue a new secret in Kustomer");
        }
        if (asciiOnly && secret.chars().anyMatch(c -> c > 0x7E)) {
            throw new Failure("Kustomer's secret (" + bytes + " bytes) has non-ASCII characters, which WildFly's"
                    + " configuration cannot hold; issue a new secret in Kustomer");
        }
        if (bytes < MIN_SECRET_BYTES && !allowShort) {
            throw new Failure("Kustomer's secret is " + bytes + " bytes, under " + MIN_SECRET_BYTES
                    + "; if Kustomer issued it so, allow short secrets (README: allow-short) and run with --allow-short");
        }
    }

    /**
     * A strict RFC 8259 parser: objects become LinkedHashMap, arrays ArrayList, numbers their text
     * (BigDecimal-free, nothing here computes with them). Iterative, with a depth limit, so a hostile
     * answer can't overflow the stack. A duplicate member name is refused: two parsers could pick
     * different ones. A leading byte order mark is ignored, as RFC 8259 allows.
     */
    static final class Json {
        static final class Invalid extends Exception {
            private static final long serialVersionUID = 1L;

            Invalid(String message) {
                super(message, null, false, false);
            }
        }

        /** A JSON number, kept as its text. */
        record JsonNumber(String text) {
        }

        private final String s;
        private int pos;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) throws Invalid {
            Json p = new Json(text);
            if (text.startsWith("\uFEFF")) {
                p.pos = 1;
            }
            Object value = p.document();
            p.ws();
            if (p.pos != text.length()) {
                throw p.invalid("text after the JSON value");
            }
            return value;
        }

        private Object document() throws Invalid {
            Deque<Object> containers = new ArrayDeque<>();
            Deque<String> keys = new ArrayDeque<>(); // the pending member name of each open object
            while (true) {
                ws();
                Object value;
                char c = peek();
                if (c == '{' || c == '[') {
                    pos++;
                    if (containers.size() >= MAX_JSON_DEPTH) {
                        throw invalid("nested deeper than " + MAX_JSON_DEPTH);
                    }
                    ws();
                    if (c == '{') {
                        if (peek() == '}') {
                            pos++;
                            value = new LinkedHashMap<String, Object>();
                        } else {
                            containers.push(new LinkedHashMap<String, Object>());
                            keys.push(memberName());
                            continue;
                        }
                    } else {
                        if (peek() == ']') {
                            pos++;
                            value = new ArrayList<Object>();
                        } else {
                            containers.push(new ArrayList<Object>());
                            continue;
                        }
                    }
                } else if (c == '"') {
                    value = string();
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    value = number();
                } else if (s.startsWith("true", pos)) {
                    pos += 4;
                    value = Boolean.TRUE;
                } else if (s.startsWith("false", pos)) {
                    pos += 5;
                    value = Boolean.FALSE;
                } else if (s.startsWith("null", pos)) {
                    pos += 4;
                    value = null;
                } else {
                    throw invalid(pos >= s.length() ? "unexpected end" : "unexpected character");
                }
                // Put the value into its container; close containers as long as they end here.
                while (true) {
                    if (containers.isEmpty()) {
                        return value;
                    }
                    Object container = containers.peek();
                    ws();
                    if (container instanceof Map<?, ?>) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> object = (Map<String, Object>) container;
                        String key = keys.pop();
                        if (object.containsKey(key)) {
                            throw invalid("duplicate member name");
                        }
                        object.put(key, value);
                        char next = next();
                        if (next == ',') {
                            ws();
                            keys.push(memberName());
                            break;
                        }
                        if (next != '}') {
                            throw invalid("expected ',' or '}'");
                        }
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Object> array = (List<Object>) container;
                        array.add(value);
                        char next = next();
                        if (next == ',') {
                            break;
                        }
                        if (next != ']') {
                            throw invalid("expected ',' or ']'");
                        }
                    }
                    value = containers.pop();
                }
            }
        }

        /** A member name and its colon. */
        private String memberName() throws Invalid {
            if (peek() != '"') {
                throw invalid("expected a member name");
            }
            String key = string();
            ws();
            if (next() != ':') {
                throw invalid("expected ':'");
            }
            return key;
        }

        private String string() throws Invalid {
            pos++; // the opening quote
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw invalid("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw invalid("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        char u = hex4();
                        if (Character.isHighSurrogate(u)) {
                            if (!s.startsWith("\\u", pos)) {
                                throw invalid("unpaired surrogate escape");
                            }
                            pos += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) {
                                throw invalid("unpaired surrogate escape");
                            }
                            b.append(u).append(low);
                        } else if (Character.isLowSurrogate(u)) {
                            throw invalid("unpaired surrogate escape");
                        } else {
                            b.append(u);
                        }
                    }
                    default -> throw invalid("bad escape");
                }
            }
        }

        private char hex4() throws Invalid {
            if (pos + 4 > s.length()) {
                throw invalid("bad \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0 || s.charAt(pos + i) > 'f') {
                    throw invalid("bad \\u escape");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private JsonNumber number() throws Invalid {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (peek() >= '1' && peek() <= '9') {
                digits();
            } else {
                throw invalid("bad number");
            }
            if (peek() == '.') {
                pos++;
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw invalid("bad number");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw invalid("bad number");
                }
                digits();
            }
            return new JsonNumber(s.substring(start, pos));
        }

        private void digits() {
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }

        private void ws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() throws Invalid {
            if (pos >= s.length()) {
                throw invalid("unexpected end");
            }
            return s.charAt(pos++);
        }

        private Invalid invalid(String what) {
            return new Invalid(what + " at character " + pos);
        }
    }
}
