/**
 * Kustomer's secret: read through MicroProfile Config ({@code kustomer.secret}) and checked in
 * one bean. Rules: the secret is never logged, never in a response, never in {@code
 * microprofile-config.properties}; its bytes live in a {@code byte[]} only while the key is made.
 */
package io.kustomertoken.secret.control;
