/**
 * Tests of the administrator's tool {@code server-config/shared/java/io/kustomertoken/admin/KustomerSecretFetch.java}, which
 * Maven compiles into this package as a test source: in-process against
 * {@link io.kustomertoken.testsupport.StubKustomerApi}, and once through the JDK's source launcher.
 */
package io.kustomertoken.admin;
