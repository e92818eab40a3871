package dev.nonstop.source;

import java.util.List;

/** What a ref named: the commit, the full ref name, and the branches the repository has (for choosing). */
public record ResolvedRef(GitSource source, String commit, String refName, List<String> branches) {

    /** The branch or tag as users know it ("main", "v1.2"), or the commit id. */
    public String shortName() {
        return refName.replaceFirst("^refs/(heads|tags)/", "");
    }
}
