package io.kustomertoken.cors.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", ",", " , ,"})
    void nothingSetAllowsNoOriginAndWarnsOfNothing(String raw) {
        AllowedOrigins.Read read = AllowedOrigins.parse(raw);
        assertSame(AllowedOrigins.NONE, read.allowed());
        assertTrue(read.allowed().isEmpty());
        assertEquals(List.of(), read.warnings());
        assertFalse(read.allowed().allows("https://app.example.com"));
        assertFalse(read.allowed().allows(null));
    }

    @Test
    void entriesAreTakenAsABrowserSerialisesThem() {
        AllowedOrigins.Read read = AllowedOrigins.parse(
                "https://App.Example.com/, http://127.0.0.1:8080 https://app.example.com:443,http://x.example:80,"
                        + "https://[::1]:8443\thttps://admin.example.com:8443");
        assertEquals(Set.of("https://app.example.com", "http://127.0.0.1:8080", "http://x.example",
                "https://[::1]:8443", "https://admin.example.com:8443"), read.allowed().origins());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void anOriginIsComparedExactlyAsSent() {
        AllowedOrigins allowed = AllowedOrigins.parse("https://app.example.com,http://127.0.0.1:8080").allowed();
        assertTrue(allowed.allows("https://app.example.com"));
        assertTrue(allowed.allows("http://127.0.0.1:8080"));
        for (String other : List.of("https://APP.example.com", "HTTPS://app.example.com", "http://app.example.com",
                "https://app.example.com:443", "https://app.example.com:8443", "https://app.example.com/",
                "https://app.example.com.evil.example", "https://evil-app.example.com", "https://example.com",
                "null", "*", "", " https://app.example.com", "https://app.example.com ", "http://127.0.0.1",
                "http://127.0.0.1:80800", "http://localhost:8080")) {
            assertFalse(allowed.allows(other), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "null", "https://*.example.com", "app.example.com", "ftp://app.example.com",
            "https://app.example.com/path", "https://app.example.com?q", "https://user@app.example.com",
            "https://app.example.com:0", "https://app.example.com:65536", "https://app..example.com",
            "https://-app.example.com", "file://", "https://", "https://app.example.com:", "https://\u0007evil"})
    void whatIsNotAnOriginIsLeftOutWithAWarning(String bad) {
        AllowedOrigins.Read read = AllowedOrigins.parse("https://ok.example.com," + bad);
        assertEquals(Set.of("https://ok.example.com"), read.allowed().origins());
        assertEquals(1, read.warnings().size(), read.warnings()::toString);
        assertTrue(read.warnings().get(0).startsWith(AllowedOrigins.KEY + ": '"), read.warnings().get(0));
        assertFalse(read.warnings().get(0).contains("\u0007"));
    }
}
