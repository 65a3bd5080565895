package io.kustomertoken.limits.control;

/** The limits cannot be applied as configured; the message names the property and what to do. */
class LimitsRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LimitsRefusedException(String message) {
        super(message, null, false, false);
    }
}
