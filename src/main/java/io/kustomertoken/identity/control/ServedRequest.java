package io.kustomertoken.identity.control;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The HTTP request the current thread is serving, for {@link CallerIdentities}. CDI's injected
 * {@code HttpServletRequest} cannot be used: a body is read without blocking and the API then
 * runs on an async dispatch, where Payara has no active request context.
 */
public final class ServedRequest {

    /** What runs while a request is being served. */
    @FunctionalInterface
    public interface Serving {
        void run() throws IOException, ServletException;
    }

    private static final ThreadLocal<HttpServletRequest> SERVED = new ThreadLocal<>();

    private ServedRequest() {
    }

    /** Runs {@code serving} with {@code request} as the served one, then restores what was before. */
    public static void serve(HttpServletRequest request, Serving serving) throws IOException, ServletException {
        HttpServletRequest outer = SERVED.get();
        SERVED.set(request);
        try {
            serving.run();
        } finally {
            if (outer == null) {
                SERVED.remove();
            } else {
                SERVED.set(outer);
            }
        }
    }

    /** The request this thread serves; fails when it serves none. */
    public static HttpServletRequest current() {
        HttpServletRequest request = SERVED.get();
        if (request == null) {
            throw new IllegalStateException("No HTTP request is being served on this thread.");
        }
        return request;
    }
}
