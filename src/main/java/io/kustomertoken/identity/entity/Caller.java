package io.kustomertoken.identity.entity;

/**
 * The caller the container authenticated. {@code name} is what its own {@code externalId} would
 * be and {@code email} what its own {@code email} would be: both the principal's name for a
 * password caller; claims of its access token for a bearer caller, where {@code email} is
 * {@code null} unless the provider verified it. {@code authenticated} is false for nobody.
 */
public record Caller(boolean authenticated, String name, String email, boolean customer, boolean delegate) {

    /** May get a token for itself. */
    public static final String CUSTOMER_ROLE = "kustomer-customer";
    /** A trusted back end that may name the customer. */
    public static final String DELEGATE_ROLE = "kustomer-token-delegate";

    /** A caller known by one name, as every realm user is; {@code null} for nobody. */
    public Caller(String name, boolean customer, boolean delegate) {
        this(name != null, name, name, customer, delegate);
    }
}
