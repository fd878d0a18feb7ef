package io.pricefeed.flink.lake;

import io.pricefeed.model.TradingCalendar;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Files each record under Hive-style partition folders ending in {@code trade_date=yyyy-MM-dd},
 * the IST date of the record's <em>event</em> time (DESIGN.md §5). Processing time never decides
 * the folder: a replay of last week's ticks, or a late bar written after midnight, lands in its
 * own day.
 *
 * <p>Optional parent folders go in front (bars: {@code timeframe=1m/trade_date=...}).
 */
public final class TradeDateBucketAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    /** A record's event time in epoch millis. */
    @FunctionalInterface
    public interface EventTime<T> extends Serializable {
        long millis(T record);
    }

    /** The partition folders above {@code trade_date}, e.g. {@code timeframe=1m}. */
    @FunctionalInterface
    public interface ParentPartition<T> extends Serializable {
        String path(T record);
    }

    private final EventTime<T> eventTime;
    private final ParentPartition<T> parent;

    private TradeDateBucketAssigner(EventTime<T> eventTime, ParentPartition<T> parent) {
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        this.parent = parent;
    }

    /** {@code trade_date=<IST date of eventTime>}. */
    public static <T> TradeDateBucketAssigner<T> byEventTime(EventTime<T> eventTime) {
        return new TradeDateBucketAssigner<>(eventTime, null);
    }

    /** {@code <parent>/trade_date=<IST date of eventTime>}. */
    public static <T> TradeDateBucketAssigner<T> byEventTime(EventTime<T> eventTime, ParentPartition<T> parent) {
        return new TradeDateBucketAssigner<>(eventTime, Objects.requireNonNull(parent, "parent"));
    }

    @Override
    public String getBucketId(T record, Context context) {
        String tradeDate = "trade_date=" + TradingCalendar.tradeDate(eventTime.millis(record));
        return parent == null ? tradeDate : parent.path(record) + '/' + tradeDate;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return parent == null ? "trade_date=<IST date>" : "<parent>/trade_date=<IST date>";
    }
}
