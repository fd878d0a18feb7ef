package io.pricefeed.local.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's main classes keep the module boundaries (see {@link ProjectArchitecture}). */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = ProjectArchitecture.mainClasses();
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[] {"model", "fixtures", "barstable", "standins", "sim", "producer", "flink", "alerts",
                "athena", "dashboard", "local"}) {
            assertThat(classes.containPackage("io.pricefeed." + module)).as(module).isTrue();
        }
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        ProjectArchitecture.MODULE_LAYERS.check(classes);
    }

    @Test
    void theProducerNeverReferencesTheSimulator() {
        ProjectArchitecture.PRODUCER_WITHOUT_SIMULATOR.check(classes);
    }

    @Test
    void theDashboardAndTheCliDoNotUseFlinkDirectly() {
        ProjectArchitecture.NO_FLINK_OUTSIDE_THE_JOB.check(classes);
    }

    @Test
    void theCliUsesNoStorageEngineItself() {
        ProjectArchitecture.NO_STORAGE_ENGINES_IN_THE_CLI.check(classes);
    }

    @Test
    void theBarsCommandReadsTheTableWithoutTheDashboard() {
        ProjectArchitecture.BARS_COMMAND_WITHOUT_DASHBOARD.check(classes);
    }

    @Test
    void theDeployedJobNeverReachesTheLocalRunners() {
        ProjectArchitecture.JOB_WITHOUT_LOCAL_RUNNERS.check(classes);
    }

    @Test
    void noPackageCycles() {
        ProjectArchitecture.NO_PACKAGE_CYCLES.check(classes);
    }
}
