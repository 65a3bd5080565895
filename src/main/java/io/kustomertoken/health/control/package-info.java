/** What must hold for the service to sign, asked by both readiness answers. */
package io.kustomertoken.health.control;
