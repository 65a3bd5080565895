package io.kustomertoken.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Creates the demo accounts (and the test-only ones) in embedded Payara's file realm once the
 * container has started, before anything is deployed: real users for real BASIC logins. Failed
 * logins are logged as the run command and server-config/ have them: not above INFO.
 */
public class FileRealmUsers {

    public void createUsers(@Observes AfterStart started) {
        List<DemoAccounts.Account> accounts = new ArrayList<>(DemoAccounts.DEMO);
        accounts.add(DemoAccounts.DAVE);
        AdminCommands admin = AdminCommands.ofEmbeddedServer();
        DemoAccounts.createIn(admin, accounts);
        AdminCommands.quietCallerNoiseInThisJvm();
        // The audit lines stay off the console, as on the real servers and the run command (their
        // own file): AuditLog reads them from the audit logger itself.
        AUDIT.setUseParentHandlers(false);
    }

    // Held here: java.util.logging keeps only weak references to its loggers.
    private static final Logger AUDIT = Logger.getLogger(AuditLog.LOGGER);
}
