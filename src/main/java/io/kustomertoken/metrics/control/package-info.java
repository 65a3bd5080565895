/** Counts issued tokens and refusals, and times signing, through whichever metrics API the server has. */
package io.kustomertoken.metrics.control;
