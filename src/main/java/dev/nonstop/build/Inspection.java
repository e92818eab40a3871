package dev.nonstop.build;

import dev.nonstop.source.Detection;
import dev.nonstop.source.ResolvedRef;

/** What the portal found in a repository before the first build: the commit, and what will happen. */
public record Inspection(ResolvedRef ref, Detection detection, String suggestedName) {
}
