package io.kustomertoken.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DemoServerTest {

    @Test
    void listensOn8080WhenNoPortIsConfigured() {
        assertEquals(8080, DemoServer.port(null));
        assertEquals(8080, DemoServer.port(" "));
    }

    @Test
    void listensOnTheConfiguredPort() {
        assertEquals(9090, DemoServer.port("9090"));
    }

    @Test
    void refusesWhatIsNotAPort() {
        assertThrows(IllegalArgumentException.class, () -> DemoServer.port("http"));
        assertThrows(IllegalArgumentException.class, () -> DemoServer.port("0"));
        assertThrows(IllegalArgumentException.class, () -> DemoServer.port("65536"));
    }

    @Test
    void deploysTheBearerWarOnlyWhenAnIssuerIsConfigured() {
        assertEquals(false, DemoServer.bearerWanted(null));
        assertEquals(false, DemoServer.bearerWanted(" "));
        assertEquals(true, DemoServer.bearerWanted("http://127.0.0.1:18180/realms/kustomer"));
    }

    @Test
    void findsTheBearerWarBesideThePasswordWar() {
        assertEquals(new java.io.File("target", "kustomer-bearer.war"),
                DemoServer.bearerWarBeside(new java.io.File("target", "kustomer.war")));
    }
}
