package dev.nonstop.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a repository at one commit, as far as detection needs them: every path (up to a limit)
 * and the contents of the small files that tell how to build it.
 */
public record SourceTree(String commit, List<String> paths, Map<String, String> files, boolean truncated) {

    public boolean has(String path) {
        return paths.contains(path);
    }

    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
