/**
 * A bearer customer's own names, read from its verified access token, and the settings check
 * that stops a deployment which would accept tokens meant for another audience.
 */
package io.kustomertoken.bearer.control;
