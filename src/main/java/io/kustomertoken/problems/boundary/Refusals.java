package io.kustomertoken.problems.boundary;

import io.kustomertoken.outcomes.entity.RequestRefused;
import io.kustomertoken.problems.entity.Problem;
import io.kustomertoken.requests.control.ServedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The one place a refusal is announced, whichever way its answer is written. */
@ApplicationScoped
public class Refusals {

    @Inject
    Event<RequestRefused> refused;

    /**
     * Fires the refusal of {@code request} with {@code problem}, bound to that request for the
     * observers: also outside the API's dispatch (an error page, a late body's timer).
     */
    public void announce(HttpServletRequest request, Problem problem) {
        ServedRequest.during(request, () -> refused.fire(new RequestRefused(problem.status(), problem.type())));
    }
}
