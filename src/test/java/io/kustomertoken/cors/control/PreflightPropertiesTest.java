package io.kustomertoken.cors.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A preflight is granted only for one allowed origin, POST, and no header but the two the API reads. */
class PreflightPropertiesTest {

    private static final AllowedOrigins ALLOWED = AllowedOrigins.parse("https://app.example.com").allowed();
    private static final String ORIGIN = "https://app.example.com";

    @Example
    void theBrowsersPreflightForTheApiIsGranted() {
        assertNull(new Preflight(List.of(ORIGIN), "POST", List.of()).refusal(ALLOWED));
        assertNull(new Preflight(List.of(ORIGIN), "POST", List.of("authorization,content-type")).refusal(ALLOWED));
        assertNull(new Preflight(List.of(ORIGIN), "POST", List.of("Content-Type", " Authorization ")).refusal(ALLOWED));
    }

    @Property
    void anyOtherOriginIsRefused(@ForAll("origins") String origin) {
        String refusal = new Preflight(List.of(origin), "POST", List.of()).refusal(ALLOWED);
        assertEquals(origin.equals(ORIGIN), refusal == null, origin);
    }

    @Property
    void anyOtherMethodIsRefused(@ForAll("methods") String method) {
        String refusal = new Preflight(List.of(ORIGIN), method, List.of()).refusal(ALLOWED);
        // Methods are case-sensitive (RFC 9110): "post" is not POST.
        assertEquals(method.equals("POST"), refusal == null, method);
    }

    @Property
    void anyHeaderButTheTwoIsRefused(@ForAll("headerLists") List<String> headers) {
        boolean onlyTheTwo = headers.stream().flatMap(list -> List.of(list.split(",")).stream())
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .allMatch(name -> name.isEmpty() || name.equals("authorization") || name.equals("content-type"));
        String refusal = new Preflight(List.of(ORIGIN), "POST", headers).refusal(ALLOWED);
        assertEquals(onlyTheTwo, refusal == null, headers::toString);
    }

    @Example
    void noOriginTwoOriginsOrNoMethodAreRefused() {
        assertNotNull(new Preflight(List.of(), "POST", List.of()).refusal(ALLOWED));
        assertNotNull(new Preflight(List.of(ORIGIN, ORIGIN), "POST", List.of()).refusal(ALLOWED));
        assertNotNull(new Preflight(List.of(ORIGIN), null, List.of()).refusal(ALLOWED));
        assertNotNull(new Preflight(List.of(ORIGIN), "POST", List.of()).refusal(AllowedOrigins.NONE));
    }

    @Provide
    Arbitrary<String> origins() {
        Arbitrary<String> near = Arbitraries.of("https://APP.example.com", "http://app.example.com",
                "https://app.example.com:443", "https://app.example.com:8443", "https://app.example.com/",
                "https://app.example.com.evil.example", "null", "*", ORIGIN, ORIGIN + " ", "https://app.example.co");
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> mutated = Arbitraries.strings().withChars("aApP.:/0-9%").ofMaxLength(3)
                .map(tail -> ORIGIN + tail);
        return Arbitraries.oneOf(near, random, mutated);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("POST", "post", "Post", "GET", "PUT", "DELETE", "PATCH", "OPTIONS",
                "HEAD", "TRACE", "POST ", ""), Arbitraries.strings().alpha().ofMaxLength(8));
    }

    @Provide
    Arbitrary<List<String>> headerLists() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("authorization", "Authorization", "CONTENT-TYPE",
                "content-type", "cookie", "x-requested-with", "x-custom", "content-length", "authorization2", ""),
                Arbitraries.strings().withChars("abcdeorizntyp-").ofMaxLength(14));
        Arbitrary<String> list = name.list().ofMaxSize(4).map(names -> String.join(", ", names));
        return list.list().ofMaxSize(2);
    }
}
