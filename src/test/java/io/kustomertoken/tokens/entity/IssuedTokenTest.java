package io.kustomertoken.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.identity.entity.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IssuedTokenTest {

    private static final Instant ISSUED = Instant.ofEpochSecond(1_700_000_000L);
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjF9.c2lnbmF0dXJl-_";

    static Stream<Identity> identities() {
        Stream<Identity> chosen = Stream.of(Identity.ofExternalId("alice"), Identity.ofEmail("a@b.co"),
                new Identity("alice", "a@b.co"), Identity.ofExternalId("quote\" back\\slash /slash"),
                Identity.ofExternalId("\u0000\u001f\n\r\t\b\f\u007f"), Identity.ofExternalId("\u2028\u2029 line seps"),
                Identity.ofExternalId("\ud83d\ude00 \u00e9\u20ac"), Identity.ofExternalId("</script><script>"));
        Random random = new Random(20261201);
        Stream<Identity> generated = Stream.generate(() -> {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(60);
            while (text.length() < length) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0xd800);
                    case 2 -> 0x10000 + random.nextInt(0x100000);
                    default -> "\"\\/\u2028\u2029".charAt(random.nextInt(5));
                };
                text.appendCodePoint(codePoint);
            }
            return Identity.ofExternalId(text.toString());
        }).limit(500);
        return Stream.concat(chosen, generated);
    }

    @ParameterizedTest
    @MethodSource("identities")
    void writesJsonThatParsesBackToTheSameValues(Identity identity) {
        IssuedToken issued = new IssuedToken(TOKEN, identity, ISSUED, ISSUED.plusSeconds(900));

        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(issued.toJSON()))) {
            json = reader.readObject();
        }

        assertEquals(Set.of("token", "identity", "issuedAt", "expiresAt"), json.keySet());
        assertEquals(TOKEN, json.getString("token"));
        assertEquals(Set.of("claim", "value"), json.getJsonObject("identity").keySet());
        assertEquals(identity.claimKustomerUses(), json.getJsonObject("identity").getString("claim"));
        assertEquals(identity.valueKustomerUses(), json.getJsonObject("identity").getString("value"));
        assertEquals("2023-11-14T22:13:20Z", json.getString("issuedAt"));
        assertEquals("2023-11-14T22:28:20Z", json.getString("expiresAt"));
    }

    static Stream<Instant> instants() {
        Random random = new Random(7);
        Stream<Instant> chosen = Stream.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.ofEpochSecond(1_700_000_000L, 1), Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        Stream<Instant> generated = Stream.generate(() -> Instant.ofEpochSecond(
                random.nextLong(-70_000_000_000L, 260_000_000_000L))).limit(500);
        return Stream.concat(chosen, generated);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void writesInstantsExactlyAsInstantToString(Instant instant) {
        IssuedToken issued = new IssuedToken(TOKEN, Identity.ofExternalId("alice"), instant, instant.plusSeconds(900));
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(issued.toJSON()))) {
            json = reader.readObject();
        }
        assertEquals(instant.toString(), json.getString("issuedAt"));
        assertEquals(instant.plusSeconds(900).toString(), json.getString("expiresAt"));
    }

    @ParameterizedTest
    @MethodSource("identities")
    void escapesEveryControlAndLineSeparatorCharacter(Identity identity) {
        String text = new IssuedToken(TOKEN, identity, ISSUED, ISSUED).toJSON();
        assertEquals(-1, text.chars().filter(c -> c < 0x20 || c == 0x2028 || c == 0x2029).findAny().orElse(-1));
    }
}
