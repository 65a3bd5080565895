package io.kustomertoken.cors.control;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a browser's preflight asks for ({@code OPTIONS} with {@code Access-Control-Request-Method}
 * and perhaps {@code Access-Control-Request-Headers}), and whether the service grants it: the
 * token API takes a POST with an {@code Authorization} and a {@code Content-Type} header, so
 * nothing else is granted, whatever the origin.
 */
public record Preflight(List<String> origins, String method, List<String> headerLists) {

    public static final String ALLOWED_METHOD = "POST";
    /** As the answer names them; a browser compares them without regard to case. */
    public static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final Set<String> GRANTED_HEADERS = Set.of("authorization", "content-type");

    public Preflight {
        origins = List.copyOf(origins);
        headerLists = List.copyOf(headerLists);
    }

    /** Null when {@code allowed} grants this preflight; otherwise why not, in words for the caller. */
    public String refusal(AllowedOrigins allowed) {
        if (origins.size() != 1 || !allowed.allows(origins.get(0))) {
            return "This origin may not call the service from a browser.";
        }
        if (!ALLOWED_METHOD.equals(method)) {
            return "A browser may only POST to this API.";
        }
        for (String list : headerLists) {
            for (String header : list.split(",")) {
                String name = header.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !GRANTED_HEADERS.contains(name)) {
                    return "A browser may send only the headers " + ALLOWED_HEADERS + " to this API.";
                }
            }
        }
        return null;
    }
}
