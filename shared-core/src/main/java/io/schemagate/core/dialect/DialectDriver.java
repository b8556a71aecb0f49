package io.schemagate.core.dialect;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.Failure;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.ReplaySemantics;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.sql.Dialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the lint pipeline needs to know about one database kind, in one place (Atlas keeps one driver per database
 * the same way): how its files split, where its dev databases come from, how its catalog is read, what its
 * migration tools create before the first file, and which analyzers know its locks and rewrites. The pipeline asks
 * the driver and never names a dialect; {@link Dialects} picks the driver.
 */
public interface DialectDriver {

    /** How files for this database split into statements. */
    Dialect sql();

    /** Opens the dev database {@code url} names; {@code url} is one this driver {@linkplain Dialects#forUrl serves}. */
    DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException;

    /**
     * Opens a database of this kind that already exists, read only: a plan's desired schema given as a URL. Nothing in
     * it is created, changed or dropped; {@code url} is one this driver {@linkplain Dialects#forUrl serves}.
     */
    DevDatabase openReadOnly(DevUrl url, DevSettings settings) throws DevDatabaseException;

    /**
     * The server product {@code db} runs, where one driver serves several whose catalogs read differently (MySQL and
     * MariaDB): a plan compares two databases only of one product.
     */
    default String product(DevDatabase db) throws SQLException {
        return sql().id();
    }

    /** Whether DDL rolls back with its transaction, and whether the driver runs batches of statements. */
    ReplaySemantics semantics();

    /** What to look at on the dev database before each statement of a new file runs; none by default. */
    default StatementProbe probe(DevDatabase db) throws SQLException {
        return StatementProbe.NONE;
    }

    /**
     * The rule a failed statement of a new file breaks when the database's refusal is a known hazard of the dialect
     * (SQLite refusing an ALTER: LT501, LT503); empty for a plain DI509.
     */
    default Optional<Rule> failureRule(Failure failure) {
        return Optional.empty();
    }

    /** Reads {@code db}'s schema after each statement of a new file. */
    Inspector inspector(DevDatabase db) throws SQLException;

    /** Statements that create the migration tool's own tables, run once before the first file. */
    List<String> toolTables(DirFormat format);

    /**
     * The analyzers for this database only (the dialect-neutral ones run for every database), for the server
     * {@code db} runs: MySQL and MariaDB differ in what an ALTER does.
     */
    List<Analyzer> analyzers(DevDatabase db) throws SQLException;

    /** Writes the DDL from one schema to another on this database, for the server {@code db} runs; none yet by default. */
    default Optional<SchemaPlanner> planner(DevDatabase db) {
        return Optional.empty();
    }
}
