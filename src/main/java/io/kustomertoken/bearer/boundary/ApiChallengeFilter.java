package io.kustomertoken.bearer.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The RFC 6750 challenge on a 401 that the API itself answers (a token not valid yet, see
 * {@link NotBeforeFilter}); {@link ChallengeFilter} does the same for the container's 401s.
 */
@Provider
public class ApiChallengeFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401 && !response.getHeaders().containsKey(ChallengeFilter.CHALLENGE)) {
            response.getHeaders().putSingle(ChallengeFilter.CHALLENGE,
                    ChallengeFilter.challengeFor(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
    }
}
