package io.schemagate.core.migrate;

/** Whether a file (or Liquibase changeset) runs inside a transaction of its own. */
public enum TxMode {
    /** One transaction per file: the default of every tool. */
    FILE,
    /** No transaction: each statement commits on its own (needed by CREATE INDEX CONCURRENTLY). */
    NONE
}
