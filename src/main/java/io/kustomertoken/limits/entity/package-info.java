/** The limits in force. */
package io.kustomertoken.limits.entity;
