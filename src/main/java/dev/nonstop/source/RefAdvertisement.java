package dev.nonstop.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The refs a smart-HTTP Git server advertises in answer to {@code GET …/info/refs?service=git-upload-pack}
 * (protocol v0, pkt-lines): each ref's commit, annotated tags peeled ({@code ^{}}), and where HEAD
 * points (the {@code symref} capability). Reading them from the probe the portal sends anyway saves
 * a second round trip to the Git host per build. Bounded: a longer advertisement is refused.
 */
final class RefAdvertisement {

    /** What the server advertised: ref name → commit, annotated tags' commits, and HEAD's branch (if said). */
    record Refs(Map<String, String> refs, Map<String, String> peeled, @Nullable String head) {
    }

    private RefAdvertisement() {
    }

    static Refs parse(InputStream in, long maxBytes) throws IOException {
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> peeled = new LinkedHashMap<>();
        String head = null;
        long read = 0;
        boolean first = true;
        while (true) {
            byte[] length = in.readNBytes(4);
            if (length.length < 4) {
                break;
            }
            read += 4;
            int size = Integer.parseInt(new String(length, StandardCharsets.US_ASCII), 16);
            if (size == 0) {
                continue; // a flush: after the service line, and at the end
            }
            if (size < 4 || (read += size - 4) > maxBytes) {
                throw new IOException("ref advertisement too long or malformed");
            }
            String line = new String(in.readNBytes(size - 4), StandardCharsets.UTF_8);
            if (line.endsWith("\n")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("# service=")) {
                continue;
            }
            int nul = line.indexOf('\0');
            String capabilities = nul < 0 ? "" : line.substring(nul + 1);
            String ref = nul < 0 ? line : line.substring(0, nul);
            if (first) {
                first = false;
                for (String capability : capabilities.split(" ")) {
                    if (capability.startsWith("symref=HEAD:")) {
                        head = capability.substring("symref=HEAD:".length());
                    }
                }
            }
            int space = ref.indexOf(' ');
            if (space != 40) {
                continue;
            }
            String sha = ref.substring(0, 40);
            String name = ref.substring(41);
            if (name.endsWith("^{}")) {
                peeled.put(name.substring(0, name.length() - 3), sha);
            } else if (!name.equals("capabilities^{}")) {
                refs.put(name, sha);
            }
        }
        return new Refs(Map.copyOf(refs), Map.copyOf(peeled), head);
    }
}
