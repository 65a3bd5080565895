package io.kustomertoken.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.testsupport.JsonTexts;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * For any text at all, the rules either return a value that meets what they document or refuse
 * with {@link ProblemKind#INVALID_IDENTITY} (or {@link ProblemKind#MISSING_IDENTITY} for nobody),
 * never with anything else, and never echo the value.
 */
class IdentityRulesPropertiesTest {

    /** Stands for personal data: a refusal must never show it. */
    static final String MARKER = "q7zeynep";

    // Written from RFC 5322 dot-atom and RFC 1035 host names, not from the code under test.
    private static final Pattern DOT_ATOM = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    @Property
    void returnsExternalIdUnchangedExactlyWhenItMeetsTheRules(@ForAll("externalIds") String externalId) {
        Object outcome = outcome(() -> IdentityRules.checkedExternalId(externalId));
        boolean acceptable = isAcceptableExternalId(externalId);
        Statistics.label("externalId").collect(acceptable ? "accepted" : "refused");
        Statistics.label("externalId").coverage(coverage -> coverage.check("accepted").percentage(p -> p > 5));
        if (acceptable) {
            assertSame(externalId, outcome);
        } else {
            assertEquals(ProblemKind.INVALID_IDENTITY, outcome);
        }
    }

    @Property
    void returnsNormalisedEmailExactlyWhenItIsAnAddressKustomerAccepts(@ForAll("emails") String email) {
        Object outcome = outcome(() -> IdentityRules.checkedEmail(email));
        String expected = acceptableEmail(email);
        Statistics.label("email").collect(expected != null ? "accepted" : "refused");
        Statistics.label("email").coverage(coverage -> coverage.check("accepted").percentage(p -> p > 5));
        if (expected == null) {
            assertEquals(ProblemKind.INVALID_IDENTITY, outcome, () -> "accepted " + escaped(email));
            return;
        }
        assertEquals(expected, outcome, () -> "refused " + escaped(email));
        String accepted = (String) outcome;
        assertTrue(accepted.chars().allMatch(c -> c < 0x80 && !Character.isUpperCase(c)), accepted);
        assertTrue(accepted.length() <= 254);
        assertEquals(1, accepted.chars().filter(c -> c == '@').count());
        String[] parts = accepted.split("@");
        assertTrue(parts[0].length() <= 64);
        assertTrue(parts[1].contains("."));
        for (String label : parts[1].split("\\.")) {
            assertTrue(label.length() >= 1 && label.length() <= 63, label);
        }
    }

    @Property
    void checksEveryClaimOfAnIdentityOrSaysItNamesNobody(@ForAll("claims") String externalId,
            @ForAll("claims") String email) {
        Identity identity = new Identity(externalId, email);
        Object outcome = outcome(() -> IdentityRules.checked(identity));
        if (identity.namesNobody()) {
            assertEquals(ProblemKind.MISSING_IDENTITY, outcome);
            return;
        }
        boolean acceptable = (externalId == null || isAcceptableExternalId(externalId))
                && (email == null || acceptableEmail(email) != null);
        if (acceptable) {
            assertEquals(new Identity(externalId, email == null ? null : acceptableEmail(email)), outcome);
        } else {
            assertEquals(ProblemKind.INVALID_IDENTITY, outcome);
        }
    }

    @Property
    void neverEchoesARefusedValue(@ForAll("texts") String before, @ForAll("texts") String after,
            @ForAll boolean asEmail) {
        String value = before + MARKER + after;
        try {
            if (asEmail) {
                IdentityRules.checkedEmail(value);
            } else {
                IdentityRules.checkedExternalId(value);
            }
        } catch (ProblemException refused) {
            assertFalse(refused.getMessage().contains(MARKER), refused.getMessage());
            assertFalse(refused.getMessage().contains(value), refused.getMessage());
        }
    }

    // What the rules document, stated independently

    static boolean isAcceptableExternalId(String externalId) {
        int length = externalId.codePointCount(0, externalId.length());
        if (length < 1 || length > 255) {
            return false;
        }
        boolean visible = externalId.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE
                || c != ' ' && (Character.getType(c) == Character.SPACE_SEPARATOR
                        || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR));
        int first = externalId.codePointAt(0);
        int last = externalId.codePointBefore(externalId.length());
        return visible && !isSpace(first) && !isSpace(last);
    }

    /** The address to sign, or null when it must be refused. */
    static String acceptableEmail(String email) {
        String trimmed = email.strip();
        if (!trimmed.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        String address = trimmed.toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (address.length() > 254 || at < 0 || at != address.lastIndexOf('@')) {
            return null;
        }
        String local = address.substring(0, at);
        String[] labels = address.substring(at + 1).split("\\.", -1);
        if (local.length() > 64 || !DOT_ATOM.matcher(local).matches() || labels.length < 2
                || labels[labels.length - 1].matches("[0-9]+")) {
            return null;
        }
        for (String label : labels) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return address;
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** The value returned, or the kind of the refusal; fails on any other exception. */
    static Object outcome(Supplier<Object> check) {
        try {
            return check.get();
        } catch (ProblemException refused) {
            return refused.kind();
        } catch (RuntimeException | Error unexpected) {
            throw new AssertionError("escaped the rules: " + unexpected, unexpected);
        }
    }

    static String escaped(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> shown.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
                : String.format("\\u{%X}", c)));
        return shown.toString();
    }

    // Arbitraries

    @Provide
    Arbitrary<String> texts() {
        return JsonTexts.texts(40);
    }

    @Provide
    Arbitrary<String> externalIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, JsonTexts.texts(20)),
                Tuple.of(1, JsonTexts.texts(300)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(250, 260), JsonTexts.codePoints())
                        .as((length, codePoint) -> new String(Character.toChars(codePoint)).repeat(length))),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars(" .-_@").ofMinLength(0).ofMaxLength(260)));
    }

    @Provide
    Arbitrary<String> emails() {
        return Arbitraries.frequencyOf(Tuple.of(1, JsonTexts.texts(30)), Tuple.of(6, addressLike()));
    }

    @Provide
    Arbitrary<String> claims() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, JsonTexts.texts(20)),
                Tuple.of(2, addressLike()));
    }

    /** local@label.label…, near every boundary, mostly well-formed, sometimes with one awkward character. */
    static Arbitrary<String> addressLike() {
        Arbitrary<Character> atext = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.chars().range('a', 'z').range('0', '9').range('A', 'Z')),
                Tuple.of(1, Arbitraries.chars().with("!#$%&'*+-/=?^_`{|}~")));
        Arbitrary<String> atom = Arbitraries.frequencyOf(
                Tuple.of(4, atext.list().ofMinSize(1).ofMaxSize(8)),
                Tuple.of(1, atext.list().ofMinSize(60).ofMaxSize(68)))
                .map(IdentityRulesPropertiesTest::joined);
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(3).map(atoms -> String.join(".", atoms));
        Arbitrary<String> alphanumeric = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> label = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(alphanumeric, Arbitraries.of("", "", "-", "--"), alphanumeric)
                        .as((head, hyphens, tail) -> head + hyphens + tail)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                        .ofMinLength(60).ofMaxLength(66)));
        Arbitrary<String> domain = Arbitraries.frequencyOf(
                Tuple.of(1, label.list().ofMinSize(1).ofMaxSize(1)),
                Tuple.of(6, label.list().ofMinSize(2).ofMaxSize(5)))
                .map(labels -> String.join(".", labels));
        Arbitrary<String> at = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("@")),
                Tuple.of(1, Arbitraries.of("", "@@", "@x@")));
        Arbitrary<String> space = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(" ", "\t", "\u2003", "\n", "\u00a0", "\u200B", "\u0085")));
        Arbitrary<String> address = Combinators.combine(space, local, at, domain, space)
                .as((before, name, sign, host, after) -> before + name + sign + host + after);
        // Now and then one character anywhere becomes an awkward one.
        Arbitrary<Tuple.Tuple2<Integer, Integer>> damage = Combinators.combine(
                Arbitraries.integers().between(0, 400), JsonTexts.codePoints()).as(Tuple::of);
        return Combinators.combine(address, damage.injectNull(0.85)).as((text, where) -> {
            if (where == null || text.isEmpty()) {
                return text;
            }
            int position = where.get1() % text.length();
            return text.substring(0, position) + new String(Character.toChars(where.get2()))
                    + text.substring(position + 1);
        });
    }

    private static String joined(List<Character> chars) {
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }
}
