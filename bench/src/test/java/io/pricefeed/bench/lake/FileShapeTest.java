package io.pricefeed.bench.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileShapeTest {
    @Test
    void anOddCountHasItsMiddleSizeAsMedian() {
        assertThat(FileShape.of(List.of(300L, 100L, 200L))).isEqualTo(new FileShape(3, 100, 200, 300, 600));
    }

    @Test
    void anEvenCountHasTheLowerMiddleSizeAsMedianSoItIsARealFilesSize() {
        assertThat(FileShape.of(List.of(5L, 1L, 3L, 2L))).isEqualTo(new FileShape(4, 1, 2, 5, 11));
    }

    @Test
    void noFilesIsAllZero() {
        assertThat(FileShape.of(List.of())).isEqualTo(new FileShape(0, 0, 0, 0, 0));
    }
}
