package io.kustomertoken.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The threads of every WildFly and Payara Server JVM on this machine, printed when a management
 * command hangs: a redeploy once hung on WildFly until its 300 s operation timeout, and the hang
 * had ended before anyone could look.
 */
final class ServerThreads {

    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private ServerThreads() {
    }

    /** Prints each server JVM's thread dump to standard error; never throws. */
    static void print(String why) {
        System.err.println("=== " + why + ": the servers' threads");
        for (String line : run(JCMD.toString(), "-l").lines().toList()) {
            if (line.contains("jboss-modules") || line.contains("ASMain")) {
                String pid = line.substring(0, line.indexOf(' '));
                System.err.println("--- " + line);
                System.err.println(run(JCMD.toString(), pid, "Thread.print"));
            }
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException failure) {
            return "(" + String.join(" ", command) + " failed: " + failure + ")";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
