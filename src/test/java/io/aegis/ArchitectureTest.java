package io.aegis;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.aegis.platform.security.ApiAdmission;
import io.aegis.platform.security.SecurityConfiguration;
import io.aegis.platform.StepDeadline;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of docs/architecture.md §2, as the compiled classes have it: api → manage → webhooks;
 * api/ingest/manage → orchestrate → media/ai → state → platform, with steps beside media; media and ai never import each other; nothing but events imports api; platform,
 * routefiles and text know no feature package beyond the exceptions the table names. A new import against the
 * direction fails here, naming the class and the dependency; an exception the design accepts goes into the table and
 * into this test together.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.aegis");
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.aegis.api..")
                .layer("events").definedBy("io.aegis.events..")
                .layer("ingest").definedBy("io.aegis.ingest..")
                .layer("manage").definedBy("io.aegis.manage..")
                .layer("webhooks").definedBy("io.aegis.webhooks..")
                .layer("orchestrate").definedBy("io.aegis.orchestrate..")
                .layer("media").definedBy("io.aegis.media..")
                .layer("steps").definedBy("io.aegis.steps..")
                .layer("ai").definedBy("io.aegis.ai..")
                .layer("text").definedBy("io.aegis.text..")
                .layer("state").definedBy("io.aegis.state..")
                .layer("platform").definedBy("io.aegis.platform..")
                .layer("routefiles").definedBy("io.aegis.routefiles..")
                .whereLayer("api").mayOnlyBeAccessedByLayers("events")
                .whereLayer("events").mayOnlyBeAccessedByLayers("api")
                .whereLayer("ingest").mayNotBeAccessedByAnyLayer()
                .whereLayer("manage").mayOnlyBeAccessedByLayers("api")
                .whereLayer("webhooks").mayOnlyBeAccessedByLayers("api", "manage")
                .whereLayer("orchestrate").mayOnlyBeAccessedByLayers("api", "ingest", "manage", "platform")
                .whereLayer("media").mayOnlyBeAccessedByLayers("orchestrate", "routefiles", "steps")
                .whereLayer("steps").mayOnlyBeAccessedByLayers("orchestrate", "ai", "manage", "routefiles")
                .whereLayer("ai").mayOnlyBeAccessedByLayers("api", "manage")
                .whereLayer("text").mayOnlyBeAccessedByLayers("media", "ai")
                .whereLayer("state").mayOnlyBeAccessedByLayers("api", "events", "ingest", "manage", "webhooks",
                        "orchestrate", "media", "ai", "steps", "platform")
                .whereLayer("routefiles").mayOnlyBeAccessedByLayers("api")
                .check(classes);
    }

    @Test
    void mediaAndAiNeverImportEachOther() {
        noClasses().that().resideInAPackage("io.aegis.media..")
                .should().dependOnClassesThat().resideInAPackage("io.aegis.ai..")
                .check(classes);
        noClasses().that().resideInAPackage("io.aegis.ai..")
                .should().dependOnClassesThat().resideInAPackage("io.aegis.media..")
                .check(classes);
    }

    @Test
    void platformKnowsNoFeaturePackageButTheNamedExceptions() {
        noClasses().that(resideInAPackage("io.aegis.platform..")
                        .and(not(belongToAnyOf(ApiAdmission.class, SecurityConfiguration.class, StepDeadline.class))))
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void routeFilesKnowOnlyTheStepContractAndTheToolsItAllows() {
        noClasses().that().resideInAPackage("io.aegis.routefiles..")
                .should().dependOnClassesThat().resideInAnyPackage(featuresBut("io.aegis.routefiles..", "io.aegis.steps..",
                        "io.aegis.media.."))
                .check(classes);
    }

    @Test
    void textKnowsNothingOfAegis() {
        noClasses().that().resideInAPackage("io.aegis.text..")
                .should().dependOnClassesThat().resideInAnyPackage(featuresBut("io.aegis.text.."))
                .orShould().dependOnClassesThat().resideInAPackage("io.aegis.platform..")
                .check(classes);
    }

    private static final String[] FEATURES = {"io.aegis.api..", "io.aegis.events..", "io.aegis.ingest..",
            "io.aegis.manage..", "io.aegis.webhooks..", "io.aegis.steps..",
            "io.aegis.orchestrate..", "io.aegis.media..", "io.aegis.ai..", "io.aegis.text..", "io.aegis.state..",
            "io.aegis.routefiles.."};

    private static String[] featuresBut(String... allowed) {
        var skip = java.util.Set.of(allowed);
        return java.util.Arrays.stream(FEATURES).filter(p -> !skip.contains(p)).toArray(String[]::new);
    }
}
