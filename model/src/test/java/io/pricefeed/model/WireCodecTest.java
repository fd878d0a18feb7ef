package io.pricefeed.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireCodecTest {
    private static final long NOW = 1_773_114_306_000L;
    private static final String DESIGN_TICK = "{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\",\"ts\":1773114305123,"
            + "\"ltp\":1098.75,\"cumVolume\":8234561,\"atp\":1096.12,\"dayOpen\":1094.0,\"dayHigh\":1101.2,"
            + "\"dayLow\":1089.55,\"prevClose\":1092.4,\"bid\":1098.7,\"ask\":1098.75}";

    private static DecodeResult decode(String json) {
        return WireCodec.decode(json, NOW);
    }

    /** The design's tick with one field replaced (or removed, when value is null). */
    private static String tickWith(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "\"tick\"");
        fields.put("symbol", "\"NSE:SBIN-EQ\"");
        fields.put("ts", "1773114305123");
        fields.put("ltp", "1098.75");
        fields.put("cumVolume", "8234561");
        fields.put("atp", "1096.12");
        fields.put("dayHigh", "1101.2");
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }

    @Test
    void decodesTheDesignsTick() {
        DecodeResult r = decode(DESIGN_TICK);
        assertThat(r.isTick()).isTrue();
        assertThat(r.tick()).isEqualTo(new Tick("NSE:SBIN-EQ", 1773114305123L, 1098.75, 8234561L, 1096.12,
                1094.0, 1101.2, 1089.55, 1092.4, 1098.7, 1098.75));
    }

    @Test
    void ticksRoundTrip() {
        Tick t = new Tick("NSE:M&M-EQ", NOW - 10, 2875.5, 0, 0, 0, 0, 0, 2870.05, 0, 2875.5);
        assertThat(decode(new String(WireCodec.encode(t), StandardCharsets.UTF_8)).tick()).isEqualTo(t);
    }

    @Test
    void heartbeatsRoundTrip() {
        Heartbeat h = new Heartbeat(NOW, "producer-1");
        DecodeResult r = WireCodec.decode(WireCodec.encode(h), NOW);
        assertThat(r.isHeartbeat()).isTrue();
        assertThat(r.heartbeat()).isEqualTo(h);
    }

    @Test
    void anomaliesRoundTripWithTheirContext() {
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("price", 1150.4);
        context.put("prevClose", 1092.4);
        Anomaly a = new Anomaly(Anomaly.stableId("NSE:SBIN-EQ", AnomalyRule.PRICE_MOVE, "2026-03-10|5.0|up"),
                "NSE:SBIN-EQ", AnomalyRule.PRICE_MOVE, Severity.HIGH, NOW - 500, 1773114300000L, Timeframe.M1,
                5.31, 5.0, "SBIN up 5.31% vs previous close 1092.40", context);
        DecodeResult r = WireCodec.decode(WireCodec.encode(a), NOW);
        assertThat(r.isAnomaly()).isTrue();
        assertThat(r.anomaly()).isEqualTo(a);
    }

    @Test
    void stableIdsDependOnlyOnWhatMakesTheEventUnique() {
        String id = Anomaly.stableId("NSE:SBIN-EQ", AnomalyRule.RETURN_ZSCORE, "1773114300000");
        assertThat(id).hasSize(32).matches("[0-9a-f]+")
                .isEqualTo(Anomaly.stableId("NSE:SBIN-EQ", AnomalyRule.RETURN_ZSCORE, "1773114300000"))
                .isNotEqualTo(Anomaly.stableId("NSE:SBIN-EQ", AnomalyRule.VOLUME_SURGE, "1773114300000"))
                .isNotEqualTo(Anomaly.stableId("NSE:SBIN-EQ", AnomalyRule.RETURN_ZSCORE, "1773114360000"));
    }

    @Test
    void unknownFieldsAndKeyOrderDoNotMatter() {
        String json = "{\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"ts\":1773114305123,\"cumVolume\":10,"
                + "\"atp\":100,\"ltp\":101,\"symbol\":\"NSE:ABC-EQ\",\"note\":\"hi\",\"type\":\"tick\"}";
        DecodeResult r = decode(json);
        assertThat(r.isTick()).isTrue();
        assertThat(r.tick().getLtp()).isEqualTo(101.0);
        assertThat(r.tick().getDayOpen()).as("optional price defaults to 0 = unknown").isEqualTo(0.0);
    }

    @Test
    void anIntegralFloatIsAcceptedAsAVolume() {
        assertThat(decode(tickWith("cumVolume", "8234561.0")).tick().getCumVolume()).isEqualTo(8234561L);
    }

    @Test
    void aTimestampUpToFiveMinutesAheadIsAccepted() {
        assertThat(decode(tickWith("ts", String.valueOf(NOW + WireCodec.MAX_FUTURE_SKEW_MS))).isTick()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                 | hello                                      | malformed_json",
        "truncated                | {\"type\":\"tick\",\"symbol\":              | malformed_json",
        "trailing garbage         | {\"type\":\"heartbeat\",\"ts\":1,\"source\":\"p\"} x | malformed_json",
        "NaN literal              | {\"type\":\"tick\",\"ltp\":NaN}              | malformed_json",
        "array                    | [1,2,3]                                    | not_an_object",
        "string                   | \"tick\"                                   | not_an_object",
        "no type                  | {\"ts\":1}                                 | missing_field:type",
        "null type                | {\"type\":null}                            | missing_field:type",
        "numeric type             | {\"type\":7}                               | wrong_type:type",
        "unknown type             | {\"type\":\"trade\",\"ts\":1}                | unknown_type",
        "heartbeat without source | {\"type\":\"heartbeat\",\"ts\":1773114305000} | missing_field:source",
        "heartbeat without ts     | {\"type\":\"heartbeat\",\"source\":\"p\"}     | missing_field:ts",
        "anomaly with unknown rule| {\"type\":\"anomaly\",\"id\":\"x\",\"symbol\":\"NSE:A-EQ\",\"rule\":\"MOON\"} | bad_value:rule",
    })
    void malformedRecordsAreRejectedWithAReason(String name, String json, String reason) {
        DecodeResult r = decode(json.trim());
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.rejection().getReason()).isEqualTo(reason);
        assertThat(r.rejection().getRaw()).as("raw payload kept").isEqualTo(json.trim());
        assertThat(r.rejection().getDetail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "symbol    | <remove>                 | missing_field:symbol",
        "ts        | <remove>                 | missing_field:ts",
        "ltp       | <remove>                 | missing_field:ltp",
        "cumVolume | <remove>                 | missing_field:cumVolume",
        "atp       | <remove>                 | missing_field:atp",
        "ltp       | null                     | missing_field:ltp",
        "ltp       | \"1098.75\"              | wrong_type:ltp",
        "ts        | 1773114305123.5          | wrong_type:ts",
        "cumVolume | 99999999999999999999999  | wrong_type:cumVolume",
        "symbol    | 42                       | wrong_type:symbol",
        "symbol    | \"SBIN\"                 | bad_symbol",
        "symbol    | \"nse:SBIN-EQ\"          | bad_symbol",
        "symbol    | \"NSE:\"                 | bad_symbol",
        "symbol    | \"NSE:SB IN\"            | bad_symbol",
        "ltp       | 0                        | bad_price",
        "ltp       | -1.5                     | bad_price",
        "ltp       | 1e400                    | bad_price",
        "ltp       | 1e308                    | bad_price",
        "ltp       | 1000000000.05            | bad_price",
        "prevClose | 1e200                    | bad_price",
        "atp       | -0.01                    | bad_price",
        "dayHigh   | -3                       | bad_price",
        "dayHigh   | 1e999                    | bad_price",
        "cumVolume | -1                       | bad_volume",
        "ts        | 0                        | bad_timestamp",
        "ts        | -5                       | bad_timestamp",
        "ts        | 1773114606001            | future_ts",
    })
    void invalidTicksAreRejectedWithAReason(String field, String value, String reason) {
        String json = tickWith(field, "<remove>".equals(value) ? null : value);
        DecodeResult r = decode(json);
        assertThat(r.isAccepted()).as(json).isFalse();
        assertThat(r.rejection().getReason()).isEqualTo(reason);
        assertThat(r.rejection().getRaw()).isEqualTo(json);
    }

    @Test
    void anEmptyRecordIsMalformed() {
        assertThat(WireCodec.decode(new byte[0], NOW).rejection().getReason()).isEqualTo("malformed_json");
        assertThat(WireCodec.decode((byte[]) null, NOW).rejection().getReason()).isEqualTo("malformed_json");
    }

    @Test
    void aPriceOfExactlyTheCeilingIsAccepted() {
        assertThat(decode(tickWith("ltp", "1000000000")).isTick()).isTrue();
        assertThat(decode(tickWith("dayHigh", "1e9")).isTick()).isTrue();
    }

    @Test
    void invalidUtf8IsMalformedEvenWhereJacksonWouldAcceptIt() {
        byte[] valid = "{\"type\":\"heartbeat\",\"ts\":1773114306000,\"source\":\"p-\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WireCodec.decode(valid, NOW).isHeartbeat()).as("valid multi-byte UTF-8").isTrue();
        byte[][] invalid = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3, 0x28}};
        for (byte[] seq : invalid) {
            byte[] raw = "{\"type\":\"heartbeat\",\"ts\":1773114306000,\"source\":\"p-XXX\"}".getBytes(StandardCharsets.UTF_8);
            byte[] bad = new byte[raw.length - 3 + seq.length];
            int at = raw.length - 5;
            System.arraycopy(raw, 0, bad, 0, at);
            System.arraycopy(seq, 0, bad, at, seq.length);
            System.arraycopy(raw, at + 3, bad, at + seq.length, raw.length - at - 3);
            DecodeResult r = WireCodec.decode(bad, NOW);
            assertThat(r.isAccepted()).as(java.util.Arrays.toString(seq)).isFalse();
            assertThat(r.rejection().getReason()).isEqualTo("malformed_json");
            assertThat(r.rejection().getDetail()).isEqualTo("not valid UTF-8");
        }
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        Random random = new Random(42);
        byte[] valid = DESIGN_TICK.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(64)];
                random.nextBytes(input);
            } else {
                input = valid.clone();
                for (int m = 0; m < 1 + random.nextInt(4); m++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(128);
                }
            }
            DecodeResult r = WireCodec.decode(input, NOW);
            assertThat(r.isAccepted() || !r.rejection().getReason().isEmpty()).isTrue();
        }
    }
}
