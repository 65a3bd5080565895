package io.kustomertoken.secret.control;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.secret.entity.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPolicyTest {

    private static final String SECRET_32 = "kustomer-unit-test-secret-32byte";
    private static final String SECRET_31 = "kustomer-unit-test-secret-31byt";

    @Test
    void refusesMissingSecretNamingTheProperty() {
        for (boolean allowShort : new boolean[] {false, true}) {
            SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                    () -> SecretPolicy.keyFor(Optional.empty(), allowShort));
            assertTrue(refused.getMessage().contains("kustomer.secret"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \t\r\n ", "\u2003"})
    void refusesBlankSecretNamingTheProperty(String blank) {
        for (boolean allowShort : new boolean[] {false, true}) {
            SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                    () -> SecretPolicy.keyFor(Optional.of(blank), allowShort));
            assertTrue(refused.getMessage().contains("kustomer.secret"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"${ALIAS=kustomer-secret-alias-with-a-long-name}", " ${ENV=KUSTOMER_SECRET_FROM_SOMEWHERE} "})
    void refusesUnresolvedReferenceInsteadOfSigningWithItsText(String reference) {
        for (boolean allowShort : new boolean[] {false, true}) {
            SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                    () -> SecretPolicy.keyFor(Optional.of(reference), allowShort));
            assertTrue(refused.getMessage().contains("unresolved reference"), refused.getMessage());
        }
    }

    @Test
    void acceptsSecretThatOnlyContainsADollarBrace() {
        String secret = "abc${not-a-reference-just-bytes-0123456789";
        assertArrayEquals(bytes(secret), SecretPolicy.keyFor(Optional.of(secret), false).hmacKey().getEncoded());
    }

    @Test
    void refusesSecretShorterThan32BytesAndSaysHowToAllowIt() {
        assertEquals(31, bytes(SECRET_31).length);
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> SecretPolicy.keyFor(Optional.of(SECRET_31), false));
        assertTrue(refused.getMessage().contains("kustomer.secret.allow-short=true"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET_31), "the message shows the secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "short", SECRET_31})
    void makesKeyFromShortSecretWhenAllowedAndSaysItIsShort(String shortSecret) {
        SigningKey key = SecretPolicy.keyFor(Optional.of(shortSecret), true);
        assertTrue(key.belowRecommendedLength());
        assertArrayEquals(bytes(shortSecret), key.hmacKey().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void makesKeyFrom32ByteSecret(boolean allowShort) {
        SigningKey key = SecretPolicy.keyFor(Optional.of(SECRET_32), allowShort);
        assertFalse(key.belowRecommendedLength());
        assertArrayEquals(bytes(SECRET_32), key.hmacKey().getEncoded());
    }

    @Test
    void countsBytesNotCharacters() {
        String sixteenAccents = "é".repeat(16);
        assertEquals(32, bytes(sixteenAccents).length);
        SigningKey key = SecretPolicy.keyFor(Optional.of(sixteenAccents), false);
        assertFalse(key.belowRecommendedLength());
        assertArrayEquals(bytes(sixteenAccents), key.hmacKey().getEncoded());

        // 31 characters but 62 bytes: long enough.
        assertFalse(SecretPolicy.keyFor(Optional.of("é".repeat(31)), false).belowRecommendedLength());
        // 16 characters but 31 bytes: too short.
        assertThrows(SecretRefusedException.class,
                () -> SecretPolicy.keyFor(Optional.of("é".repeat(15) + "a"), false));
    }

    @Test
    void usesTheSecretsUtf8BytesEvenWhenItLooksLikeBase64() {
        String base64Looking = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=";
        assertEquals(32, Base64.getDecoder().decode(base64Looking).length, "the secret must be valid Base64");

        SigningKey key = SecretPolicy.keyFor(Optional.of(base64Looking), false);

        // Also shows that wiping the policy's own byte[] left the key intact.
        assertArrayEquals(bytes(base64Looking), key.hmacKey().getEncoded());
    }

    @Test
    void keepsKeyMaterialOutOfToString() {
        SigningKey key = SecretPolicy.keyFor(Optional.of(SECRET_32), false);
        String shown = key.toString();
        assertFalse(shown.contains(SECRET_32), shown);
        assertFalse(shown.contains(Base64.getEncoder().encodeToString(bytes(SECRET_32))), shown);
        assertFalse(shown.contains("kustomer-unit"), shown);
        assertTrue(shown.contains("belowRecommendedLength=false"), shown);
    }

    @Test
    void keepsKeyMaterialOutOfToStringOfShortKey() {
        SigningKey key = SecretPolicy.keyFor(Optional.of(SECRET_31), true);
        assertFalse(key.toString().contains(SECRET_31), key.toString());
    }

    @Test
    void wipesItsCopyOfTheSecretOnceItMadeTheKey() {
        byte[] copy = bytes(SECRET_32);
        SigningKey key = SecretPolicy.keyFor(copy, false, null);
        assertArrayEquals(new byte[32], copy);
        assertArrayEquals(bytes(SECRET_32), key.hmacKey().getEncoded());
    }

    @Test
    void wipesItsCopyOfTheSecretWhenItRefusesIt() {
        byte[] copy = bytes(SECRET_31);
        assertThrows(SecretRefusedException.class, () -> SecretPolicy.keyFor(copy, false, null));
        assertArrayEquals(new byte[31], copy);
    }

    @Test
    void wipesBothCopiesItComparedWhenItKeepsThePreviousKey() {
        List<byte[]> handedOut = new ArrayList<>();
        SigningKey previous = new SigningKey(new HmacKey(bytes(SECRET_32)) {
            @Override
            public byte[] getEncoded() {
                byte[] encoded = super.getEncoded();
                handedOut.add(encoded);
                return encoded;
            }
        }, false);
        byte[] copy = bytes(SECRET_32);

        assertSame(previous, SecretPolicy.keyFor(copy, false, previous));

        assertArrayEquals(new byte[32], copy);
        assertEquals(1, handedOut.size());
        assertArrayEquals(new byte[32], handedOut.get(0));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsThePreviousKeyWhileTheSecretIsTheSame() {
        SigningKey first = SecretPolicy.keyFor(Optional.of("kustomer-unit-test-secret-32byte"), false);
        assertSame(first, SecretPolicy.keyFor(Optional.of("kustomer-unit-test-secret-32byte"), false, first));
    }

    @Test
    void makesANewKeyWhenTheSecretChanges() {
        SigningKey first = SecretPolicy.keyFor(Optional.of("kustomer-unit-test-secret-32byte"), false);
        SigningKey rotated = SecretPolicy.keyFor(Optional.of("kustomer-unit-test-secret-32bytf"), false, first);
        assertNotSame(first, rotated);
        assertEquals("kustomer-unit-test-secret-32bytf",
                new String(rotated.hmacKey().getEncoded(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void makesANewKeyWhenAllowShortChangesTheVerdict() {
        SigningKey shortAllowed = SecretPolicy.keyFor(Optional.of("short-secret"), true);
        assertThrows(SecretRefusedException.class,
                () -> SecretPolicy.keyFor(Optional.of("short-secret"), false, shortAllowed));
    }

    @Test
    void refusesABadSecretEvenWhenAPreviousKeyExists() {
        SigningKey first = SecretPolicy.keyFor(Optional.of("kustomer-unit-test-secret-32byte"), false);
        assertThrows(SecretRefusedException.class, () -> SecretPolicy.keyFor(Optional.of("  "), false, first));
    }
}
