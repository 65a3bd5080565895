package io.kustomertoken.tokens.boundary;

import io.kustomertoken.identity.boundary.ContainerCallers;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.tokens.control.TokenIssuer;
import io.kustomertoken.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/tokens}: a token for the signed-in customer (no body), or for the customer
 * a delegate names ({@code {"externalId":…}} and/or {@code {"email":…}}).
 */
// One instance: it holds nothing of a request, and creating one per request cost more than signing.
@ApplicationScoped
@Path("v1/tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    ContainerCallers callers;

    @Inject
    TokenIssuer issuer;

    @POST
    public Response issue(Identity named) {
        IssuedToken issued = issuer.issueFor(callers.current(), named == null ? Identity.NOBODY : named);
        // Whoever holds the token can read the customer's chats: no cache may keep it.
        return Response.ok(issued.toJSON())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
