package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakeSinkOptionsTest {

    @Test
    void defaultsCompactEveryFewCheckpoints() {
        LakeSinkOptions options = LakeSinkOptions.defaults();
        assertThat(options.compactionEnabled()).isTrue();
        assertThat(options.checkpointsPerCompaction()).isEqualTo(LakeSinkOptions.DEFAULT_CHECKPOINTS_PER_COMPACTION);
        assertThat(options.compactionTargetBytes()).isEqualTo(LakeSinkOptions.DEFAULT_COMPACTION_TARGET_BYTES);
    }

    @Test
    void nonsensicalSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LakeSinkOptions.builder().checkpointsPerCompaction(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpointsPerCompaction");
        assertThatThrownBy(() -> LakeSinkOptions.builder().compactionTargetBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compactionTargetBytes");
    }

    @Test
    void everySinkBuildsWithAndWithoutCompaction() {
        for (LakeSinkOptions options : new LakeSinkOptions[] {
                LakeSinkOptions.defaults(), LakeSinkOptions.builder().compactionEnabled(false).build()}) {
            assertThat(LakeSinks.bars("s3://bucket/lake", options)).isNotNull();
            assertThat(LakeSinks.ticks("s3://bucket/lake", options)).isNotNull();
            assertThat(LakeSinks.anomalies("s3://bucket/lake", options)).isNotNull();
            assertThat(LakeSinks.rejects("s3://bucket/lake", options)).isNotNull();
        }
    }
}
