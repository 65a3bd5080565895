package io.kustomertoken.identity.control;

import static io.kustomertoken.identity.control.IdentityRulesPropertiesTest.MARKER;
import static io.kustomertoken.identity.control.IdentityRulesPropertiesTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.identity.entity.IdentityMode;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import io.kustomertoken.testsupport.JsonTexts;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * For any caller, mode and named identity: the answer is an identity the last check before
 * signing lets through, or one of the documented refusals, and a customer only ever gets its own.
 */
class IdentityEntitlementPropertiesTest {

    private static final Set<ProblemKind> REFUSALS = Set.of(ProblemKind.INVALID_IDENTITY,
            ProblemKind.MISSING_IDENTITY, ProblemKind.IDENTITY_NOT_PERMITTED, ProblemKind.CALLER_IDENTITY_UNUSABLE);

    @Property
    void resolvesToAnIdentityTheLastCheckAcceptsOrRefusesAsDocumented(@ForAll("callers") Caller caller,
            @ForAll IdentityMode mode, @ForAll("identities") Identity named) {
        Object outcome = outcome(() -> IdentityEntitlement.resolve(caller, mode, named));
        Statistics.label("outcome").collect(outcome instanceof Identity ? "identity" : outcome);
        if (!(outcome instanceof Identity resolved)) {
            assertTrue(REFUSALS.contains(outcome), "" + outcome);
            if (!caller.customer() && !caller.delegate()) {
                assertEquals(ProblemKind.IDENTITY_NOT_PERMITTED, outcome);
            }
            return;
        }
        assertFalse(resolved.namesNobody());
        assertEquals(resolved, IdentityRules.checked(resolved), "already checked and normalised");
        IdentityEntitlement.requireEntitled(caller, mode, resolved);
        if (caller.delegate() && !named.namesNobody()) {
            assertEquals(IdentityRules.checked(named), resolved);
        } else {
            assertTrue(caller.customer());
            assertEquals(IdentityEntitlement.own(caller, mode), resolved);
        }
    }

    @Property
    void letsOnlyDelegatesAndCustomersWithTheirOwnIdentityThrough(@ForAll("callers") Caller caller,
            @ForAll IdentityMode mode, @ForAll("identities") Identity checked) {
        Object outcome = outcome(() -> {
            IdentityEntitlement.requireEntitled(caller, mode, checked);
            return "entitled";
        });
        if (caller.delegate()) {
            assertEquals("entitled", outcome);
        } else if ("entitled".equals(outcome)) {
            assertTrue(caller.customer());
            assertEquals(IdentityEntitlement.own(caller, mode), checked);
        } else {
            assertTrue(outcome == ProblemKind.IDENTITY_NOT_PERMITTED
                    || outcome == ProblemKind.CALLER_IDENTITY_UNUSABLE, "" + outcome);
        }
    }

    @Property
    void makesACustomersOwnIdentityFromItsNameAsTheModeSays(@ForAll("names") String name, @ForAll IdentityMode mode) {
        Object outcome = outcome(() -> IdentityEntitlement.own(new Caller(name, true, false), mode));
        if (name == null) {
            assertEquals(ProblemKind.IDENTITY_NOT_PERMITTED, outcome);
            return;
        }
        boolean asExternalId = mode != IdentityMode.EMAIL;
        boolean asEmail = mode != IdentityMode.EXTERNAL_ID;
        boolean usable = (!asExternalId || IdentityRulesPropertiesTest.isAcceptableExternalId(name))
                && (!asEmail || IdentityRulesPropertiesTest.acceptableEmail(name) != null);
        if (usable) {
            assertEquals(new Identity(asExternalId ? name : null,
                    asEmail ? IdentityRulesPropertiesTest.acceptableEmail(name) : null), outcome);
        } else {
            assertEquals(ProblemKind.CALLER_IDENTITY_UNUSABLE, outcome);
        }
    }

    @Property
    void neverEchoesTheCallersNameOrWhatItNamed(@ForAll("markedCallers") Caller caller, @ForAll IdentityMode mode,
            @ForAll("markedIdentities") Identity named) {
        try {
            IdentityEntitlement.requireEntitled(caller, mode, IdentityEntitlement.resolve(caller, mode, named));
        } catch (ProblemException refused) {
            assertFalse(refused.getMessage().contains(MARKER), refused.getMessage());
        }
    }

    // Arbitraries

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, JsonTexts.texts(20)),
                Tuple.of(1, Arbitraries.of("alice", "Alice@Example.com", "alice@example.com", " alice", "bob-42")),
                Tuple.of(3, IdentityRulesPropertiesTest.addressLike()));
    }

    @Provide
    Arbitrary<Caller> callers() {
        return Combinators.combine(names(), Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Caller::new);
    }

    @Provide
    Arbitrary<Identity> identities() {
        return Combinators.combine(names(), names()).as(Identity::new);
    }

    @Provide
    Arbitrary<Caller> markedCallers() {
        return Combinators.combine(marked(), Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Caller::new);
    }

    @Provide
    Arbitrary<Identity> markedIdentities() {
        return Combinators.combine(marked().injectNull(0.3), marked().injectNull(0.3)).as(Identity::new);
    }

    private static Arbitrary<String> marked() {
        return Combinators.combine(JsonTexts.texts(8), Arbitraries.of("", "@example.com", "@", " "))
                .as((text, tail) -> text + MARKER + tail);
    }
}
