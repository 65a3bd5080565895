package io.kustomertoken.audit.control;

import io.kustomertoken.audit.entity.AuditRecord;
import io.kustomertoken.outcomes.entity.RequestAnswered;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: one line per answer of the API ({@code /api/*}), issued or refused, on a logger
 * of its own ({@value #LOGGER}) that the administrator routes to its own file (server-config/).
 * It observes each request's one {@link RequestAnswered}, fired when the container ends the
 * request, so a request that took several dispatches still makes exactly one line.
 *
 * <p>One writer thread hands the lines to the logger, in the order the requests ended. The file
 * handlers of both servers write and flush each line under one lock: with 32 requests at once they
 * queued for it, which cost WildFly more than half its bearer throughput (issue 26). A request
 * only queues its record; when {@link #WAITING} records wait, requests wait for room rather
 * than lose a line. The trade-off: a server killed outright (SIGKILL) loses the lines still
 * waiting, a few milliseconds' worth; an undeploy or an orderly stop writes them all.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String LOGGER = "io.kustomertoken.audit";
    static final int WAITING = 8192;

    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<AuditRecord> waiting = new ArrayBlockingQueue<>(WAITING);
    private volatile Thread writer;

    @PostConstruct
    void startWriter() {
        Thread started = threads.newThread(this::writeUntilStopped);
        started.setName("kustomer-audit-writer");
        started.start();
        writer = started;
    }

    void write(@Observes RequestAnswered answered) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        AuditRecord record = AuditRecord.of(answered);
        Thread running = writer;
        try {
            if (running != null && running.isAlive() && waiting.offer(record, 5, TimeUnit.SECONDS)) {
                if (writer == null) {
                    writeWaitingLines();   // the writer stopped meanwhile: no line stays behind
                }
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        // No writer (stopping), or none keeping up: the request writes its line itself.
        writeLine(record);
    }

    private void writeUntilStopped() {
        List<AuditRecord> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(waiting.take());
                waiting.drainTo(batch, 255);
                batch.forEach(AuditTrail::writeLine);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            batch.forEach(AuditTrail::writeLine);
        }
    }

    @PreDestroy
    void stopWriter() {
        Thread running = writer;
        writer = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        writeWaitingLines();
    }

    private void writeWaitingLines() {
        List<AuditRecord> rest = new ArrayList<>();
        waiting.drainTo(rest);
        rest.forEach(AuditTrail::writeLine);
    }

    private static void writeLine(AuditRecord record) {
        try {
            LOG.info(record.toJsonLine());
        } catch (RuntimeException failed) {
            // A handler that throws must not end the writer: the next lines would wait for ever.
            LOG.log(Level.WARNING, "An audit line could not be written: " + failed.getClass().getName());
        }
    }
}
