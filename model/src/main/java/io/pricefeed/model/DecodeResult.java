package io.pricefeed.model;

/** What {@link WireCodec#decode} made of one record: exactly one of a record or a rejection. */
public final class DecodeResult {
    private final WireRecord record;
    private final Rejection rejection;

    private DecodeResult(WireRecord record, Rejection rejection) {
        this.record = record;
        this.rejection = rejection;
    }

    static DecodeResult of(WireRecord record) {
        return new DecodeResult(record, null);
    }

    static DecodeResult rejected(Rejection rejection) {
        return new DecodeResult(null, rejection);
    }

    public boolean isAccepted() {
        return record != null;
    }

    public boolean isTick() {
        return record instanceof Tick;
    }

    public boolean isHeartbeat() {
        return record instanceof Heartbeat;
    }

    public boolean isAnomaly() {
        return record instanceof Anomaly;
    }

    /** The decoded record, or null when rejected. */
    public WireRecord record() {
        return record;
    }

    public Tick tick() {
        return as(Tick.class);
    }

    public Heartbeat heartbeat() {
        return as(Heartbeat.class);
    }

    public Anomaly anomaly() {
        return as(Anomaly.class);
    }

    /** The rejection, or null when accepted. */
    public Rejection rejection() {
        return rejection;
    }

    private <T> T as(Class<T> type) {
        if (!type.isInstance(record)) {
            throw new IllegalStateException("expected a " + type.getSimpleName() + " but this result is "
                    + (record == null ? rejection : record.getClass().getSimpleName()));
        }
        return type.cast(record);
    }

    @Override
    public String toString() {
        return record != null ? record.toString() : rejection.toString();
    }
}
