/**
 * Which HTTP request the current thread serves, bound by a filter on each dispatch of the API
 * and by whoever answers outside it. A leaf: it knows no other feature.
 */
package io.kustomertoken.requests;
