package io.kustomertoken.requests.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Every value a request gives for a header, in order: the filters that refuse a repeated header need them all. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** The values of header {@code name}; none when the container does not let filters read them. */
    public static List<String> all(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }
}
