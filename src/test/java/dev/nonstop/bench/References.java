package dev.nonstop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The committed reference figures of the benchmarks ({@code bench-references.properties}, p99 in ms,
 * measured on the commit the README names): each figure is printed beside its reference and the ratio,
 * and a benchmark run fails when a p99 is more than twice its reference, so a regression shows the
 * day it is made. Benchmarks stay out of {@code ./mvnw verify}.
 */
final class References {

    static final double TOLERATED = 2.0;
    private final Properties referenceP99;
    private final List<String> regressions = new ArrayList<>();

    private References(Properties p99) {
        this.referenceP99 = p99;
    }

    static References load() {
        Properties properties = new Properties();
        try (InputStream in = References.class.getResourceAsStream("/bench-references.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new References(properties);
    }

    /** "p50 …, p99 … (n samples) · reference p99 … ms, ×ratio", noting a regression past the tolerance. */
    String describe(String key, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = SandboxScaleBenchmark.pct(sorted, 50);
        double p99 = SandboxScaleBenchmark.pct(sorted, 99);
        String figures = String.format("p50 %.1f ms, p99 %.1f ms (%d samples)", p50, p99, sorted.length);
        String reference = referenceP99.getProperty(key + ".p99");
        if (reference == null) {
            return figures + " · no reference";
        }
        double ref = Double.parseDouble(reference);
        double ratio = p99 / ref;
        if (ratio > TOLERATED) {
            regressions.add(String.format("%s: p99 %.1f ms is %.1fx its reference %.1f ms", key, p99, ratio, ref));
        }
        return figures + String.format(" · reference p99 %.1f ms, x%.2f%s", ref, ratio,
                ratio > TOLERATED ? "  <-- REGRESSION" : "");
    }

    /** Prints a benchmark's report and appends it to {@code target/bench-results.txt}. */
    static void publish(String report) {
        System.out.println(report);
        try {
            java.nio.file.Path out = java.nio.file.Path.of("target", "bench-results.txt");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, report + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failOnRegression() {
        if (!regressions.isEmpty()) {
            throw new AssertionError("Slower than twice the committed reference: " + String.join("; ", regressions));
        }
    }
}
