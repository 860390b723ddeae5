/** Executors that run programs on a remote sandbox service (SandboxFusion's run_code API). */
package dev.siam4j.sandbox.remote;
