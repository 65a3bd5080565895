package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watch that SecretFromKustomerIT trusts does see a needle in a command line or an environment. */
class ProcessTableWatchTest {

    @Test
    void seesANeedleInACommandLineOrAnEnvironmentButNeverNamesIt() throws Exception {
        String inArguments = "needle-in-arguments-" + System.nanoTime();
        String inEnvironment = "needle-in-environment-" + System.nanoTime();
        try (ProcessTableWatch watch = ProcessTableWatch.lookingFor(inArguments, inEnvironment, "never-there-" + System.nanoTime())) {
            ProcessBuilder sleeper = new ProcessBuilder("sh", "-c", "sleep 1 # " + inArguments);
            sleeper.environment().put("KUSTOMER_IT_NEEDLE", inEnvironment);
            Process process = sleeper.start();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            watch.close();

            List<String> sightings = watch.sightings();
            assertTrue(sightings.stream().anyMatch(s -> s.contains("command line holds needle #0")), sightings.toString());
            assertTrue(sightings.stream().anyMatch(s -> s.contains("environment holds needle #1")), sightings.toString());
            assertFalse(sightings.stream().anyMatch(s -> s.contains("needle #2")), sightings.toString());
            assertFalse(sightings.toString().contains(inArguments) || sightings.toString().contains(inEnvironment));
            assertTrue(watch.sawCommandLineWith("sleep 1") || watch.sawCommandLineWith("sh -c"));
            assertEquals(false, watch.sawCommandLineWith("never-there"));
        }
    }
}
