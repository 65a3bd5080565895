/** The events: values only, never a token, a signature, a secret or a password. */
package io.kustomertoken.outcomes.entity;
