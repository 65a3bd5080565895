package io.kustomertoken.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.testsupport.TokenService;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The description a server serves at {@code /openapi}, checked against the service's contract:
 * {@link ProblemKind} is what the service answers, so every status and problem type documented
 * for {@code POST /api/v1/tokens} must be one of its kinds, and every kind must be documented.
 * The servers merge the descriptions of all deployed WARs (WildFly prefixes paths with the
 * context root and component names with the deployment's; Payara lists every WAR's login as an
 * alternative): the checks follow {@code $ref}s and find this WAR's path either way.
 */
final class OpenApiContract {

    static final String TOKENS = "/api/v1/tokens";
    /** Answers of no operation: any other path, any other method, a browser's refused CORS preflight. */
    static final Set<ProblemKind> NOT_OF_AN_OPERATION = Set.of(ProblemKind.NOT_FOUND, ProblemKind.METHOD_NOT_ALLOWED,
            ProblemKind.CROSS_ORIGIN_REFUSED);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonObject document;
    private final JsonObject operation;

    private OpenApiContract(JsonObject document, JsonObject operation) {
        this.document = document;
        this.operation = operation;
    }

    /** Fetches the server's {@code /openapi} as JSON and finds the token operation of the WAR at {@code deployment}. */
    static OpenApiContract servedFor(URL deployment) throws IOException, InterruptedException {
        URI war = URI.create(deployment.toString());
        HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(war.resolve("/openapi?format=JSON"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode(), served::body);
        assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> served.headers().map().toString());
        JsonObject document = TokenService.json(served.body());
        assertTrue(document.getString("openapi", "").startsWith("3."), () -> "not OpenAPI 3: " + document.get("openapi"));
        String contextRoot = war.getPath().replaceAll("/+$", "");
        JsonObject paths = document.getJsonObject("paths");
        assertNotNull(paths, () -> "no paths in " + served.body());
        JsonObject path = paths.containsKey(contextRoot + TOKENS) ? paths.getJsonObject(contextRoot + TOKENS)
                : paths.getJsonObject(TOKENS);
        assertNotNull(path, () -> "no " + TOKENS + " for " + contextRoot + " among " + paths.keySet());
        // POST is the only method the service answers (anything else is 405, described below).
        assertEquals(Set.of("post"), path.keySet().stream().filter(OpenApiContract::isMethod).collect(Collectors.toSet()));
        return new OpenApiContract(document, path.getJsonObject("post"));
    }

    /** Every check below, for a WAR whose callers log in with HTTP {@code login} (basic or bearer). */
    void holdsWithLogin(String login) {
        documentsEveryStatusOfTheContractAndNoOther();
        documentsEveryProblemTypeUnderItsStatus();
        problemSchemaNamesEveryKind();
        documentsBothRequestShapes();
        documentsTheToken();
        asksForLogin(login);
    }

    /** Every status the operation documents, and nothing else: 200 and the statuses of its problem kinds. */
    private void documentsEveryStatusOfTheContractAndNoOther() {
        Set<String> expected = new TreeSet<>(List.of("200"));
        Arrays.stream(ProblemKind.values()).filter(kind -> !NOT_OF_AN_OPERATION.contains(kind))
                .forEach(kind -> expected.add(Integer.toString(kind.status())));
        assertEquals(expected, new TreeSet<>(operation.getJsonObject("responses").keySet()));
    }

    /** Under each status, exactly the problem types of that status, as application/problem+json. */
    private void documentsEveryProblemTypeUnderItsStatus() {
        Map<String, Set<String>> expected = new TreeMap<>();
        Arrays.stream(ProblemKind.values()).filter(kind -> !NOT_OF_AN_OPERATION.contains(kind))
                .forEach(kind -> expected.computeIfAbsent(Integer.toString(kind.status()), status -> new TreeSet<>())
                        .add(kind.type().toString()));
        Map<String, Set<String>> documented = new TreeMap<>();
        JsonObject responses = operation.getJsonObject("responses");
        for (String status : responses.keySet()) {
            if (status.equals("200")) {
                continue;
            }
            JsonObject response = resolve(responses.get(status));
            JsonObject content = response.getJsonObject("content");
            assertEquals(Set.of("application/problem+json"), content.keySet(), status);
            documented.put(status, problemTypes(resolve(content.getJsonObject("application/problem+json").get("schema"))));
        }
        assertEquals(expected, documented);
    }

