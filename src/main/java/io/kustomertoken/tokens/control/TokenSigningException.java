package io.kustomertoken.tokens.control;

/** jose4j could not sign; a server error, whose cause goes to the log only. */
public class TokenSigningException extends RuntimeException {

    public TokenSigningException(Throwable cause) {
        super("Signing the token failed", cause);
    }
}
