/**
 * Runs the service on this machine for trying it out: {@code mvn -Prun package} builds the WAR and
 * starts it on embedded Payara at {@code http://127.0.0.1:8080/kustomer} with the demo accounts of
 * {@link io.kustomertoken.testsupport.DemoAccounts} and a made-up secret, until Ctrl-C.
 *
 * <p>Test code on purpose: none of it is in the WAR, and a real server is configured by its
 * administrator, not by this launcher. Everything it opens listens on 127.0.0.1 only.
 * {@code KUSTOMER_SECRET} or {@code -Dkustomer.secret}, and {@code KUSTOMER_PORT} or
 * {@code -Dkustomer.port}, replace the demo secret and port 8080.
 */
package io.kustomertoken.demo;
