package io.kustomertoken.edge.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonExclusionFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json;q=0",
        "application/json; q=0.0",
        "APPLICATION/JSON;Q=0",
        "application/json;charset=utf-8;q=0",
        "*/*, application/json;q=0",
        "application/json;q=0, */*;q=0.5",
        "application/*;q=0",
        "application/*;q=0, */*",
        "*/*;q=0",
        " application/json ; q=0 , text/html"})
    void excludesJsonWhenTheMostSpecificMatchingRangeWeighsZero(String accept) {
        assertTrue(JsonExclusionFilter.excludesJson(List.of(accept)), accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json",
        "application/json;q=0.001",
        "application/json;q=1",
        "*/*",
        "text/html;q=0",
        "application/json, */*;q=0",
        "application/json;q=0.5, application/*;q=0",
        "application/*, */*;q=0",
        "application/json;q=abc",
        "application/json;q=",
        "application/json;qq=0",
        "text/html",
        ""})
    void acceptsJsonOtherwise(String accept) {
        assertFalse(JsonExclusionFilter.excludesJson(List.of(accept)), accept);
    }

    @Test
    void readsEveryAcceptHeader() {
        assertTrue(JsonExclusionFilter.excludesJson(List.of("text/html", "application/json;q=0")));
        assertFalse(JsonExclusionFilter.excludesJson(List.of("*/*;q=0", "application/json")));
        assertFalse(JsonExclusionFilter.excludesJson(null));
    }
}
