package io.pricefeed.flink.config;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {


    @Test
    void everyKeyHasADefault() {
        JobConfig config = JobConfig.defaults();
        assertThat(config.get(JobConfig.OUT_OF_ORDERNESS_MS)).isEqualTo(2000L);
        assertThat(config.get(JobConfig.ALLOWED_LATENESS_MS)).isEqualTo(5000L);
        assertThat(config.get(JobConfig.FILL_GAPS)).isFalse();
        assertThat(config.get(JobConfig.PRICE_MOVE_BANDS_PCT)).containsExactly(5.0, 7.5, 10.0);
        assertThat(config.get(JobConfig.ZSCORE_WINDOW)).isEqualTo(30);
        assertThat(config.get(JobConfig.GAP_OPEN_PCT)).isEqualTo(3.0);
        for (ConfigKey<?> key : JobConfig.keys()) {
            assertThat(config.get(key)).as(key.qualifiedName()).isNotNull();
        }
    }

    @Test
    void runtimePropertyGroupsOverrideDefaults() {
        JobConfig config = JobConfig.fromPropertyGroups(Map.of(
                "bars", props("fillGaps", "true", "allowedLatenessMs", "0"),
                "anomaly", props("priceMoveBandsPct", " 2, 4 ")));
        assertThat(config.get(JobConfig.FILL_GAPS)).isTrue();
        assertThat(config.get(JobConfig.ALLOWED_LATENESS_MS)).isZero();
        assertThat(config.get(JobConfig.PRICE_MOVE_BANDS_PCT)).containsExactly(2.0, 4.0);
        assertThat(config.get(JobConfig.OUT_OF_ORDERNESS_MS)).isEqualTo(2000L);
    }

    @Test
    void anUnknownKeyFailsStartupNamingIt() {
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("bars", props("fillGap", "true"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'bars.fillGap'")
                .hasMessageContaining("fillGaps");
    }

    @Test
    void theRetiredStartupGraceKeyIsStillAcceptedButNoLongerDeclared() {
        JobConfig config = JobConfig.fromPropertyGroups(Map.of("bars", props("watermarkStartupGraceMs", "20000")));
        assertThat(config.get(JobConfig.IDLENESS_MS)).isEqualTo(30_000L);
        assertThat(JobConfig.keys()).extracting(ConfigKey::qualifiedName)
                .contains("bars.idlenessMs").doesNotContain("bars.watermarkStartupGraceMs");
    }

    @Test
    void anUnknownGroupFailsStartupNamingIt() {
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("barz", props("fillGaps", "true"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown configuration group 'barz'");
    }

    @Test
    void aMalformedValueFailsStartupNamingTheKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("bars", props("allowedLatenessMs", "5s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration key 'bars.allowedLatenessMs' must be a whole number of milliseconds >= 0, got '5s'");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("bars", props("fillGaps", "yes"))))
                .hasMessageContaining("'bars.fillGaps' must be true or false");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("anomaly", props("priceMoveBandsPct", "5,-1"))))
                .hasMessageContaining("'anomaly.priceMoveBandsPct'");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(Map.of("kinesis", props("initialPosition", "EARLIEST"))))
                .hasMessageContaining("one of [LATEST, TRIM_HORIZON]");
    }

    @Test
    void theLocalJsonFileUsesTheSameGroupsAndKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.json");
        Files.writeString(file, "{\"kinesis\":{\"endpoint\":\"http://127.0.0.1:4568\"},"
                + "\"bars\":{\"fillGaps\":true,\"outOfOrdernessMs\":1500},\"lake\":{\"path\":\"/tmp/lake\"}}");
        JobConfig config = JobConfig.load(new String[] {"--config", file.toString()});
        assertThat(config.get(JobConfig.KINESIS_ENDPOINT)).isEqualTo("http://127.0.0.1:4568");
        assertThat(config.get(JobConfig.FILL_GAPS)).isTrue();
        assertThat(config.get(JobConfig.OUT_OF_ORDERNESS_MS)).isEqualTo(1500L);
        assertThat(config.get(JobConfig.LAKE_PATH)).isEqualTo("/tmp/lake");
    }

    @Test
    void aBadJsonFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.json");
        Files.writeString(file, "{\"bars\":{\"fillGaps\":{\"nested\":1}}}");
        assertThatThrownBy(() -> JobConfig.fromJsonFile(file))
                .hasMessageContaining("'bars.fillGaps'").hasMessageContaining("must be a string, number or boolean");
        Files.writeString(file, "[1,2]");
        assertThatThrownBy(() -> JobConfig.fromJsonFile(file)).hasMessageContaining("must hold a JSON object");
        assertThatThrownBy(() -> JobConfig.fromJsonFile(dir.resolve("missing.json")))
                .hasMessageContaining("could not read config file");
        assertThatThrownBy(() -> JobConfig.load(new String[] {"--config"})).hasMessage("--config needs a file path");
    }

    @Test
    void keysAreListedOncePerQualifiedName() {
        List<String> names = JobConfig.keys().stream().map(ConfigKey::qualifiedName).collect(java.util.stream.Collectors.toList());
        assertThat(names).doesNotHaveDuplicates().contains("bars.fillGaps", "lake.path", "anomaly.zscoreK");
    }
}
