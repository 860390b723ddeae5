/** A bounded cache of executions for deterministic programs, as a decorator of any executor. */
package dev.siam4j.sandbox.cache;
