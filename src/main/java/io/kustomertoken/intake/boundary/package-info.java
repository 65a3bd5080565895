/**
 * Intake: a request body reaches the token API only once it has arrived whole, read without
 * holding a request thread, so callers who send slowly or stop half way starve no one.
 */
package io.kustomertoken.intake.boundary;
