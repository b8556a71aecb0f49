package io.schemagate.core.dialect.mysql;

/** The MySQL rules on the embedded MariaDB, the default dev database of MySQL directories. */
class EmbeddedMariaDbLintTest extends MysqlRulesContract {
    @Override
    String devUrl() {
        return "embedded://mariadb";
    }
}
