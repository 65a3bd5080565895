package io.kustomertoken.audit.control;

import io.kustomertoken.audit.entity.AuditRecord;
import io.kustomertoken.identity.entity.Identity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: one line per answer of the API ({@code /api/*}), issued or refused, on a logger
 * of its own ({@value #LOGGER}) that the administrator routes to its own file (server-config/).
 * What a request decided is noted on it as it happens, by whoever answers it (the token
 * endpoint, a problem mapper, a filter, the container's error page); the line is written once,
 * when the container ends the request ({@code AuditRequestListener}), so a request that took
 * several dispatches (a body read without blocking, an error page) still makes exactly one.
 */
public final class AuditTrail {

    public static final String LOGGER = "io.kustomertoken.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String ENTRY = AuditTrail.class.getName() + ".entry";

    private AuditTrail() {
    }

    /** What the caller asked for, in the role it acts in ({@code null}: none of ours). */
    public static void asked(HttpServletRequest request, String role, Identity asked) {
        Entry entry = entryOf(request);
        if (entry != null) {
            entry.role = role;
            entry.identity = asked;
        }
    }

    /** A token was issued for {@code identity}. */
    public static void issued(HttpServletRequest request, Identity identity) {
        Entry entry = entryOf(request);
        if (entry != null) {
            entry.identity = identity;
            entry.answered(request, 200, null);
        }
    }

    /** The request was refused with this status and problem type. */
    public static void refused(HttpServletRequest request, int status, URI problemType) {
        Entry entry = entryOf(request);
        if (entry != null) {
            entry.answered(request, status, problemType);
        }
    }

    /**
     * Writes the request's line, if it was answered as a request of the API, and returns what it
     * says; empty otherwise, and on every later call for the same request.
     */
    public static Optional<AuditRecord> finish(HttpServletRequest request) {
        if (!(request.getAttribute(ENTRY) instanceof Entry entry) || entry.status == 0) {
            return Optional.empty();
        }
        request.removeAttribute(ENTRY);
        AuditRecord record = entry.toRecord();
        if (LOG.isLoggable(Level.INFO)) {
            LOG.info(record.toJsonLine());
        }
        return Optional.of(record);
    }

    // Only the API's requests are audited; the error page also answers unknown paths elsewhere.
    private static Entry entryOf(HttpServletRequest request) {
        if (request.getAttribute(ENTRY) instanceof Entry known) {
            return known;
        }
        if (!isApiRequest(request)) {
            return null;
        }
        Entry entry = new Entry(request.getRemoteAddr());
        request.setAttribute(ENTRY, entry);
        return entry;
    }

    // The URI as sent, judged as the container maps it (ApiPaths): an encoded or dotted path
    // that reaches the API must not pass without a line.
    static boolean isApiRequest(HttpServletRequest request) {
        String uri = request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                ? original : request.getRequestURI();
        return uri != null && ApiPaths.isApi(uri, request.getContextPath());
    }

    /** What is known of one request so far. A request is served by one thread at a time. */
    private static final class Entry {
        private final String remoteAddress;
        private Instant time;
        private int status;
        private URI problemType;
        private String caller;
        private String role;
        private Identity identity;

        Entry(String remoteAddress) {
            this.remoteAddress = remoteAddress;
        }

        void answered(HttpServletRequest request, int answeredStatus, URI answeredType) {
            time = Instant.now();
            status = answeredStatus;
            problemType = answeredType;
            if (caller == null) {
                caller = principalName(request);
            }
        }

        // A refusal may be noted off the request's thread (a late body, answered 408): asking the
        // container who the caller is must not keep the answer from being written.
        private static String principalName(HttpServletRequest request) {
            try {
                Principal principal = request.getUserPrincipal();
                return principal == null ? null : principal.getName();
            } catch (RuntimeException notNow) {
                return null;
            }
        }

        AuditRecord toRecord() {
            return new AuditRecord(time, status, problemType, caller, role,
                    identity == null ? null : identity.externalId(),
                    identity == null ? null : identity.email(), remoteAddress);
        }
    }
}
