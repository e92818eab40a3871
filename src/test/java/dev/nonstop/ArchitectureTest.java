package dev.nonstop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md: features by package, their allowed dependencies,
 * no cycles, internals private to their feature, and views that only talk to services.
 */
class ArchitectureTest {

    static final String BASE = "dev.nonstop";

    /** Which features each feature may use (besides itself, common, and anything outside dev.nonstop). */
    static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("common", List.of()),
            Map.entry("uikit", List.of()),
            Map.entry("audit", List.of("uikit")),
            Map.entry("ratelimit", List.of("tier")),
            Map.entry("kube", List.of("uikit")),
            Map.entry("tier", List.of("audit", "uikit")),
            Map.entry("security", List.of("audit", "ratelimit", "uikit")),
            Map.entry("tenant", List.of("tier", "kube", "security", "audit", "ratelimit", "uikit")),
            Map.entry("source", List.of("uikit")),
            Map.entry("build", List.of("tenant", "source", "kube", "security", "tier", "audit", "ratelimit", "uikit")),
            Map.entry("app", List.of("tenant", "build", "kube", "security", "tier", "audit", "ratelimit", "uikit")),
            Map.entry("metrics", List.of("tenant", "app", "security", "audit", "tier", "kube", "source", "uikit")),
            Map.entry("assistant", List.of("tenant", "app", "build", "metrics", "security", "tier", "ratelimit",
                    "uikit")),
            Map.entry("sandbox", List.of("kube", "audit", "uikit")));

    static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    static final ArchRule VIEWS_ONLY_CALL_SERVICES = noClasses().that().resideInAPackage("..ui..")
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .orShould().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
            .orShould().dependOnClassesThat().areAssignableTo(jakarta.persistence.EntityManager.class)
            .orShould().dependOnClassesThat().areAssignableTo(javax.sql.DataSource.class)
            .orShould().dependOnClassesThat()
            .resideInAnyPackage("io.fabric8.kubernetes.client..", "org.springframework.jdbc..")
            .because("views call their feature's services; they never hold a repository or a KubernetesClient");

    @Test
    void views_never_use_repositories_jdbc_or_a_kubernetes_client() {
        VIEWS_ONLY_CALL_SERVICES.check(PORTAL);
    }

    @Test
    void the_view_rule_catches_a_view_that_reaches_for_a_repository() {
        JavaClasses bad = new ClassFileImporter().importPackages(BASE + ".archfixture");
        assertThatThrownBy(() -> VIEWS_ONLY_CALL_SERVICES.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RepositoryReachingView");
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(PORTAL);
    }

    @Test
    void each_feature_uses_only_the_features_it_is_allowed_to() {
        ALLOWED.forEach((feature, allowed) -> {
            List<String> packages = new ArrayList<>();
            packages.add(BASE + "." + feature + "..");
            packages.add(BASE + ".common..");
            allowed.forEach(other -> packages.add(BASE + "." + other + ".."));
            classes().that().resideInAPackage(BASE + "." + feature + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..")
                            .or(resideInAnyPackage(packages.toArray(String[]::new))))
                    .allowEmptyShould(true)
                    .check(PORTAL);
        });
    }

    @Test
    void views_never_use_the_platforms_own_tenant_directory() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().haveFullyQualifiedName(BASE + ".tenant.TenantDirectory")
                .check(PORTAL);
    }

    @Test
    void common_stays_free_of_spring_and_vaadin() {
        noClasses().that().resideInAPackage(BASE + ".common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                        "jakarta.persistence..")
                .check(PORTAL);
    }

    @Test
    void a_features_internals_are_private_to_it() {
        Arrays.asList("audit", "tier", "security", "tenant", "ratelimit").forEach(feature ->
                noClasses().that(not(resideInAnyPackage(BASE + "." + feature + "..")))
                        .should().dependOnClassesThat().resideInAPackage(BASE + "." + feature + ".internal..")
                        .check(PORTAL));
    }
}
