/** The edge's decisions without a container: header grammar, the state of a body being read. */
package io.kustomertoken.edge.control;
