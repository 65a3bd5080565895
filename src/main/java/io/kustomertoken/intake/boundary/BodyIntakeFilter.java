package io.kustomertoken.intake.boundary;

import io.kustomertoken.identity.control.CallerIdentities;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.tokens.boundary.TokenRequestReader;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Enumeration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a request body with non-blocking I/O before the API sees it. With blocking reads, a
 * caller who sends a body one byte at a time, or stops half way, holds a request thread until the
 * server's read time-out; a few such callers took every thread of Payara Server's default pool
 * (5) and nobody got a token. Here a waiting body holds a connection and at most
 * {@value #MAX_BUFFERED_BYTES} bytes, no thread; the API runs, on an async dispatch, once the body
 * is whole. A body that has not arrived within {@value #BODY_TIMEOUT_MS} ms is answered 408 and
 * marked {@code Connection: close} (HTTP/1.1). Requests without a body (a caller's own token), and bodies that are
 * already here whole when the request arrives (nearly all), pass straight through. HTTP/1.1 and
 * HTTP/2 alike: on HTTP/2 one connection carries up to 100 streams, each of which could hold a
 * thread with a blocking read.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class BodyIntakeFilter extends HttpFilter {

    /** One byte more than the API accepts: a body that reaches it is answered 413 at once. */
    static final int MAX_BUFFERED_BYTES = TokenRequestReader.MAX_BODY_BYTES + 1;
    static final long BODY_TIMEOUT_MS = 10_000;
    static final String TOO_SLOW = "The body must arrive within " + BODY_TIMEOUT_MS / 1000 + " seconds.";
    /** How long a body that arrived in pieces waits before the API runs (Payara, see dispatch). */
    static final long SETTLE_MS = 50;

    private static final byte[] NO_BODY = {};
    private static final String BODY = BodyIntakeFilter.class.getName() + ".body";

    private static final Logger LOG = Logger.getLogger(BodyIntakeFilter.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CallerIdentities callers;

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
        if (!readableMediaType(request.getHeader("Content-Type"))) {
            // Jersey would answer a bare 400 that no exception mapper sees.
            ServletProblems.write(request, response, Problem.of(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json."));
            return;
        }
        if (!readableAccept(request)) {
            ServletProblems.write(request, response, Problem.of(ProblemKind.BAD_REQUEST,
                    "Accept must be a list of media ranges, each weight between 0 and 1 (RFC 9110)."));
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
        BodyCollector collector = new BodyCollector(async, input, declared, request.getHeader("Upgrade") != null,
                scheduler);
        collector.start();
        async.addListener(collector);
        input.setReadListener(collector);
    }

    private static boolean readableAccept(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Accept");
        while (values != null && values.hasMoreElements()) {
            if (!HeaderSyntax.isAccept(values.nextElement())) {
                return false;
            }
        }
        return true;
    }

    private static boolean readableMediaType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * Gathers the body as it arrives. Exactly one of three ends the wait: the API runs (dispatch),
     * the service refuses the body itself (408 when it is late, 413 when it is too large), or the
     * caller goes away. A refused body is still read to its end and thrown away, without blocking:
     * WildFly (Undertow) drains what is left of a body with a blocking read when an async request
     * completes, so completing while a caller keeps stalling held a worker thread for as long as
     * that caller liked (32 such callers took every thread on 2 cores). The exchange ends when the
     * rest has arrived or the caller is gone; until then it holds a connection and no thread.
     */
    private static final class BodyCollector implements ReadListener, AsyncListener {

        private static final int COLLECTING = 0;
        private static final int DISPATCH_DUE = 1;
        private static final int REFUSED = 2;
        private static final int ENDED = 3;

        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        private final byte[] chunk = new byte[2048];
        private final AtomicInteger state = new AtomicInteger(COLLECTING);
        private final long declaredLength;
        private final boolean endsByLength;
        private final ScheduledExecutorService scheduler;
        private volatile ScheduledFuture<?> lateBody;

        BodyCollector(AsyncContext async, ServletInputStream input, long declaredLength, boolean endsByLength,
                ScheduledExecutorService scheduler) {
            this.async = async;
            this.input = input;
            this.declaredLength = declaredLength;
            this.endsByLength = endsByLength;
            this.scheduler = scheduler;
        }

        /** Starts the wait for the body: 408 if it has not come whole in time. */
        void start() {
            try {
                lateBody = scheduler.schedule(() -> refuse(ProblemKind.REQUEST_TIMEOUT, TOO_SLOW),
                        BODY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                // Only the end of the body or of the connection ends the exchange (see above).
                async.setTimeout(0);
            } catch (RejectedExecutionException stopping) {
                // The server is shutting down: the container's time-out answers instead.
                async.setTimeout(BODY_TIMEOUT_MS);
            }
        }

        // Waits for onAllDataRead rather than ending the wait on the last byte: Payara schedules
        // that callback anyway, and one that runs after the request is over logs a SEVERE
        // NullPointerException. Two exceptions: a body over the limit (refused, the rest thrown
        // away) and a request that asks for an Upgrade, whose body Grizzly never ends (its length does).
        @Override
        public void onDataAvailable() throws IOException {
            while (input.isReady()) {
                int current = state.get();
                if (current == DISPATCH_DUE || current == ENDED) {
                    return;
                }
                int read = input.read(chunk);
                if (read < 0) {
                    return;
                }
                if (current == REFUSED) {
                    continue;
                }
                body.write(chunk, 0, Math.min(read, MAX_BUFFERED_BYTES - body.size()));
                if (body.size() >= MAX_BUFFERED_BYTES) {
                    refuse(ProblemKind.PAYLOAD_TOO_LARGE, TokenRequestReader.TOO_LARGE);
                } else if (endsByLength && body.size() == declaredLength) {
                    dispatch();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch();
            end();
        }

        // Payara may still run a read callback it has scheduled, and one that runs after the
        // request is over logs a SEVERE NullPointerException: the API runs once it had time to.
        // The wait also keeps the dispatch off the moment the request thread leaves the filter:
        // on HTTP/2, where frames are read on other threads, Payara lost such dispatches (and
        // their answers) when the API ran as soon as the body was whole.
        private void dispatch() {
            if (state.compareAndSet(COLLECTING, DISPATCH_DUE)) {
                cancelLateBody();
                async.getRequest().setAttribute(BODY, body.toByteArray());
                try {
                    scheduler.schedule(this::dispatchIfDue, SETTLE_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    dispatchIfDue();
                }
            }
        }

        private void dispatchIfDue() {
            if (state.compareAndSet(DISPATCH_DUE, ENDED)) {
                async.dispatch();
            }
        }

        /** Answers now; the rest of the body is read and thrown away until it ends. */
        private void refuse(ProblemKind kind, String detail) {
            if (!state.compareAndSet(COLLECTING, REFUSED)) {
                return;
            }
            cancelLateBody();
            HttpServletRequest request = (HttpServletRequest) async.getRequest();
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                if (request.getProtocol().startsWith("HTTP/1")) {
                    // The connection cannot carry another request: the rest of this one may still come.
                    response.setHeader("Connection", "close");
                }
                ServletProblems.write(request, response, Problem.of(kind, detail));
                // Closed, not only flushed: the answer is whole (on HTTP/2 its stream ends) now.
                response.getWriter().close();
            } catch (IOException | IllegalStateException gone) {
                // The caller left while we answered: nothing is left to read either.
                LOG.log(Level.FINE, "A refusal could not be sent: {0}", String.valueOf(gone));
                end();
            }
        }

        private void cancelLateBody() {
            ScheduledFuture<?> timer = lateBody;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        // Like a dispatch, the end waits a moment: Payara may still run a read callback it has
        // scheduled, and one that runs after the request is over logs a SEVERE NullPointerException.
        private void end() {
            int current = state.get();
            if ((current == COLLECTING || current == REFUSED) && state.compareAndSet(current, ENDED)) {
                cancelLateBody();
                try {
                    scheduler.schedule(async::complete, SETTLE_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    async.complete();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The caller went away or broke the stream: nobody is left to answer, or to read from.
            LOG.log(Level.FINE, "A request body could not be read: {0}", String.valueOf(failure));
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            // Only when the 408 could not be scheduled: a body that became whole just now is
            // served, else 408; the container would answer 500 to a time-out that does neither.
            dispatchIfDue();
            refuse(ProblemKind.REQUEST_TIMEOUT, TOO_SLOW);
            end();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
