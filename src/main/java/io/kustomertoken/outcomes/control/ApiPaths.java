package io.kustomertoken.outcomes.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a request URI, as the caller sent it, names the API ({@code CONTEXT/api/…}) once the
 * container has decoded and normalised it for mapping: {@code %61pi}, {@code ;param} segments,
 * {@code //}, {@code .} and {@code ..} reach the API too, so none of them may keep a request out of
 * the audit trail.
 */
final class ApiPaths {

    private ApiPaths() {
    }

    /** True when {@code rawUri} (path only, not decoded) is {@code contextPath} + {@code /api} or below it. */
    static boolean isApi(String rawUri, String contextPath) {
        String path = normalised(rawUri);
        String context = normalised(contextPath);
        String api = (context.equals("/") ? "" : context) + "/api";
        return path.equals(api) || path.startsWith(api + "/");
    }

    /** Decoded (UTF-8), path parameters dropped, empty, {@code .} and {@code ..} segments resolved. */
    static String normalised(String rawUri) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawUri.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = decoded(parameters < 0 ? segment : segment.substring(0, parameters));
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        return "/" + String.join("/", segments);
    }

    // Percent-decoding only: a '+' stays a '+' in a path. A broken escape is kept as it is.
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            int high = i + 2 < utf8.length && utf8[i] == '%' ? Character.digit(utf8[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(utf8[i + 2], 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(utf8[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
