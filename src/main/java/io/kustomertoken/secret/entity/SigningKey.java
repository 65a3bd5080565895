package io.kustomertoken.secret.entity;

import java.security.Key;

/**
 * The HMAC key made from Kustomer's secret. {@code belowRecommendedLength} is true when the
 * operator allowed a secret shorter than HS256's 256 bits; jose4j then has to be told not to
 * refuse it.
 */
public record SigningKey(Key hmacKey, boolean belowRecommendedLength) {

    @Override
    public String toString() {
        return "SigningKey[hmacKey=(hidden), belowRecommendedLength=" + belowRecommendedLength + "]";
    }
}
