package io.kustomertoken.problems.entity;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code instance} is set only for server errors, where it names
 * the log entry that holds what went wrong.
 */
public record Problem(URI type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    // One factory: Json.createObjectBuilder() looks its provider up on every call.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    public static Problem of(ProblemKind kind, String detail) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, null);
    }

    /** For a status the container or JAX-RS produced on its own, with no detail of ours. */
    public static Problem generic(int status) {
        return ProblemKind.genericFor(status)
                .map(kind -> of(kind, null))
                .orElseGet(() -> new Problem(URI.create("about:blank"), "HTTP " + status, status, null, null));
    }

    public JsonObject toJSON() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", type.toString())
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        return json.build();
    }
}
