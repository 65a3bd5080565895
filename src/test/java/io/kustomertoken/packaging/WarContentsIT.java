package io.kustomertoken.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The built WAR carries jose4j and nothing the server already provides. */
class WarContentsIT {

    private static final File WAR = new File(System.getProperty("it.war", "target/kustomer.war"));

    @Test
    void libraryFolderHoldsOnlyJose4jAndTheLoggingItNeeds() throws IOException {
        List<String> libraries = entries().stream()
                .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                .map(name -> name.substring("WEB-INF/lib/".length()).replaceAll("-[0-9][^-]*\\.jar$", ""))
                .sorted()
                .toList();
        // jose4j's classes reference slf4j-api, which Payara does not offer to applications; its
        // provider for java.util.logging keeps SLF4J from printing SEVERE lines on Payara.
        assertEquals(List.of("jose4j", "slf4j-api", "slf4j-jdk14"), libraries);
    }

    @Test
    void noServerApiIsPackaged() throws IOException {
        for (String entry : entries()) {
            assertTrue(!entry.startsWith("WEB-INF/classes/jakarta/") && !entry.contains("jakartaee-api")
                    && !entry.contains("microprofile") && !entry.contains("payara") && !entry.contains("arquillian")
                    && !entry.contains("junit"), entry);
        }
    }

    @Test
    void carriesTheDescriptorsBothServersNeedAndNoTestCode() throws IOException {
        List<String> entries = entries();
        for (String descriptor : List.of("WEB-INF/web.xml", "WEB-INF/beans.xml", "WEB-INF/glassfish-web.xml",
                "WEB-INF/jboss-web.xml")) {
            assertTrue(entries.contains(descriptor), descriptor);
        }
        assertTrue(entries.stream().noneMatch(name -> name.contains("testsupport") || name.contains("/demo/")
                || name.endsWith("IT.class") || name.endsWith("Test.class")));
        assertTrue(entries.stream().noneMatch(name -> name.endsWith("microprofile-config.properties")),
                "configuration comes from the server, never from the WAR");
    }

    private static List<String> entries() throws IOException {
        try (ZipFile war = new ZipFile(WAR)) {
            return war.stream().map(ZipEntry::getName).toList();
        }
    }
}
