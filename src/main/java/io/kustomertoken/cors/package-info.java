/**
 * Browser apps on other origins (CORS): the preflight a browser sends before its POST is answered
 * here, before any authentication, for the exact origins of {@code kustomer.cors.allowed-origins}
 * only; the answers to those origins carry {@code Access-Control-Allow-Origin} with the origin
 * itself, never {@code *} and never credentials. An empty list (the default) adds no CORS header
 * at all. A preflight spends no limit, issues nothing, and is audited only when refused.
 */
package io.kustomertoken.cors;
