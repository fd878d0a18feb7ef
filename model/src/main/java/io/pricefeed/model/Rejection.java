package io.pricefeed.model;

import java.util.Objects;

/**
 * Why a record was not accepted, with the raw payload so nothing is lost: rejects are written
 * to the lake's {@code rejects/} folder and counted per {@link #getReason() reason}.
 *
 * <p>{@code reason} is a short stable code for grouping (Athena's data-quality counts);
 * {@code detail} is the human explanation.
 */
public class Rejection {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String NOT_AN_OBJECT = "not_an_object";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String BAD_SYMBOL = "bad_symbol";
    public static final String BAD_PRICE = "bad_price";
    public static final String BAD_VOLUME = "bad_volume";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String FUTURE_TS = "future_ts";
    /** Beyond the allowed lateness of its bar (assigned by the Flink job, not the codec). */
    public static final String LATE = "late";

    private String reason;
    private String detail;
    private String raw;
    private long ts;

    public Rejection() {
    }

    public Rejection(String reason, String detail, String raw) {
        this(reason, detail, raw, 0L);
    }

    public Rejection(String reason, String detail, String raw, long ts) {
        this.reason = reason;
        this.detail = detail;
        this.raw = raw;
        this.ts = ts;
    }

    /** A copy stamped with {@code ts}. */
    public Rejection at(long ts) {
        return new Rejection(reason, detail, raw, ts);
    }

    /** {@code missing_field:<name>}: a required field is absent or null. */
    public static String missingField(String name) {
        return "missing_field:" + name;
    }

    /** {@code bad_value:<name>}: a field's value is outside its set (an unknown rule, say). */
    public static String badValue(String name) {
        return "bad_value:" + name;
    }

    /** {@code wrong_type:<name>}: a field holds, say, a string where a number belongs. */
    public static String wrongType(String name) {
        return "wrong_type:" + name;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    /** The record as received (UTF-8; invalid bytes replaced). */
    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    /**
     * When the record was rejected, epoch millis: its event time when it had a valid one (a late
     * tick), else when it arrived. The rejects folder is partitioned by this time's IST date.
     */
    public long getTs() {
        return ts;
    }

    public void setTs(long ts) {
        this.ts = ts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rejection)) {
            return false;
        }
        Rejection r = (Rejection) o;
        return ts == r.ts && Objects.equals(reason, r.reason) && Objects.equals(detail, r.detail)
                && Objects.equals(raw, r.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, raw, ts);
    }

    @Override
    public String toString() {
        return "Rejection{" + reason + ": " + detail + '}';
    }
}
