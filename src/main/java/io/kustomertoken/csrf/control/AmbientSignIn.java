package io.kustomertoken.csrf.control;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rule for a request that carries no {@code Authorization} header: if the container let it in,
 * the browser signed it in by itself (a cookie, a client certificate), so a page of any site could
 * have made the browser send it. It passes only as what such a page cannot send: exactly one
 * {@code Content-Type} of {@code application/json}, and, where the browser says where the request
 * comes from ({@code Sec-Fetch-Site}, which no page can set), from the same origin.
 */
public final class AmbientSignIn {

    /** What {@code Sec-Fetch-Site} says of a request the service's own page (or the user) sent. */
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private AmbientSignIn() {
    }

    /**
     * Why the request may not pass, or {@code null} if it may.
     *
     * @param authorizations the request's {@code Authorization} headers
     * @param contentTypes its {@code Content-Type} headers
     * @param fetchSites its {@code Sec-Fetch-Site} headers
     */
    public static String refusal(List<String> authorizations, List<String> contentTypes, List<String> fetchSites) {
        if (!authorizations.isEmpty()) {
            return null;
        }
        if (fetchSites.size() > 1 || fetchSites.size() == 1 && !OWN_SITE.contains(fetchSites.get(0))) {
            return "A request signed in by the browser (a cookie, no Authorization header) must come from a page"
                    + " of the service's own origin.";
        }
        if (contentTypes.size() != 1 || !isJson(contentTypes.get(0))) {
            return "A request signed in by the browser (a cookie, no Authorization header) must be sent with"
                    + " Content-Type: application/json, which a page of another site cannot send.";
        }
        return null;
    }

    // The media type without its parameters (charset=utf-8 is fine); case-insensitive (RFC 9110).
    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0];
        return "application/json".equals(type.strip().toLowerCase(Locale.ROOT));
    }
}
