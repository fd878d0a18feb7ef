package io.pricefeed.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of shared/DESIGN.md §1, as rules over the main classes of every module
 * on this (the composition root's) test class path. Each module owns one root package.
 */
final class ProjectArchitecture {
    /** Who may use whom: each module only the modules its pom lets it. */
    static final ArchRule MODULE_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("model").definedBy("io.pricefeed.model..")
            .layer("test-fixtures").definedBy("io.pricefeed.fixtures..")
            .layer("bars-table").definedBy("io.pricefeed.barstable..")
            .layer("stand-ins").definedBy("io.pricefeed.standins..")
            .layer("fyers-sim").definedBy("io.pricefeed.sim..")
            .layer("producer").definedBy("io.pricefeed.producer..")
            .layer("flink-app").definedBy("io.pricefeed.flink..")
            .layer("alerts-lambda").definedBy("io.pricefeed.alerts..")
            .layer("athena").definedBy("io.pricefeed.athena..")
            .layer("dashboard").definedBy("io.pricefeed.dashboard..")
            .layer("local").definedBy("io.pricefeed.local..")
            .whereLayer("model").mayNotAccessAnyLayer()
            // Generated data for tests and benches: a test-scope dependency, so no module's main
            // code may use it (bench, outside these layers, is the one that does).
            .whereLayer("test-fixtures").mayOnlyAccessLayers("model")
            .whereLayer("test-fixtures").mayNotBeAccessedByAnyLayer()
            .whereLayer("bars-table").mayOnlyAccessLayers("model")
            .whereLayer("stand-ins").mayOnlyAccessLayers("model", "bars-table")
            .whereLayer("fyers-sim").mayOnlyAccessLayers("model")
            .whereLayer("producer").mayOnlyAccessLayers("model")
            .whereLayer("flink-app").mayOnlyAccessLayers("model", "bars-table")
            .whereLayer("alerts-lambda").mayOnlyAccessLayers("model")
            .whereLayer("athena").mayOnlyAccessLayers("model")
            .whereLayer("dashboard").mayOnlyAccessLayers("model", "bars-table", "athena")
            .whereLayer("local").mayOnlyAccessLayers("model", "bars-table", "stand-ins", "fyers-sim", "producer",
                    "flink-app", "alerts-lambda", "athena", "dashboard")
            .because("a module may use only the modules below it (shared/DESIGN.md §1)");

    /** Said on its own (the layers imply it) because its message is the one a newcomer needs. */
    static final ArchRule PRODUCER_WITHOUT_SIMULATOR = noClasses().that().resideInAPackage("io.pricefeed.producer..")
            .should().dependOnClassesThat().resideInAPackage("io.pricefeed.sim..")
            .because("fyers-sim is what the producer is tested against, never part of its jar or image");

    static final ArchRule NO_FLINK_OUTSIDE_THE_JOB = noClasses().that()
            .resideInAnyPackage("io.pricefeed.dashboard..", "io.pricefeed.local..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
            .because("the dashboard and the CLI use the job through flink-app's entry points, not Flink's runtime");

    /**
     * The CLI is a composition root (DESIGN.md §8): it reads the lake through athena's engine and
     * writes it through flink-app, so no storage engine or file format appears in it.
     */
    static final ArchRule NO_STORAGE_ENGINES_IN_THE_CLI = noClasses().that().resideInAPackage("io.pricefeed.local..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.duckdb..", "org.apache.parquet..",
                    "org.apache.avro..", "org.apache.hadoop..")
            .because("./pricefeed composes the modules that own the lake; it does not read or write Parquet itself");

    static final ArchRule BARS_COMMAND_WITHOUT_DASHBOARD = noClasses().that()
            .haveFullyQualifiedName("io.pricefeed.local.BarsCommand").or().haveFullyQualifiedName("io.pricefeed.local.BarsOutput")
            .should().dependOnClassesThat().resideInAPackage("io.pricefeed.dashboard..")
            .because("./pricefeed bars reads the table through bars-table, not the dashboard");

    static final ArchRule JOB_WITHOUT_LOCAL_RUNNERS = noClasses().that().resideInAPackage("io.pricefeed.flink..")
            .and().resideOutsideOfPackage("io.pricefeed.flink.local..")
            .should().dependOnClassesThat().resideInAPackage("io.pricefeed.flink.local..")
            .because("the deployed job jar leaves out the local runners (io.pricefeed.flink.local)");

    /** No two packages use each other, inside any module. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.pricefeed.(**)").should().beFreeOfCycles();

    private ProjectArchitecture() {
    }

    /** Every module's main classes (no tests, no fixtures of this module's tests). */
    static JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pricefeed");
    }
}
