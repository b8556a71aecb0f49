package io.schemagate.core.replay;

import io.schemagate.core.schema.Catalog;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads the dev database's schema from its catalogs (never table rows). One per dialect. */
@FunctionalInterface
public interface Inspector {
    Catalog inspect(Connection connection) throws SQLException;
}
