package io.kustomertoken.identity.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a method whose only parameter is the {@link io.kustomertoken.identity.entity.Identity}
 * about to be signed: the identity rules and the caller's entitlement are checked first, and
 * the method receives the checked (normalised) identity.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface IdentityChecked {
}
