package io.kustomertoken.identity.entity;

/**
 * The caller the container authenticated. {@code name} is the principal's name, {@code null}
 * when nobody is signed in.
 */
public record Caller(String name, boolean customer, boolean delegate) {

    /** May get a token for itself. */
    public static final String CUSTOMER_ROLE = "kustomer-customer";
    /** A trusted back end that may name the customer. */
    public static final String DELEGATE_ROLE = "kustomer-token-delegate";
}
