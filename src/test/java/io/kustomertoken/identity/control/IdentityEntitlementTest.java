package io.kustomertoken.identity.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.identity.entity.IdentityMode;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.problems.entity.ProblemKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityEntitlementTest {

    private static final Caller DELEGATE = new Caller("crm-backend", false, true);
    private static final Caller ALICE = new Caller("Alice@Example.com", true, false);
    private static final Caller NO_ROLE = new Caller("mallory@example.com", false, false);
    private static final Caller ANONYMOUS = new Caller(null, false, false);
    private static final Caller NAMELESS_CUSTOMER = new Caller(null, true, false);
    /** A bearer customer whose provider did not verify its email: it has no email name. */
    private static final Caller UNVERIFIED_BEARER = new Caller(true, "7367f10f-sub", null, true, false);
    /** A bearer customer whose token lacks the configured externalId claim. */
    private static final Caller CLAIMLESS_BEARER = new Caller(true, null, "erin@example.com", true, false);

    // resolve

    static Stream<Arguments> whatDelegatesName() {
        return Stream.of(
                Arguments.of(Identity.ofExternalId("bob-42"), Identity.ofExternalId("bob-42")),
                Arguments.of(Identity.ofEmail(" Bob@Example.COM "), Identity.ofEmail("bob@example.com")),
                Arguments.of(new Identity("bob-42", "Bob@Example.com"), new Identity("bob-42", "bob@example.com")));
    }

    @ParameterizedTest
    @MethodSource("whatDelegatesName")
    void givesDelegateTheCheckedIdentityItNamesInEveryMode(Identity named, Identity expected) {
        for (IdentityMode mode : IdentityMode.values()) {
            assertEquals(expected, IdentityEntitlement.resolve(DELEGATE, mode, named), mode.name());
        }
    }

    @Test
    void givesCallerWithBothRolesTheIdentityItNames() {
        Caller both = new Caller("alice", true, true);
        assertEquals(Identity.ofExternalId("bob"),
                IdentityEntitlement.resolve(both, IdentityMode.EXTERNAL_ID, Identity.ofExternalId("bob")));
    }

    @Test
    void namesTheRoleEachCallerActsInForTheAuditTrail() {
        Caller both = new Caller("alice", true, true);
        Identity bob = Identity.ofExternalId("bob");
        assertEquals(Caller.DELEGATE_ROLE, IdentityEntitlement.roleActedIn(DELEGATE, bob));
        assertEquals(Caller.DELEGATE_ROLE, IdentityEntitlement.roleActedIn(DELEGATE, Identity.NOBODY));
        assertEquals(Caller.CUSTOMER_ROLE, IdentityEntitlement.roleActedIn(ALICE, bob));
        assertEquals(Caller.CUSTOMER_ROLE, IdentityEntitlement.roleActedIn(ALICE, Identity.NOBODY));
        assertEquals(Caller.DELEGATE_ROLE, IdentityEntitlement.roleActedIn(both, bob));
        assertEquals(Caller.CUSTOMER_ROLE, IdentityEntitlement.roleActedIn(both, Identity.NOBODY));
        assertNull(IdentityEntitlement.roleActedIn(NO_ROLE, bob));
        assertNull(IdentityEntitlement.roleActedIn(ANONYMOUS, Identity.NOBODY));
    }

    @Test
    void refusesInvalidIdentityNamedByDelegate() {
        assertProblem(ProblemKind.INVALID_IDENTITY,
                () -> IdentityEntitlement.resolve(DELEGATE, IdentityMode.EXTERNAL_ID, Identity.ofEmail("bob@")));
    }

    @ParameterizedTest
    @EnumSource(IdentityMode.class)
    void refusesDelegateThatNamesNobody(IdentityMode mode) {
        assertProblem(ProblemKind.MISSING_IDENTITY, () -> IdentityEntitlement.resolve(DELEGATE, mode, Identity.NOBODY));
    }

    static Stream<Arguments> ownIdentityPerMode() {
        return Stream.of(
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofExternalId("Alice@Example.com")),
                Arguments.of(IdentityMode.EMAIL, Identity.ofEmail("alice@example.com")),
                Arguments.of(IdentityMode.BOTH, new Identity("Alice@Example.com", "alice@example.com")));
    }

    @ParameterizedTest
    @MethodSource("ownIdentityPerMode")
    void givesCustomerThatNamesNobodyItsOwnIdentityAsTheModeSays(IdentityMode mode, Identity own) {
        assertEquals(own, IdentityEntitlement.resolve(ALICE, mode, Identity.NOBODY));
    }

    @Test
    void tellsThatKustomerUsesEmailWhenCustomerGetsBothClaims() {
        Identity own = IdentityEntitlement.resolve(ALICE, IdentityMode.BOTH, Identity.NOBODY);
        assertEquals(Identity.EMAIL, own.claimKustomerUses());
        assertEquals("alice@example.com", own.valueKustomerUses());
    }

    static Stream<Arguments> customerNamingItself() {
        return Stream.of(
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofExternalId("Alice@Example.com")),
                Arguments.of(IdentityMode.EMAIL, Identity.ofEmail("alice@example.com")),
                // Normalised before comparing: the same address in other case and with spaces.
                Arguments.of(IdentityMode.EMAIL, Identity.ofEmail(" ALICE@example.COM ")),
                Arguments.of(IdentityMode.BOTH, new Identity("Alice@Example.com", "alice@example.com")),
                Arguments.of(IdentityMode.BOTH, Identity.ofEmail("alice@example.com")),
                Arguments.of(IdentityMode.BOTH, Identity.ofExternalId("Alice@Example.com")));
    }

    @ParameterizedTest
    @MethodSource("customerNamingItself")
    void givesCustomerThatNamesItselfItsOwnIdentity(IdentityMode mode, Identity named) {
        Identity own = IdentityEntitlement.own(ALICE, mode);
        assertEquals(own, IdentityEntitlement.resolve(ALICE, mode, named));
    }

    static Stream<Arguments> customerNamingSomeoneElse() {
        return Stream.of(
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofExternalId("bob")),
                // externalId is kept as given, so another case is another customer.
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofExternalId("alice@example.com")),
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofEmail("alice@example.com")),
                Arguments.of(IdentityMode.EMAIL, Identity.ofEmail("bob@example.com")),
                Arguments.of(IdentityMode.EMAIL, Identity.ofExternalId("Alice@Example.com")),
                Arguments.of(IdentityMode.BOTH, new Identity("Alice@Example.com", "bob@example.com")),
                Arguments.of(IdentityMode.BOTH, new Identity("bob", "alice@example.com")));
    }

    @ParameterizedTest
    @MethodSource("customerNamingSomeoneElse")
    void refusesCustomerThatNamesSomeoneElse(IdentityMode mode, Identity named) {
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED, () -> IdentityEntitlement.resolve(ALICE, mode, named));
    }

    @ParameterizedTest
    @EnumSource(value = IdentityMode.class, names = {"EMAIL", "BOTH"})
    void refusesCustomerWhoseNameIsNotAnEmailWhenTheModeNeedsOne(IdentityMode mode) {
        Caller notAnEmail = new Caller("alice-smith", true, false);
        ProblemException refused = assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                () -> IdentityEntitlement.resolve(notAnEmail, mode, Identity.NOBODY));
        assertFalse(refused.getMessage().contains("alice-smith"), refused.getMessage());
    }

    @Test
    void refusesCustomerWhoseNameOnlyLowerCasesToAnotherCustomersEmail() {
        Caller lookalike = new Caller("\u212Aate@example.com", true, false);
        assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                () -> IdentityEntitlement.resolve(lookalike, IdentityMode.EMAIL, Identity.NOBODY));
    }

    @Test
    void refusesCustomerWhoseNameIsNotAUsableExternalId() {
        Caller padded = new Caller(" alice", true, false);
        assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                () -> IdentityEntitlement.resolve(padded, IdentityMode.EXTERNAL_ID, Identity.NOBODY));
    }

    static Stream<Arguments> callersWithoutARole() {
        return Stream.of(
                Arguments.of(NO_ROLE, Identity.NOBODY),
                Arguments.of(NO_ROLE, Identity.ofEmail("mallory@example.com")),
                Arguments.of(NO_ROLE, Identity.ofExternalId("bob")),
                Arguments.of(ANONYMOUS, Identity.NOBODY),
                Arguments.of(ANONYMOUS, Identity.ofExternalId("bob")),
                Arguments.of(NAMELESS_CUSTOMER, Identity.NOBODY));
    }

    @ParameterizedTest
    @MethodSource("callersWithoutARole")
    void refusesCallerWithoutARoleOrName(Caller caller, Identity named) {
        for (IdentityMode mode : IdentityMode.values()) {
            assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED, () -> IdentityEntitlement.resolve(caller, mode, named));
        }
    }

    // requireEntitled

    @ParameterizedTest
    @MethodSource("ownIdentityPerMode")
    void letsCustomerHaveItsOwnIdentitySigned(IdentityMode mode, Identity own) {
        assertDoesNotThrow(() -> IdentityEntitlement.requireEntitled(ALICE, mode, own));
    }

    static Stream<Arguments> notTheCustomersOwn() {
        return Stream.of(
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofExternalId("bob")),
                Arguments.of(IdentityMode.EXTERNAL_ID, Identity.ofEmail("alice@example.com")),
                Arguments.of(IdentityMode.EMAIL, Identity.ofEmail("bob@example.com")),
                Arguments.of(IdentityMode.BOTH, new Identity("bob", "alice@example.com")),
                // The last check wants exactly its own identity, not a part of it.
                Arguments.of(IdentityMode.BOTH, Identity.ofEmail("alice@example.com")));
    }

    @ParameterizedTest
    @MethodSource("notTheCustomersOwn")
    void refusesToSignAnotherIdentityForACustomer(IdentityMode mode, Identity other) {
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED,
                () -> IdentityEntitlement.requireEntitled(ALICE, mode, other));
    }

    @ParameterizedTest
    @EnumSource(IdentityMode.class)
    void letsDelegateHaveAnyIdentitySigned(IdentityMode mode) {
        assertDoesNotThrow(() -> IdentityEntitlement.requireEntitled(DELEGATE, mode, Identity.ofExternalId("bob")));
        assertDoesNotThrow(() -> IdentityEntitlement.requireEntitled(DELEGATE, mode,
                new Identity("carol", "carol@example.com")));
    }

    @ParameterizedTest
    @EnumSource(IdentityMode.class)
    void refusesToSignForCallerWithoutARole(IdentityMode mode) {
        Identity ownName = IdentityEntitlement.own(NO_ROLE, mode);
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED,
                () -> IdentityEntitlement.requireEntitled(NO_ROLE, mode, ownName));
    }

    @ParameterizedTest
    @EnumSource(IdentityMode.class)
    void refusesToSignForCallerWithoutAName(IdentityMode mode) {
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED,
                () -> IdentityEntitlement.requireEntitled(NAMELESS_CUSTOMER, mode, Identity.ofExternalId("bob")));
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED,
                () -> IdentityEntitlement.requireEntitled(ANONYMOUS, mode, Identity.ofExternalId("bob")));
    }

    // callers known by two names (an access token)

    @Test
    void givesABearerCustomerItsExternalIdClaimAndItsVerifiedEmailEachInItsMode() {
        assertEquals(Identity.ofExternalId("7367f10f-sub"),
                IdentityEntitlement.resolve(UNVERIFIED_BEARER, IdentityMode.EXTERNAL_ID, Identity.NOBODY));
        assertEquals(Identity.ofEmail("erin@example.com"),
                IdentityEntitlement.resolve(CLAIMLESS_BEARER, IdentityMode.EMAIL, Identity.NOBODY));
        Caller both = new Caller(true, "7367f10f-sub", "Erin@Example.com", true, false);
        assertEquals(new Identity("7367f10f-sub", "erin@example.com"),
                IdentityEntitlement.resolve(both, IdentityMode.BOTH, Identity.NOBODY));
    }

    @Test
    void refusesAnUnverifiedEmailAsUnusableNotAsSomeoneElses() {
        for (IdentityMode mode : new IdentityMode[] {IdentityMode.EMAIL, IdentityMode.BOTH}) {
            ProblemException refused = assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                    () -> IdentityEntitlement.resolve(UNVERIFIED_BEARER, mode, Identity.NOBODY));
            assertEquals(true, refused.getMessage().contains("email_verified"), refused.getMessage());
            assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                    () -> IdentityEntitlement.requireEntitled(UNVERIFIED_BEARER, mode, Identity.ofEmail("erin@example.com")));
        }
    }

    @Test
    void refusesAMissingExternalIdClaimAsUnusable() {
        assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                () -> IdentityEntitlement.resolve(CLAIMLESS_BEARER, IdentityMode.EXTERNAL_ID, Identity.NOBODY));
        assertProblem(ProblemKind.CALLER_IDENTITY_UNUSABLE,
                () -> IdentityEntitlement.resolve(CLAIMLESS_BEARER, IdentityMode.BOTH, Identity.NOBODY));
    }

    @Test
    void aBearerCustomerStillCannotNameAnotherCustomer() {
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED, () -> IdentityEntitlement.resolve(UNVERIFIED_BEARER,
                IdentityMode.EXTERNAL_ID, Identity.ofExternalId("someone-else")));
        assertProblem(ProblemKind.IDENTITY_NOT_PERMITTED, () -> IdentityEntitlement.resolve(CLAIMLESS_BEARER,
                IdentityMode.EMAIL, Identity.ofEmail("alice@example.com")));
    }

    private static ProblemException assertProblem(ProblemKind kind, Executable call) {
        ProblemException refused = assertThrows(ProblemException.class, call);
        assertEquals(kind, refused.kind(), refused.getMessage());
        return refused;
    }
}
