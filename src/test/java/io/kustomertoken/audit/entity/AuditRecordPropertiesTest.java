package io.kustomertoken.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.JsonTexts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Whatever a caller puts in its name or identity, the audit line stays one line of printable
 * ASCII, parses as JSON with exactly the documented keys, and gives the value back (cut at
 * {@value AuditRecord#MAX_VALUE_CHARS} characters): no caller can forge a line or a field.
 */
class AuditRecordPropertiesTest {

    static final List<String> KEYS = List.of("time", "event", "outcome", "status", "problemType", "caller", "role",
            "claim", "externalId", "email", "remoteAddress");
    static final URI INVALID_IDENTITY = URI.create("urn:kustomer-token-service:problem:invalid-identity");

    @Provide
    Arbitrary<String> anyText() {
        return JsonTexts.texts(400);
    }

    @Property
    void anyCallerTextStaysInItsFieldOnOneAsciiLine(@ForAll("anyText") String caller,
            @ForAll("anyText") String externalId, @ForAll("anyText") String email) {
        AuditRecord record = new AuditRecord(Instant.parse("2026-12-02T03:04:05.678Z"), 422, INVALID_IDENTITY,
                caller, "kustomer-token-delegate", externalId, email, "127.0.0.1");
        String line = record.toJsonLine();

        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII only: " + line);
        JsonObject parsed = parse(line);
        assertEquals(KEYS, List.copyOf(parsed.keySet()));
        assertEquals(expected(caller), parsed.getString("caller"));
        assertEquals(expected(externalId), parsed.getString("externalId"));
        assertEquals(expected(email), parsed.getString("email"));
        assertEquals("refused", parsed.getString("outcome"));
        assertEquals(422, parsed.getInt("status"));
        assertEquals(INVALID_IDENTITY.toString(), parsed.getString("problemType"));
    }

    @Test
    void anIssuedTokenNamesTheClaimKustomerUsesAndLeavesTheProblemTypeNull() {
        JsonObject parsed = parse(new AuditRecord(Instant.parse("2026-12-02T03:04:05Z"), 200, null, "bff",
                "kustomer-token-delegate", "cust-7", "jane@example.com", "::1").toJsonLine());

        assertEquals("issued", parsed.getString("outcome"));
        assertEquals("2026-12-02T03:04:05Z", parsed.getString("time"));
        assertEquals(JsonValue.NULL, parsed.get("problemType"));
        assertEquals("email", parsed.getString("claim"));
        assertEquals("cust-7", parsed.getString("externalId"));
        assertEquals("::1", parsed.getString("remoteAddress"));
    }

    @Test
    void aRefusalBeforeAnyCallerOrIdentityHasNullFields() {
        JsonObject parsed = parse(new AuditRecord(Instant.parse("2026-12-02T03:04:05Z"), 401,
                URI.create("urn:kustomer-token-service:problem:unauthorized"), null, null, null, null,
                "127.0.0.1").toJsonLine());

        for (String key : List.of("caller", "role", "claim", "externalId", "email")) {
            assertEquals(JsonValue.NULL, parsed.get(key), key);
        }
        assertEquals("refused", parsed.getString("outcome"));
    }

    @Test
    void aForgedLineInAValueStaysInsideItsField() {
        String forged = "x\"}\n{\"time\":\"2026-12-02T00:00:00Z\",\"outcome\":\"issued\",\"caller\":\"admin\u2028";
        String line = new AuditRecord(Instant.EPOCH, 422, INVALID_IDENTITY, "bff", "kustomer-token-delegate",
                forged, null, "127.0.0.1").toJsonLine();

        assertFalse(line.contains("\n") || line.contains("\u2028"), line);
        assertEquals(forged, parse(line).getString("externalId"));
        assertEquals("refused", parse(line).getString("outcome"));
    }

    @Test
    void aLongValueIsCutAndMarkedWithoutSplittingASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String longValue = "a".repeat(AuditRecord.MAX_VALUE_CHARS - 1) + emoji + "tail";
        String value = parse(new AuditRecord(Instant.EPOCH, 422, INVALID_IDENTITY, null, null, longValue, null,
                "127.0.0.1").toJsonLine()).getString("externalId");

        assertEquals("a".repeat(AuditRecord.MAX_VALUE_CHARS - 1) + AuditRecord.CUT_MARK, value);
        assertNull(new AuditRecord(Instant.EPOCH, 401, null, null, null, null, null, null).claim());
    }

    private static String expected(String value) {
        if (value.length() <= AuditRecord.MAX_VALUE_CHARS) {
            return value;
        }
        int end = AuditRecord.MAX_VALUE_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + AuditRecord.CUT_MARK;
    }

    private static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
