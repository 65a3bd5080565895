/** A verified access token, the bearer caller's principal. */
package io.kustomertoken.bearer.entity;
