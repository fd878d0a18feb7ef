package io.pricefeed.flink;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A corpus of records that must never become ticks (DESIGN.md §3), each with the reject reason
 * the wire rules give it, generated from a seed: broken JSON, wrong types, bad prices (NaN,
 * Infinity, negative, zero, a number beyond a double), missing or null fields, timestamps more
 * than 5 minutes ahead, unknown record types, oversized strings (up to a 1 MB symbol, inside the
 * 1 MiB Kinesis record limit) and invalid UTF-8.
 *
 * <p>"Huge" prices: DESIGN.md §3 rejects non-finite prices ({@code 1e400} reads as Infinity), and
 * the codec also refuses finite prices above {@code WireCodec.MAX_PRICE} (1e9), which the
 * pipeline cannot store (this suite found a 1e308 tick failing the DynamoDB sink on every restart):
 * both are {@code bad_price}.
 */
final class MalformedRecords {
    /** The kinds of bad input of issue #10, each generated in turn. */
    enum Kind {
        BROKEN_JSON, WRONG_TYPE, BAD_PRICE, MISSING_FIELD, FUTURE_TS, UNKNOWN_TYPE, OVERSIZED, INVALID_UTF8
    }

    /** One bad record: what it is, its bytes as put on the stream, and the reason the job must file it under. */
    static final class Record {
        final Kind kind;
        final byte[] raw;
        final String reason;

        Record(Kind kind, byte[] raw, String reason) {
            this.kind = kind;
            this.raw = raw;
            this.reason = reason;
        }

