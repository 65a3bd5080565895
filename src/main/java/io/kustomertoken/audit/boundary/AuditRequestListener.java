package io.kustomertoken.audit.boundary;

import io.kustomertoken.audit.control.AuditTrail;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Writes a request's audit line when the container ends it: after its last dispatch, error page
 * included, and whichever filter order the container chose. Payara ends a request whose body is
 * still being read (async) when its first dispatch returns: its line waits for the async end.
 */
@WebListener
public class AuditRequestListener implements ServletRequestListener {

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (!(event.getServletRequest() instanceof HttpServletRequest request)) {
            return;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AtAsyncEnd(request));
        } else {
            AuditTrail.finish(request);
        }
    }

    private record AtAsyncEnd(HttpServletRequest request) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            AuditTrail.finish(request);
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
