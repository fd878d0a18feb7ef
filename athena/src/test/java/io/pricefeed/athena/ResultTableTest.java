package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.fixtures.TestLakeWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        QueryResult result = new QueryResult(
                List.of("symbol", "bars", "close"),
                List.of("VARCHAR", "BIGINT", "DOUBLE"),
                List.of(List.of("NSE:SBIN-EQ", 3L, 1097.0), List.of("NSE:TCS-EQ", 12L, 3891.25)),
                false);

        assertThat(ResultTable.render(result)).isEqualTo(String.join("\n",
                "symbol      | bars |   close",
                "------------+------+--------",
                "NSE:SBIN-EQ |    3 |  1097.0",
                "NSE:TCS-EQ  |   12 | 3891.25",
                "(2 rows)"));
    }

    @Test
    void rendersAQueryOverTheLakeExactly(@TempDir Path lake) {
        TestLakeWriter.bars(lake, TestLake.BARS);
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult result = engine.query("SELECT symbol, bar_start, sum(volume) AS volume, max(high) AS high"
                    + " FROM bars WHERE timeframe = '1d' GROUP BY ALL ORDER BY symbol");

            assertThat(ResultTable.render(result)).isEqualTo(String.join("\n",
                    "symbol      | bar_start           |   volume |   high",
                    "------------+---------------------+----------+-------",
                    "NSE:INFY-EQ | 2026-03-10 03:45:00 | 12000000 | 1522.0",
                    "NSE:SBIN-EQ | 2026-03-10 03:45:00 |  8234561 | 1105.0",
                    "(2 rows)"));
        }
    }

    @Test
    void emptyAndTruncatedResultsSaySo() {
        QueryResult none = new QueryResult(List.of("n"), List.of("BIGINT"), List.of(), false);
        assertThat(ResultTable.render(none)).isEqualTo("n\n-\n(0 rows)");

        QueryResult cut = new QueryResult(List.of("n"), List.of("BIGINT"), List.of(List.of(1L)), true);
        assertThat(ResultTable.render(cut)).isEqualTo("n\n-\n1\n(first 1 row shown; the query returned more)");
    }

    @Test
    void nullIsSpelledOutAndDoesNotDecideAlignment() {
        QueryResult result = new QueryResult(List.of("vwap", "note"), List.of("DOUBLE", "VARCHAR"),
                List.of(Arrays.asList(null, "a"), Arrays.asList(1.5, null)), false);

        assertThat(ResultTable.render(result)).isEqualTo(String.join("\n",
                "vwap | note",
                "-----+-----",
                "NULL | a",
                " 1.5 | NULL",
                "(2 rows)"));
    }

    @Test
    void formatsValuesReadably() {
        assertThat(ResultTable.format(LocalDateTime.of(2026, 3, 10, 3, 45))).isEqualTo("2026-03-10 03:45:00");
        assertThat(ResultTable.format(LocalDateTime.of(2026, 3, 10, 3, 45, 5, 123_000_000)))
                .isEqualTo("2026-03-10 03:45:05.123");
        assertThat(ResultTable.format(OffsetDateTime.of(2026, 3, 10, 3, 45, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-03-10 03:45:00+00:00");
        assertThat(ResultTable.format(LocalDate.of(2026, 3, 10))).isEqualTo("2026-03-10");
        assertThat(ResultTable.format(LocalTime.of(9, 15))).isEqualTo("09:15:00");
        assertThat(ResultTable.format(new BigInteger("170141183460469231731687303715884105727")))
                .isEqualTo("170141183460469231731687303715884105727");
        assertThat(ResultTable.format(12_000_000.0)).isEqualTo("12000000");
        assertThat(ResultTable.format(1098.75)).isEqualTo("1098.75");
        assertThat(ResultTable.format(Double.NaN)).isEqualTo("NaN");
        assertThat(ResultTable.format(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ResultTable.format("two\nlines\t!")).isEqualTo("two\\nlines\\t!");
        assertThat(ResultTable.format(new byte[] {0x0a, (byte) 0xff})).isEqualTo("\\x0A\\xFF");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("ltp", 1150.4);
        context.put("at", LocalDateTime.of(2026, 3, 10, 3, 50));
        assertThat(ResultTable.format(context)).isEqualTo("{ltp=1150.4, at=2026-03-10 03:50:00}");
        assertThat(ResultTable.format(List.of(1L, 2L))).isEqualTo("[1, 2]");
    }
}
