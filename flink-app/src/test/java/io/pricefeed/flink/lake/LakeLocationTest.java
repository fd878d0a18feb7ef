package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LakeLocationTest {

    @Test
    void s3LocationsKeepTheirBucketAndPrefix() {
        assertThat(LakeLocation.of("s3://pricefeed-lake/prod").table("bars").toString())
                .isEqualTo("s3://pricefeed-lake/prod/bars");
        assertThat(LakeLocation.of("s3://pricefeed-lake/prod/").table("bars").toString())
                .isEqualTo("s3://pricefeed-lake/prod/bars");
        assertThat(LakeLocation.of("s3://pricefeed-lake").table("ticks").toString())
                .isEqualTo("s3://pricefeed-lake/ticks");
    }

    @Test
    void fileUrisAndAbsoluteFoldersAreTheSameLocalLake() {
        assertThat(LakeLocation.of("file:///tmp/lake").table("bars").toUri())
                .isEqualTo(LakeLocation.of("/tmp/lake").table("bars").toUri());
        assertThat(LakeLocation.of("/tmp/lake").table("bars").toUri().getScheme()).isEqualTo("file");
    }

    @Test
    void aRelativeFolderIsResolvedAgainstTheWorkingDirectoryWhenTheJobIsBuilt() {
        Path expected = Path.of("data/lake").toAbsolutePath().resolve("anomalies");
        assertThat(LakeLocation.of("data/lake").table("anomalies").toUri()).isEqualTo(expected.toUri());
    }

    @Test
    void aFolderWithSpacesIsAFolder() {
        assertThat(LakeLocation.of("/tmp/my lake").table("bars").getPath()).isEqualTo("/tmp/my lake/bars");
    }

    @Test
    void blankOrOpaqueLocationsAreRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> LakeLocation.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> LakeLocation.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LakeLocation.of("mailto:lake@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mailto:lake@example.com");
    }
}
