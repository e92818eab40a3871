package dev.nonstop.build.internal;

import dev.nonstop.build.BuildSettings;
import dev.nonstop.build.manifest.BuildNamespace;
import dev.nonstop.kube.Applier;
import dev.nonstop.kube.KubeLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the build namespace (quota, builder account, no ingress) and the Tekton Pipeline and Tasks
 * from {@code tekton/} into the cluster at start, with server-side apply. A cluster that is away is
 * logged; the next start (or {@link #apply()}) tries again.
 */
@Component
public class BuildDefinitions {

    static final List<String> FILES = List.of("tekton/tasks.yaml", "tekton/pipeline.yaml");
    private static final Logger log = LoggerFactory.getLogger(BuildDefinitions.class);

    private final Applier applier;
    private final BuildSettings settings;

    BuildDefinitions(Applier applier, BuildSettings settings) {
        this.applier = applier;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            apply();
        } catch (RuntimeException e) {
            log.warn("Build definitions not applied (builds wait until they are): {}", e.toString());
        }
    }

    public void apply() {
        BuildNamespace.of(settings).forEach(applier::apply);
        for (HasMetadata definition : tektonDefinitions()) {
            definition.getMetadata().setNamespace(settings.namespace());
            applier.apply(definition);
        }
        log.info("Build namespace {} and the Tekton pipeline are in place", settings.namespace());
    }

    /** The Pipeline and Tasks shipped in {@code tekton/}, as the cluster will get them. */
    public static List<HasMetadata> tektonDefinitions() {
        List<HasMetadata> all = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = BuildDefinitions.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the portal's classpath");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (String document : text.split("(?m)^---\\s*$")) {
                    if (document.strip().isEmpty() || document.lines().allMatch(l -> l.isBlank()
                            || l.stripLeading().startsWith("#"))) {
                        continue;
                    }
                    GenericKubernetesResource resource = Serialization.unmarshal(document,
                            GenericKubernetesResource.class);
                    resource.getMetadata().getLabels().put(KubeLabels.MANAGED_BY, KubeLabels.MANAGER);
                    all.add(resource);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }
}
