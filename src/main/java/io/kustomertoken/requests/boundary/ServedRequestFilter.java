package io.kustomertoken.requests.boundary;

import io.kustomertoken.requests.control.ServedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Tells {@link ServedRequest} which request the API is serving, on each dispatch of it. */
public class ServedRequestFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ServedRequest.serve(request, () -> chain.doFilter(request, response));
    }
}
