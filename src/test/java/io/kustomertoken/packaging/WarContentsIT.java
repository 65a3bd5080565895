package io.kustomertoken.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.testsupport.BuildTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both built WARs carry jose4j and nothing the server already provides; they differ only in the
 * login method, the context root and what kustomer-bearer.war needs for MP-JWT.
 */
class WarContentsIT {

    private static final String PASSWORD_WAR = System.getProperty("it.war", "target/kustomer.war");
    private static final String BEARER_WAR = System.getProperty("it.bearer.war", "target/kustomer-bearer.war");
    /** What only kustomer-bearer.war carries; in kustomer.war it would switch Payara to MP-JWT. */
    private static final List<String> BEARER_ONLY = List.of(
            "WEB-INF/classes/io/kustomertoken/bearer/boundary/BearerLogin.class",
            "WEB-INF/classes/io/kustomertoken/bearer/boundary/BearerMechanism.class",
            "WEB-INF/classes/io/kustomertoken/bearer/control/ProviderKeys.class");
    private static final String WAR_CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    @ParameterizedTest
    @ValueSource(strings = {"it.war", "it.bearer.war"})
    void libraryFolderHoldsOnlyJose4jAndTheLoggingItNeeds(String war) throws IOException {
        List<String> libraries = entries(warOf(war)).stream()
                .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                .map(name -> name.substring("WEB-INF/lib/".length()).replaceAll("-[0-9][^-]*\\.jar$", ""))
                .sorted()
                .toList();
        // jose4j's classes reference slf4j-api, which Payara does not offer to applications; its
        // provider for java.util.logging keeps SLF4J from printing SEVERE lines on Payara.
        assertEquals(List.of("jose4j", "slf4j-api", "slf4j-jdk14"), libraries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it.war", "it.bearer.war"})
    void noServerApiIsPackaged(String war) throws IOException {
        for (String entry : entries(warOf(war))) {
            assertTrue(!entry.startsWith("WEB-INF/classes/jakarta/") && !entry.startsWith("WEB-INF/classes/org/")
                    && !entry.contains("jakartaee-api") && !entry.contains("microprofile-jwt-auth-api")
                    && !entry.contains("microprofile-config-api") && !entry.endsWith("payara-embedded-all.jar")
                    && !entry.contains("arquillian") && !entry.contains("junit"), entry);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"it.war", "it.bearer.war"})
    void carriesTheDescriptorsBothServersNeedAndNoTestCode(String war) throws IOException {
        List<String> entries = entries(warOf(war));
        for (String descriptor : List.of("WEB-INF/web.xml", "WEB-INF/beans.xml", "WEB-INF/glassfish-web.xml",
                "WEB-INF/jboss-web.xml")) {
            assertTrue(entries.contains(descriptor), descriptor);
        }
        assertTrue(entries.stream().noneMatch(name -> name.contains("testsupport") || name.contains("/demo/")
                || name.endsWith("IT.class") || name.endsWith("Test.class")));
    }

    @Test
    void thePasswordWarLogsInWithBasicAtKustomerAndCarriesNothingOfTheBearerWar() throws IOException {
        List<String> entries = entries(PASSWORD_WAR);
        assertTrue(entries.stream().noneMatch(name -> name.contains("/bearer/") || BEARER_ONLY.contains(name)),
                () -> entries.toString());
        // The service's configuration comes from the server, never from the WAR: the WAR's own
        // file only stops MicroProfile OpenAPI from adding guesses to META-INF/openapi.yaml.
        assertEquals(List.of("mp.openapi.scan.disable=true"), settings(PASSWORD_WAR));
        assertTrue(text(PASSWORD_WAR, "WEB-INF/web.xml").contains("<auth-method>BASIC</auth-method>"));
        assertTrue(text(PASSWORD_WAR, "WEB-INF/jboss-web.xml").contains("<context-root>/kustomer</context-root>"));
        assertTrue(text(PASSWORD_WAR, "WEB-INF/glassfish-web.xml").contains("<context-root>/kustomer</context-root>"));
    }

    @Test
    void theBearerWarLogsInWithMpJwtAtKustomerBearerAndHoldsNoSecret() throws IOException {
        List<String> entries = entries(BEARER_WAR);
        assertTrue(entries.containsAll(BEARER_ONLY), () -> entries.toString());
        assertTrue(text(BEARER_WAR, "WEB-INF/web.xml").contains("<auth-method>MP-JWT</auth-method>"));
        assertTrue(text(BEARER_WAR, "WEB-INF/jboss-web.xml").contains("<context-root>/kustomer-bearer</context-root>"));
        assertTrue(text(BEARER_WAR, "WEB-INF/glassfish-web.xml").contains("<context-root>/kustomer-bearer</context-root>"));
        assertEquals(List.of("mp.openapi.scan.disable=true"),
                settings(BEARER_WAR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"it.war", "it.bearer.war"})
    void eachWarDescribesItsOwnLogin(String war) throws IOException {
        String description = text(warOf(war), "WEB-INF/classes/META-INF/openapi.yaml");
        assertFalse(description.contains("${"), "every placeholder filtered");
        assertTrue(description.contains(war.equals("it.war") ? "scheme: basic" : "scheme: bearer"), description);
        // Valid OpenAPI 3.0 to a validator of its own (swagger-parser: the schema, every $ref).
        Path file = Files.createTempFile("kustomer-openapi", ".yaml");
        try {
            Files.writeString(file, description, StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", "validate-openapi.mjs", file.toString())
                    .directory(BuildTools.nodeDirectory())
                    .redirectErrorStream(true).start();
            String verdict = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish within 60 s");
            assertEquals(0, node.exitValue(), verdict);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The settings lines of the WAR's microprofile-config.properties. */
    private static List<String> settings(String war) throws IOException {
        return text(war, WAR_CONFIG).lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static String warOf(String property) {
        return property.equals("it.war") ? PASSWORD_WAR : BEARER_WAR;
    }

    private static String text(String war, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(new File(war))) {
            return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> entries(String war) throws IOException {
        try (ZipFile zip = new ZipFile(new File(war))) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
