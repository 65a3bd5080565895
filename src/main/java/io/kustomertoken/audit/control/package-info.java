/** Writes the one audit line of each answered request of the API. */
package io.kustomertoken.audit.control;
