package io.kustomertoken.bearer.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Turns on MP-JWT. Payara looks for {@code @LoginConfig} on any CDI bean and then authenticates
 * every request with its MP-JWT mechanism; WildFly reads {@code <auth-method>MP-JWT} in this
 * WAR's web.xml (built from the same file with that value).
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
public class BearerLogin {
}
