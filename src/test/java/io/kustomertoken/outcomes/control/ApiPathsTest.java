package io.kustomertoken.outcomes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every way of writing a path that a container maps to the API counts as the API. */
class ApiPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/kustomer/api/v1/tokens", "/kustomer/%61pi/v1/tokens", "/kustomer/%61%70%69/v1/tokens",
        "/kustomer/api;jsessionid=x/v1/tokens", "/kustomer//api/v1/tokens", "/kustomer/./api/v1/tokens",
        "/kustomer/other/../api/v1/tokens", "/kustomer/api", "/kustomer/api/", "/%6Bustomer/api/v1/tokens",
        "/kustomer/api%2Fv1/tokens", "/kustomer;x=1/api/v1/tokens"})
    void theseReachTheApi(String uri) {
        assertTrue(ApiPaths.isApi(uri, "/kustomer"), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kustomer/apix/v1", "/kustomer/problem", "/kustomer/api/../health", "/kustomer/ap%69x",
        "/other/api/v1/tokens", "/kustomer", "/kustomer/%zzapi/v1", "/kustomerapi/v1"})
    void theseDoNot(String uri) {
        assertFalse(ApiPaths.isApi(uri, "/kustomer"), uri);
    }

    @Test
    void theRootContextHasTheApiAtSlashApi() {
        assertTrue(ApiPaths.isApi("/api/v1/tokens", ""));
        assertFalse(ApiPaths.isApi("/kustomer/api/v1/tokens", ""));
    }

    @Test
    void normalisesLikeAContainer() {
        assertEquals("/a/c", ApiPaths.normalised("/a/./b/../c"));
        assertEquals("/", ApiPaths.normalised("/../.."));
        assertEquals("/\u00e9t\u00e9", ApiPaths.normalised("/%C3%A9t%C3%A9"));
        assertEquals("/100%", ApiPaths.normalised("/100%"), "a broken escape stays");
    }
}
