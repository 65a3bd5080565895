package io.kustomertoken.tokens.control;

import io.kustomertoken.secret.entity.SigningKey;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.CryptoPrimitive;
import org.jose4j.jws.HmacUsingShaAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * jose4j's HS256 algorithm with its initialised {@code Mac}s kept for reuse, for one key.
 * Getting and initialising a {@code Mac} costs more than the HMAC of a token, and a {@code Mac}
 * serves one thread at a time: each of a few slots holds an idle one, a signing thread takes the
 * one in its slot (or makes a new one) and puts it back. No {@code ThreadLocal}, so nothing of
 * this application stays on the server's threads after an undeploy.
 */
final class Hs256Macs {

    private static final HmacUsingShaAlgorithm HS256 = new HmacUsingShaAlgorithm.HmacSha256();
    private static final ProviderContext DEFAULT_PROVIDERS = new ProviderContext();
    private static final int SLOTS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final SigningKey key;
    private final AtomicReferenceArray<CryptoPrimitive> idle = new AtomicReferenceArray<>(SLOTS);

    /** Checks the key as jose4j does (at least 256 bits) unless the operator allowed a short one. */
    Hs256Macs(SigningKey key) {
        this.key = key;
        if (!key.belowRecommendedLength()) {
            try {
                HS256.validateSigningKey(key.hmacKey());
            } catch (JoseException refused) {
                throw new TokenSigningException(refused);
            }
        }
    }

    boolean isFor(SigningKey candidate) {
        return key == candidate;
    }

    /** The HMAC-SHA256 of {@code signingInput}, computed by jose4j's HS256 algorithm. */
    byte[] sign(byte[] signingInput) {
        int slot = (int) (Thread.currentThread().getId() % SLOTS);
        CryptoPrimitive mac = idle.getAndSet(slot, null);
        try {
            if (mac == null) {
                mac = HS256.prepareForSign(key.hmacKey(), DEFAULT_PROVIDERS);
            }
            // doFinal resets the Mac, so it goes back ready for the next token.
            byte[] signature = HS256.sign(mac, signingInput);
            idle.set(slot, mac);
            return signature;
        } catch (JoseException failure) {
            throw new TokenSigningException(failure);
        }
    }
}
