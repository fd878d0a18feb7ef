package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shim's macros behave as the Trino functions they stand in for (Trino's documented results). */
class ShimTest {

    @Test
    void withTimezoneReadsAWallTimeInAZoneWhateverTheSessionZone(@TempDir Path lake) {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            String ist = "SELECT CAST(with_timezone(TIMESTAMP '2026-03-10 03:45:00', 'UTC')"
                    + " AT TIME ZONE 'Asia/Kolkata' AS timestamp) AS ist";
            assertThat(engine.query(ist).rows()).containsExactly(List.of(LocalDateTime.of(2026, 3, 10, 9, 15)));

            // with_timezone(TIMESTAMP '2026-03-10 09:15', 'Asia/Kolkata') is the instant 03:45 UTC.
            assertThat(engine.query("SELECT with_timezone(TIMESTAMP '2026-03-10 09:15:00', 'Asia/Kolkata')").rows())
                    .containsExactly(List.of(OffsetDateTime.of(2026, 3, 10, 3, 45, 0, 0, ZoneOffset.UTC)));

            engine.query("SET TimeZone = 'America/New_York'");
            assertThat(engine.query(ist).rows()).containsExactly(List.of(LocalDateTime.of(2026, 3, 10, 9, 15)));
        }
    }

    @Test
    void fromUnixtimeTakesSecondsWithAFraction(@TempDir Path lake) {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult result = engine.query("SELECT from_unixtime(1773114300.123) AS t,"
                    + " from_unixtime(CAST(1773114300123 AS DOUBLE) / 1000) AS from_millis, from_unixtime(0) AS epoch");

            assertThat(result.types()).containsExactly("TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE",
                    "TIMESTAMP WITH TIME ZONE");
            OffsetDateTime expected = OffsetDateTime.of(2026, 3, 10, 3, 45, 0, 123_000_000, ZoneOffset.UTC);
            assertThat(result.rows()).containsExactly(List.of(expected, expected,
                    OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
        }
    }
}
