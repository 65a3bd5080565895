package io.kustomertoken.openapi;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import org.junit.jupiter.api.Test;

/** kustomer.war's description at the server's {@code /openapi}, against the contract. */
class OpenApiIT extends AgainstDeployedWar {

    @Test
    void describesTheTokenOperationAsTheServiceAnswersIt() throws Exception {
        OpenApiContract.servedFor(deployment).holdsWithLogin("basic");
    }
}
