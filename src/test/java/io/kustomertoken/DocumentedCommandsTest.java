package io.kustomertoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shell block of the administrators' guides (docs/ but for the developers' testing.md and
 * performance.md, and the server guides) is accounted for: CI runs it as written (a
 * {@code <!-- walkthrough: NAME} or {@code <!-- group: NAME} marker that a script under
 * src/test/servers or src/test/cluster reads),
 * or each of its commands is one that such a block runs, or the block says why CI does not run
 * it ({@code <!-- not run as written by CI: REASON -->}). A new command cannot slip in untried.
 */
class DocumentedCommandsTest {

    /** How to test and benchmark: a developer's commands, not an administrator's. */
    private static final Set<String> DEVELOPERS_GUIDES = Set.of("testing.md", "performance.md");
    private static final Pattern SHELL_BLOCK = Pattern.compile("^```(?:sh|bash)\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern WALKTHROUGH = Pattern.compile("<!-- (walkthrough|group): ([\\w-]+)");
    private static final Pattern NOT_RUN = Pattern.compile("<!-- not run as written by CI: (\\S[^>]*)-->");

    record Block(Path file, int line, String text, String marker) {
        String where() {
            return file + ":" + line;
        }
    }

    private static final List<Block> BLOCKS = new ArrayList<>();
    private static String scripts;

    @BeforeAll
    static void readGuides() throws IOException {
        List<Path> guides = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("docs")); Stream<Path> servers = Files.list(Path.of("server-config"))) {
            docs.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> !DEVELOPERS_GUIDES.contains(path.getFileName().toString())).forEach(guides::add);
            for (Path dir : servers.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(path -> path.toString().endsWith(".md")).forEach(guides::add);
                }
            }
        }
        for (Path guide : guides) {
            String text = Files.readString(guide);
            Matcher block = SHELL_BLOCK.matcher(text);
            while (block.find()) {
                String before = text.substring(0, block.start()).stripTrailing();
                String lastLine = before.substring(before.lastIndexOf('\n') + 1);
                int line = (int) before.lines().count() + 2;
                BLOCKS.add(new Block(guide, line, block.group(1), lastLine.startsWith("<!--") ? lastLine : ""));
            }
        }
        StringBuilder all = new StringBuilder();
        for (String dir : List.of("src/test/servers", "src/test/cluster")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path script : files.filter(path -> path.toString().endsWith(".sh")).toList()) {
                    all.append(Files.readString(script));
                }
            }
        }
        scripts = all.toString();
        assertTrue(BLOCKS.size() >= 15, "the guides' blocks were found: " + BLOCKS.size());
    }

    @Test
    void everyBlockIsRunByCiOrSaysWhyNot() {
        Set<String> runByCi = new HashSet<>();
        BLOCKS.stream().filter(block -> WALKTHROUGH.matcher(block.marker()).find())
                .forEach(block -> runByCi.addAll(commands(block.text())));
        List<String> unaccounted = new ArrayList<>();
        for (Block block : BLOCKS) {
            boolean walkthrough = WALKTHROUGH.matcher(block.marker()).find();
            boolean saysWhyNot = NOT_RUN.matcher(block.marker()).find();
            if (!walkthrough && !saysWhyNot && !runByCi.containsAll(commands(block.text()))) {
                List<String> missing = commands(block.text()).stream().filter(command -> !runByCi.contains(command)).toList();
                unaccounted.add(block.where() + " " + missing);
            }
        }
        assertEquals(List.of(), unaccounted, "blocks neither run by CI nor marked '<!-- not run as written by CI: why -->'");
    }

    @Test
    void everyWalkthroughMarkerIsReadByAScript() {
        List<String> unread = new ArrayList<>();
        for (Block block : BLOCKS) {
            Matcher marker = WALKTHROUGH.matcher(block.marker());
            if (marker.find() && !scripts.contains("<!-- " + marker.group(1) + ": " + marker.group(2))) {
                unread.add(block.where() + " " + marker.group(0));
            }
        }
        assertEquals(List.of(), unread, "markers no script under src/test/servers or src/test/cluster reads");
    }

    /** A block's commands: its lines without comments, blank lines and continuations' layout. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        for (String line : block.replace("\\\n", " ").split("\n")) {
            String command = line.replaceFirst("(^|\\s)#.*$", "").strip().replaceAll("\\s+", " ");
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }
}
