/**
 * The HTTP face of token issuing. Rules: the resource reads the caller's request and hands off
 * in one call; bodies are read bounded and strictly before any logic sees them; token responses
 * carry {@code Cache-Control: no-store}.
 */
package io.kustomertoken.tokens.boundary;
