/** Token buckets per caller and per named customer, bounded in memory, and the settings that size them. */
package io.kustomertoken.limits.control;
