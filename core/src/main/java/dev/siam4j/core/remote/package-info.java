/**
 * Balancing, retry and failover over several replicas of a remote service: the one piece of code
 * every remote backend of siam4j uses (OpenAI-compatible model servers, SandboxFusion sandboxes).
 *
 * <p>An {@link dev.siam4j.core.remote.EndpointPool} sends each call to the live endpoint with the
 * fewest calls outstanding, within each endpoint's in-flight limit; retries a retriable failure
 * (connection refused or reset, timeout, HTTP 408, 429 or 5xx) on another endpoint after a
 * back-off; marks an endpoint down after repeated failures and probes it back later; and fails a
 * call, naming every endpoint and its last failure, only when all of them are down. Components built
 * on a pool report their total in-flight capacity through {@link dev.siam4j.core.remote.Capacity},
 * which a caller uses to size its own concurrency.
 */
package dev.siam4j.core.remote;
