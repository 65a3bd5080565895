package io.kustomertoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of src/main, read from its import lines: features depend on each other in one
 * direction only, nothing but the container reaches the audit trail or the meters (they observe
 * events), and no class grows past what a reader takes in at once.
 */
class FeatureDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/kustomertoken");
    private static final Pattern OUR_IMPORT = Pattern.compile("^import (?:static )?io\\.kustomertoken\\.(\\w+)\\.",
            Pattern.MULTILINE);
    private static final int MAX_LINES = 200;

    private static final Map<String, Set<String>> IMPORTS = new TreeMap<>();
    private static final Map<Path, Integer> LINES = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                LINES.put(file, (int) source.lines().count());
                Path relative = SOURCES.relativize(file);
                String feature = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                Matcher imported = OUR_IMPORT.matcher(source);
                while (imported.find()) {
                    if (!imported.group(1).equals(feature)) {
                        IMPORTS.computeIfAbsent(feature, none -> new TreeSet<>()).add(imported.group(1));
                    }
                }
            }
        }
        assertTrue(LINES.size() > 50, "the sources were found: " + SOURCES.toAbsolutePath());
    }

    @Test
    void noFeatureImportsTheAuditTrailOrTheMeters() {
        IMPORTS.forEach((feature, imported) -> {
            assertFalse(imported.contains("audit"), feature + " imports audit");
            assertFalse(imported.contains("metrics"), feature + " imports metrics");
        });
    }

    @Test
    void noImportRunsBackUpBetweenFeatures() {
        for (String feature : IMPORTS.keySet()) {
            List<String> cycle = pathBackTo(IMPORTS, feature);
            assertTrue(cycle.isEmpty(), "a cycle: " + cycle);
        }
    }

    @Test
    void noClassIsLongerThan200Lines() {
        LINES.forEach((file, lines) -> assertTrue(lines <= MAX_LINES, file + " has " + lines + " lines"));
    }

    @Test
    void findsACycleWhenThereIsOne() {
        assertEquals(Set.of("requests"), IMPORTS.get("outcomes"), "outcomes knows only the served request");
        Map<String, Set<String>> withACycle = new TreeMap<>(IMPORTS);
        withACycle.put("requests", Set.of("tokens"));
        List<String> cycle = pathBackTo(withACycle, "tokens");
        assertEquals("tokens", cycle.get(0));
        assertEquals(List.of("requests", "tokens"), cycle.subList(cycle.size() - 2, cycle.size()), cycle.toString());
    }

    // Depth-first from feature; the path of features that leads back to it, or empty.
    private static List<String> pathBackTo(Map<String, Set<String>> imports, String feature) {
        Deque<List<String>> open = new ArrayDeque<>();
        open.push(List.of(feature));
        Set<String> seen = new TreeSet<>();
        while (!open.isEmpty()) {
            List<String> path = open.pop();
            for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = Stream.concat(path.stream(), Stream.of(next)).toList();
                if (next.equals(feature)) {
                    return longer;
                }
                if (seen.add(next)) {
                    open.push(longer);
                }
            }
        }
        return List.of();
    }
}
