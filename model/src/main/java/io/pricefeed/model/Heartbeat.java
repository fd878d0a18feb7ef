package io.pricefeed.model;

import java.util.Objects;

/**
 * A watermark carrier: the producer sends one to every shard each second (and until 5 minutes
 * after the close), so event time advances even for shards whose symbols stopped trading.
 */
public class Heartbeat implements WireRecord {
    private long ts;
    private String source;

    public Heartbeat() {
    }

    public Heartbeat(long ts, String source) {
        this.ts = ts;
        this.source = source;
    }

    @Override
    public long getTs() {
        return ts;
    }

    public void setTs(long ts) {
        this.ts = ts;
    }

    /** Which producer sent it (for diagnosing a silent shard). */
    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Heartbeat)) {
            return false;
        }
        Heartbeat h = (Heartbeat) o;
        return ts == h.ts && Objects.equals(source, h.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, source);
    }

    @Override
    public String toString() {
        return "Heartbeat{ts=" + ts + " source=" + source + '}';
    }
}