        /** The {@code raw} column of its reject line: the bytes as UTF-8 text, invalid sequences replaced. */
        String rawText() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = rawText();
            return kind + " " + reason + " " + (text.length() > 120 ? text.substring(0, 120) + "..." : text);
        }
    }

    /** Records at or above this size are few: each one costs a MiB in kinesalite and the rejects. */
    private static final int[] OVERSIZED_CHARS = {1_000_000, 400_000, 100_000, 20_000, 5_000};
    private static final String UNEXPECTED_TYPE = "unexpected_type";

    private final Random random;
    private final long now;
    private final long sessionFrom;
    private final long sessionTo;

    private MalformedRecords(long seed, long now, long sessionFrom, long sessionTo) {
        this.random = new Random(seed);
        this.now = now;
        this.sessionFrom = sessionFrom;
        this.sessionTo = sessionTo;
    }

    /**
     * {@code count} bad records, the kinds in turn, with session-time timestamps (except the
     * future ones, which are at least a day ahead of {@code now}).
     */
    static List<Record> generate(long seed, int count, long now, long sessionFrom, long sessionTo) {
        MalformedRecords g = new MalformedRecords(seed, now, sessionFrom, sessionTo);
        List<Record> records = new ArrayList<>(count);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < count; i++) {
            records.add(g.next(kinds[i % kinds.length], i / kinds.length));
        }
        return records;
    }

    private Record next(Kind kind, int n) {
        switch (kind) {
            case BROKEN_JSON: return brokenJson(n);
            case WRONG_TYPE: return wrongType(n);
            case BAD_PRICE: return badPrice(n);
            case MISSING_FIELD: return missingField(n);
            case FUTURE_TS: return futureTs(n);
            case UNKNOWN_TYPE: return unknownType(n);
            case OVERSIZED: return oversized(n);
            default: return invalidUtf8(n);
        }
    }

    private Record brokenJson(int n) {
        String good = tick();
        switch (n % 8) {
            case 0: return text(Kind.BROKEN_JSON, good.substring(0, 1 + random.nextInt(good.length() - 2)), Rejection.MALFORMED_JSON);
            case 1: return text(Kind.BROKEN_JSON, good + "}", Rejection.MALFORMED_JSON);
            case 2: return text(Kind.BROKEN_JSON, good.replace("\"ltp\":", "\"ltp\""), Rejection.MALFORMED_JSON);
            case 3: return text(Kind.BROKEN_JSON, good.replace("\"ltp\":", "ltp:"), Rejection.MALFORMED_JSON);
            case 4: return text(Kind.BROKEN_JSON, good.replace(",\"atp\"", ",,\"atp\""), Rejection.MALFORMED_JSON);
            case 5: return text(Kind.BROKEN_JSON, "[" + good + "]", Rejection.NOT_AN_OBJECT);
            case 6: return text(Kind.BROKEN_JSON, "\"" + symbol() + "\"", Rejection.NOT_AN_OBJECT);
            default: return text(Kind.BROKEN_JSON, good + " " + good, Rejection.MALFORMED_JSON);
        }
    }

    private Record wrongType(int n) {
        switch (n % 7) {
            case 0: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":\"" + LTP + "\"")), Rejection.wrongType("ltp"));
            case 1: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"ts\":" + ts, "\"ts\":\"" + ts + "\"")), Rejection.wrongType("ts"));
            case 2: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"cumVolume\":" + CUM, "\"cumVolume\":" + CUM + ".5")), Rejection.wrongType("cumVolume"));
            case 3: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"symbol\":\"" + symbol + "\"", "\"symbol\":42")), Rejection.wrongType("symbol"));
            case 4: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"type\":\"tick\"", "\"type\":true")), Rejection.wrongType("type"));
            case 5: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"atp\":" + ATP, "\"atp\":[" + ATP + "]")), Rejection.wrongType("atp"));
            default: return text(Kind.WRONG_TYPE, tick(f -> f.replace("\"cumVolume\":" + CUM, "\"cumVolume\":99999999999999999999")), Rejection.wrongType("cumVolume"));
        }
    }

    private Record badPrice(int n) {
        switch (n % 10) {
            case 8: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":1e308")), Rejection.BAD_PRICE);
            case 9: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"atp\":" + ATP, "\"atp\":" + 1e12)), Rejection.BAD_PRICE);
            // JSON has no NaN or Infinity literals: a writer that emits them writes broken JSON.
            case 0: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":NaN")), Rejection.MALFORMED_JSON);
            case 1: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":Infinity")), Rejection.MALFORMED_JSON);
            case 2: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":-" + LTP)), Rejection.BAD_PRICE);
            case 3: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":0")), Rejection.BAD_PRICE);
            case 4: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":1e400")), Rejection.BAD_PRICE);
            case 5: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"atp\":" + ATP, "\"atp\":-1.5")), Rejection.BAD_PRICE);
            case 6: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"dayHigh\":" + HIGH, "\"dayHigh\":-1e400")), Rejection.BAD_PRICE);
            default: return text(Kind.BAD_PRICE, tick(f -> f.replace("\"cumVolume\":" + CUM, "\"cumVolume\":-" + CUM)), Rejection.BAD_VOLUME);
        }
    }

    private static final String[] REQUIRED = {"type", "symbol", "ts", "ltp", "cumVolume", "atp"};

    private Record missingField(int n) {
        String field = REQUIRED[n % REQUIRED.length];
        boolean asNull = (n / REQUIRED.length) % 2 == 1;
        String good = tick();
        int at = good.indexOf("\"" + field + "\":");
        int end = good.indexOf(',', at);
        String json = asNull ? good.substring(0, at) + "\"" + field + "\":null" + good.substring(end)
                : good.substring(0, at) + good.substring(end + 1);
        return text(Kind.MISSING_FIELD, json, Rejection.missingField(field));
    }

    private Record futureTs(int n) {
        long ahead = n % 3 == 0 ? 86_400_000L + random.nextInt(1_000_000)
                : n % 3 == 1 ? 365L * 86_400_000L : 4_000_000_000_000L;
        long future = now + ahead;
        return text(Kind.FUTURE_TS, n % 5 == 4
                ? "{\"type\":\"heartbeat\",\"ts\":" + future + ",\"source\":\"producer-1\"}"
                : tick(f -> f.replace("\"ts\":" + ts, "\"ts\":" + future)), Rejection.FUTURE_TS);
    }

    private Record unknownType(int n) {
        switch (n % 5) {
            case 0: return text(Kind.UNKNOWN_TYPE, tick(f -> f.replace("\"type\":\"tick\"", "\"type\":\"quote\"")), Rejection.UNKNOWN_TYPE);
            case 1: return text(Kind.UNKNOWN_TYPE, tick(f -> f.replace("\"type\":\"tick\"", "\"type\":\"TICK\"")), Rejection.UNKNOWN_TYPE);
            case 2: return text(Kind.UNKNOWN_TYPE, tick(f -> f.replace("\"type\":\"tick\"", "\"type\":\"\"")), Rejection.UNKNOWN_TYPE);
            case 3: return text(Kind.UNKNOWN_TYPE, "{\"type\":\"trade\",\"symbol\":\"" + symbol() + "\",\"ts\":" + sessionTs() + "}", Rejection.UNKNOWN_TYPE);
            default: {
                // A valid record of the wrong stream: an anomaly is accepted by the codec, refused by the job.
                String s = symbol();
                long t = sessionTs();
                Anomaly a = new Anomaly(Anomaly.stableId(s, AnomalyRule.PRICE_MOVE, "x" + n), s, AnomalyRule.PRICE_MOVE,
                        Severity.HIGH, t, t - t % 60_000, Timeframe.M1, 5.2, 5.0, "misrouted", Map.of("prevClose", 100.0));
                return new Record(Kind.UNKNOWN_TYPE, WireCodec.encode(a), UNEXPECTED_TYPE);
            }
        }
    }

    private Record oversized(int n) {
        int size = n < OVERSIZED_CHARS.length ? OVERSIZED_CHARS[n] : 1_000 + random.nextInt(3_000);
        String big = "NSE:" + "A".repeat(size);
        switch (n % 3) {
            case 0: return text(Kind.OVERSIZED, tick(f -> f.replace("\"symbol\":\"" + symbol + "\"", "\"symbol\":\"" + big + "\"")), Rejection.BAD_SYMBOL);
            case 1: return text(Kind.OVERSIZED, tick(f -> f.replace("\"type\":\"tick\"", "\"type\":\"" + big + "\"")), Rejection.UNKNOWN_TYPE);
            default: return text(Kind.OVERSIZED, tick(f -> f.replace("\"ltp\":" + LTP, "\"ltp\":\"" + big + "\"")), Rejection.wrongType("ltp"));
        }
    }

    private Record invalidUtf8(int n) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] seq = bad[n % bad.length];
        byte[] good = tick().getBytes(StandardCharsets.UTF_8);
        // Inside the symbol's string (n even) or between tokens (n odd): either way not UTF-8 JSON.
        String marker = n % 2 == 0 ? "\"symbol\":\"NSE:" : ",\"ts\"";
        int at = indexOf(good, marker.getBytes(StandardCharsets.UTF_8)) + (n % 2 == 0 ? marker.length() : 0);
        byte[] raw = new byte[good.length + seq.length];
        System.arraycopy(good, 0, raw, 0, at);
        System.arraycopy(seq, 0, raw, at, seq.length);
        System.arraycopy(good, at, raw, at + seq.length, good.length - at);
        return new Record(Kind.INVALID_UTF8, raw, Rejection.MALFORMED_JSON);
    }

    // ---- a well-formed tick to break ------------------------------------------------------------

    private static final String LTP = "1234.55";
    private static final String ATP = "1230.1";
    private static final String CUM = "812345";
    private static final String HIGH = "1240.0";
    private String symbol;
    private long ts;

    private String tick() {
        return tick(Function.identity());
    }

    /** A valid tick of a symbol outside every session script, then {@code breaker} applied to its JSON. */
    private String tick(Function<String, String> breaker) {
        symbol = symbol();
        ts = sessionTs();
        return breaker.apply("{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"ltp\":" + LTP
                + ",\"cumVolume\":" + CUM + ",\"atp\":" + ATP + ",\"dayOpen\":1220.0,\"dayHigh\":" + HIGH
                + ",\"dayLow\":1215.5,\"prevClose\":1219.4,\"bid\":1234.5,\"ask\":1234.55}");
    }

    private String symbol() {
        return "NSE:BAD" + random.nextInt(1000) + "-EQ";
    }

    private long sessionTs() {
        return sessionFrom + (long) (random.nextDouble() * (sessionTo - sessionFrom));
    }

    private static Record text(Kind kind, String json, String reason) {
        return new Record(kind, json.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
