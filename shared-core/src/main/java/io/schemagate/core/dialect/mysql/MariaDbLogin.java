package io.schemagate.core.dialect.mysql;

/**
 * How to reach a running embedded MariaDB server: TCP on loopback, its superuser {@code root} with the run's random
 * password, no TLS (the traffic never leaves the machine).
 *
 * @param version what {@code SELECT VERSION()} says, e.g. {@code 11.4.5-MariaDB}
 */
public record MariaDbLogin(String host, int port, String user, String password, String version) {

    /** A {@code jdbc:mariadb:} URL for the server, without a default database and without credentials. */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/";
    }

    /** A {@code jdbc:mariadb:} URL with {@code database} as the default database, without credentials. */
    public String jdbcUrl(String database) {
        return jdbcUrl() + database;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " (" + version + ")"; // never the password
    }
}
