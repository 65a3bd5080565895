/**
 * How the service reads its settings: through MicroProfile Config, again at most once per
 * {@code kustomer.config.reread-ms} (default 1 s). Rule: a request never waits for a read that
 * another request is already doing; it signs with the settings of the previous read, which are
 * then at most one interval plus one read old. A setting that cannot be used is remembered as
 * such, so a bad configuration is logged once per read, not once per request.
 */
package io.kustomertoken.settings.control;
