/** The signing key value. Rule: its {@code toString} never shows key material. */
package io.kustomertoken.secret.entity;
