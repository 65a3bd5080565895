package io.kustomertoken;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS root: every resource lives under {@code /api}, which web.xml protects. */
@ApplicationPath("api")
public class RestConfiguration extends Application {
}
