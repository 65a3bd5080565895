/** What one audited decision says, and its line of JSON. */
package io.kustomertoken.audit.entity;
