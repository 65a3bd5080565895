package io.kustomertoken.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The same JAX-RS root as the service, so that the same web.xml constraint covers it. */
@ApplicationPath("api")
public class CeilingApplication extends Application {
}
