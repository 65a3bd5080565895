/**
 * Identity values: the claims a token carries, the caller the container authenticated and the
 * configured identity mode. Plain records; no rule lives here.
 */
package io.kustomertoken.identity.entity;
