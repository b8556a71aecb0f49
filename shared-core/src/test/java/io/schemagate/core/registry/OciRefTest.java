package io.schemagate.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.DirFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciRefTest {
    @Test
    void parsesTagsDigestsAndPorts() throws RegistryException {
        OciRef r = OciRef.parse("oci://localhost:5000/team/app:v1.2");
        assertEquals("localhost:5000", r.registry());
        assertEquals("localhost", r.host());
        assertEquals("team/app", r.repository());
        assertEquals("v1.2", r.tag());
        OciRef d = OciRef.parse("oci://ghcr.io/acme/m@sha256:" + "a".repeat(64));
        assertNull(d.tag());
        assertEquals("sha256:" + "a".repeat(64), d.reference());
        assertEquals("latest", OciRef.parse("oci://ghcr.io/acme/m").reference());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/acme/m", "oci://ghcr.io", "oci://ghcr.io/Acme/m", "oci://ghcr.io/acme/m:bad tag",
        "oci://ghcr.io/acme/m@sha256:xyz", "oci:///acme"})
    void rejectsBadReferences(String text) {
        RegistryException e = assertThrows(RegistryException.class, () -> OciRef.parse(text));
        assertEquals(RegistryException.Kind.BAD_REFERENCE, e.kind());
    }

    @Test
    void loopbackOnlyForLiteralLoopback() {
        assertTrue(RegistryClient.loopback("localhost"));
        assertTrue(RegistryClient.loopback("127.0.0.1"));
        assertTrue(RegistryClient.loopback("::1"));
        assertFalse(RegistryClient.loopback("ghcr.io"));
        assertFalse(RegistryClient.loopback("10.0.0.1"));
        assertEquals("registry-1.docker.io", RegistryClient.apiHost("docker.io"));
        assertEquals("ghcr.io", RegistryClient.apiHost("ghcr.io"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.sql", "/etc/passwd", "a/../../x.sql", "a\\b.sql", "sub/1_a.sql", "", "./1.sql",
        "C:x.sql", "a\nb.sql"})
    void refusesUnsafeNamesForFlatFormats(String name) throws RegistryException {
        OciRef ref = OciRef.parse("oci://localhost/x");
        assertThrows(RegistryException.class,
                () -> MigrationArtifact.checkName(ref, name, DirFormat.byId("atlas").orElseThrow()));
    }

    @Test
    void nestingFormatsAllowPlainSubdirectories() throws RegistryException {
        OciRef ref = OciRef.parse("oci://localhost/x");
        MigrationArtifact.checkName(ref, "sub/V1__a.sql", DirFormat.byId("flyway").orElseThrow());
        assertThrows(RegistryException.class,
                () -> MigrationArtifact.checkName(ref, "sub/../../V1__a.sql", DirFormat.byId("flyway").orElseThrow()));
    }
}
