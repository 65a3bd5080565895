package io.kustomertoken.tokens.control;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.secret.control.SecretPolicy;
import io.kustomertoken.secret.entity.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one token costs, from the floor (a reused Mac and the JDK's Base64: nothing but the
 * HMAC and the encoding) to what the service does per request. Run by {@link SigningBenchmarkReport}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmarks {

    static final String SECRET = "benchmark-secret-not-from-kustomer-0123456789";
    static final Identity ALICE = Identity.ofExternalId("alice");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private Mac reusedMac;
    private TokenSigner signer;
    private SigningKey key;
    private HmacKey naiveKey;

    @Setup
    public void setUp() throws Exception {
        reusedMac = Mac.getInstance("HmacSHA256");
        reusedMac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        signer = new TokenSigner();
        key = SecretPolicy.keyFor(Optional.of(SECRET), false);
        naiveKey = new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** The least any HS256 signer must do: payload JSON, two Base64url parts, one HMAC. */
    @Benchmark
    public String floor() {
        long iat = Instant.now().getEpochSecond();
        String payload = BASE64URL.encodeToString(("{\"externalId\":\"alice\",\"iat\":" + iat + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        byte[] signature = reusedMac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }

    /** The service's sign path: the key as the configured secret gives it, then TokenSigner. */
    @Benchmark
    public String signPath() {
        return signer.sign(ALICE, key).token();
    }

    /** Sign plus the JSON body the resource writes. */
    @Benchmark
    public String wholeAnswer() {
        return signer.sign(ALICE, key).toJSON();
    }

    /** jose4j as its documentation shows it: a JsonWebSignature per token. */
    @Benchmark
    public String jose4jNaive() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setStringClaim(Identity.EXTERNAL_ID, ALICE.externalId());
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.HMAC_SHA256));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(naiveKey);
        return jws.getCompactSerialization();
    }

    /** What one read of the secret costs the service (once per kustomer.config.reread-ms). */
    @Benchmark
    public SigningKey keyFromSecret() {
        return SecretPolicy.keyFor(Optional.of(SECRET), false);
    }
}
