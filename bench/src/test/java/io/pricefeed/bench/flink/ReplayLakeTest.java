package io.pricefeed.bench.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayLakeTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final ReplayLake.Params SMALL = new ReplayLake.Params(7, 90, 3, 42, DAY);

    private static List<Tick> ticksOf(ReplayLake.Params params) {
        List<Tick> all = new ArrayList<>();
        for (int f = 0; f < params.fileCount(); f++) {
            ReplayLake.ticksOfFile(params, f, all::add);
        }
        return all;
    }

    @Test
    void theSameParametersGiveTheSameTicks() {
        List<Tick> a = ticksOf(SMALL);
        List<Tick> b = ticksOf(SMALL);
        assertThat(a).hasSize(7 * 90);
        assertThat(a).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(b);
        assertThat(ticksOf(new ReplayLake.Params(7, 90, 3, 43, DAY)).get(0).getLtp())
                .as("another seed, another walk").isNotEqualTo(a.get(0).getLtp());
    }

    @Test
    void everySymbolTicksOnceASecondInsideTheSessionInTimeOrder() {
        long open = DAY.atTime(9, 15).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        Map<String, List<Long>> bySymbol = new HashMap<>();
        for (Tick t : ticksOf(SMALL)) {
            bySymbol.computeIfAbsent(t.getSymbol(), k -> new ArrayList<>()).add(t.getTs());
        }
        assertThat(bySymbol).hasSize(7).containsKey("NSE:SYM0000-EQ").containsKey("NSE:SYM0006-EQ");
        for (List<Long> ts : bySymbol.values()) {
            assertThat(ts).hasSize(90);
            for (int sec = 0; sec < 90; sec++) {
                assertThat(ts.get(sec)).isBetween(open + sec * 1000L, open + sec * 1000L + 999);
            }
        }
    }

    @Test
    void aSymbolsTicksDoNotDependOnHowTheSymbolsAreSplitIntoFiles() {
        List<Tick> oneFile = ticksOf(new ReplayLake.Params(7, 90, 1, 42, DAY));
        List<Tick> threeFiles = ticksOf(SMALL);
        assertThat(threeFiles).usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrderElementsOf(oneFile);
    }

    @Test
    void writesParquetThatDuckDbReadsAndReusesItOnlyWhileTheParametersMatch(@TempDir Path dir) throws Exception {
        List<Long> progress = new ArrayList<>();
        assertThat(ReplayLake.ensure(dir, SMALL, 2, progress::add)).isTrue();
        assertThat(progress).last().isEqualTo(7L * 90);
        assertThat(Files.list(ReplayLake.partition(dir, DAY)).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("part-0000.parquet", "part-0001.parquet", "part-0002.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = db.createStatement().executeQuery("SELECT count(*), count(DISTINCT symbol), min(ts), max(ts)"
                     + " FROM read_parquet('" + ReplayLake.ticksDir(dir) + "/**/*.parquet')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(7 * 90);
            assertThat(rs.getLong(2)).isEqualTo(7);
        }

        assertThat(ReplayLake.ensure(dir, SMALL, 2, p -> { })).as("cached").isFalse();
        ReplayLake.Params other = new ReplayLake.Params(5, 60, 2, 42, DAY);
        assertThat(ReplayLake.ensure(dir, other, 2, p -> { })).as("other parameters: regenerated").isTrue();
        assertThat(Files.list(ReplayLake.partition(dir, DAY)).count()).isEqualTo(2);
    }

    @Test
    void badParametersAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> new ReplayLake.Params(0, 90, 1, 42, DAY)).hasMessageContaining("--symbols");
        assertThatThrownBy(() -> new ReplayLake.Params(1, 22_501, 1, 42, DAY)).hasMessageContaining("--seconds");
        assertThatThrownBy(() -> new ReplayLake.Params(1, 90, 0, 42, DAY)).hasMessageContaining("--files");
    }
}
