package io.kustomertoken.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.CommandRunner;

/**
 * asadmin commands against the embedded server, as an administrator would run them. Passwords go
 * through a password file readable only by us: asadmin refuses them on the command line.
 */
public final class AdminCommands {

    private final CommandRunner commands;

    public AdminCommands(CommandRunner commands) {
        this.commands = commands;
    }

    /** The embedded server in this JVM, which publishes its command runner in JNDI. */
    public static AdminCommands ofEmbeddedServer() {
        try {
            return new AdminCommands((CommandRunner) new InitialContext().lookup(CommandRunner.class.getName()));
        } catch (NamingException missing) {
            throw new IllegalStateException("No embedded Payara in this JVM", missing);
        }
    }

    public String run(String command, String... arguments) {
        CommandResult result = commands.run(command, arguments);
        if (result.getExitStatus() != CommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException(command + " " + String.join(" ", arguments) + " failed: "
                    + result.getOutput(), result.getFailureCause());
        }
        return result.getOutput();
    }

    /** Runs a command whose password ({@code AS_ADMIN_…=value}) comes from a temporary password file. */
    public String runWithPassword(String passwordFileLine, String command, String... arguments) {
        Path passwordFile = null;
        try {
            passwordFile = Files.createTempFile("kustomer-admin", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, passwordFileLine + "\n");
            List<String> withFile = new ArrayList<>(List.of("--passwordfile", passwordFile.toString()));
            withFile.addAll(Arrays.asList(arguments));
            return run(command, withFile.toArray(String[]::new));
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not write a password file", failure);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException ignored) {
                    // A temporary file; the OS cleans up what is left.
                }
            }
        }
    }

    /**
     * What a caller can make Payara log above INFO, as often as it likes, turned down to SEVERE
     * (the same settings as server-config/payara/configure.sh): every failed BASIC login is a
     * WARNING, and so is every HTTP/2 connection the caller drops without a GOAWAY ("Unable to
     * write GOAWAY", with a stack trace), and every refused access token is logged at INFO with
     * a stack trace by Payara's MP-JWT identity store. Embedded Payara has no logging.properties for
     * set-log-levels to write: its JVM's loggers are set.
     */
    // The parent of the logger that logs failed logins: a level set on that logger itself before
    // Payara first uses it leaves it without its messages, and every 403 then fails.
    public static final String FAILED_LOGIN_LOGGER = "javax.enterprise.system.container.web.com.sun.web";
    public static final String HTTP2_SESSION_LOGGER = "org.glassfish.grizzly.http2";
    public static final String ACCESS_TOKEN_LOGGER = "fish.payara.microprofile.jwtauth";

    // Held: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger FAILED_LOGINS = Logger.getLogger(FAILED_LOGIN_LOGGER);
    private static final Logger HTTP2_SESSIONS = Logger.getLogger(HTTP2_SESSION_LOGGER);
    private static final Logger ACCESS_TOKENS = Logger.getLogger(ACCESS_TOKEN_LOGGER);

    public static void quietCallerNoiseInThisJvm() {
        FAILED_LOGINS.setLevel(Level.SEVERE);
        HTTP2_SESSIONS.setLevel(Level.SEVERE);
        ACCESS_TOKENS.setLevel(Level.SEVERE);
    }
}
