/** Hooks the audit trail to the end of each request. */
package io.kustomertoken.audit.boundary;
