package io.kustomertoken.edge.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json",
        "*/*",
        "application/*",
        "application/json;q=0",
        "application/json; q=0.5",
        "application/json;q=1.000",
        "application/json;q=0.001, text/*;q=1",
        "text/html, application/xhtml+xml, application/xml;q=0.9, image/avif, */*;q=0.8",
        "application/json;charset=\"utf-8\";q=0.7",
        "application/json;profile=\"a \\\" b\"",
        "",
        " , application/json ,",
        "application/json ;\tQ=0.3"})
    void acceptsWhatRfc9110Allows(String accept) {
        assertTrue(HeaderSyntax.isAccept(accept), accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json;q=abc",
        "application/json;q=",
        "application/json;q=1.5",
        "application/json;q=2",
        "application/json;q=-0",
        "application/json;q=0.0001",
        "application/json;q=1.001",
        "application/json;q=.5",
        ";;;,,,/",
        "application",
        "application/",
        "/json",
        "application/json;",
        "application/json;charset",
        "application/json;charset=\"open",
        "appli cation/json",
        "application/json\u0000",
        "text/html, bad"})
    void refusesWhatItDoesNot(String accept) {
        assertFalse(HeaderSyntax.isAccept(accept), accept);
    }

    @Test
    void longHeadersAreReadWithoutOverflowingTheStack() throws Exception {
        String[] longOnes = {
            "a/b" + ";a=b".repeat(50_000),
            "a/b;x=\"" + "\\\"".repeat(50_000) + "\"",
            "a/b" + ", a/b;q=0.5".repeat(50_000),
        };
        for (String accept : longOnes) {
            // A small stack, as a server thread deep in its call chain has left.
            boolean[] result = new boolean[1];
            Thread small = new Thread(null, () -> result[0] = HeaderSyntax.isAccept(accept), "small-stack", 64 * 1024);
            small.start();
            small.join();
            assertTrue(result[0], accept.substring(0, 40));
        }
        assertFalse(HeaderSyntax.isAccept("a/b" + ";a=b".repeat(50_000) + ";"));
    }
}
