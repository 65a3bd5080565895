package io.kustomertoken.edge.boundary;

import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9110 §12.4.2: a media range with {@code q=0} marks a type "not acceptable", and the most
 * specific range that matches a type decides its weight. Jersey and RESTEasy still answer JSON to
 * {@code Accept: application/json;q=0}; here such a caller gets 406.
 */
@Provider
public class JsonExclusionFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (excludesJson(request.getHeaders().get(HttpHeaders.ACCEPT))) {
            throw new ProblemException(ProblemKind.NOT_ACCEPTABLE,
                    "The answer is application/json, which the Accept header excludes (q=0).");
        }
    }

    /** Whether the Accept header values give application/json a weight of 0. */
    static boolean excludesJson(List<String> acceptValues) {
        if (acceptValues == null) {
            return false;
        }
        int bestSpecificity = -1;
        double weight = 1;
        for (String value : acceptValues) {
            for (String range : value.split(",")) {
                String[] parts = range.split(";");
                int specificity = specificity(parts[0].strip().toLowerCase(Locale.ROOT));
                if (specificity > bestSpecificity) {
                    bestSpecificity = specificity;
                    weight = quality(parts);
                }
            }
        }
        return bestSpecificity >= 0 && weight == 0;
    }

    // How closely a media range names application/json: exactly 2, application/* 1, */* 0, else -1.
    private static int specificity(String mediaRange) {
        return switch (mediaRange) {
            case "application/json" -> 2;
            case "application/*" -> 1;
            case "*/*" -> 0;
            default -> -1;
        };
    }

    // An unreadable weight counts as 1: only an explicit zero excludes.
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException unreadable) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
