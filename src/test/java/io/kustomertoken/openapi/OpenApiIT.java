package io.kustomertoken.openapi;

import io.kustomertoken.testsupport.AgainstDeployedWar;
import org.junit.jupiter.api.Test;

/** kustomer.war's description at the server's {@code /openapi}, against the contract. */
class OpenApiIT extends AgainstDeployedWar {

    @Test
    void describesTheTokenOperationAsTheServiceAnswersIt() throws Exception {
        OpenApiContract served = OpenApiContract.servedFor(deployment);
        served.documentsEveryStatusOfTheContractAndNoOther();
        served.documentsEveryProblemTypeUnderItsStatus();
        served.problemSchemaNamesEveryKind();
        served.documentsBothRequestShapes();
        served.documentsTheToken();
        served.asksForLogin("basic");
    }
}
