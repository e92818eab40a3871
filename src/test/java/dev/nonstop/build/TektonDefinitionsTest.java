package dev.nonstop.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.build.internal.BuildDefinitions;
import dev.nonstop.build.manifest.BuildNamespace;
import dev.nonstop.build.manifest.BuildPipelineRun;
import dev.nonstop.build.manifest.BuildRequest;
import dev.nonstop.build.tekton.Param;
import dev.nonstop.build.tekton.PipelineRun;
import dev.nonstop.common.TenantSlug;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Tekton definitions in {@code tekton/}: they pass {@code @ibm/tekton-lint} with no warning, and
 * the PipelineRun the portal builds matches what the Pipeline declares.
 */
class TektonDefinitionsTest {

    static final String LINT = "@ibm/tekton-lint@1.1.0";

    @Test
    void the_definitions_pass_tekton_lint_without_warnings() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean node = run(Path.of("."), 60, "node", "--version").exit() == 0;
        if (!node) {
            String why = "No node on PATH: tekton-lint needs Node 20 (apt-get install -y nodejs npm).";
            if (ci) {
                throw new AssertionError(why);
            }
            System.out.println("SKIPPED tekton-lint: " + why);
            Assumptions.abort(why);
        }
        Path tools = Path.of("target", "tekton-lint");
        Path bin = tools.resolve("node_modules/.bin/tekton-lint");
        if (!Files.exists(bin)) {
            Files.createDirectories(tools);
            Result install = run(tools, 300, "npm", "install", "--no-audit", "--no-fund", "--prefix", ".", LINT);
            if (install.exit() != 0) {
                String why = "npm could not install " + LINT + ": " + install.output();
                if (ci) {
                    throw new AssertionError(why);
                }
                Assumptions.abort(why);
            }
        }
        Result lint = run(Path.of("tekton"), 120, bin.toAbsolutePath().toString(), "--color=false",
                "--max-warnings", "0", "tasks.yaml", "pipeline.yaml");
        assertThat(lint.exit()).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain("warning").doesNotContain("error");
    }

    @Test
    void the_pipeline_run_sends_exactly_the_params_the_pipeline_declares() {
        Map<String, Object> pipeline = BuildDefinitions.tektonDefinitions().stream()
                .filter(d -> d.getKind().equals("Pipeline")).map(d -> ((GenericKubernetesResource) d)
                        .getAdditionalProperties()).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> declared = (List<Map<String, Object>>) ((Map<String, Object>) pipeline.get("spec"))
                .get("params");
        PipelineRun run = BuildPipelineRun.of(new BuildRequest(new TenantSlug("acme"), "shop", 42,
                "https://github.com/acme/shop", "0123456789abcdef0123456789abcdef01234567",
                "registry.example/apps/acme/shop:b42", ".", "Dockerfile", false, "acme-git", Duration.ofMinutes(20)),
                "nonstop-builds");
        assertThat(run.getSpec().params).extracting(Param::name)
                .containsExactlyInAnyOrderElementsOf(declared.stream().map(p -> (String) p.get("name")).toList());
        assertThat(run.getMetadata().getNamespace()).isEqualTo("nonstop-builds");
        assertThat(run.getMetadata().getName()).isEqualTo("build-42");
        assertThat(run.getMetadata().getLabels()).containsEntry("nonstop.dev/tenant", "acme")
                .containsEntry("app.kubernetes.io/instance", "shop").containsEntry("nonstop.dev/build", "42")
                .containsEntry("app.kubernetes.io/managed-by", "nonstop");
        assertThat(run.getSpec().pipelineRef).containsEntry("name", "nonstop-build");
        assertThat(run.getSpec().timeouts).containsEntry("pipeline", "1200s");
        assertThat(run.getSpec().workspaces).extracting(w -> w.get("name"))
                .containsExactly("source", "git-credentials", "registry-credentials");
        assertThat(run.getSpec().taskRunTemplate).containsEntry("serviceAccountName", "nonstop-builder");
    }

    @Test
    void every_definition_is_tekton_v1_and_managed_by_nonstop() {
        List<HasMetadata> all = BuildDefinitions.tektonDefinitions();
        assertThat(all).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Task", "Task", "Task", "Task",
                "Pipeline");
        assertThat(all).allSatisfy(d -> {
            assertThat(d.getApiVersion()).isEqualTo("tekton.dev/v1");
            assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "nonstop");
        });
    }

    /** Capabilities Pod Security "baseline" lets a container add. */
    static final List<String> BASELINE_CAPABILITIES = List.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    @Test
    @SuppressWarnings("unchecked")
    void every_step_meets_restricted_except_the_buildah_step_which_stays_within_baseline() {
        for (HasMetadata definition : BuildDefinitions.tektonDefinitions()) {
            if (!definition.getKind().equals("Task")) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) definition)
                    .getAdditionalProperties().get("spec");
            assertThat(TektonSteps.list(spec.get("volumes"))).as(definition.getMetadata().getName() + " volumes")
                    .allSatisfy(v -> assertThat(v).containsOnlyKeys("name", "emptyDir"));
            for (Map<String, Object> step : TektonSteps.list(spec.get("steps"))) {
                String name = definition.getMetadata().getName() + "/" + step.get("name");
                Map<String, Object> security = (Map<String, Object>) step.get("securityContext");
                assertThat(security).as(name).isNotNull().doesNotContainKeys("privileged", "procMount")
                        .containsEntry("runAsNonRoot", true);
                Map<String, Object> capabilities = (Map<String, Object>) security.get("capabilities");
                assertThat((List<String>) capabilities.get("drop")).as(name).containsExactly("ALL");
                Map<String, Object> seccomp = (Map<String, Object>) security.get("seccompProfile");
                Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) step.get("computeResources"))
                        .get("limits");
                assertThat(limits).as(name + " limits (the build quota needs them)").containsKeys("cpu", "memory");
                if (name.equals("nonstop-build-dockerfile/build")) {
                    assertThat((List<String>) capabilities.get("add")).as(name)
                            .containsExactlyInAnyOrder("SETUID", "SETGID").isSubsetOf(BASELINE_CAPABILITIES);
                    assertThat(seccomp).containsEntry("type", "Localhost");
                    assertThat(Path.of("tekton/node-profiles/seccomp", (String) seccomp.get("localhostProfile")))
                            .as("the seccomp profile the step names is shipped").exists();
                    Map<String, Object> appArmor = (Map<String, Object>) security.get("appArmorProfile");
                    assertThat(appArmor).containsEntry("type", "Localhost");
                    assertThat(Path.of("tekton/node-profiles/apparmor", (String) appArmor.get("localhostProfile")))
                            .as("the AppArmor profile the step names is shipped").content()
                            .contains("profile " + appArmor.get("localhostProfile") + " ");
                } else {
                    assertThat(security).as(name).containsEntry("allowPrivilegeEscalation", false)
                            .doesNotContainKey("appArmorProfile");
                    assertThat(capabilities).as(name).doesNotContainKey("add");
                    assertThat(seccomp).as(name).containsEntry("type", "RuntimeDefault");
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_buildah_seccomp_profile_allows_user_namespaces_and_mounts_and_nothing_that_touches_the_kernel()
            throws IOException {
        Map<String, Object> profile = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(Path.of("tekton/node-profiles/seccomp/nonstop/buildah.json")), Map.class);
        List<String> denied = TektonSteps.list(profile.get("syscalls")).stream()
                .filter(rule -> "SCMP_ACT_ERRNO".equals(rule.get("action")))
                .flatMap(rule -> ((List<String>) rule.get("names")).stream()).toList();
        assertThat(denied).doesNotContain("unshare", "clone", "clone3", "setns", "mount", "umount2")
                .contains("kexec_load", "init_module", "finit_module", "bpf", "ptrace", "keyctl", "perf_event_open",
                        "open_by_handle_at", "userfaultfd", "io_uring_setup");
    }

    @Test
    void builds_go_to_the_build_node_pool_when_there_is_one() {
        BuildRequest request = new BuildRequest(new TenantSlug("acme"), "shop", 42, "https://github.com/acme/shop",
                "0123456789abcdef0123456789abcdef01234567", "registry.example/apps/acme/shop:b42", ".", "Dockerfile",
                false, null, Duration.ofMinutes(20));

        assertThat(BuildPipelineRun.of(request, "nonstop-builds", "build").getSpec().taskRunTemplate.toString())
                .contains("nodeSelector={nonstop.dev/pool=build}").contains("key=nonstop.dev/pool")
                .contains("effect=NoSchedule").contains("automountServiceAccountToken=false");
        assertThat(BuildPipelineRun.of(request, "nonstop-builds", "").getSpec().taskRunTemplate.toString())
                .doesNotContain("nodeSelector").doesNotContain("tolerations");
    }

    @Test
    void the_build_namespace_gives_tektons_own_containers_the_limits_its_quota_insists_on() {
        assertThat(BuildNamespace.of(BuildSettings.defaults())).filteredOn(o -> o instanceof LimitRange)
                .singleElement().satisfies(o -> {
                    var item = ((LimitRange) o).getSpec().getLimits().getFirst();
                    assertThat(item.getType()).isEqualTo("Container");
                    assertThat(item.getDefault()).containsKeys("cpu", "memory");
                    assertThat(item.getDefaultRequest()).containsKeys("cpu", "memory");
                });
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException notThere) {
            return new Result(-1, notThere.getMessage());
        }
    }
}
