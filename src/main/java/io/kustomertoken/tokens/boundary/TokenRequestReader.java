package io.kustomertoken.tokens.boundary;

import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a token request body strictly: a media type without a charset or with UTF-8, at most {@value #MAX_BODY_BYTES} bytes (refused from
 * {@code Content-Length} alone, or as soon as one byte too many arrives), UTF-8, one JSON object
 * whose only fields are {@code externalId} and {@code email}, each a string, each at most once.
 * An empty body names nobody.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class TokenRequestReader implements MessageBodyReader<Identity> {

    public static final int MAX_BODY_BYTES = 8 * 1024;
    /** The detail of the 413 answer, wherever a body is found too large. */
    public static final String TOO_LARGE = "The body must be at most " + MAX_BODY_BYTES + " bytes.";

    // One factory: Json.createParser() looks its provider up through ServiceLoader on every call.
    private static final JsonParserFactory JSON = Json.createParserFactory(Map.of());

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Identity.class;
    }

    @Override
    public Identity readFrom(Class<Identity> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        if (namesAnotherCharset(mediaType)) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                    "The body must be UTF-8 JSON; a charset other than UTF-8 is refused.");
        }
        if (declaresTooLarge(headers.getFirst(HttpHeaders.CONTENT_LENGTH))) {
            throw tooLarge();
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return parse(bytes);
    }

    static Identity parse(byte[] body) {
        if (body.length == 0) {
            return Identity.NOBODY;
        }
        Reader strictUtf8 = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = JSON.createParser(strictUtf8)) {
            if (parser.next() != Event.START_OBJECT) {
                skipToEnd(parser);
                throw invalidRequest("The body must be a JSON object.");
            }
            Identity named = fields(parser);
            if (parser.hasNext()) {
                throw malformed();
            }
            return named;
        } catch (JsonException | NoSuchElementException unreadable) {
            throw malformed();
        }
    }

    // Reads the rest so that a body which is not JSON at all is reported as such.
    private static void skipToEnd(JsonParser parser) {
        try {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (RuntimeException unreadable) {
            // Parsson refuses arrays nested 1000 deep with a bare RuntimeException, not a JsonException.
            throw malformed();
        }
    }

    private static Identity fields(JsonParser parser) {
        String externalId = null;
        String email = null;
        Set<String> seen = new HashSet<>();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String field = parser.getString();
            if (!Identity.EXTERNAL_ID.equals(field) && !Identity.EMAIL.equals(field)) {
                throw invalidRequest("Only the fields externalId and email are accepted.");
            }
            if (!seen.add(field)) {
                throw invalidRequest(field + " is given more than once.");
            }
            if (parser.next() != Event.VALUE_STRING) {
                throw invalidRequest(field + " must be a JSON string.");
            }
            if (Identity.EXTERNAL_ID.equals(field)) {
                externalId = parser.getString();
            } else {
                email = parser.getString();
            }
        }
        return new Identity(externalId, email);
    }

    // JSON is UTF-8 (RFC 8259 §8.1): a body declared as anything else would be read wrongly.
    static boolean namesAnotherCharset(MediaType mediaType) {
        if (mediaType == null) {
            return false;
        }
        for (Map.Entry<String, String> parameter : mediaType.getParameters().entrySet()) {
            if (MediaType.CHARSET_PARAMETER.equalsIgnoreCase(parameter.getKey())
                    && !isUtf8(parameter.getValue().strip())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUtf8(String charset) {
        return "utf-8".equalsIgnoreCase(charset) || "utf8".equalsIgnoreCase(charset);
    }

    private static boolean declaresTooLarge(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException unparsable) {
            return false;
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, TOO_LARGE);
    }

    private static ProblemException malformed() {
        return new ProblemException(ProblemKind.MALFORMED_JSON, "The body is not well-formed UTF-8 JSON.");
    }

    private static ProblemException invalidRequest(String detail) {
        return new ProblemException(ProblemKind.INVALID_REQUEST, detail);
    }
}
