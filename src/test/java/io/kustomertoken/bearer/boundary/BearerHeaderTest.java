package io.kustomertoken.bearer.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The Authorization header's scan against RFC 6750 §2.1, written as the expression it replaced. */
class BearerHeaderTest {

    // The b64token grammar of RFC 6750 §2.1, the scheme in ASCII letters of any case.
    private static final Pattern RFC_6750 = Pattern.compile("(?i:bearer) ([A-Za-z0-9._~+/-]+=*)");

    @Property(tries = 5000)
    void takesTheTokenExactlyWhenTheHeaderIsABearerCredential(@ForAll("headers") String header) {
        Matcher expected = RFC_6750.matcher(header);
        Optional<String> token = BearerMechanism.tokenOf(header);
        Statistics.collect(token.isPresent() ? "taken" : "refused");
        Statistics.coverage(coverage -> coverage.check("taken").percentage(p -> p > 10));
        assertEquals(expected.matches() ? Optional.of(expected.group(1)) : Optional.empty(), token, header);
    }

    @Example
    void refusesWhatLooksLikeTheSchemeButIsNot() {
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Bearer  abc", "Bearer\tabc", "Bearerabc",
                "Basic YWxpY2U6cGFzcw==", "Bearer a=b", "Bearer =", "Bearer abc ", " Bearer abc", "Bearer a\u00A0b",
                "Beare\u0280 abc", "BEARE\u0280 abc", "\u0392earer abc", "Bearer \u0430bc", "Bearer abc\n"}) {
            assertEquals(Optional.empty(), BearerMechanism.tokenOf(header), String.valueOf(header));
        }
        assertEquals(Optional.of("aB9-._~+/=="), BearerMechanism.tokenOf("bEaReR aB9-._~+/=="));
    }

    @Provide
    Arbitrary<String> headers() {
        // Near misses are the interesting inputs: the scheme's letters in both cases and their
        // look-alikes, the token's characters, '=', white space and a few that are neither.
        Arbitrary<String> scheme = Arbitraries.strings().withChars("bBeEaArRſıKΒ\u0412").ofMinLength(5).ofMaxLength(7);
        Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t", "", "\u00A0");
        Arbitrary<String> rest = Arbitraries.strings()
                .withChars("aZ09-._~+/=").withChars(" \t\n\u0000\u00e9\u0430,;:\"").ofMaxLength(40)
                .edgeCases(edges -> edges.add(""));
        Arbitrary<String> tokenLike = Arbitraries.strings().withChars("aZ09-._~+/").ofMinLength(1).ofMaxLength(40)
                .flatMap(token -> Arbitraries.strings().withChars('=').ofMaxLength(3).map(padding -> token + padding));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                tokenLike.map(token -> "Bearer " + token),
                Arbitraries.of("Bearer", "bearer", "BEARER", "bEaReR").flatMap(s -> tokenLike.map(t -> s + " " + t)),
                scheme.flatMap(s -> separator.flatMap(sep -> rest.map(r -> s + sep + r))));
    }
}
