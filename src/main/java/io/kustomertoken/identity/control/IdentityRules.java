package io.kustomertoken.identity.control;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What Kustomer can use as an identity, checked before anything is signed. Each method returns
 * the value to sign (an email is trimmed and lower-cased) or refuses with
 * {@link ProblemKind#INVALID_IDENTITY}. Refusals never echo the value: it may be personal data.
 */
public final class IdentityRules {

    static final int MAX_EXTERNAL_ID_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_LOCAL_PART_LENGTH = 64;
    static final int MAX_DOMAIN_LABEL_LENGTH = 63;
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private IdentityRules() {
    }

    /** Checks every claim present; at least one must be. */
    public static Identity checked(Identity identity) {
        if (identity.namesNobody()) {
            throw new ProblemException(ProblemKind.MISSING_IDENTITY, "Name the customer with externalId or email.");
        }
        String externalId = identity.externalId() == null ? null : checkedExternalId(identity.externalId());
        String email = identity.email() == null ? null : checkedEmail(identity.email());
        return new Identity(externalId, email);
    }

    /**
     * 1 to 255 characters, no control or invisible format characters, no white space but the
     * space U+0020 and that not at either end; kept as given.
     */
    public static String checkedExternalId(String externalId) {
        int length = externalId.codePointCount(0, externalId.length());
        if (length < 1 || length > MAX_EXTERNAL_ID_LENGTH) {
            throw invalid("externalId must be 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters long.");
        }
        if (externalId.codePoints().anyMatch(IdentityRules::isControlOrBroken)) {
            throw invalid("externalId must not contain control or invisible format characters.");
        }
        if (externalId.codePoints().anyMatch(IdentityRules::isOtherSpace)) {
            throw invalid("externalId must not contain white space other than the space U+0020"
                    + " (no no-break, ideographic or other Unicode spaces, no line or paragraph separators).");
        }
        // Every other white space is refused above: only U+0020 can be left at either end.
        if (externalId.startsWith(" ") || externalId.endsWith(" ")) {
            throw invalid("externalId must not begin or end with white space.");
        }
        return externalId;
    }

    /**
     * Trimmed and lower-cased, then an RFC 5322 addr-spec in dot-atom form (no quoted local part,
     * no address literal, ASCII only) of at most 254 characters whose domain has a dot.
     */
    public static String checkedEmail(String email) {
        String trimmed = email.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_EMAIL_LENGTH) {
            throw invalid("email must be 1 to " + MAX_EMAIL_LENGTH + " characters long.");
        }
        if (trimmed.codePoints().anyMatch(c -> isControlOrBroken(c) || isWhiteSpace(c))) {
            throw invalid("email must not contain white space or control characters.");
        }
        // Before lower-casing: Unicode case folding maps some non-ASCII letters onto ASCII ones
        // (U+212A KELVIN SIGN becomes 'k'), which would turn one address into another.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(trimmed)) {
            throw invalid("email must be an ASCII address.");
        }
        String candidate = trimmed.toLowerCase(Locale.ROOT);
        int at = candidate.indexOf('@');
        if (at < 0 || at != candidate.lastIndexOf('@')) {
            throw invalid("email must be one address with a single @.");
        }
        String localPart = candidate.substring(0, at);
        if (localPart.length() > MAX_LOCAL_PART_LENGTH || !isDotAtom(localPart)) {
            throw invalid("The part of email before @ is not a valid address.");
        }
        if (!isDottedHostName(candidate.substring(at + 1))) {
            throw invalid("The domain of email must be a host name with a dot, such as example.com.");
        }
        return candidate;
    }

    // Format characters (zero-width space, byte-order mark, bidi overrides) are invisible: two
    // identities that look the same must be the same.
    private static boolean isControlOrBroken(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

    // "a b" and "a\u00A0b" read alike: only one space may stand between words (Zs, Zl, Zp but U+0020).
    private static boolean isOtherSpace(int codePoint) {
        return codePoint != ' ' && Character.isSpaceChar(codePoint);
    }

    private static boolean isWhiteSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isDotAtom(String text) {
        for (String atom : text.split("\\.", -1)) {
            if (atom.isEmpty() || !atom.chars().allMatch(IdentityRules::isAtext)) {
                return false;
            }
        }
        return true;
    }

    // Only ever sees lower-cased text, so no upper-case range.
    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isDottedHostName(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_DOMAIN_LABEL_LENGTH
                    || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        // A numeric top-level label would make this an IP address, not a host name.
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemKind.INVALID_IDENTITY, detail);
    }
}
