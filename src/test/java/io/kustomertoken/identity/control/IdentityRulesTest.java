package io.kustomertoken.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityRulesTest {

    private static final String GRINNING_FACE = "\uD83D\uDE00";
    // Every invalid identity below carries this marker, so a detail that echoes any part of one shows it.
    private static final String PERSONAL = "zeynep";

    // externalId

    static Stream<String> acceptableExternalIds() {
        return Stream.of(
                "a",
                "7",
                "a".repeat(255),
                // 254 letters and one emoji: 256 chars, but 255 code points.
                "a".repeat(254) + GRINNING_FACE,
                GRINNING_FACE.repeat(255),
                "Jürgen",
                "東京太郎",
                "Ωμέγα",
                "alice@example.com",
                "Alice Smith",
                "Alice van der Berg");
    }

    @ParameterizedTest
    @MethodSource("acceptableExternalIds")
    void acceptsExternalIdAndReturnsItUnchanged(String externalId) {
        assertSame(externalId, IdentityRules.checkedExternalId(externalId));
    }

    static Stream<String> unacceptableExternalIds() {
        return Stream.of(
                "",
                "a".repeat(256),
                "a".repeat(255) + GRINNING_FACE,
                GRINNING_FACE.repeat(256),
                "al\u0000ice",
                "al\nice",
                "al\tice",
                "al\u007fice",
                "al\u0085ice",
                "al\uD83Dice",
                "alice\uDE00",
                "\uD83D",
                " alice",
                "alice ",
                " ",
                "\talice",
                "alice\t",
                "\u00a0alice",
                "alice\u00a0",
                "\u3000alice",
                "alice\u3000",
                // invisible format characters: look like "alice" but are not
                "\u200Balice",
                "ali\u200Bce",
                "\uFEFFalice",
                "alice\u202E",
                "al\u2060ice",
                // spaces other than U+0020 inside: "a b" and "a\u00A0b" would be two customers that read alike
                "a\u00a0b",
                "a\u3000b",
                "a\u2007b",
                "a\u202Fb",
                "a\u2000b",
                "a\u200Ab",
                "a\u205Fb",
                "a\u1680b",
                "x\u2028y",
                "x\u2029y",
                "a \u00a0 \u3000 b");
    }

    @ParameterizedTest
    @MethodSource("unacceptableExternalIds")
    void refusesExternalId(String externalId) {
        assertInvalidIdentity(() -> IdentityRules.checkedExternalId(externalId));
    }

    // email

    @Test
    void trimsAndLowerCasesEmail() {
        assertEquals("alice@example.com", IdentityRules.checkedEmail(" Alice@Example.COM "));
    }

    static Stream<String> acceptableEmails() {
        return Stream.of(
                "alice@example.com",
                "alice+chat@example.com",
                "a!#$%&'*+-/=?^_`{|}~z@example.com",
                "first.last@example.com",
                "alice@mail.eu.example.com",
                "alice@my-host.example.com",
                "alice@xn--bcher-kva.example",
                "alice@example.c0m",
                "a".repeat(64) + "@example.com",
                "a@" + "b".repeat(63) + ".com",
                emailOfLength(254),
                // the first and last character of each range a local part and a label may use
                "az09@az09.example",
                "z@0.z9",
                "9-0@a-z.example");
    }

    @ParameterizedTest
    @MethodSource("acceptableEmails")
    void acceptsEmail(String email) {
        assertEquals(email, IdentityRules.checkedEmail(email));
    }

    static Stream<String> unacceptableEmails() {
        return Stream.of(
                "",
                "   ",
                "alice.example.com",
                "alice@bob@example.com",
                "@example.com",
                "alice@",
                "alice@localhost",
                ".alice@example.com",
                "alice.@example.com",
                "al..ice@example.com",
                "alice@.example.com",
                "alice@example.com.",
                "alice@example..com",
                "alice@-example.com",
                "alice@example-.com",
                "alice@example.-com",
                "alice@example.com-",
                "alice@" + "b".repeat(64) + ".com",
                "a@1.2.3.4",
                "a@example.123",
                "a@[1.2.3.4]",
                "\"alice\"@example.com",
                "\"al ice\"@example.com",
                "al ice@example.com",
                "alice@exa mple.com",
                "al\u0000ice@example.com",
                "al\tice@example.com",
                "al\u007fice@example.com",
                "alice@exam\u0085ple.com",
                "al\u00a0ice@example.com",
                "jürgen@example.com",
                "alice@bücher.example",
                "alice@example_host.com",
                "(comment)alice@example.com",
                emailOfLength(255),
                "a".repeat(65) + "@example.com",
                // an all-digit top-level label, at each end of the digits
                "a@example.0",
                "a@example.9",
                "a@example.90",
                // the character just outside each range a local part may use (` { / are atext symbols)
                "a:b@example.com",
                "a[b@example.com",
                "a\"b@example.com",
                "a,b@example.com",
                // and just outside each range a label may use
                "a@exa`mple.com",
                "a@exa{mple.com",
                "a@exa/mple.com",
                "a@exa:mple.com",
                "a@exa_mple.com",
                // the first character past ASCII, and the last ASCII one (a control)
                "a\u0080b@example.com",
                "a\u007fb@example.com");
    }

    @ParameterizedTest
    @MethodSource("unacceptableEmails")
    void refusesEmail(String email) {
        assertInvalidIdentity(() -> IdentityRules.checkedEmail(email));
    }

    @Test
    void lowerCasesUpperCaseLettersAtBothEndsOfTheAlphabet() {
        assertEquals("az@az.example", IdentityRules.checkedEmail("AZ@AZ.EXAMPLE"));
    }

    @Test
    void refusesEmailWithNothingBeforeTheAtSayingWhichPartIsWrong() {
        ProblemException refused = assertInvalidIdentity(() -> IdentityRules.checkedEmail("@example.com"));
        assertEquals("The part of email before @ is not a valid address.", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@bob@example.com", "@@example.com", "alice@example.com@"})
    void refusesEmailWithMoreThanOneAtSayingSo(String email) {
        ProblemException refused = assertInvalidIdentity(() -> IdentityRules.checkedEmail(email));
        assertEquals("email must be one address with a single @.", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u212Aate@example.com", "alice@\u212Austomer.example"})
    void refusesNonAsciiEmailEvenWhenItLowerCasesToAscii(String email) {
        assertInvalidIdentity(() -> IdentityRules.checkedEmail(email));
    }

    // checked(Identity)

    @Test
    void refusesIdentityThatNamesNobody() {
        ProblemException refused = assertThrows(ProblemException.class, () -> IdentityRules.checked(Identity.NOBODY));
        assertEquals(ProblemKind.MISSING_IDENTITY, refused.kind());
    }

    @Test
    void keepsExternalIdAndNormalisesEmailOfIdentityWithBothClaims() {
        Identity checked = IdentityRules.checked(new Identity("Alice Smith", " Alice@Example.COM "));
        assertEquals(new Identity("Alice Smith", "alice@example.com"), checked);
    }

    @Test
    void keepsSingleClaimIdentitiesSingle() {
        assertEquals(Identity.ofExternalId("alice"), IdentityRules.checked(Identity.ofExternalId("alice")));
        assertEquals(Identity.ofEmail("a@b.co"), IdentityRules.checked(Identity.ofEmail("A@B.CO")));
    }

    static Stream<Identity> invalidIdentities() {
        return Stream.of(
                Identity.ofExternalId(" " + PERSONAL + "-private-id"),
                Identity.ofExternalId(PERSONAL + "\nprivate"),
                Identity.ofExternalId(PERSONAL.repeat(60)),
                Identity.ofEmail(PERSONAL + ".private@nodot"),
                Identity.ofEmail(PERSONAL + " private@example.com"),
                Identity.ofEmail(PERSONAL + "@" + PERSONAL + "@example.com"),
                new Identity(PERSONAL + "-ok", PERSONAL + "@@example.com"),
                new Identity(PERSONAL + "-bad ", PERSONAL + "@example.com"));
    }

    @ParameterizedTest
    @MethodSource("invalidIdentities")
    void refusesInvalidIdentityWithoutEchoingTheValue(Identity identity) {
        ProblemException refused = assertInvalidIdentity(() -> IdentityRules.checked(identity));
        // The detail goes into the response and the log; the value may be personal data.
        assertFalse(refused.getMessage().contains(PERSONAL), refused.getMessage());
    }

    private static ProblemException assertInvalidIdentity(Runnable check) {
        ProblemException refused = assertThrows(ProblemException.class, check::run);
        assertEquals(ProblemKind.INVALID_IDENTITY, refused.kind());
        return refused;
    }

    /** a@ and three 63-character labels, then a last label that makes up the length. */
    private static String emailOfLength(int length) {
        String prefix = "a@" + ("b".repeat(63) + ".").repeat(3);
        return prefix + "c".repeat(length - prefix.length());
    }
}
