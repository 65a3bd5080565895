package io.kustomertoken.outcomes.boundary;

import io.kustomertoken.outcomes.control.RequestOutcomes;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * When the container ends a request, fires how it was answered: after its last dispatch, error
 * page included, and whichever filter order the container chose. Payara ends a request whose
 * body is still being read (async) when its first dispatch returns: then it waits for the async end.
 */
@WebListener
public class AnsweredRequestListener implements ServletRequestListener {

    @Inject
    RequestOutcomes outcomes;

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (!(event.getServletRequest() instanceof HttpServletRequest request)) {
            return;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AtAsyncEnd(request, outcomes));
        } else {
            outcomes.finish(request);
        }
    }

    private record AtAsyncEnd(HttpServletRequest request, RequestOutcomes outcomes) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            outcomes.finish(request);
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
