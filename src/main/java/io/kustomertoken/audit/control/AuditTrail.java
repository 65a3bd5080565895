package io.kustomertoken.audit.control;

import io.kustomertoken.audit.entity.AuditRecord;
import io.kustomertoken.outcomes.entity.RequestAnswered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: one line per answer of the API ({@code /api/*}), issued or refused, on a logger
 * of its own ({@value #LOGGER}) that the administrator routes to its own file (server-config/).
 * It observes each request's one {@link RequestAnswered}, fired when the container ends the
 * request, so a request that took several dispatches still makes exactly one line.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String LOGGER = "io.kustomertoken.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    void write(@Observes RequestAnswered answered) {
        if (LOG.isLoggable(Level.INFO)) {
            LOG.info(AuditRecord.of(answered).toJsonLine());
        }
    }
}
