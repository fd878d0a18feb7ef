package io.pricefeed.local.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pricefeed.alerts.archfixture.a.First;
import io.pricefeed.alerts.archfixture.b.Second;
import io.pricefeed.dashboard.archfixture.DashboardUsingFixtures;
import io.pricefeed.dashboard.archfixture.DashboardUsingFlink;
import io.pricefeed.local.archfixture.CliReadingTheLake;
import io.pricefeed.fixtures.QuoteWalk;
import io.pricefeed.model.archfixture.ModelUsingProducer;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.archfixture.ProducerUsingSim;
import io.pricefeed.sim.SimClock;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ProjectArchitecture} fails on a deliberate violation (test fixtures only). */
class ArchitectureRulesTest {
    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    @Test
    void anUpwardImportBreaksTheLayers() {
        assertThatThrownBy(() -> ProjectArchitecture.MODULE_LAYERS.check(classes(ModelUsingProducer.class, Backoff.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ModelUsingProducer")
                .hasMessageContaining("a module may use only the modules below it");
    }

    @Test
    void theSimulatorReferencedFromTheProducerIsNamed() {
        JavaClasses classes = classes(ProducerUsingSim.class, SimClock.class);
        assertThatThrownBy(() -> ProjectArchitecture.PRODUCER_WITHOUT_SIMULATOR.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ProducerUsingSim")
                .hasMessageContaining("never part of its jar or image");
        assertThatThrownBy(() -> ProjectArchitecture.MODULE_LAYERS.check(classes)).isInstanceOf(AssertionError.class);
    }

    @Test
    void flinkUsedFromTheDashboardIsCaught() {
        assertThatThrownBy(() -> ProjectArchitecture.NO_FLINK_OUTSIDE_THE_JOB.check(
                classes(DashboardUsingFlink.class, JobID.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DashboardUsingFlink");
    }

    @Test
    void testFixturesUsedFromMainCodeBreakTheLayers() {
        assertThatThrownBy(() -> ProjectArchitecture.MODULE_LAYERS.check(classes(DashboardUsingFixtures.class, QuoteWalk.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DashboardUsingFixtures")
                .hasMessageContaining("QuoteWalk");
    }

    @Test
    void twoPackagesUsingEachOtherAreACycle() {
        assertThatThrownBy(() -> ProjectArchitecture.NO_PACKAGE_CYCLES.check(classes(First.class, Second.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void aStorageEngineUsedByTheCliIsCaught() {
        assertThatThrownBy(() -> ProjectArchitecture.NO_STORAGE_ENGINES_IN_THE_CLI.check(
                classes(CliReadingTheLake.class, java.sql.Connection.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CliReadingTheLake")
                .hasMessageContaining("does not read or write Parquet itself");
    }
}
