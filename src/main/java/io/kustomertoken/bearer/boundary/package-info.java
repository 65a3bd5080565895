/** What switches the container to MP-JWT for this WAR. */
package io.kustomertoken.bearer.boundary;
