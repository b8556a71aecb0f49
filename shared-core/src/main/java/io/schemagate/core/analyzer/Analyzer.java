package io.schemagate.core.analyzer;

/** One family of lint rules. Analyzers look at a new file's replay and report what is risky in it. */
public interface Analyzer {
    void analyze(Pass pass);
}
