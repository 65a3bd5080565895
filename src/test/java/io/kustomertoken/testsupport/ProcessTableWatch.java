package io.kustomertoken.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches what anyone on this machine can see of running processes (Linux {@code /proc}): every
 * command line, and the environment of every process of ours, read again and again until closed.
 * A sighting names the process and which needle it held, never the needle itself (a secret).
 */
public final class ProcessTableWatch implements AutoCloseable {

    private static final Path PROC = Path.of("/proc");

    private final List<String> needles;
    private final List<String> sightings = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> commandLines = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean watching = true;

    private ProcessTableWatch(List<String> needles) {
        this.needles = List.copyOf(needles);
        watcher = new Thread(this::watch, "process-table-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static ProcessTableWatch lookingFor(String... needles) {
        return new ProcessTableWatch(List.of(needles));
    }

    /** Each: "pid N (command): its command line|environment holds needle #i". */
    public List<String> sightings() {
        return List.copyOf(sightings);
    }

    /** Whether some process seen ran with a command line that holds {@code text}: the watch saw it run. */
    public boolean sawCommandLineWith(String text) {
        return commandLines.stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void close() {
        watching = false;
        try {
            watcher.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        while (watching) {
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
                for (Path process : processes) {
                    look(process, "command line", "cmdline");
                    look(process, "environment", "environ");
                }
            } catch (IOException unreadable) {
                // /proc changes while it is listed; the next round reads it again
            }
        }
    }

    private void look(Path process, String what, String file) {
        String text;
        try {
            text = new String(Files.readAllBytes(process.resolve(file)), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException gone) {
            return; // ended, or not ours (another user's environment)
        }
        boolean clean = true;
        for (int i = 0; i < needles.size(); i++) {
            if (text.contains(needles.get(i))) {
                clean = false;
                String command = text.isEmpty() ? "?" : text.split("\0", 2)[0];
                sightings.add("pid " + process.getFileName() + " (" + command + "): its " + what
                        + " holds needle #" + i);
            }
        }
        if (clean && file.equals("cmdline") && commandLines.size() < 10_000) {
            commandLines.add(text.replace('\0', ' '));
        }
    }
}
