package io.kustomertoken.audit.boundary;

import io.kustomertoken.audit.control.AuditTrail;
import io.kustomertoken.audit.entity.AuditRecord;
import io.kustomertoken.metrics.control.TokenMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * When the container ends a request of the API, writes its audit line and counts its outcome:
 * after its last dispatch, error page included, and whichever filter order the container chose.
 * Payara ends a request whose body is still being read (async) when its first dispatch returns:
 * then both wait for the async end.
 */
@WebListener
public class AuditRequestListener implements ServletRequestListener {

    @Inject
    TokenMetrics metrics;

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (!(event.getServletRequest() instanceof HttpServletRequest request)) {
            return;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AtAsyncEnd(request, this));
        } else {
            finish(request);
        }
    }

    void finish(HttpServletRequest request) {
        AuditTrail.finish(request).ifPresent(this::count);
    }

    private void count(AuditRecord decided) {
        if (AuditRecord.ISSUED.equals(decided.outcome())) {
            metrics.issued();
        } else {
            metrics.refused(decided.problemType());
        }
    }

    private record AtAsyncEnd(HttpServletRequest request, AuditRequestListener listener) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            listener.finish(request);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
