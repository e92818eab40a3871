package dev.nonstop.sandbox;

/** A sandbox node as the admin page lists it. */
public record SandboxNode(String name, String zone, boolean ready, int pods) {
}
