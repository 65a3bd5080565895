package io.kustomertoken.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.testsupport.JsonTexts;
import io.kustomertoken.testsupport.JsonTexts.Json;
import io.kustomertoken.testsupport.JsonTexts.Member;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever arrives, the reader answers with an identity or with one of the refusals its
 * documentation names (413, 400 malformed, 422 invalid request), never with anything else.
 */
class TokenRequestReaderPropertiesTest {

    private static final int LIMIT = TokenRequestReader.MAX_BODY_BYTES;
    private static final Set<ProblemKind> DOCUMENTED = Set.of(
            ProblemKind.PAYLOAD_TOO_LARGE, ProblemKind.MALFORMED_JSON, ProblemKind.INVALID_REQUEST);

    private final TokenRequestReader reader = new TokenRequestReader();

    /** What a strict reader must make of a well-formed JSON text. */
    private static Object expected(Json body) {
        if (!body.isObject()) {
            return ProblemKind.INVALID_REQUEST;
        }
        String externalId = null;
        String email = null;
        Set<String> seen = new HashSet<>();
        for (Member member : body.members()) {
            boolean known = Identity.EXTERNAL_ID.equals(member.name()) || Identity.EMAIL.equals(member.name());
            if (!known || !seen.add(member.name()) || member.value().string() == null) {
                return ProblemKind.INVALID_REQUEST;
            }
            if (Identity.EXTERNAL_ID.equals(member.name())) {
                externalId = member.value().string();
            } else {
                email = member.value().string();
            }
        }
        return new Identity(externalId, email);
    }

    /** The identity read, or the kind of the refusal; fails on any other exception. */
    private static Object outcome(ThrowingSupplier read) {
        try {
            return read.get();
        } catch (ProblemException refused) {
            assertTrue(DOCUMENTED.contains(refused.kind()), () -> "undocumented refusal " + refused.kind());
            assertTrue(refused.kind().status() >= 400 && refused.kind().status() < 500);
            return refused.kind();
        } catch (Throwable unexpected) {
            throw new AssertionError("escaped the reader: " + unexpected, unexpected);
        }
    }

    private static Object parsed(byte[] body) {
        return outcome(() -> TokenRequestReader.parse(body));
    }

