/**
 * Execution off the event loop: {@link im.satellite.core.exec.KeyedSerialExecutor} gives every room or bridge its
 * own ordered lane on a bounded pool, the per-entity ordering Prosody gets from its single thread (STYLE 7.3).
 */
package im.satellite.core.exec;
