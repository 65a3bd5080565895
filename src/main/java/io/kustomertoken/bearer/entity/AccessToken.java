package io.kustomertoken.bearer.entity;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified access token as the caller's principal: its claims as JSON gave them (strings,
 * booleans, numbers, lists, maps). The name is MP-JWT's: {@code upn}, else
 * {@code preferred_username}, else {@code sub}. The raw token is not kept.
 */
public final class AccessToken implements JsonWebToken {

    private final Map<String, Object> claims;
    private final String groupsClaim;

    /** @param groupsClaim the claim whose strings are the caller's roles ({@code groups} in MP-JWT) */
    public AccessToken(Map<String, Object> claims, String groupsClaim) {
        this.groupsClaim = groupsClaim;
        // A copy that keeps the claims JSON gave as null (Map.copyOf would refuse them).
        this.claims = Collections.unmodifiableMap(new HashMap<>(claims));
    }

    @Override
    public String getName() {
        for (String name : List.of(Claims.upn.name(), Claims.preferred_username.name(), Claims.sub.name())) {
            if (claims.get(name) instanceof String value) {
                return value;
            }
        }
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    /** The roles it gives: the strings of its groups claim ({@code groups}, or as configured). */
    @Override
    public Set<String> getGroups() {
        return claims.get(groupsClaim) instanceof List<?> groups
                ? groups.stream().filter(String.class::isInstance).map(String.class::cast).collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }

    @Override
    public String getRawToken() {
        return null;
    }

    @Override
    public String toString() {
        return "AccessToken[" + getName() + "]";
    }
}
