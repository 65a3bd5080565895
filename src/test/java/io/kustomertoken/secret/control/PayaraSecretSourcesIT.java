package io.kustomertoken.secret.control;

import static io.kustomertoken.testsupport.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustomertoken.testsupport.EmbeddedOnly;
import io.kustomertoken.testsupport.AdminCommands;
import io.kustomertoken.testsupport.DemoAccounts;
import io.kustomertoken.testsupport.AgainstDeployedWar;
import io.kustomertoken.testsupport.Jwts;
import io.kustomertoken.testsupport.TokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ways a Payara administrator keeps the secret out of plain sight, run with asadmin commands
 * against the real embedded server: a password alias referenced as {@code ${ALIAS=…}} from a
 * domain config property. The tests' own system property is removed first (it has the highest
 * ordinal and would hide every other source).
 */
@EmbeddedOnly
class PayaraSecretSourcesIT extends AgainstDeployedWar {

    static final String ALIAS = "kustomer-it-secret";
    static final String ALIASED_SECRET = "secret-kept-in-a-password-alias-0123456789";

    final AdminCommands admin = AdminCommands.ofEmbeddedServer();

    @BeforeEach
    void createAlias() {
        admin.runWithPassword("AS_ADMIN_ALIASPASSWORD=" + ALIASED_SECRET, "create-password-alias", ALIAS);
        config.clear("kustomer.secret");
    }

    @AfterEach
    void removeAliasAndRestore() {
        try {
            admin.run("delete-password-alias", ALIAS);
        } finally {
            config.restore();
        }
    }

    @Test
    void domainConfigPropertyReferencingAPasswordAliasSigns() throws Exception {
        admin.run("set-config-property", "--propertyName=kustomer.secret",
                "--propertyValue=${ALIAS=" + ALIAS + "}", "--source=domain");
        try {
            assertEquals("alice", Jwts.verified(TokenService.tokenFrom(service.postEmpty(DemoAccounts.ALICE)), ALIASED_SECRET).getStringClaimValue("externalId"));
        } finally {
            admin.run("delete-config-property", "--propertyName=kustomer.secret", "--source=domain");
        }
    }

    @Test
    void unexpandedAliasReferenceInARawSystemPropertyIsRefusedNotSignedWith() {
        // MicroProfile Config does not expand ${ALIAS=…} in a JVM system property set at run time.
        config.set("kustomer.secret", "${ALIAS=" + ALIAS + "-with-a-name-longer-than-32-bytes}");
        assertProblem(service.postEmpty(DemoAccounts.ALICE), 503, "signing-unavailable");
    }

}
