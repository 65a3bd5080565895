package io.kustomertoken.openapi;

import io.kustomertoken.testsupport.AgainstBearerWar;
import org.junit.jupiter.api.Test;

/** kustomer-bearer.war's description at the server's {@code /openapi}: the same contract, bearer login. */
class BearerOpenApiIT extends AgainstBearerWar {

    @Test
    void describesTheTokenOperationWithBearerLogin() throws Exception {
        OpenApiContract.servedFor(deployment).holdsWithLogin("bearer");
    }
}
