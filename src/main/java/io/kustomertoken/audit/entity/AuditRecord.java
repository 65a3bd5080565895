package io.kustomertoken.audit.entity;

import io.kustomertoken.outcomes.entity.RequestAnswered;
import java.net.URI;
import java.time.Instant;

/**
 * One decision of the token endpoint, issued or refused, as the audit trail writes it. Never a
 * token, a signature, a secret or a password: nothing here could hold one. {@code caller},
 * {@code externalId} and {@code email} come from callers, so {@link #toJsonLine()} escapes them
 * until the line is printable ASCII and cannot be cut into two or made to look like another.
 *
 * @param problemType {@code null} when issued
 * @param caller the authenticated principal's name; {@code null} when none
 * @param role the role the caller acted in; {@code null} when the decision came before one applied
 * @param externalId the claim the token carries or was asked for; {@code null} when none
 * @param email the claim the token carries or was asked for; {@code null} when none
 */
public record AuditRecord(Instant time, int status, URI problemType, String caller, String role,
        String externalId, String email, String remoteAddress) {

    /** What the {@code outcome} field says. */
    public static final String ISSUED = "issued";
    public static final String REFUSED = "refused";

    /** Longer values are cut here and marked, so that one caller cannot fill the audit file. */
    public static final int MAX_VALUE_CHARS = 320;
    static final String CUT_MARK = "[cut]";

    public static AuditRecord of(RequestAnswered answered) {
        return new AuditRecord(answered.time(), answered.status(), answered.problemType(), answered.caller(),
                answered.role(), answered.externalId(), answered.email(), answered.remoteAddress());
    }

    public String outcome() {
        return status >= 200 && status < 300 ? ISSUED : REFUSED;
    }

    /** The value Kustomer will use (email when both are present); {@code null} when none. */
    public String claim() {
        return email != null ? "email" : externalId != null ? "externalId" : null;
    }

    /** One line of JSON, no line break, printable ASCII only. */
    public String toJsonLine() {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"time\":\"").append(time).append('"');
        line.append(",\"event\":\"kustomer-token\"");
        line.append(",\"outcome\":\"").append(outcome()).append('"');
        line.append(",\"status\":").append(status);
        appendField(line, "problemType", problemType == null ? null : problemType.toString());
        appendField(line, "caller", caller);
        appendField(line, "role", role);
        appendField(line, "claim", claim());
        appendField(line, "externalId", externalId);
        appendField(line, "email", email);
        appendField(line, "remoteAddress", remoteAddress);
        return line.append('}').toString();
    }

    // Absent fields are written as null: every line has the same keys, which log tools like.
    private static void appendField(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        int end = Math.min(value.length(), MAX_VALUE_CHARS);
        if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        appendEscaped(line, value, end);
        if (end < value.length()) {
            line.append(CUT_MARK);
        }
        line.append('"');
    }

    // RFC 8259 escaping, and everything outside printable ASCII as \\uXXXX: no line break of any
    // kind, no invisible or bidi character, and the same bytes in any log file encoding.
    private static void appendEscaped(StringBuilder line, String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                line.append(c);
            } else {
                line.append("\\u");
                String hex = Integer.toHexString(c);
                for (int pad = hex.length(); pad < 4; pad++) {
                    line.append('0');
                }
                line.append(hex);
            }
        }
    }
}
