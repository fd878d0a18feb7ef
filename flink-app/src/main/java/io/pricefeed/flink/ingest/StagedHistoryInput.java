package io.pricefeed.flink.ingest;

import io.pricefeed.model.Bar;
import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.model.TradingCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The staged history candles of a backfill ({@link HistoryCandleLine} files, one per symbol and
 * chunk) as final bars: 1m bars from minute candles, 1d bars from daily ones, vwap unknown and
 * tickCount 0. The (symbol, IST trade date) pairs in {@code skip} are left out: those days already
 * have bars in the lake.
 */
public final class StagedHistoryInput implements BarInput {
    public static final String UID = "history-source";

    private final List<String> files;
    private final Set<String> skip;

    /**
     * @param files the staged chunk files of this backfill (absolute paths)
     * @param skip  pairs to leave out, as {@link #pairKey}
     */
    public StagedHistoryInput(List<java.nio.file.Path> files, Set<String> skip) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no staged history files to load");
        }
        this.files = files.stream().map(p -> p.toAbsolutePath().toUri().toString()).collect(Collectors.toList());
        this.skip = new HashSet<>(skip);
    }

    /** How a (symbol, IST trade date) pair is named in {@code skip}. */
    public static String pairKey(String symbol, java.time.LocalDate tradeDate) {
        return symbol + "|" + tradeDate;
    }

    @Override
    public DataStream<Bar> open(StreamExecutionEnvironment env) {
        Path[] paths = files.stream().map(Path::new).toArray(Path[]::new);
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), paths).build();
        WatermarkStrategy<Bar> eventTime = WatermarkStrategy.<Bar>forMonotonousTimestamps()
                .withTimestampAssigner((SerializableTimestampAssigner<Bar>) (bar, previous) -> bar.getBarEnd() - 1);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Staged history").uid(UID)
                .filter(new NotBlank()).name("Skip blank lines")
                .map(new Decode()).name("Candles to bars")
                .filter(new NotSkipped(skip)).name("Leave out days with bars")
                .assignTimestampsAndWatermarks(eventTime).name("Event time");
    }

    private static final class NotBlank implements FilterFunction<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(String line) {
            return !line.isBlank();
        }
    }

    private static final class Decode implements MapFunction<String, Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public Bar map(String line) {
            return HistoryCandleLine.decode(line);
        }
    }

    private static final class NotSkipped implements FilterFunction<Bar> {
        private static final long serialVersionUID = 1L;
        private final HashSet<String> skip;

        NotSkipped(Set<String> skip) {
            this.skip = new HashSet<>(skip);
        }

        @Override
        public boolean filter(Bar bar) {
            return !skip.contains(pairKey(bar.getSymbol(), TradingCalendar.tradeDate(bar.getBarStart())));
        }
    }
}
