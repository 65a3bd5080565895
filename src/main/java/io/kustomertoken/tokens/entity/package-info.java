/** What the service answers with. Rule: {@code toString} never shows a token. */
package io.kustomertoken.tokens.entity;
