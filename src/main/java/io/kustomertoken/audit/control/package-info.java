/** Collects what each request of the API decided and writes its one audit line. */
package io.kustomertoken.audit.control;
