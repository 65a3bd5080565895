package io.kustomertoken.ceiling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The container ceiling of the benchmark: the service's URL, security constraint and answer
 * headers, but a constant body of the same size instead of a signed token. Only in the bench
 * sources; never in the shipped WAR.
 */
@ApplicationScoped
@Path("v1/tokens")
public class ConstantTokensResource {

    private static final String ANSWER = "{\"token\":\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJleHRlcm5hbElkIjoiYWxpY2UiLCJpYXQiOjE3OTU1MjA4NjZ9."
            + "constant-not-a-signature-0123456789abcdefgh\","
            + "\"identity\":{\"claim\":\"externalId\",\"value\":\"alice\"},"
            + "\"issuedAt\":\"2026-11-24T11:47:46Z\",\"expiresAt\":\"2026-11-24T12:02:46Z\"}";

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue() {
        return Response.ok(ANSWER)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
