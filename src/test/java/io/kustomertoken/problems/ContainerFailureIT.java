package io.kustomertoken.problems;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.AgainstWar;
import io.kustomertoken.testsupport.Deployments;
import io.kustomertoken.testsupport.EmbeddedOnly;
import io.kustomertoken.testsupport.ServerLog;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * An exception thrown before JAX-RS runs (a filter, a login mechanism) reaches the container's
 * error page: the caller gets the same internal-error problem as from JAX-RS, and the log has the
 * exception under that problem's instance id. Embedded only: the WAR gains a test filter.
 */
@EmbeddedOnly
class ContainerFailureIT extends AgainstWar {

    @Deployment(testable = false)
    static WebArchive warWithAFailingFilter() {
        return Deployments.builtWar().addClass(FailingFilterForTests.class);
    }

    @Test
    void aFailureOutsideJaxRsIsLoggedUnderTheInstanceIdOfItsProblem() throws Exception {
        try (ServerLog log = ServerLog.capture()) {
            HttpResponse<String> response = service.send(
                    HttpRequest.newBuilder(service.resolve(FailingFilterForTests.PATH.substring(1))).GET());

            JsonObject problem = assertProblem(response, 500, "internal-error");
            String instance = problem.getString("instance");
            assertTrue(instance.matches("urn:uuid:[0-9a-f-]{36}"), instance);
            assertEquals(List.of("no-store"), response.headers().allValues("Cache-Control"));
            String logged = log.awaitText(instance);
            String record = ServerLog.records(logged).stream()
                    .filter(line -> line.contains(instance)).findFirst().orElse("");
            assertTrue(record.contains(FailingFilterForTests.MESSAGE),
                    "the exception is logged with the instance id:\n" + logged);
        }
    }
}
