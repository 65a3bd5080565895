package io.kustomertoken.testsupport;

import io.kustomertoken.identity.entity.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.CommandRunner;

/**
 * The demo realm, used by the demo server and by the tests alike: each password is the account
 * name followed by {@code -password}. For trying the service out only.
 */
public final class DemoAccounts {

    public record Account(String name, String group) {
        public String password() {
            return name + "-password";
        }
    }

    public static final Account ALICE = new Account("alice", Caller.CUSTOMER_ROLE);
    public static final Account CAROL = new Account("carol", Caller.CUSTOMER_ROLE);
    public static final Account BFF = new Account("bff", Caller.DELEGATE_ROLE);
    public static final Account MALLORY = new Account("mallory", "staff");
    /** Not a demo account: a customer whose user name is an email, for the email identity mode. */
    public static final Account DAVE = new Account("Dave@Example.com", Caller.CUSTOMER_ROLE);

    public static final List<Account> DEMO = List.of(ALICE, CAROL, BFF, MALLORY);

    private DemoAccounts() {
    }

    /** Creates the accounts in the server's default file realm, passwords through a file as asadmin wants. */
    public static void createIn(CommandRunner commands, List<Account> accounts) {
        for (Account account : accounts) {
            Path passwordFile = null;
            try {
                passwordFile = Files.createTempFile("kustomer-user", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + account.password() + "\n");
                CommandResult result = commands.run("create-file-user", "--groups", account.group(),
                        "--passwordfile", passwordFile.toString(), account.name());
                if (result.getExitStatus() != CommandResult.ExitStatus.SUCCESS) {
                    throw new IllegalStateException("create-file-user " + account.name() + " failed: "
                            + result.getOutput(), result.getFailureCause());
                }
            } catch (IOException failure) {
                throw new IllegalStateException("Could not write a password file", failure);
            } finally {
                deleteQuietly(passwordFile);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file; the OS cleans up what is left.
            }
        }
    }
}
