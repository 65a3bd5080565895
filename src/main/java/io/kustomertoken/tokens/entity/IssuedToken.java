package io.kustomertoken.tokens.entity;

import io.kustomertoken.identity.entity.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A signed token and what the app needs to know about it: which identity Kustomer will use (to
 * pass to {@code isLoggedIn}) and when Kustomer stops accepting it.
 */
public record IssuedToken(String token, Identity identity, Instant issuedAt, Instant expiresAt) {

    public JsonObject toJSON() {
        return Json.createObjectBuilder()
                .add("token", token)
                .add("identity", Json.createObjectBuilder()
                        .add("claim", identity.claimKustomerUses())
                        .add("value", identity.valueKustomerUses()))
                .add("issuedAt", issuedAt.toString())
                .add("expiresAt", expiresAt.toString())
                .build();
    }

    @Override
    public String toString() {
        return "IssuedToken[token=(hidden), identity=" + identity + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