    /** The problem schema names every type the service answers, those of no operation too. */
    private void problemSchemaNamesEveryKind() {
        JsonObject forbidden = resolve(operation.getJsonObject("responses").get("403"));
        JsonObject schema = resolve(forbidden.getJsonObject("content").getJsonObject("application/problem+json").get("schema"));
        JsonObject problem = schema.getJsonArray("allOf").stream().map(JsonValue::asJsonObject)
                .filter(part -> part.containsKey("$ref")).map(this::resolve).findFirst()
                .orElseThrow(() -> new AssertionError("no $ref to the problem schema in " + schema));
        assertEquals(Arrays.stream(ProblemKind.values()).map(kind -> kind.type().toString()).collect(Collectors.toCollection(TreeSet::new)),
                strings(problem.getJsonObject("properties").getJsonObject("type").getJsonArray("enum")));
        assertEquals(Set.of("type", "title", "status"), new TreeSet<>(strings(problem.getJsonArray("required"))));
    }

    /** Both request shapes: a customer's (no body, {}, or naming itself) and a delegate's (externalId and/or email). */
    private void documentsBothRequestShapes() {
        JsonObject body = resolve(operation.get("requestBody"));
        assertFalse(body.getBoolean("required", false), "a customer sends no body");
        JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
        JsonObject schema = resolve(json.get("schema"));
        assertEquals(JsonValue.FALSE, schema.get("additionalProperties"));
        JsonObject properties = schema.getJsonObject("properties");
        assertEquals(Set.of("externalId", "email"), properties.keySet());
        assertEquals(255, properties.getJsonObject("externalId").getInt("maxLength"));
        assertEquals(254, properties.getJsonObject("email").getInt("maxLength"));
        JsonObject examples = json.getJsonObject("examples");
        Set<String> shapes = examples.values().stream()
                .map(example -> resolve(example).get("value"))
                // Payara drops the value {} of the customer's own example: no value is that shape there.
                .map(value -> value == null ? "" : value instanceof JsonObject object
                        ? object.keySet().stream().sorted().collect(Collectors.joining("+")) : String.valueOf(value))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("", "externalId", "email", "email+externalId"), shapes, examples::toString);
    }

    /** The 200: the token and what Kustomer takes from it, never cached. */
    private void documentsTheToken() {
        JsonObject ok = resolve(operation.getJsonObject("responses").get("200"));
        JsonObject schema = resolve(ok.getJsonObject("content").getJsonObject("application/json").get("schema"));
        assertEquals(Set.of("token", "identity", "issuedAt", "expiresAt"), new TreeSet<>(strings(schema.getJsonArray("required"))));
        assertEquals(Set.of("externalId", "email"), strings(schema.getJsonObject("properties").getJsonObject("identity")
                .getJsonObject("properties").getJsonObject("claim").getJsonArray("enum")));
        assertEquals(List.of("no-store"), List.copyOf(strings(resolve(ok.getJsonObject("headers").get("Cache-Control"))
                .getJsonObject("schema").getJsonArray("enum"))));
        JsonObject tooMany = resolve(operation.getJsonObject("responses").get("429"));
        assertTrue(tooMany.getJsonObject("headers").containsKey("Retry-After"), tooMany::toString);
    }

    /** The operation asks for this WAR's login: HTTP {@code scheme} (basic or bearer). */
    private void asksForLogin(String scheme) {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        Set<String> offered = operation.getJsonArray("security").stream()
                .flatMap(requirement -> requirement.asJsonObject().keySet().stream())
                .map(name -> {
                    JsonObject declared = schemes.getJsonObject(name);
                    assertNotNull(declared, () -> "security names " + name + ", not among " + schemes.keySet());
                    assertEquals("http", declared.getString("type"));
                    return declared.getString("scheme").toLowerCase();
                })
                .collect(Collectors.toSet());
        assertTrue(offered.contains(scheme), () -> "no " + scheme + " login among " + offered);
    }

    private Set<String> problemTypes(JsonObject schema) {
        Set<String> types = new TreeSet<>();
        for (JsonValue part : schema.getJsonArray("allOf")) {
            JsonObject properties = resolve(part).getJsonObject("properties");
            if (properties != null && properties.containsKey("type") && !part.asJsonObject().containsKey("$ref")) {
                types.addAll(strings(properties.getJsonObject("type").getJsonArray("enum")));
            }
        }
        return types;
    }

    private static Set<String> strings(jakarta.json.JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The object itself, or the one its local {@code $ref} ("#/components/…") points at. */
    private JsonObject resolve(JsonValue value) {
        JsonObject object = value.asJsonObject();
        int hops = 0;
        while (object.containsKey("$ref")) {
            String ref = object.getString("$ref");
            assertTrue(ref.startsWith("#/"), ref);
            JsonValue target = document;
            for (String segment : ref.substring(2).split("/")) {
                target = target.asJsonObject().get(segment.replace("~1", "/").replace("~0", "~"));
                assertNotNull(target, () -> "dangling $ref " + ref);
            }
            object = target.asJsonObject();
            assertTrue(++hops < 10, () -> "a $ref loop at " + ref);
        }
        return object;
    }

    private static boolean isMethod(String key) {
        return Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(key);
    }
}
