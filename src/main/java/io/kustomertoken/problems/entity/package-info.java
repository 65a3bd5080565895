/**
 * Problem documents (RFC 9457) and the one exception type that carries them. Rule: a detail is
 * written for the caller; nothing a library or the JVM says reaches a response body.
 */
package io.kustomertoken.problems.entity;
