package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DevUrlTest {

    private static PostgresUrl postgres(String text) throws DevUrlException {
        return assertInstanceOf(PostgresUrl.class, DevUrl.parse(text));
    }

    private static String rejection(String text) {
        return assertThrows(DevUrlException.class, () -> DevUrl.parse(text)).getMessage();
    }

    @Test
    void fullPostgresUrl() throws DevUrlException {
        PostgresUrl url = postgres("postgres://ci:s3cret@db.example:6543/app?sslmode=require&search_path=app,public");
        assertEquals("postgres", url.scheme());
        assertEquals("ci", url.user());
        assertEquals("s3cret", url.password());
        assertEquals("db.example", url.host());
        assertEquals(6543, url.port());
        assertEquals("app", url.database());
        assertEquals(Map.of("sslmode", "require"), url.parameters());
        assertEquals(Optional.of("app,public"), url.searchPath());
        assertEquals("postgres://ci:****@db.example:6543/app?sslmode=require&search_path=app,public", url.masked());
        assertEquals(url.masked(), url.toString());
        assertFalse(url.toString().contains("s3cret"));
    }

    @Test
    void postgresqlSchemeIsKept() throws DevUrlException {
        assertEquals("postgresql://ci:****@db:5432/app", postgres("postgresql://ci:pw@db/app").masked());
    }

    @Test
    void defaults() throws DevUrlException {
        PostgresUrl bare = postgres("postgres://db");
        assertEquals("postgres", bare.user());
        assertEquals(5432, bare.port());
        assertEquals("postgres", bare.database());
        assertEquals(null, bare.password());
        assertEquals("postgres://postgres@db:5432/postgres", bare.masked());

        PostgresUrl userOnly = postgres("postgres://ci@db/");
        assertEquals("ci", userOnly.database(), "the database defaults to the user's name, as in libpq");

        assertEquals("localhost", postgres("postgres://ci:pw@/app").host());
    }

    @Test
    void passwordsWithSpecialCharacters() throws DevUrlException {
        assertEquals("p@ss:w+d/x", postgres("postgres://ci:p%40ss%3Aw+d%2Fx@db/app").password(), "'+' stays '+'");
        PostgresUrl unencoded = postgres("postgres://ci:p@s/s:x@db:5432/app");
        assertEquals("p@s/s:x", unencoded.password());
        assertEquals("db", unencoded.host());
        assertEquals("app", unencoded.database());
        assertEquals("caf\u00e9", postgres("postgres://ci:caf%C3%A9@db/app").password());
    }

    @Test
    void ipv6Host() throws DevUrlException {
        PostgresUrl url = postgres("postgres://ci@[::1]:6543/app");
        assertEquals("::1", url.host());
        assertEquals(6543, url.port());
        assertEquals("postgres://ci@[::1]:6543/app", url.masked());
    }

    @Test
    void withDatabaseKeepsTheRest() throws DevUrlException {
        PostgresUrl url = postgres("postgres://ci:pw@db:6543/app?sslmode=disable&search_path=x");
        PostgresUrl scratch = url.withDatabase("sg_dev_abc");
        assertEquals("postgres://ci:****@db:6543/sg_dev_abc?sslmode=disable&search_path=x", scratch.masked());
        assertEquals("pw", scratch.password());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgres://ci:hunter2pw@db:port/app | port \"port\" is not a number",
            "postgres://ci:hunter2pw@db:70000/app | out of range",
            "postgres://ci:hunter2pw@db/app?sslmode=maybe | sslmode \"maybe\"",
            "postgres://ci:hunter2pw@db/app?foo=1 | unknown parameter \"foo\"",
            "postgres://ci:hunter2pw@db/app?sslmode=require&sslmode=disable | given twice",
            "postgres://ci:hunter2pw@db/app?connect_timeout=soon | connect_timeout",
            "postgres://ci:hunter2pw@db/app?search_path= | search_path is empty",
            "postgres://ci:hunter2pw@db1,db2/app | several hosts",
            "postgres://ci:hunter2pw@db/app/extra | one database",
            "postgres://ci:hunt%zzer2pw@db/app | broken %-escape in the password",
            "postgres://ci:hunter2pw@db/app#x | fragment",
            "postgres://ci:hun?ter2pw@db/app | percent-encode '?'",
            "mysql://ci:hunter2pw@db/app?sslmode=maybe | sslmode \"maybe\"",
            "mariadb://ci:hunter2pw@db/app?charset=x | unknown parameter \"charset\"",
            "mysql://ci:hunter2pw@db/my-app | not a plain database name",
            "sqlite://dev?mode=disk | mode \"disk\"",
            "sqlite:// | name a file",
            "redis://ci:hunter2pw@db | unknown scheme \"redis\"",
            "ci:hunter2pw@db | not a URL",
    })
    void badUrlsNameTheUrlMasked(String text, String expected) {
        String message = rejection(text);
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("invalid dev URL \""), message);
        assertFalse(message.contains("hunter2pw") || message.contains("hunt%zzer") || message.contains("ter2pw"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void mysqlAndSqliteUrls() throws DevUrlException {
        MysqlUrl mysql = (MysqlUrl) DevUrl.parse("mysql://ci:hunter2pw@db/app?sslmode=verify-full");
        assertEquals("ci", mysql.user());
        assertEquals("hunter2pw", mysql.password());
        assertEquals(3306, mysql.port());
        assertEquals(java.util.Optional.of("app"), mysql.database());
        assertEquals("mysql://ci:****@db:3306/app?sslmode=verify-full", mysql.masked());
        MysqlUrl maria = (MysqlUrl) DevUrl.parse("mariadb://127.0.0.1:3307");
        assertEquals("root", maria.user());
        assertEquals("mariadb://root@127.0.0.1:3307/", maria.masked());
        SqliteUrl memory = (SqliteUrl) DevUrl.parse("sqlite://dev?mode=memory");
        assertTrue(memory.memory());
        assertEquals("sqlite://dev?mode=memory", memory.masked());
        assertTrue(((SqliteUrl) DevUrl.parse("sqlite://:memory:")).memory());
        SqliteUrl file = (SqliteUrl) DevUrl.parse("sqlite:///tmp/dev.db");
        assertEquals("/tmp/dev.db", file.location());
        assertFalse(file.memory());
    }

    @Test
    void passwordQueryParameterIsThePasswordAndIsMasked() throws DevUrlException {
        PostgresUrl url = postgres("postgres://ci@db/app?sslmode=disable&password=hunter2pw");
        assertEquals("hunter2pw", url.password());
        assertEquals(Map.of("sslmode", "disable"), url.parameters());
        assertEquals("postgres://ci:****@db:5432/app?sslmode=disable", url.masked());

        PostgresUrl both = postgres("postgres://ci:first@db/app?password=p%40ss%3Fw");
        assertEquals("p@ss?w", both.password(), "as in libpq, the parameter wins");
        assertFalse(both.masked().contains("first") || both.masked().contains("p@ss"), both.masked());
    }

    /** Shapes people really type, each with a password that must not survive into any message or masked URL. */
    private static final List<String> SHAPES = List.of(
            "postgres://u:%s@db/app?sslmode=bad",
            "postgres//u:%s@db/app",
            "postgres:/u:%s@db",
            "postgres:u:%s@db",
            "u:%s@db:5432/app",
            "//u:%s@db/app",
            "postgres:///u:%s@db:x/app",
            "postgres://u/x:%s@db:port/app",
            "postgres://u:%s@db:port/app",
            "postgres://u:%s",
            "postgres://postgres:%s/app",
            "postgresql://u:%s@db/a/b",
            "postgres://u:%s@db/app#frag",
            "  POSTGRES://u:%s@[::1/app",
            "postgres://u@db/app?password=%s",
            "postgres://u@db/app?sslmode=maybe&password=%s",
            "postgres://u@db/app?password=%s&password=again",
            "postgres://u@db/app?pass%%77ord=%s&foo=1",
            "postgres://u:%s@db/app?password=%s",
            "postgres://u:%s@db1,db2/app",
            "embedded://u:%s@postgres/16",
            "embedded://postgres/16?password=%s",
            "docker://postgres/16?password=%s",
            "mysql://u:%s@db/app",
            "mysql://u@db/app?password=%s",
            "mariadb://u:%s@db:port/app",
            "mysql://u:%s@db/app?sslmode=bad",
            "redis://u:%s@db");

    @ParameterizedTest
    @ValueSource(strings = {"Hunter2Secret", "p@ss/w0rd", "pa?ss#word", "a:b@c:d", "pa%zzword", "p%40ss%3Fw",
        "sp ace+plus", "caf\u00e9-pw", "trailing@"})
    void noShapeEverShowsThePassword(String password) {
        for (String shape : SHAPES) {
            String text = shape.replace("%s", password).replace("%%", "%");
            String shown;
            try {
                shown = DevUrl.parse(text).masked();
            } catch (DevUrlException e) {
                shown = e.getMessage();
                assertFalse(shown.contains("\n"), shown);
            }
            assertFalse(shown.contains(password), text + " -> " + shown);
            String decoded = UrlText.decode(password);
            assertFalse(decoded != null && decoded.length() > 3 && shown.contains(decoded), text + " -> " + shown);
        }
    }

    @Test
    void passwordsAreFoundRawAndDecodedInTextThatDoesNotParse() {
        assertEquals(Set.of("p%40ss", "p@ss"), UrlText.passwords("postgres//ci:p%40ss@db:x/app"));
        assertEquals(Set.of("pw", "pw2"), UrlText.passwords("postgres://ci:pw@db/app?password=pw2"));
        assertEquals(Set.of("secret"), UrlText.passwords("postgres://ci:secret"));
        assertEquals(Set.of(), UrlText.passwords("oci://localhost:5000/app:v1"));
        assertEquals(Set.of(), UrlText.passwords("postgres://ci@[::1]:5432/app"));
        assertEquals(Set.of(), UrlText.passwords("migrations"));
    }

    @Test
    void aHostlessUrlIsNotEchoedAsAPort() {
        String message = rejection("postgres://postgres:hunter2pw");
        assertTrue(message.contains("a password goes before '@'"), message);
        assertFalse(message.contains("hunter2pw"), message);
    }

    @Test
    void maskedInTheMessage() {
        assertTrue(rejection("postgres://ci:hunter2pw@db:port/app").contains("postgres://ci:****@db:port/app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyUrl(String text) {
        assertTrue(rejection(text).contains("empty"));
    }

    @Test
    void defaultUrlIsEmbeddedDefaultMajor() throws DevUrlException {
        assertEquals(new EmbeddedUrl(16, Optional.empty()), DevUrl.parse(DevUrl.DEFAULT_URL));
        assertEquals("embedded://postgres/16", DevUrl.parse(DevUrl.DEFAULT_URL).masked());
    }

    @ParameterizedTest
    @CsvSource({"embedded://postgres/14,14", "embedded://postgres/15,15", "embedded://postgres/16/,16",
            "embedded://postgres/17,17", "embedded://postgres/18,18", "EMBEDDED://postgres,16"})
    void embeddedMajors(String text, int major) throws DevUrlException {
        EmbeddedUrl url = assertInstanceOf(EmbeddedUrl.class, DevUrl.parse(text));
        assertEquals(major, url.major());
        assertEquals("embedded://postgres/" + major, url.masked());
    }

    @Test
    void embeddedSearchPath() throws DevUrlException {
        EmbeddedUrl url = assertInstanceOf(EmbeddedUrl.class, DevUrl.parse("embedded://postgres/17?search_path=app"));
        assertEquals(Optional.of("app"), url.searchPath());
        assertEquals("embedded://postgres/17?search_path=app", url.masked());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "embedded://postgres/13 | supported majors: 14, 15, 16, 17, 18",
            "embedded://postgres/19 | supported majors: 14, 15, 16, 17, 18",
            "embedded://postgres/16.4 | not a major version",
            "embedded://postgres/latest | not a major version",
            "embedded://oracle | supports postgres and mariadb",
            "embedded://mariadb/11 | expected embedded://mariadb",
            "embedded://postgres/16/app | expected embedded://postgres",
            "embedded://postgres/16?sslmode=disable | unknown parameter",
            "embedded://u:pw@postgres/16 | no user or password",
    })
    void badEmbeddedUrls(String text, String expected) {
        String message = rejection(text);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains(":pw@"), message);
    }

    @ParameterizedTest
    @CsvSource({
            "docker://postgres/16, POSTGRES, 16, 16, postgres, postgres:16, docker://postgres/16/postgres",
            "docker://postgres/17/dev, POSTGRES, 17, 17, dev, postgres:17, docker://postgres/17/dev",
            "docker://postgres/16.4-alpine/app, POSTGRES, 16.4-alpine, 16, app, postgres:16.4-alpine, docker://postgres/16.4-alpine/app",
            "docker://postgres, POSTGRES, 16, 16, postgres, postgres:16, docker://postgres/16/postgres",
            "docker://mysql/8, MYSQL, 8, 8, dev, mysql:8, docker://mysql/8/dev",
            "docker://mysql/8.4/app, MYSQL, 8.4, 8, app, mysql:8.4, docker://mysql/8.4/app",
            "docker://mariadb/11, MARIADB, 11, 11, dev, mariadb:11, docker://mariadb/11/dev",
            "docker://MariaDB/10.11/shop, MARIADB, 10.11, 10, shop, mariadb:10.11, docker://mariadb/10.11/shop",
    })
    void dockerUrls(String text, DockerUrl.Kind kind, String tag, int major, String database, String image, String masked)
            throws DevUrlException {
        DockerUrl url = assertInstanceOf(DockerUrl.class, DevUrl.parse(text));
        assertEquals(kind, url.kind());
        assertEquals(tag, url.tag());
        assertEquals(major, url.major());
        assertEquals(database, url.database());
        assertEquals(image, url.image());
        assertEquals(masked, url.masked());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "docker://postgres/latest | not a postgres image tag",
            "docker://mysql/latest | not a mysql image tag starting with the major, e.g. 8 or 8.4",
            "docker://oracle/23 | docker:// starts postgres, mysql or mariadb images, e.g. docker://postgres/16, docker://mysql/8 or docker://mariadb/11",
            "docker://postgres/9 | PostgreSQL 9 is too old; use 12 or newer",
            "docker://mysql/5.7 | MySQL 5 is too old; use 8 or newer",
            "docker://mariadb/5 | MariaDB 5 is too old; use 10 or newer",
            "docker://mariadb | name the image tag, e.g. docker://mariadb/11",
            "docker://mariadb/11?search_path=x | docker://mariadb takes no parameters",
            "docker://postgres/16/my-db | not a plain database name",
            "docker://mysql/8/a/b | expected docker://mysql/TAG or docker://mysql/TAG/DB",
    })
    void badDockerUrls(String text, String expected) {
        String message = rejection(text);
        assertTrue(message.contains(expected), message);
    }
}
