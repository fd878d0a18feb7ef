package io.pricefeed.model;

import java.util.Objects;

/** A bar interval [start, end) in epoch milliseconds, as assigned by {@link TradingCalendar}. */
public final class Bucket {
    private final long start;
    private final long end;

    public Bucket(long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("bucket end " + end + " must be after start " + start);
        }
        this.start = start;
        this.end = end;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public boolean contains(long ts) {
        return ts >= start && ts < end;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Bucket)) {
            return false;
        }
        Bucket other = (Bucket) o;
        return start == other.start && end == other.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end);
    }

    @Override
    public String toString() {
        return "[" + TradingCalendar.formatIst(start) + ", " + TradingCalendar.formatIst(end) + ")";
    }
}
