package io.kustomertoken.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * node's jsonwebtoken, the library in Kustomer's own example back end, verifying tokens with a
 * secret (src/test/node/verify-tokens.mjs): what Kustomer's side will do with them.
 */
public final class NodeJsonwebtoken {

    private NodeJsonwebtoken() {
    }

    /** One result per token: {@code {header, payload}} or {@code {error}}. */
    public record Run(int exitCode, String output) {
        public List<JsonObject> results() {
            return output.lines().filter(line -> line.startsWith("{"))
                    .map(line -> Json.createReader(new StringReader(line)).readObject())
                    .toList();
        }
    }

    public static Run verify(List<String> tokens, String secret) throws IOException, InterruptedException {
        ProcessBuilder node = new ProcessBuilder("node", "verify-tokens.mjs").directory(BuildTools.nodeDirectory())
                .redirectErrorStream(true);
        // The secret travels in the child's environment, never on its command line.
        node.environment().put("KUSTOMER_SECRET", secret);
        Process process = node.start();
        process.getOutputStream().write(String.join("\n", tokens).getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not finish within 30 s");
        }
        return new Run(process.exitValue(), output);
    }
}
