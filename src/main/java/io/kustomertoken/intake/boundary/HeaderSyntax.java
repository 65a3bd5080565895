package io.kustomertoken.intake.boundary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of the request headers the API reads, checked before JAX-RS parses them: RESTEasy
 * answers an {@code Accept} it cannot parse with a 500 and a stack trace in the log.
 */
final class HeaderSyntax {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern MEDIA_RANGE = Pattern.compile(
            "[ \t]*(?:\\*/\\*|" + TOKEN + "/(?:\\*|" + TOKEN + "))((?:[ \t]*;[ \t]*" + TOKEN + "[ \t]*=[ \t]*(?:"
                    + TOKEN + "|" + QUOTED + "))*)[ \t]*");
    private static final Pattern PARAMETER = Pattern.compile(";[ \t]*(" + TOKEN + ")[ \t]*=[ \t]*(" + TOKEN + "|" + QUOTED + ")");
    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    private static final Pattern QVALUE = Pattern.compile("0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?");

    private HeaderSyntax() {
    }

    /** An Accept value (RFC 9110 §12.5.1): media ranges, each with a valid weight if it has one. */
    static boolean isAccept(String value) {
        for (String range : value.split(",", -1)) {
            if (range.isBlank()) {
                continue;
            }
            Matcher mediaRange = MEDIA_RANGE.matcher(range);
            if (!mediaRange.matches()) {
                return false;
            }
            Matcher parameter = PARAMETER.matcher(mediaRange.group(1));
            while (parameter.find()) {
                if ("q".equalsIgnoreCase(parameter.group(1)) && !QVALUE.matcher(parameter.group(2)).matches()) {
                    return false;
                }
            }
        }
        return true;
    }
}
