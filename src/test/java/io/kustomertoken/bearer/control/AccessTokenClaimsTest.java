package io.kustomertoken.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How claim values, as either server gives them, become names and settings are judged. */
class AccessTokenClaimsTest {

    @Test
    void aStringClaimIsANameInEitherForm() {
        assertEquals("alice", AccessTokenNames.text("alice"));
        assertEquals("alice", AccessTokenNames.text(Json.createValue("alice")));
    }

    @Test
    void anythingButAStringIsNoName() {
        assertNull(AccessTokenNames.text(null));
        assertNull(AccessTokenNames.text(42L));
        assertNull(AccessTokenNames.text(Json.createValue(42)));
        assertNull(AccessTokenNames.text(List.of("alice")));
        assertNull(AccessTokenNames.text(JsonValue.TRUE));
    }

    @Test
    void onlyATrueBooleanVerifiesAnEmail() {
        assertTrue(AccessTokenNames.isTrue(Boolean.TRUE));
        assertTrue(AccessTokenNames.isTrue(JsonValue.TRUE));
        assertFalse(AccessTokenNames.isTrue(Boolean.FALSE));
        assertFalse(AccessTokenNames.isTrue(JsonValue.FALSE));
        assertFalse(AccessTokenNames.isTrue("true"));
        assertFalse(AccessTokenNames.isTrue(Json.createValue("true")));
        assertFalse(AccessTokenNames.isTrue(null));
    }

    @Test
    void theExternalIdClaimMustBeAPlainClaimName() {
        assertTrue(BearerSettings.claimFault("sub").isEmpty());
        assertTrue(BearerSettings.claimFault("preferred_username").isEmpty());
        assertTrue(BearerSettings.claimFault("https:customer-id").isEmpty());
        assertFalse(BearerSettings.claimFault("").isEmpty());
        assertFalse(BearerSettings.claimFault("two words").isEmpty());
        assertFalse(BearerSettings.claimFault("x".repeat(65)).isEmpty());
    }

    @Test
    void theEmailClaimCannotBeTheExternalIdBecauseItMayBeUnverified() {
        assertTrue(BearerSettings.claimFault("email").get().contains("kustomer.token.identity=email"));
    }
}
