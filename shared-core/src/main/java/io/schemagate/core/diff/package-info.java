/**
 * {@code migrate diff}, {@code schema plan} and {@code migrate lint --to}: the directory's end state and a desired schema
 * on two scratch databases, the dialect's plan between them rendered as the directory's next files (named the
 * directory's way), checked on the dev database before anything is written, linted like new files, or reported as
 * drift (DI518).
 */
package io.schemagate.core.diff;
