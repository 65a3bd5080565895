package io.kustomertoken.edge.control;

import java.util.regex.Pattern;

/**
 * The grammar of the request headers the API reads, checked before JAX-RS parses them: RESTEasy
 * answers an {@code Accept} it cannot parse with a 500 and a stack trace in the log. A scanner,
 * not one regular expression: Java's regex engine recurses once per repetition, and an
 * {@code Accept} of a few KiB of parameters overflowed the stack.
 */
public final class HeaderSyntax {

    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    private static final Pattern QVALUE = Pattern.compile("0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+.^_`|~-";

    private HeaderSyntax() {
    }

    /**
     * An Accept value (RFC 9110 §12.5.1): a comma-separated list (empty elements allowed) of
     * media ranges {@code type/subtype}, each with parameters {@code ;name=token} or
     * {@code ;name="quoted"}, a weight {@code q} only as a qvalue.
     */
    public static boolean isAccept(String value) {
        int at = 0;
        int end = value.length();
        while (true) {
            at = skipBlanks(value, at);
            if (at == end) {
                return true;
            }
            if (value.charAt(at) == ',') {
                at++;
                continue;
            }
            at = mediaRangeEnd(value, at);
            if (at < 0) {
                return false;
            }
        }
    }

    // Where the media range starting at 'at' (and its parameters) ends, at a comma or the end; -1 if malformed.
    private static int mediaRangeEnd(String value, int at) {
        int typeEnd = tokenEnd(value, at);
        if (typeEnd == at || typeEnd == value.length() || value.charAt(typeEnd) != '/') {
            return -1;
        }
        int subtypeEnd = tokenEnd(value, typeEnd + 1);
        if (subtypeEnd == typeEnd + 1) {
            return -1;
        }
        int next = subtypeEnd;
        while (true) {
            next = skipBlanks(value, next);
            if (next == value.length() || value.charAt(next) == ',') {
                return next;
            }
            if (value.charAt(next) != ';') {
                return -1;
            }
            int nameStart = skipBlanks(value, next + 1);
            int nameEnd = tokenEnd(value, nameStart);
            int equals = skipBlanks(value, nameEnd);
            if (nameEnd == nameStart || equals == value.length() || value.charAt(equals) != '=') {
                return -1;
            }
            int valueStart = skipBlanks(value, equals + 1);
            int valueEnd = valueStart < value.length() && value.charAt(valueStart) == '"'
                    ? quotedEnd(value, valueStart)
                    : tokenEnd(value, valueStart);
            if (valueEnd <= valueStart) {
                return -1;
            }
            boolean weight = nameEnd - nameStart == 1 && (value.charAt(nameStart) == 'q' || value.charAt(nameStart) == 'Q');
            if (weight && !QVALUE.matcher(value.substring(valueStart, valueEnd)).matches()) {
                return -1;
            }
            next = valueEnd;
        }
    }

    private static int skipBlanks(String value, int at) {
        while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static int tokenEnd(String value, int at) {
        while (at < value.length() && isTokenChar(value.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isTokenChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    // The index after the closing quote of the quoted string at 'at'; -1 if it does not close.
    // As before: a backslash escapes any character but a line terminator.
    private static int quotedEnd(String value, int at) {
        for (int i = at + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 == value.length() || isLineTerminator(value.charAt(i + 1))) {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
