package io.kustomertoken.cors.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The administrator's scripts check an allow-list before they set it
 * (server-config/shared/cors-origins.sh): they take exactly the entries the service takes, so a
 * typo stops the script instead of being left out, with a warning, by the running service.
 */
class CorsOriginsScriptTest {

    private static final List<String> ENTRIES = List.of("https://app.example.com", "http://127.0.0.1:5173",
            "https://App.Example.COM", "https://app.example.com/", "https://app.example.com:443",
            "https://[::1]:8443", "http://localhost", "https://a-b.example", "https://xn--bcher-kva.example",
            "*", "null", "https://*.example.com", "app.example.com", "ftp://app.example.com", "file:///tmp",
            "https://app.example.com/path", "https://app.example.com?x", "https://user@app.example.com",
            "https://app.example.com:0", "https://app.example.com:65535", "https://app.example.com:65536",
            "https://app.example.com:99999", "https://app.example.com:080", "https://app..example.com",
            "https://-app.example.com", "https://app-.example.com", "https://", "https://app.example.com:",
            "https://app.example.com//", "http://[zz]", "https://a.example#frag", "HTTPS://APP.EXAMPLE.COM");

    @Test
    void theScriptsTakeExactlyWhatTheServiceTakes() throws IOException, InterruptedException {
        Path script = Path.of("server-config/shared/cors-origins.sh").toAbsolutePath();
        StringBuilder loop = new StringBuilder("die() { exit 1; }\n. '" + script + "'\n");
        for (String entry : ENTRIES) {
            loop.append("if ( check_cors_origins '").append(entry)
                    .append("' ) >/dev/null 2>&1; then echo taken; else echo refused; fi\n");
        }
        Path file = Files.createTempFile("cors-origins", ".sh");
        try {
            Files.writeString(file, loop, StandardCharsets.UTF_8);
            Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            bash.waitFor(30, TimeUnit.SECONDS);
            List<String> verdicts = output.lines().toList();
            Map<String, String> byScript = new LinkedHashMap<>();
            Map<String, String> byService = new LinkedHashMap<>();
            for (int i = 0; i < ENTRIES.size(); i++) {
                byScript.put(ENTRIES.get(i), i < verdicts.size() ? verdicts.get(i) : "no answer");
                byService.put(ENTRIES.get(i), AllowedOrigins.serialised(ENTRIES.get(i)) != null ? "taken" : "refused");
            }
            assertEquals(byService, byScript);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
