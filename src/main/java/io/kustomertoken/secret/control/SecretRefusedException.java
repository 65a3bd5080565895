package io.kustomertoken.secret.control;

/** The configured secret cannot sign. The message names the property and never its value. */
public class SecretRefusedException extends RuntimeException {

    public SecretRefusedException(String message) {
        super(message, null, false, false);
    }
}
