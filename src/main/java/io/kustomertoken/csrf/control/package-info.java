/** Which requests signed in without an Authorization header pass: no container needed, unit-tested. */
package io.kustomertoken.csrf.control;
