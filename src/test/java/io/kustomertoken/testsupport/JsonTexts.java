package io.kustomertoken.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for JSON texts of any shape, each with what it means, so that a property can
 * say what a strict reader must make of it. Strings hold any UTF-16 code unit (lone surrogates
 * only ever as backslash-u escapes, since UTF-8 cannot carry them), in any mix of raw
 * characters, short escapes and backslash-u escapes in either case; numbers come in every form
 * JSON allows, including ones no double holds.
 */
public final class JsonTexts {

    /** A JSON text. {@code string} is its decoded value if it is a string, {@code members} if an object. */
    public record Json(String text, String string, List<Member> members) {

        public boolean isObject() {
            return members != null;
        }
    }

    /** One member of an object, its name decoded. */
    public record Member(String name, Json value) {
    }

    /** Characters that break naive code: invisible, separators, noncharacters, surrogates, controls. */
    public static final int[] AWKWARD_CODE_POINTS = {
        0x0000, 0x0001, 0x0008, 0x0009, 0x000A, 0x000C, 0x000D, 0x001F, 0x0020, 0x0022, 0x002F, 0x005C,
        0x007F, 0x0085, 0x00A0, 0x00AD, 0x0130, 0x017F, 0x061C, 0x1680, 0x180E, 0x2000, 0x200A,
        0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E, 0x2060, 0x2066,
        0x212A, 0x3000, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFDD0, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF,
        0x1F600, 0x1FFFE, 0xE0001, 0x10FFFF};

    private static final String[] NUMBERS = {
        "0", "-0", "0.0", "-0.0", "1e999", "-1e999", "1E-400", "1.0E+2", "1e+2", "1E2", "0e0", "-0E-0",
        "123456789012345678901234567890123456789012345678901234567890", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "4.9e-325",
        "0.000000000000000000000000000000000000000000001", "2147483648", "-2147483649"};

    private JsonTexts() {
    }

    /** Any code point, weighted towards the awkward ones and the ones addresses are made of. */
    public static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(2, Arbitraries.of(box(AWKWARD_CODE_POINTS))),
                Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)));
    }

    /** Text from {@link #codePoints()}; a surrogate code point becomes a lone surrogate. */
    public static Arbitrary<String> texts(int maxCodePoints) {
        return codePoints().list().ofMaxSize(maxCodePoints).map(JsonTexts::fromCodePoints);
    }

    public static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }

    /** Any JSON value, nested up to {@code depth} levels. */
    public static Arbitrary<Json> values(int depth) {
        Arbitrary<Json> scalar = Arbitraries.frequencyOf(
                Tuple.of(3, strings(texts(20))),
                Tuple.of(2, numbers()),
                Tuple.of(1, Arbitraries.of("true", "false", "null").map(literal -> new Json(literal, null, null))));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Json> inner = values(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, arrays(inner)),
                Tuple.of(1, objects(names(), inner)));
    }

    /** An object whose members are mostly about externalId and email, in any combination. */
    public static Arbitrary<Json> requestObjects() {
        Arbitrary<Json> value = Arbitraries.frequencyOf(
                Tuple.of(6, strings(texts(30))),
                Tuple.of(1, values(2)));
        return objects(names(), value);
    }

    /** A request body: mostly objects, sometimes any other JSON value. */
    public static Arbitrary<Json> requests() {
        return Arbitraries.frequencyOf(Tuple.of(5, requestObjects()), Tuple.of(1, values(3)));
    }

    /** Member names: the two the reader knows, near misses, anything. */
    public static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("externalId", "email")),
                Tuple.of(1, Arbitraries.of("ExternalId", "externalid", "EMAIL", "email ", " email", "emai",
                        "e\u0000mail", "email\uFEFF", "externalId\u200B", "", "iat", "__proto__")),
                Tuple.of(1, texts(12)));
    }

    public static Arbitrary<Json> strings(Arbitrary<String> decoded) {
        return Combinators.combine(decoded, Arbitraries.longs())
                .as((value, seed) -> new Json(quoted(value, new Random(seed)), value, null));
    }

    public static Arbitrary<Json> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400);
        Arbitrary<String> generated = Combinators.combine(
                Arbitraries.of("", "-"),
                Arbitraries.oneOf(Arbitraries.just("0"), Combinators.combine(
                        Arbitraries.integers().between(1, 9), digits.injectNull(0.5))
                        .as((first, rest) -> first + (rest == null ? "" : rest))),
                digits.map(fraction -> "." + fraction).injectNull(0.5),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5))
                        .as((e, sign, exponent) -> e + sign + exponent).injectNull(0.5))
                .as((sign, integer, fraction, exponent) -> sign + integer
                        + (fraction == null ? "" : fraction) + (exponent == null ? "" : exponent));
        return Arbitraries.oneOf(Arbitraries.of(NUMBERS), generated).map(number -> new Json(number, null, null));
    }

    private static Arbitrary<Json> arrays(Arbitrary<Json> elements) {
        return Combinators.combine(elements.list().ofMaxSize(4), Arbitraries.longs()).as((list, seed) -> {
            Random random = new Random(seed);
            List<String> texts = list.stream().map(Json::text).toList();
            return new Json(joined('[', texts, ']', random), null, null);
        });
    }

    private static Arbitrary<Json> objects(Arbitrary<String> names, Arbitrary<Json> values) {
        Arbitrary<Member> member = Combinators.combine(names, values).as(Member::new);
        return Combinators.combine(member.list().ofMaxSize(4), Arbitraries.longs()).as((members, seed) -> {
            Random random = new Random(seed);
            List<String> texts = new ArrayList<>();
            for (Member each : members) {
                texts.add(quoted(each.name(), random) + space(random) + ":" + space(random) + each.value().text());
            }
            return new Json(joined('{', texts, '}', random), null, List.copyOf(members));
        });
    }

    private static String joined(char open, List<String> texts, char close, Random random) {
        StringBuilder json = new StringBuilder().append(space(random)).append(open);
        for (int i = 0; i < texts.size(); i++) {
            json.append(i == 0 ? "" : ",").append(space(random)).append(texts.get(i)).append(space(random));
        }
        return json.append(space(random)).append(close).append(space(random)).toString();
    }

    /** JSON's own white space only (U+00A0 and the like are not white space in JSON). */
    private static String space(Random random) {
        StringBuilder space = new StringBuilder();
        while (random.nextInt(4) == 0) {
            space.append(" \t\n\r".charAt(random.nextInt(4)));
        }
        return space.toString();
    }

    /** {@code value} as a JSON string, each character raw or escaped at random where JSON allows either. */
    public static String quoted(String value, Random random) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int choice = random.nextInt(6);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
            if (pair && choice > 1) {
                json.append(c).append(value.charAt(++i));
            } else if (!mustEscape && choice > 1) {
                json.append(c);
            } else if (choice == 0 && shortEscape(c) != null) {
                json.append(shortEscape(c));
            } else {
                String hex = String.format("\\u%04x", (int) c);
                json.append(random.nextBoolean() ? hex : "\\u" + hex.substring(2).toUpperCase());
            }
        }
        return json.append('"').toString();
    }

    private static String shortEscape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }

    private static Integer[] box(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }
}
