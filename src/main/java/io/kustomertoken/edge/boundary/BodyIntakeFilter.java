package io.kustomertoken.edge.boundary;

import io.kustomertoken.edge.control.BodyIntake;
import io.kustomertoken.edge.control.BodyTimeout;
import io.kustomertoken.identity.boundary.ContainerCallers;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.tokens.boundary.TokenRequestReader;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads a request body with non-blocking I/O before the API sees it. With blocking reads, a
 * caller who sends a body one byte at a time, or stops half way, holds a request thread until the
 * server's read time-out; a few such callers took every thread of Payara Server's default pool
 * (5) and nobody got a token. Here a waiting body holds a connection and at most
 * {@value #MAX_BUFFERED_BYTES} bytes, no thread ({@link BodyCollector}); the API runs, on an
 * async dispatch, once the body is whole. A body that has not arrived within {@link BodyTimeout}
 * (10 s unless set) is answered 408 and marked {@code Connection: close} (HTTP/1.1).
 * Requests without a body (a caller's own token), and bodies that are already here whole when
 * the request arrives (nearly all), pass straight through. HTTP/1.1 and HTTP/2 alike: on HTTP/2
 * one connection carries up to 100 streams, each of which could hold a thread with a blocking read.
 */
public class BodyIntakeFilter extends HttpFilter {

    /** One byte over the reader's limit: a body that reaches it is too large, whatever follows. */
    static final int MAX_BUFFERED_BYTES = TokenRequestReader.MAX_BODY_BYTES + 1;
    /** How long a dispatch waits for read callbacks the container has already scheduled. */
    static final long SETTLE_MS = 50;
    /**
     * How long an exchange that ends without a dispatch (refused, broken, its caller gone) waits
     * for them: nobody waits on its end, and on a busy CPU Payara ran such a callback more than
     * {@value #SETTLE_MS} ms later (the run command in CI: a NullPointerException from
     * {@code InputBuffer$ReadHandlerImpl.processCallbacks} on a request already over).
     */
    static final long END_SETTLE_MS = 1_000;

    private static final byte[] NO_BODY = {};
    private static final String BODY = BodyIntakeFilter.class.getName() + ".body";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ContainerCallers callers;

    @Inject
    ServletProblems problems;

    @Inject
    BodyTimeout bodyTimeout;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            // No body. Grizzly reads the body of an HTTP/1.1 request that asks for an Upgrade it
            // does not make until the caller closes, holding a thread: such a request is read as empty.
            chain.doFilter(request.getHeader("Upgrade") == null ? request : new BufferedBodyRequest(request, NO_BODY),
                    response);
            return;
        }
        if (declared >= MAX_BUFFERED_BYTES || !request.isAsyncSupported()) {
            // Refused from its declared length alone, without reading it.
            chain.doFilter(request, response);
            return;
        }
        ServletInputStream input = request.getInputStream();
        if (declared > 0 && !chunked && input.available() >= declared) {
            // Already here whole, as nearly every body is: read at once, no async cycle.
            chain.doFilter(new BufferedBodyRequest(request, input.readNBytes((int) declared)), response);
            return;
        }
        // The API will run on an async dispatch, where Payara no longer knows a bearer caller's roles.
        callers.takeFromContainer(request);
        AsyncContext async = request.startAsync(request, response);
        BodyCollector collector = new BodyCollector(async, input,
                new BodyIntake(MAX_BUFFERED_BYTES, declared, request.getHeader("Upgrade") != null), scheduler, problems);
        collector.start(bodyTimeout.get());
        async.addListener(collector);
        input.setReadListener(collector);
    }

    /** Keeps the whole body for the async dispatch, where this filter hands it to the API. */
    static void keepBody(ServletRequest request, byte[] body) {
        request.setAttribute(BODY, body);
    }
}
