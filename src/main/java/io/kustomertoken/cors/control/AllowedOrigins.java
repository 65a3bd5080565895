package io.kustomertoken.cors.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origins whose pages may call the service from a browser, as a browser serialises an origin
 * ({@code scheme://host[:port]}, lower case, no default port, no path). An origin a browser sends
 * is compared with these exactly: {@code https://App.example.com} or {@code https://app.example.com:443}
 * as sent by a caller never match (a browser never sends them).
 */
public final class AllowedOrigins {

    public static final String KEY = "kustomer.cors.allowed-origins";
    public static final AllowedOrigins NONE = new AllowedOrigins(Set.of());

    // scheme, host (a name, an IPv4 address or a bracketed IPv6 address), optional port, optional "/".
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?/?");

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** Whether {@code origin}, exactly as the request's one Origin header says it, is allowed. */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    public Set<String> origins() {
        return origins;
    }

    /** The list in {@code raw} (comma- or space-separated; null or blank: none), and a warning per entry left out. */
    public static Read parse(String raw) {
        Set<String> origins = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        if (raw != null) {
            for (String entry : raw.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    String origin = serialised(entry);
                    if (origin == null) {
                        warnings.add(KEY + ": '" + printable(entry) + "' is not an origin (scheme://host[:port], "
                                + "http or https, no path, no wildcard, not null); it is left out.");
                    } else {
                        origins.add(origin);
                    }
                }
            }
        }
        return new Read(origins.isEmpty() ? NONE : new AllowedOrigins(origins), List.copyOf(warnings));
    }

    /** The allowed origins, and a line for each entry that was left out. */
    public record Read(AllowedOrigins allowed, List<String> warnings) {
    }

    // As a browser serialises the origin of a URL: lower case, the scheme's default port left out.
    static String serialised(String entry) {
        Matcher origin = ORIGIN.matcher(entry.toLowerCase(Locale.ROOT));
        if (!origin.matches()) {
            return null;
        }
        String scheme = origin.group(1);
        String host = origin.group(2);
        if (host.contains("..")) {
            return null;
        }
        String port = origin.group(3);
        if (port != null) {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                return null;
            }
            boolean isDefault = scheme.equals("https") ? number == 443 : number == 80;
            port = isDefault ? null : Integer.toString(number);
        }
        return scheme + "://" + host + (port == null ? "" : ":" + port);
    }

    // An administrator's typo is logged, never a control character of it.
    private static String printable(String entry) {
        String shown = entry.length() > 80 ? entry.substring(0, 80) + "…" : entry;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
