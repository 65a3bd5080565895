package io.kustomertoken.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test that needs embedded Payara's own commands (CommandRunner, deploying a WAR
 * the test changes). Every other {@code *IT} also runs on the real servers: the server profiles
 * exclude only this tag, so a new IT runs everywhere unless it says otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(EmbeddedOnly.TAG)
public @interface EmbeddedOnly {

    String TAG = "embedded-only";
}
