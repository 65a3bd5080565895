// Validates OpenAPI descriptions (files named on the command line) with swagger-parser: the
// OpenAPI 3.0 schema, and every $ref resolved. Exit 0 when all are valid; else each error.
import SwaggerParser from "@apidevtools/swagger-parser";

let invalid = 0;
for (const file of process.argv.slice(2)) {
    try {
        const api = await SwaggerParser.validate(file);
        console.log(`${file}: valid OpenAPI ${api.openapi}`);
    } catch (error) {
        invalid++;
        console.log(`${file}: INVALID: ${error.message}`);
    }
}
process.exit(invalid === 0 && process.argv.length > 2 ? 0 : 1);
