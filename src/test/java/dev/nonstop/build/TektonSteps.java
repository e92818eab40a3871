package dev.nonstop.build;

import dev.nonstop.build.internal.BuildDefinitions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the step scripts of {@code tekton/tasks.yaml} the way Tekton runs them: {@code $(params…)},
 * {@code $(workspaces…)} and {@code $(results…)} substituted, the step's env as declared and nothing else
 * (plus the image's PATH), its volumes mounted (here: directories standing in for their mount paths),
 * each script under {@code /bin/sh -eu}. The images' tools are recording stand-ins from
 * {@code src/test/resources/tekton-standins} ({@code buildah}, {@code skopeo}, the lifecycle's
 * {@code creator}); {@code git} is the real one.
 */
final class TektonSteps {

    /** Where the images keep a tool the scripts call by absolute path, mapped to its stand-in. */
    private static final Map<String, String> IMAGE_PATHS = Map.of("/cnb/lifecycle", "cnb/lifecycle");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\((params|workspaces|results|context|steps)\\.([^)]*)\\)");

    private final Path root;
    private final Path standins;
    private final Path state;

    TektonSteps(Path root) throws IOException {
        this.root = root;
        this.standins = Files.createDirectories(root.resolve("standins"));
        this.state = Files.createDirectories(root.resolve("standin-state"));
        Files.createDirectories(standins.resolve("bin"));
        Files.createDirectories(standins.resolve("cnb/lifecycle"));
        install("buildah", "bin/buildah");
        install("skopeo", "bin/skopeo");
        install("oci-image", "bin/oci-image");
        install("creator", "cnb/lifecycle/creator");
    }

    private void install(String resource, String target) throws IOException {
        try (InputStream in = TektonSteps.class.getResourceAsStream("/tekton-standins/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@STATE@", state.toString()).replace("@BIN@", standins.resolve("bin").toString());
            Path file = standins.resolve(target);
            Files.writeString(file, text);
            file.toFile().setExecutable(true);
        }
    }

    /** What the stand-ins were called with, one line per call. */
    String calls() throws IOException {
        Path calls = state.resolve("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    /** What the recording registry received: one line per push, "reference digest auth=file". */
    String pushed() throws IOException {
        Path pushed = state.resolve("pushed");
        return Files.exists(pushed) ? Files.readString(pushed) : "";
    }

    /** One step's outcome: exit code and combined output. */
    record StepResult(String step, int exit, String output) {
    }

    /** A task run's outcome: its steps (up to the first that failed) and the results it wrote. */
    record TaskResult(List<StepResult> steps, Map<String, String> results) {
        boolean succeeded() {
            return steps.stream().allMatch(s -> s.exit() == 0);
        }

        String output() {
            return String.join("\n", steps.stream().map(s -> "[" + s.step() + "] exit " + s.exit() + "\n"
                    + s.output()).toList());
        }
    }

    /** The Task named {@code name} from {@code tekton/tasks.yaml}, as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> task(String name) {
        return BuildDefinitions.tektonDefinitions().stream()
                .filter(d -> d.getKind().equals("Task") && d.getMetadata().getName().equals(name))
                .map(d -> (Map<String, Object>) ((GenericKubernetesResource) d).getAdditionalProperties().get("spec"))
                .findFirst().orElseThrow(() -> new AssertionError("no Task " + name + " in tekton/tasks.yaml"));
    }

    /**
     * Runs a task: {@code params} as the pipeline passes them, {@code workspaces} bound by name
     * (an optional workspace left out is unbound, as Tekton leaves it).
     */
    TaskResult run(String taskName, Map<String, Object> spec, Map<String, String> params,
                   Map<String, Path> workspaces) throws IOException, InterruptedException {
        Path run = Files.createTempDirectory(root, taskName + "-");
        Path results = Files.createDirectories(run.resolve("results"));
        Map<String, String> values = values(taskName, spec, params, workspaces, results);
        Map<String, String> mounts = new LinkedHashMap<>();
        IMAGE_PATHS.forEach((path, standin) -> mounts.put(path, standins.resolve(standin).toString()));
        for (Map<String, Object> volume : list(spec.get("volumes"))) {
            String name = (String) volume.get("name");
            mounts.put("volume:" + name, Files.createDirectories(run.resolve("volumes").resolve(name)).toString());
        }
        List<StepResult> done = new ArrayList<>();
        for (Map<String, Object> step : list(spec.get("steps"))) {
            StepResult result = runStep(run, step, values, mounts);
            done.add(result);
            if (result.exit() != 0) {
                break;
            }
        }
        Map<String, String> written = new LinkedHashMap<>();
        try (var files = Files.list(results)) {
            for (Path file : files.sorted().toList()) {
                written.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return new TaskResult(done, written);
    }

    private StepResult runStep(Path run, Map<String, Object> step, Map<String, String> values,
                               Map<String, String> mounts) throws IOException, InterruptedException {
        String name = (String) step.get("name");
        Map<String, String> paths = new LinkedHashMap<>();
        mounts.forEach((key, dir) -> {
            if (!key.startsWith("volume:")) {
                paths.put(key, dir);
            }
        });
        for (Map<String, Object> mount : list(step.get("volumeMounts"))) {
            String dir = mounts.get("volume:" + mount.get("name"));
            if (dir == null) {
                throw new AssertionError("step " + name + " mounts volume " + mount.get("name")
                        + ", which its task does not declare");
            }
            paths.put((String) mount.get("mountPath"), dir);
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-eu",
                write(run.resolve(name + ".sh"), map(substitute((String) step.get("script"), values, name), paths)));
        Map<String, String> env = builder.environment();
        env.clear();
        // HOME as the container runtime leaves it for a user without one: "/", which a non-root step
        // cannot write. A file stands in for it here, since tests may run as root.
        Path noHome = run.resolve("home-of-a-user-without-one");
        Files.writeString(noHome, "");
        env.put("HOME", noHome.toString());
        for (Map<String, Object> variable : list(step.get("env"))) {
            env.put((String) variable.get("name"),
                    map(substitute(String.valueOf(variable.get("value")), values, name), paths));
        }
        env.put("PATH", standins.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        Path workingDir = step.get("workingDir") == null ? Files.createDirectories(run.resolve(name + "-cwd"))
                : Path.of(map(substitute((String) step.get("workingDir"), values, name), paths));
        Process process = builder.directory(workingDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("step " + name + " did not finish");
        }
        return new StepResult(name, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Everything a step may refer to with {@code $(…)}, as Tekton would fill it in for this run. */
    private static Map<String, String> values(String taskName, Map<String, Object> spec, Map<String, String> params,
                                              Map<String, Path> workspaces, Path results) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> param : list(spec.get("params"))) {
            String name = (String) param.get("name");
            String value = params.containsKey(name) ? params.get(name)
                    : param.get("default") == null ? null : String.valueOf(param.get("default"));
            if (value == null) {
                throw new AssertionError("task " + taskName + " needs param " + name + " and the run gives none");
            }
            values.put("params." + name, value);
        }
        for (String given : params.keySet()) {
            if (!values.containsKey("params." + given)) {
                throw new AssertionError("param " + given + " passed to task " + taskName + ", which does not declare it");
            }
        }
        for (Map<String, Object> workspace : list(spec.get("workspaces"))) {
            String name = (String) workspace.get("name");
            Path path = workspaces.get(name);
            if (path == null && !Boolean.TRUE.equals(workspace.get("optional"))) {
                throw new AssertionError("task " + taskName + " needs workspace " + name);
            }
            values.put("workspaces." + name + ".path", path == null ? "" : path.toString());
            values.put("workspaces." + name + ".bound", String.valueOf(path != null));
        }
        for (Map<String, Object> result : list(spec.get("results"))) {
            values.put("results." + result.get("name") + ".path", results.resolve((String) result.get("name")).toString());
        }
        return values;
    }

    /** Fills in {@code $(…)} as Tekton does; a reference to anything the task lacks fails the test. */
    static String substitute(String text, Map<String, String> values, String step) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1) + "." + matcher.group(2);
            String value = values.get(key);
            if (value == null) {
                throw new AssertionError("step " + step + " refers to $(" + key + "), which its task does not declare");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Absolute paths inside the image or a volume mount, mapped to the directories standing in for them. */
    private static String map(String text, Map<String, String> paths) {
        String mapped = text;
        List<String> longestFirst = new ArrayList<>(paths.keySet());
        longestFirst.sort((a, b) -> b.length() - a.length());
        for (String path : longestFirst) {
            mapped = mapped.replaceAll("(?<![\\w./-])" + Pattern.quote(path) + "(?=[/\"'\\s:]|$)",
                    Matcher.quoteReplacement(paths.get(path)));
        }
        return mapped;
    }

    private static String write(Path file, String text) {
        try {
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
