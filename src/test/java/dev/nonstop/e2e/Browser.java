package dev.nonstop.e2e;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Debian Chromium driven by Playwright (its own browser download does not work here).
 * Without Chromium the browser tests are skipped with a message; in CI they fail instead.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NONSTOP_CHROMIUM", "/usr/bin/chromium"));

    private Browser() {
    }

    static com.microsoft.playwright.Browser launch(Playwright playwright) {
        return launch(playwright, CHROMIUM);
    }

    /**
     * Chromium at the lowest CPU priority ({@code nice 19}) and kept to the last core, for benchmarks
     * where many pages share the portal's machine: the portal gets the CPU first, closer to its users'
     * browsers running on their own machines; the pages still take whatever is left.
     */
    static com.microsoft.playwright.Browser launchIsolated(Playwright playwright) {
        try {
            Path wrapper = Path.of("target", "chromium-nice").toAbsolutePath();
            Files.createDirectories(wrapper.getParent());
            // Chromium raises some renderers' priority itself, so the pages also keep to the last core
            int lastCore = Runtime.getRuntime().availableProcessors() - 1;
            String pin = lastCore > 0 && Files.isExecutable(Path.of("/usr/bin/taskset"))
                    ? "taskset -c " + lastCore + " " : "";
            Files.writeString(wrapper, "#!/bin/sh\nexec " + pin + "nice -n 19 " + CHROMIUM + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            return launch(playwright, wrapper);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static com.microsoft.playwright.Browser launch(Playwright playwright, Path executable) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic")));
    }

    static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "No Chromium at " + CHROMIUM + ": browser tests skipped. Install it with "
                    + "'apt-get install -y chromium' (or set NONSTOP_CHROMIUM).";
            if ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("nonstop.test.browser.required")) {
                Assertions.fail(message);
            }
            System.err.println("SKIPPED browser tests: " + message);
            Assumptions.abort(message);
        }
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }
}
