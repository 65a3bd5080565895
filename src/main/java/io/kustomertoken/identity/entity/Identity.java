package io.kustomertoken.identity.entity;

/**
 * Who a token is for, as the claims Kustomer reads: {@code externalId}, {@code email}, or both.
 * A missing claim is {@code null}. When both are present Kustomer uses {@code email} and ignores
 * {@code externalId}; {@link #claimKustomerUses()} says so.
 */
public record Identity(String externalId, String email) {

    public static final String EXTERNAL_ID = "externalId";
    public static final String EMAIL = "email";

    /** What a request with no body names. */
    public static final Identity NOBODY = new Identity(null, null);

    public static Identity ofExternalId(String externalId) {
        return new Identity(externalId, null);
    }

    public static Identity ofEmail(String email) {
        return new Identity(null, email);
    }

    public boolean namesNobody() {
        return externalId == null && email == null;
    }

    public String claimKustomerUses() {
        return email != null ? EMAIL : EXTERNAL_ID;
    }

    public String valueKustomerUses() {
        return email != null ? email : externalId;
    }
}
