package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
    private static final Map<String, Double> CONTEXT = new LinkedHashMap<>();

    static {
        CONTEXT.put("ltp", 1150.4);
        CONTEXT.put("prevClose", null);
    }

    private static final QueryResult RESULT = new QueryResult(
            List.of("symbol", "volume", "vwap", "bar_start", "trade_date", "note", "up", "context"),
            List.of("VARCHAR", "HUGEINT", "DOUBLE", "TIMESTAMP", "DATE", "VARCHAR", "BOOLEAN", "MAP(VARCHAR, DOUBLE)"),
            List.of(
                    Arrays.asList("NSE:SBIN-EQ", BigInteger.valueOf(12_000_000), 1096.125,
                            LocalDateTime.of(2026, 3, 10, 3, 45), LocalDate.of(2026, 3, 10), "a, \"b\"\nc", true,
                            CONTEXT),
                    Arrays.asList("NSE:INFY-EQ", null, Double.NaN, null, null, "", false, Map.of())),
            false);

    @Test
    void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
        assertThat(ResultFormat.CSV.render(RESULT)).isEqualTo(
                "symbol,volume,vwap,bar_start,trade_date,note,up,context\n"
                        + "NSE:SBIN-EQ,12000000,1096.125,2026-03-10 03:45:00,2026-03-10,\"a, \"\"b\"\"\nc\",true,"
                        + "\"{ltp=1150.4, prevClose=NULL}\"\n"
                        + "NSE:INFY-EQ,,NaN,,,\"\",false,{}\n");
    }

    @Test
    void jsonKeepsNumbersNumbersAndTimesIso() {
        assertThat(ResultFormat.JSON.render(RESULT)).isEqualTo("[\n"
                + "{\"symbol\":\"NSE:SBIN-EQ\",\"volume\":12000000,\"vwap\":1096.125,\"bar_start\":\"2026-03-10T03:45:00\","
                + "\"trade_date\":\"2026-03-10\",\"note\":\"a, \\\"b\\\"\\nc\",\"up\":true,"
                + "\"context\":{\"ltp\":1150.4,\"prevClose\":null}},\n"
                + "{\"symbol\":\"NSE:INFY-EQ\",\"volume\":null,\"vwap\":null,\"bar_start\":null,\"trade_date\":null,"
                + "\"note\":\"\",\"up\":false,\"context\":{}}\n"
                + "]\n");
        QueryResult zoned = new QueryResult(List.of("t"), List.of("TIMESTAMP WITH TIME ZONE"),
                List.of(List.of(OffsetDateTime.of(2026, 3, 10, 3, 45, 0, 123_000_000, ZoneOffset.UTC))), false);
        assertThat(ResultFormat.JSON.render(zoned)).isEqualTo("[\n{\"t\":\"2026-03-10T03:45:00.123Z\"}\n]\n");
    }

    @Test
    void noRowsAndNoResultSet() {
        QueryResult empty = new QueryResult(List.of("a"), List.of("INTEGER"), List.of(), false);
        assertThat(ResultFormat.CSV.render(empty)).isEqualTo("a\n");
        assertThat(ResultFormat.JSON.render(empty)).isEqualTo("[]\n");
        assertThat(ResultFormat.TABLE.render(empty)).isEqualTo("a\n-\n(0 rows)");
        assertThat(ResultFormat.CSV.render(QueryResult.noResultSet())).isEmpty();
        assertThat(ResultFormat.JSON.render(QueryResult.noResultSet())).isEqualTo("[]\n");
    }
}
