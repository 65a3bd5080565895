package io.kustomertoken.limits.entity;

/**
 * How many tokens a minute each kind of key may get (0: no limit), and how many keys are
 * tracked at most. Per server instance: in a cluster each instance counts on its own.
 *
 * @param customerPerMinute tokens a customer gets for itself, per caller principal
 * @param delegatePerMinute tokens a delegate gets, per delegate principal, whoever it names
 * @param identityPerMinute tokens for one named customer, across all delegates
 * @param trackedKeys buckets kept at most (memory bound)
 */
public record TokenLimits(int customerPerMinute, int delegatePerMinute, int identityPerMinute, int trackedKeys) {

    public static final String CUSTOMER_KEY = "kustomer.limit.customer.tokens-per-minute";
    public static final String DELEGATE_KEY = "kustomer.limit.delegate.tokens-per-minute";
    public static final String IDENTITY_KEY = "kustomer.limit.identity.tokens-per-minute";
    public static final String TRACKED_KEY = "kustomer.limit.tracked-keys";

    /**
     * A signed-in person needs one token per chat login (a token is accepted for 15 minutes), so
     * 20 a minute leaves room for retries and several tabs; a back end serves many people, so it
     * gets 100 a second; one named person, 20 a minute like a customer; 100,000 keys at most.
     */
    public static final TokenLimits DEFAULTS = new TokenLimits(20, 6000, 20, 100_000);

    /** The bound on {@link #trackedKeys()}: above it, the table alone could take gigabytes. */
    public static final int MAX_TRACKED_KEYS = 10_000_000;
}
