/**
 * The access token checked (the provider's keys, parsed once per fetch, and the MP-JWT checks), a
 * bearer customer's own names read from it, and the settings check that stops a deployment which
 * would accept tokens meant for another audience.
 */
package io.kustomertoken.bearer.control;
