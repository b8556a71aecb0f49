/**
 * Locks observed on the dev database: which relation each statement of a new file locked, in which mode, and how long
 * the lock then stays held; what a mode blocks, for reviewers who do not know lock names.
 */
package io.schemagate.core.lock;
