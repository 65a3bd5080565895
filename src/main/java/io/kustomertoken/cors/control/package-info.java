/** What the allow-list says and what a preflight may ask for: no container needed, unit-tested. */
package io.kustomertoken.cors.control;
