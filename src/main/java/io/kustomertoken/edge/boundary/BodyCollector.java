package io.kustomertoken.edge.boundary;

import io.kustomertoken.edge.control.BodyIntake;
import io.kustomertoken.problems.boundary.ServletProblems;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.tokens.boundary.TokenRequestReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gathers the body as it arrives, for {@link BodyIntakeFilter}; {@link BodyIntake} decides, this
 * class does the servlet side. A refused body is still read to its end and thrown away, without
 * blocking: WildFly (Undertow) drains what is left of a body with a blocking read when an async
 * request completes, so completing while a caller keeps stalling held a worker thread for as long
 * as that caller liked (32 such callers took every thread on 2 cores). The exchange ends when the
 * rest has arrived or the caller is gone; until then it holds a connection and no thread.
 */
final class BodyCollector implements ReadListener, AsyncListener {

    private static final Logger LOG = Logger.getLogger(BodyCollector.class.getName());

    private final AsyncContext async;
    private final ServletInputStream input;
    private final BodyIntake intake;
    private final byte[] chunk = new byte[2048];
    private final ScheduledExecutorService scheduler;
    private final ServletProblems problems;
    private volatile ScheduledFuture<?> lateBody;
    private volatile String tooSlow;   // the 408's detail, set by start()

    BodyCollector(AsyncContext async, ServletInputStream input, BodyIntake intake,
            ScheduledExecutorService scheduler, ServletProblems problems) {
        this.async = async;
        this.input = input;
        this.intake = intake;
        this.scheduler = scheduler;
        this.problems = problems;
    }

    /** Starts the wait for the body: 408 if it has not come whole within {@code timeout}. */
    void start(Duration timeout) {
        tooSlow = tooSlow(timeout);
        try {
            lateBody = scheduler.schedule(() -> refuse(ProblemKind.REQUEST_TIMEOUT, tooSlow),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            // Only the end of the body or of the connection ends the exchange (see above).
            async.setTimeout(0);
        } catch (RejectedExecutionException stopping) {
            // The server is shutting down: the container's time-out answers instead.
            async.setTimeout(timeout.toMillis());
        }
    }

    private static String tooSlow(Duration timeout) {
        return "The body must arrive within " + timeout.toSeconds() + " seconds.";
    }

    // Waits for onAllDataRead rather than ending the wait on the last byte: Payara schedules
    // that callback anyway, and one that runs after the request is over logs a SEVERE
    // NullPointerException. Two exceptions: a body over the limit (refused, the rest thrown
    // away) and a request that asks for an Upgrade, whose body Grizzly never ends (its length does).
    @Override
    public void onDataAvailable() throws IOException {
        while (input.isReady() && intake.reading()) {
            int read = input.read(chunk);
            if (read < 0) {
                return;
            }
            switch (intake.take(chunk, read)) {
                case TOO_LARGE -> refuse(ProblemKind.PAYLOAD_TOO_LARGE, TokenRequestReader.TOO_LARGE);
                case WHOLE -> {
                    dispatch();
                    return;
                }
                case MORE, DISCARDED -> {
                }
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
        if (intake.dispatchDue()) {
            cancelLateBody();
            BodyIntakeFilter.keepBody(async.getRequest(), intake.body());
            try {
                scheduler.schedule(this::dispatchIfDue, BodyIntakeFilter.SETTLE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                dispatchIfDue();
            }
        }
    }

    private void dispatchIfDue() {
        if (intake.dispatching()) {
            async.dispatch();
        }
    }

    /** Answers now; the rest of the body is read and thrown away until it ends. */
    private void refuse(ProblemKind kind, String detail) {
        if (!intake.refusing()) {
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
            problems.write(request, response, Problem.of(kind, detail));
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

    // Like a dispatch, the end waits, longer: Payara may still run a read callback it has
    // scheduled, and one that runs after the request is over logs a NullPointerException.
    private void end() {
        if (intake.ending()) {
            cancelLateBody();
            try {
                scheduler.schedule(async::complete, BodyIntakeFilter.END_SETTLE_MS, TimeUnit.MILLISECONDS);
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
        refuse(ProblemKind.REQUEST_TIMEOUT, tooSlow);
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
