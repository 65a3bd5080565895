package io.kustomertoken.requests.control;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The HTTP request the current thread is serving: who the caller is (identity) and what the
 * request decided (outcomes) are found through it. CDI's injected {@code HttpServletRequest}
 * cannot be used: a body is read without blocking and the API then runs on an async dispatch,
 * where Payara has no active request context.
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

    /** Runs {@code action} with {@code request} as the served one: for code that answers outside the API's dispatch. */
    public static void during(HttpServletRequest request, Runnable action) {
        try {
            serve(request, action::run);
        } catch (IOException | ServletException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
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
