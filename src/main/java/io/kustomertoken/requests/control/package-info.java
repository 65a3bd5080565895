/** The served request, thread-bound for the length of one dispatch. */
package io.kustomertoken.requests.control;
