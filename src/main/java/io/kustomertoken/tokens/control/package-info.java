/**
 * Issuing and signing tokens. Rule: {@link io.kustomertoken.tokens.control.TokenSigner} is the
 * only class that signs, and its public method is {@link
 * io.kustomertoken.identity.control.IdentityChecked}, so no path signs an unchecked identity.
 */
package io.kustomertoken.tokens.control;
