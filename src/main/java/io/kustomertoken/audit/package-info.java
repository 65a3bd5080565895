/**
 * The audit trail: who got a token for whom and when, and every refusal with its problem type,
 * one line of JSON each on the {@code io.kustomertoken.audit} logger.
 */
package io.kustomertoken.audit;
