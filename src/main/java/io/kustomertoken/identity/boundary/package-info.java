/** Where the identity feature meets the servlet container. */
package io.kustomertoken.identity.boundary;
