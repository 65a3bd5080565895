package io.kustomertoken.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server's log, read from where it ended when capturing began, across a rotation: WildFly
 * rotates its server.log at midnight, and a test that ran across it once read nothing.
 */
class ServerLogTest {

    @TempDir
    Path folder;

    @AfterEach
    void forgetTheServer() {
        System.clearProperty(TestServerExtension.SERVER_URL);
        System.clearProperty(ServerLog.SERVER_LOG);
    }

    @Test
    void readsWhatWasLoggedSinceCaptureBeganAlsoAcrossARotation() throws Exception {
        Path log = Files.writeString(folder.resolve("server.log"), "before the capture\n");
        System.setProperty(TestServerExtension.SERVER_URL, "http://127.0.0.1:1/kustomer/");
        System.setProperty(ServerLog.SERVER_LOG, log.toString());
        try (ServerLog captured = ServerLog.capture()) {
            Files.writeString(log, "first\n", StandardOpenOption.APPEND);
            assertEquals("first\n", captured.text());

            Files.move(log, folder.resolve("server.log.2026-12-01"));
            assertEquals("first\n", captured.text());
            Files.writeString(folder.resolve("server.log.2026-12-01"), "second\n", StandardOpenOption.APPEND);
            Files.writeString(log, "third\n");
            assertEquals("first\nsecond\nthird\n", captured.text());
        }
    }
}
