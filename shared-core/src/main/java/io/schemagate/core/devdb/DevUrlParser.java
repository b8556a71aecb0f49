package io.schemagate.core.devdb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns {@code --dev-url} text into a {@link DevUrl}; every rejection names the URL masked and says what to write. */
final class DevUrlParser {

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** libpq parameters pgjdbc understands the same way, plus {@code search_path}; {@code password} is taken out. */
    private static final Set<String> POSTGRES_PARAMETERS =
            Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "search_path", "password");
    private static final Set<String> MYSQL_PARAMETERS = Set.of("sslmode", "connect_timeout", "password");
    private static final Set<String> MYSQL_SSL_MODES = Set.of("disable", "trust", "verify-ca", "verify-full");
    private static final Pattern MAJOR = Pattern.compile("\\d{1,3}");
    /** An image tag that starts with the major: {@code 16}, {@code 16.4}, {@code 16-alpine}, {@code 16.4-bookworm}. */
    private static final Pattern DOCKER_TAG = Pattern.compile("(\\d{1,3})([.-][A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private DevUrlParser() {
    }

    static DevUrl parse(String text) throws DevUrlException {
        if (text == null || text.isBlank()) {
            throw new DevUrlException("the dev URL is empty; use e.g. " + DevUrl.DEFAULT_URL
                    + ", embedded://postgres/17 or postgres://USER:PASS@HOST:5432/DB");
        }
        String raw = text.strip();
        int separator = raw.indexOf("://");
        if (separator <= 0) {
            throw bad(raw, "not a URL; use e.g. " + DevUrl.DEFAULT_URL + " or postgres://USER:PASS@HOST:5432/DB");
        }
        String scheme = raw.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = raw.substring(separator + 3);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            throw bad(raw, "a dev URL has no #fragment (percent-encode '#' in a password as %23)");
        }
        return switch (scheme) {
            case "postgres", "postgresql" -> postgres(raw, scheme, rest);
            case "embedded" -> embedded(raw, rest);
            case "docker" -> docker(raw, rest);
            case "mysql", "mariadb" -> mysql(raw, scheme, rest);
            case "sqlite" -> sqlite(raw, rest);
            default -> throw bad(raw, "unknown scheme \"" + scheme + "\"; use postgres://, mysql://, mariadb://, sqlite://,"
                    + " embedded://postgres or docker://postgres/MAJOR");
        };
    }

    /** {@code user:pass@host:port/db?query} of a database service URL, parsed the same way for every scheme. */
    private record Server(String user, String password, String host, int port, String database, String query) {
    }

    private static Server server(String raw, String scheme, String rest, String defaultUser, int defaultPort) throws DevUrlException {
        // The password may hold '@' and '/' unencoded (people paste them so); a '?' must be percent-encoded.
        int queryStart = rest.indexOf('?');
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        if (query.indexOf('@') >= 0) {
            // Most likely a password with an unencoded '?'; say so without echoing any part of it.
            throw bad(raw, "'@' after '?': percent-encode '?' in the password as %3F");
        }
        int at = beforeQuery.lastIndexOf('@');
        String user = defaultUser;
        String password = null;
        if (at >= 0) {
            String userInfo = beforeQuery.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!rawUser.isEmpty()) {
                user = decoded(raw, rawUser, "user");
            }
            if (colon >= 0) {
                password = decoded(raw, userInfo.substring(colon + 1), "password");
            }
        }
        String hostAndPath = beforeQuery.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String hostPort = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);

        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad(raw, "unclosed '[' in the host");
            }
            host = hostPort.substring(1, close);
            String afterHost = hostPort.substring(close + 1);
            if (!afterHost.isEmpty()) {
                if (!afterHost.startsWith(":")) {
                    throw bad(raw, "expected ':PORT' after the IPv6 address");
                }
                portText = afterHost.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
            host = decoded(raw, host, "host");
        }
        if (host.indexOf(',') >= 0) {
            throw bad(raw, "several hosts are not supported; name one server");
        }
        if (host.isEmpty()) {
            host = "localhost"; // libpq would use a Unix socket here; pgjdbc speaks TCP only
        }
        int port = defaultPort;
        if (portText != null && !portText.isEmpty()) {
            if (at < 0 && !portText.matches("\\d+")) {
                // postgres://user:secret without '@HOST': the "port" is a password; never echo it.
                throw bad(raw, "the text after ':' is not a port number; a password goes before '@', as in"
                        + " " + scheme + "://USER:PASS@HOST:" + defaultPort + "/DB");
            }
            port = port(raw, portText);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.indexOf('/') >= 0) {
            throw bad(raw, "the path names one database, e.g. /app");
        }
        String database = path.isEmpty() ? null : decoded(raw, path, "database");
        return new Server(user, password, host, port, database, query);
    }

    private static PostgresUrl postgres(String raw, String scheme, String rest) throws DevUrlException {
        Server server = server(raw, scheme, rest, PostgresUrl.DEFAULT_USER, PostgresUrl.DEFAULT_PORT);
        String user = server.user();
        String password = server.password();
        String database = server.database() == null ? user : server.database();
        String query = server.query();

        Map<String, String> parameters = parameters(raw, query);
        for (String key : parameters.keySet()) {
            if (!POSTGRES_PARAMETERS.contains(key)) {
                throw bad(raw, "unknown parameter \"" + key + "\"; supported: " + String.join(", ", sorted(POSTGRES_PARAMETERS)));
            }
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw bad(raw, "sslmode \"" + sslMode + "\" is not one of " + String.join(", ", sorted(SSL_MODES)));
        }
        String connectTimeout = parameters.get("connect_timeout");
        if (connectTimeout != null && !connectTimeout.matches("\\d{1,6}")) {
            throw bad(raw, "connect_timeout is a number of seconds, not \"" + connectTimeout + "\"");
        }
        Optional<String> searchPath = searchPath(raw, parameters.remove("search_path"));
        if (parameters.containsKey("password")) {
            password = parameters.remove("password"); // as in libpq, the parameter wins over the user info
        }
        return new PostgresUrl(scheme, user, password, server.host(), server.port(), database, parameters, searchPath);
    }

    private static MysqlUrl mysql(String raw, String scheme, String rest) throws DevUrlException {
        Server server = server(raw, scheme, rest, MysqlUrl.DEFAULT_USER, MysqlUrl.DEFAULT_PORT);
        Map<String, String> parameters = parameters(raw, server.query());
        for (String key : parameters.keySet()) {
            if (!MYSQL_PARAMETERS.contains(key)) {
                throw bad(raw, "unknown parameter \"" + key + "\"; supported: " + String.join(", ", sorted(MYSQL_PARAMETERS)));
            }
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode != null && !MYSQL_SSL_MODES.contains(sslMode)) {
            throw bad(raw, "sslmode \"" + sslMode + "\" is not one of " + String.join(", ", sorted(MYSQL_SSL_MODES)));
        }
        String connectTimeout = parameters.get("connect_timeout");
        if (connectTimeout != null && !connectTimeout.matches("\\d{1,6}")) {
            throw bad(raw, "connect_timeout is a number of seconds, not \"" + connectTimeout + "\"");
        }
        String password = server.password();
        if (parameters.containsKey("password")) {
            password = parameters.remove("password");
        }
        if (server.database() != null && !DATABASE_NAME.matcher(server.database()).matches()) {
            throw bad(raw, "\"" + server.database() + "\" is not a plain database name (letters, digits, _)");
        }
        return new MysqlUrl(scheme, server.user(), password, server.host(), server.port(),
                Optional.ofNullable(server.database()), parameters);
    }

    private static SqliteUrl sqlite(String raw, String rest) throws DevUrlException {
        int queryStart = rest.indexOf('?');
        String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
        Map<String, String> query = parameters(raw, queryStart < 0 ? "" : rest.substring(queryStart + 1));
        for (String key : query.keySet()) {
            if (!key.equals("mode")) {
                throw bad(raw, "unknown parameter \"" + key + "\"; supported: mode=memory");
            }
        }
        String mode = query.get("mode");
        if (mode != null && !mode.equals("memory")) {
            throw bad(raw, "mode \"" + mode + "\" is not supported; use mode=memory or a file path without it");
        }
        String decoded = decoded(raw, location, "path");
        if (decoded.isEmpty()) {
            throw bad(raw, "name a file (sqlite://dev.db) or an in-memory database (sqlite://dev?mode=memory)");
        }
        // sqlite://:memory: is how SQLite's own tools spell an in-memory database, not a file of that name.
        return new SqliteUrl(decoded, mode != null || decoded.equals(":memory:"));
    }

    private static DevUrl embedded(String raw, String rest) throws DevUrlException {
        Target target = target(raw, rest);
        if (target.engine.equals("mariadb") || target.engine.equals("mysql")) {
            if (target.segments.length > 0 || !target.query.isEmpty()) {
                throw bad(raw, "expected embedded://mariadb (schemagate picks the version)");
            }
            return new EmbeddedMariaDbUrl();
        }
        if (!target.engine.equals("postgres")) {
            throw bad(raw, "embedded:// supports postgres and mariadb, e.g. embedded://postgres/" + EmbeddedUrl.DEFAULT_MAJOR);
        }
        if (target.segments.length > 1) {
            throw bad(raw, "expected embedded://postgres or embedded://postgres/MAJOR");
        }
        int major = EmbeddedUrl.DEFAULT_MAJOR;
        if (target.segments.length == 1) {
            String text = target.segments[0];
            if (!MAJOR.matcher(text).matches()) {
                throw bad(raw, "\"" + text + "\" is not a major version; use e.g. embedded://postgres/" + EmbeddedUrl.DEFAULT_MAJOR
                        + " (schemagate picks the minor)");
            }
            major = Integer.parseInt(text);
        }
        if (!EmbeddedBinaries.SUPPORTED_MAJORS.contains(major)) {
            throw bad(raw, "embedded PostgreSQL " + major + " is not available; supported majors: "
                    + EmbeddedBinaries.supportedMajorsText());
        }
        return new EmbeddedUrl(major, searchPathOnly(raw, target.query));
    }

    private static DockerUrl docker(String raw, String rest) throws DevUrlException {
        Target target = target(raw, rest);
        DockerUrl.Kind kind = DockerUrl.Kind.named(target.engine).orElseThrow(() -> bad(raw,
                "docker:// starts postgres, mysql or mariadb images, e.g. docker://postgres/" + EmbeddedUrl.DEFAULT_MAJOR
                        + ", docker://mysql/8 or docker://mariadb/11"));
        String form = "docker://" + kind.image() + "/TAG or docker://" + kind.image() + "/TAG/DB";
        if (target.segments.length > 2) {
            throw bad(raw, "expected " + form);
        }
        if (target.segments.length == 0 && kind != DockerUrl.Kind.POSTGRES) {
            throw bad(raw, "name the image tag, e.g. " + example(kind));
        }
        String tag = target.segments.length == 0 ? String.valueOf(EmbeddedUrl.DEFAULT_MAJOR) : target.segments[0];
        Matcher matcher = DOCKER_TAG.matcher(tag);
        if (!matcher.matches()) {
            throw bad(raw, "\"" + tag + "\" is not a " + kind.image() + " image tag starting with the major, e.g. "
                    + (kind == DockerUrl.Kind.POSTGRES ? "16 or 16.4-alpine" : kind == DockerUrl.Kind.MYSQL ? "8 or 8.4" : "11 or 10.11"));
        }
        int major = Integer.parseInt(matcher.group(1));
        if (major < kind.minMajor()) {
            throw bad(raw, displayName(kind) + " " + major + " is too old; use " + kind.minMajor() + " or newer");
        }
        String database = kind.defaultDatabase();
        if (target.segments.length == 2) {
            database = target.segments[1];
            if (!DATABASE_NAME.matcher(database).matches()) {
                throw bad(raw, "\"" + database + "\" is not a plain database name (letters, digits, _)");
            }
        }
        Optional<String> searchPath = Optional.empty();
        if (kind == DockerUrl.Kind.POSTGRES) {
            searchPath = searchPathOnly(raw, target.query);
        } else if (!target.query.isEmpty()) {
            throw bad(raw, "docker://" + kind.image() + " takes no parameters");
        }
        return new DockerUrl(kind, tag, major, database, searchPath);
    }

    private static String example(DockerUrl.Kind kind) {
        return switch (kind) {
            case POSTGRES -> "docker://postgres/" + EmbeddedUrl.DEFAULT_MAJOR;
            case MYSQL -> "docker://mysql/8";
            case MARIADB -> "docker://mariadb/11";
        };
    }

    private static String displayName(DockerUrl.Kind kind) {
        return switch (kind) {
            case POSTGRES -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case MARIADB -> "MariaDB";
        };
    }

    /** {@code ENGINE/SEG/SEG?query} of the embedded and docker schemes. */
    private record Target(String engine, String[] segments, Map<String, String> query) {
    }

    private static Target target(String raw, String rest) throws DevUrlException {
        int queryStart = rest.indexOf('?');
        String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
        Map<String, String> query = parameters(raw, queryStart < 0 ? "" : rest.substring(queryStart + 1));
        if (path.indexOf('@') >= 0) {
            throw bad(raw, "this scheme takes no user or password");
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.split("/", -1);
        String engine = parts[0].toLowerCase(Locale.ROOT);
        String[] segments = new String[parts.length - 1];
        System.arraycopy(parts, 1, segments, 0, segments.length);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw bad(raw, "empty path segment");
            }
        }
        return new Target(engine, segments, query);
    }

    private static Optional<String> searchPathOnly(String raw, Map<String, String> query) throws DevUrlException {
        for (String key : query.keySet()) {
            if (!key.equals("search_path")) {
                throw bad(raw, "unknown parameter \"" + key + "\"; supported: search_path");
            }
        }
        return searchPath(raw, query.get("search_path"));
    }

    private static Optional<String> searchPath(String raw, String value) throws DevUrlException {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw bad(raw, "search_path is empty");
        }
        return Optional.of(value);
    }

    private static Map<String, String> parameters(String raw, String query) throws DevUrlException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw bad(raw, "parameter \"" + pair + "\" has no value; write KEY=VALUE");
            }
            String key = decoded(raw, pair.substring(0, equals), "parameter name");
            String value = decoded(raw, pair.substring(equals + 1), "parameter " + key);
            if (parameters.put(key, value) != null) {
                throw bad(raw, "parameter \"" + key + "\" is given twice");
            }
        }
        return parameters;
    }

    private static int port(String raw, String text) throws DevUrlException {
        if (!text.matches("\\d{1,5}")) {
            throw bad(raw, "port \"" + text + "\" is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw bad(raw, "port " + port + " is out of range 1-65535");
        }
        return port;
    }

    private static String decoded(String raw, String text, String what) throws DevUrlException {
        String value = UrlText.decode(text);
        if (value == null) {
            throw bad(raw, "broken %-escape in the " + what);
        }
        return value;
    }

    private static String[] sorted(Set<String> values) {
        return values.stream().sorted().toArray(String[]::new);
    }

    private static DevUrlException bad(String raw, String problem) {
        return new DevUrlException("invalid dev URL \"" + UrlText.maskRaw(raw) + "\": " + problem);
    }
}