    private Object read(List<String> contentLength, InputStream body) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (contentLength != null) {
            headers.put(HttpHeaders.CONTENT_LENGTH, contentLength);
        }
        return outcome(() -> reader.readFrom(Identity.class, Identity.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, headers, body));
    }

    @Property
    void readsWellFormedJsonExactlyAsItsMeaningSays(@ForAll("requests") Json body) {
        Object outcome = parsed(utf8(body.text()));
        Statistics.label("outcome").collect(outcome instanceof Identity ? "identity" : outcome);
        assertEquals(expected(body), outcome, body.text());
    }

    @Property
    void refusesWellFormedRequestFollowedByAnything(@ForAll("requestObjects") Json body,
            @ForAll("trailers") String trailer) {
        Object expected = expected(body);
        Object outcome = parsed(utf8(body.text() + trailer));
        assertEquals(expected instanceof Identity ? ProblemKind.MALFORMED_JSON : expected, outcome);
    }

    @Property
    void answersDamagedJsonOnlyWithIdentityOrDocumentedRefusal(@ForAll("requests") Json body,
            @ForAll @IntRange(max = 10_000) int at, @ForAll("damages") String damage, @ForAll boolean cut) {
        String text = body.text();
        int position = at % (text.length() + 1);
        String damaged = text.substring(0, position) + damage + (cut ? "" : text.substring(position));
        Object outcome = parsed(utf8(damaged));
        Statistics.label("outcome").collect(outcome instanceof Identity ? "identity" : outcome);
    }

    @Property
    void answersAnyBytesOnlyWithIdentityOrDocumentedRefusal(@ForAll @Size(max = 300) byte[] body) {
        Object outcome = parsed(body);
        assertTrue(outcome != ProblemKind.PAYLOAD_TOO_LARGE);
    }

    @Property
    void answersJsonWithFlippedBytesOnlyWithIdentityOrDocumentedRefusal(@ForAll("requests") Json body,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 100_000) Integer> positions, @ForAll byte value) {
        byte[] bytes = utf8(body.text());
        for (int position : positions) {
            bytes[position % bytes.length] = value;
        }
        parsed(bytes);
    }

    @Property(tries = 200)
    void answersDeepNestingWithoutOverflowingTheStack(@ForAll @IntRange(min = 1, max = 100_000) int depth,
            @ForAll boolean asValueOfExternalId, @ForAll boolean closed) {
        String nested = "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
        String body = asValueOfExternalId ? "{\"externalId\":" + nested + "}" : nested;
        Object outcome = parsed(utf8(body));
        assertTrue(outcome == ProblemKind.MALFORMED_JSON || outcome == ProblemKind.INVALID_REQUEST, "" + outcome);
    }

    @Property
    void aContentLengthHeaderOnlyEverAddsTooLarge(@ForAll("requests") Json json,
            @ForAll("contentLengths") List<String> contentLength) {
        byte[] body = utf8(json.text());
        Object outcome = read(contentLength, new ByteArrayInputStream(body));
        Object withoutHeader = parsed(body);
        if (declaresMoreThanTheLimit(contentLength)) {
            assertEquals(ProblemKind.PAYLOAD_TOO_LARGE, outcome);
        } else if (outcome != ProblemKind.PAYLOAD_TOO_LARGE) {
            assertEquals(withoutHeader, outcome);
        }
        Statistics.label("too large").collect(outcome == ProblemKind.PAYLOAD_TOO_LARGE);
    }

    @Property
    void readsBodyUpToTheLimitAsParseDoes(@ForAll("bodiesNearTheLimit") byte[] body,
            @ForAll("contentLengths") List<String> contentLength) {
        Object outcome = read(contentLength, new ByteArrayInputStream(body));
        if (body.length > LIMIT || declaresMoreThanTheLimit(contentLength)) {
            assertEquals(ProblemKind.PAYLOAD_TOO_LARGE, outcome);
        } else if (!contentLength.isEmpty() && isPlainDecimalWithin(contentLength.get(0))) {
            assertEquals(parsed(body), outcome);
        }
    }

    @Property(tries = 200)
    void refusesBodyOverTheLimitWithoutReadingMoreThanOneByteTooMany(
            @ForAll @IntRange(min = LIMIT + 1, max = 4 * LIMIT) int size, @ForAll("contentLengths") List<String> contentLength) {
        CountingStream body = new CountingStream(size);
        assertEquals(ProblemKind.PAYLOAD_TOO_LARGE, read(contentLength, body));
        assertTrue(body.served <= LIMIT + 1, "read " + body.served + " bytes");
    }

    // Arbitraries

    @Provide
    Arbitrary<Json> requests() {
        return JsonTexts.requests();
    }

    @Provide
    Arbitrary<Json> requestObjects() {
        return JsonTexts.requestObjects();
    }

    @Provide
    Arbitrary<String> trailers() {
        return Combinators.combine(Arbitraries.of("", " ", "\n", "\t "),
                Arbitraries.oneOf(Arbitraries.of("{}", "x", ",", "]", "}", "0", "\"\"", "null", "{", "\u00a0", "\uFEFF"),
                        JsonTexts.values(1).map(Json::text)))
                .as((space, tail) -> space + tail)
                .filter(trailer -> !trailer.isBlank() || trailer.contains("\u00a0"));
    }

    @Provide
    Arbitrary<String> damages() {
        return Arbitraries.oneOf(JsonTexts.texts(3),
                Arbitraries.of("\"", "\\", "\\u", "\\uD800", "\\x", "{", "}", "[", "]", ":", ",", "1e", "-", "01", "NaN"));
    }

    /** Zero, one or two Content-Length values in every form a client could send. */
    @Provide
    Arbitrary<List<String>> contentLengths() {
        Arbitrary<String> decimal = Arbitraries.bigIntegers()
                .between(BigInteger.valueOf(-100_000), new BigInteger("99999999999999999999999"))
                .withDistribution(RandomDistribution.biased())
                .edgeCases(edges -> edges.includeOnly(BigInteger.ZERO))
                .map(BigInteger::toString);
        Arbitrary<String> nearTheLimit = Arbitraries.integers().between(LIMIT - 2, LIMIT + 2).map(String::valueOf);
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.of("", " ", "\t", "+", "0", "00", "\u2003", "\u00a0"),
                        Arbitraries.oneOf(decimal, nearTheLimit), Arbitraries.of("", " ", "\t", "\n", "\u2003"))
                        .as((before, number, after) -> before + number + after)),
                Tuple.of(1, Arbitraries.of("9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "0x2001", "8193.0", "8e3", "1e9", "８１９３", "٨١٩٣", "8192, 8192", "8193,8193", "", " ", "NaN",
                        "Infinity", "-0", "\u0000", "8193\u0000", "12 34")),
                Tuple.of(1, JsonTexts.texts(12)));
        return value.list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<byte[]> bodiesNearTheLimit() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(LIMIT - 3, LIMIT + 3)),
                Tuple.of(1, Arbitraries.integers().between(0, 3 * LIMIT)));
        return Combinators.combine(sizes, JsonTexts.texts(3)).as((size, text) -> {
            // An object whose externalId fills the body to the given size, where it can.
            String head = "{\"externalId\":\"";
            String tail = "\"}";
            int room = Math.max(0, size - head.length() - tail.length());
            return utf8(head + "a".repeat(room) + tail + text);
        });
    }

    // What a header says

    private static boolean declaresMoreThanTheLimit(List<String> contentLength) {
        if (contentLength == null || contentLength.isEmpty()) {
            return false;
        }
        String first = contentLength.get(0).strip();
        if (first.matches("[+-]?[0-9]+")) {
            return new BigInteger(first).compareTo(BigInteger.valueOf(LIMIT)) > 0
                    && new BigInteger(first).bitLength() < 64;
        }
        return false;
    }

    private static boolean isPlainDecimalWithin(String contentLength) {
        return contentLength.matches("[0-9]{1,5}") && Integer.parseInt(contentLength) <= LIMIT;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    /** An endless body of spaces that counts what it served. */
    private static final class CountingStream extends InputStream {

        private final int size;
        int served;

        CountingStream(int size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = Math.min(length, size - served);
            if (count <= 0) {
                return length == 0 ? 0 : -1;
            }
            Arrays.fill(buffer, offset, offset + count, (byte) ' ');
            served += count;
            return count;
        }
    }
}
