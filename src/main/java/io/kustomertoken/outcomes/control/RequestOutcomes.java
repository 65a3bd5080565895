package io.kustomertoken.outcomes.control;

import io.kustomertoken.outcomes.entity.RequestAnswered;
import io.kustomertoken.outcomes.entity.RequestRefused;
import io.kustomertoken.outcomes.entity.TokenAsked;
import io.kustomertoken.outcomes.entity.TokenIssued;
import io.kustomertoken.requests.control.ServedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;

/**
 * Gathers what the served request decided, as the token path fires it, on the request itself
 * (a request attribute: a body read without blocking moves the API to an async dispatch, where
 * Payara has no request context). {@link #finish} fires the request's one {@link RequestAnswered}
 * when the container ends it, so a request that took several dispatches (an async read, an error
 * page) is answered once. Only the API's requests ({@code /api/*}) are gathered.
 */
@ApplicationScoped
public class RequestOutcomes {

    private static final String ENTRY = RequestOutcomes.class.getName() + ".entry";

    @Inject
    Event<RequestAnswered> answered;

    void asked(@Observes TokenAsked asked) {
        Entry entry = entryOf(ServedRequest.current());
        if (entry != null) {
            entry.role = asked.role();
            entry.externalId = asked.externalId();
            entry.email = asked.email();
        }
    }

    void issued(@Observes TokenIssued issued) {
        HttpServletRequest request = ServedRequest.current();
        Entry entry = entryOf(request);
        if (entry != null) {
            entry.externalId = issued.externalId();
            entry.email = issued.email();
            entry.answered(request, 200, null);
        }
    }

    void refused(@Observes RequestRefused refused) {
        HttpServletRequest request = ServedRequest.current();
        Entry entry = entryOf(request);
        if (entry != null) {
            entry.answered(request, refused.status(), refused.problemType());
        }
    }

    /** Fires the request's {@link RequestAnswered} if it was answered as a request of the API; once. */
    public void finish(HttpServletRequest request) {
        if (request.getAttribute(ENTRY) instanceof Entry entry && entry.status != 0) {
            request.removeAttribute(ENTRY);
            answered.fire(entry.toAnswer());
        }
    }

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
    // that reaches the API must not pass unanswered. The error page also answers other paths.
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
        private String externalId;
        private String email;

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

        RequestAnswered toAnswer() {
            return new RequestAnswered(time, status, problemType, caller, role, externalId, email, remoteAddress);
        }
    }
}
