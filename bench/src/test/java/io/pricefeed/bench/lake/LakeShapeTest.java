package io.pricefeed.bench.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeShapeTest {
    @Test
    void groupsFilesByPartitionFolderAndKeepsHiddenOnesApart(@TempDir Path lake) throws Exception {
        Path m1 = Files.createDirectories(lake.resolve("bars/timeframe=1m/trade_date=2026-03-10"));
        Path ticks = Files.createDirectories(lake.resolve("ticks/trade_date=2026-03-10"));
        Files.write(m1.resolve("part-a-0.parquet"), new byte[10]);
        Files.write(m1.resolve("part-a-1.parquet"), new byte[30]);
        Files.write(m1.resolve(".part-a-2.parquet.inprogress.x"), new byte[7]);
        Files.write(ticks.resolve("compacted-part-b-0.parquet"), new byte[100]);
        Files.write(ticks.resolve("_SUCCESS"), new byte[1]);

        LakeShape shape = LakeShape.of(lake);

        assertThat(shape.visible()).containsOnlyKeys("bars/timeframe=1m/trade_date=2026-03-10", "ticks/trade_date=2026-03-10");
        assertThat(shape.visible().get("bars/timeframe=1m/trade_date=2026-03-10")).isEqualTo(new FileShape(2, 10, 10, 30, 40));
        assertThat(shape.visible().get("ticks/trade_date=2026-03-10")).isEqualTo(new FileShape(1, 100, 100, 100, 100));
        assertThat(shape.hidden().get("bars/timeframe=1m/trade_date=2026-03-10")).isEqualTo(new FileShape(1, 7, 7, 7, 7));
        assertThat(shape.hidden().get("ticks/trade_date=2026-03-10")).isEqualTo(new FileShape(1, 1, 1, 1, 1));
    }
}
