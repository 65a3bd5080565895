package io.kustomertoken.csrf.control;

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

/**
 * A request signed in by the browser itself passes only as a JSON request of the service's own
 * origin; a request with an Authorization header is never touched.
 */
class AmbientSignInPropertiesTest {

    private static final List<String> JSON = List.of("application/json");
    private static final List<String> NO_AUTHORIZATION = List.of();

    @Example
    void theOwnPagesScriptPasses() {
        assertNull(AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of("same-origin")));
        assertNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of("Application/JSON; charset=utf-8"), List.of()));
        assertNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(" application/json "), List.of("none")));
    }

    @Example
    void whatACrossSiteFormOrNoCorsFetchCanSendIsRefused() {
        for (String simple : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain", "text/plain; charset=utf-8")) {
            assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(simple), List.of()), simple);
            assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(simple), List.of("same-origin")), simple);
        }
        // A form with no field and fetch without a body send no Content-Type.
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(), List.of()));
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(), List.of("cross-site")));
    }

    @Example
    void theRefusalSaysWhatToSend() {
        assertEquals("A request signed in by the browser (a cookie, no Authorization header) must be sent with"
                + " Content-Type: application/json, which a page of another site cannot send.",
                AmbientSignIn.refusal(NO_AUTHORIZATION, List.of("text/plain"), List.of("same-origin")));
        assertEquals("A request signed in by the browser (a cookie, no Authorization header) must come from a page"
                + " of the service's own origin.", AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of("cross-site")));
    }

    @Example
    void anotherSiteOrOriginIsRefusedEvenAsJson() {
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of("cross-site")));
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of("same-site")));
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of("same-origin", "same-origin")));
        assertNotNull(AmbientSignIn.refusal(NO_AUTHORIZATION, List.of("application/json", "application/json"),
                List.of()));
    }

    @Property
    void onlyJsonPassesWithoutAuthorization(@ForAll("contentTypes") String contentType) {
        String type = contentType.split(";", -1)[0].strip().toLowerCase(Locale.ROOT);
        assertEquals(type.equals("application/json"),
                AmbientSignIn.refusal(NO_AUTHORIZATION, List.of(contentType), List.of()) == null, contentType);
    }

    @Property
    void onlyTheOwnOriginPassesWithoutAuthorization(@ForAll("fetchSites") String fetchSite) {
        assertEquals(fetchSite.equals("same-origin") || fetchSite.equals("none"),
                AmbientSignIn.refusal(NO_AUTHORIZATION, JSON, List.of(fetchSite)) == null, fetchSite);
    }

    @Property
    void anAuthorizationHeaderIsNeverRefusedHere(@ForAll("contentTypes") String contentType,
            @ForAll("fetchSites") String fetchSite, @ForAll("authorizations") String authorization) {
        assertNull(AmbientSignIn.refusal(List.of(authorization), List.of(contentType), List.of(fetchSite)));
        assertNull(AmbientSignIn.refusal(List.of(authorization), List.of(), List.of()));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        Arbitrary<String> types = Arbitraries.of("application/json", "APPLICATION/Json", "application/jsonx",
                "application/json-patch+json", "application/problem+json", "text/json", "application/ json",
                "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "", "application",
                "application/json,text/plain");
        Arbitrary<String> parameters = Arbitraries.of("", ";", "; charset=utf-8", ";charset=\"utf-8\"", " ;x=y");
        Arbitrary<String> spaces = Arbitraries.of("", " ", "\t");
        return net.jqwik.api.Combinators.combine(spaces, types, spaces, parameters)
                .as((before, type, after, parameter) -> before + type + after + parameter);
    }

    @Provide
    Arbitrary<String> fetchSites() {
        return Arbitraries.oneOf(Arbitraries.of("same-origin", "none", "same-site", "cross-site", "Same-Origin",
                "same-origin ", "", "NONE"), Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(Arbitraries.of("Basic YWxpY2U6YWxpY2U=", "Bearer x.y.z", ""),
                Arbitraries.strings().ofMaxLength(40));
    }
}
