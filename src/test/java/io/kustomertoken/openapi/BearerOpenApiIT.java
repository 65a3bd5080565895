package io.kustomertoken.openapi;

import io.kustomertoken.testsupport.AgainstBearerWar;
import org.junit.jupiter.api.Test;

/** kustomer-bearer.war's description at the server's {@code /openapi}: the same contract, bearer login. */
class BearerOpenApiIT extends AgainstBearerWar {

    @Test
    void describesTheTokenOperationWithBearerLogin() throws Exception {
        OpenApiContract served = OpenApiContract.servedFor(deployment);
        served.documentsEveryStatusOfTheContractAndNoOther();
        served.documentsEveryProblemTypeUnderItsStatus();
        served.problemSchemaNamesEveryKind();
        served.documentsBothRequestShapes();
        served.documentsTheToken();
        served.asksForLogin("bearer");
    }
}
