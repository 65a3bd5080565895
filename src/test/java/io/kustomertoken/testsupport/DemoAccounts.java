package io.kustomertoken.testsupport;

import io.kustomertoken.identity.entity.Caller;
import java.util.List;

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

    /** Creates the accounts in the server's default file realm. */
    public static void createIn(AdminCommands admin, List<Account> accounts) {
        for (Account account : accounts) {
            admin.runWithPassword("AS_ADMIN_USERPASSWORD=" + account.password(),
                    "create-file-user", "--groups", account.group(), account.name());
        }
    }
}
