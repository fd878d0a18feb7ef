package io.pricefeed.model;

/** A record that travels on a Kinesis stream as one JSON object (DESIGN.md §3). */
public interface WireRecord {
    /** The record's event time, epoch milliseconds. */
    long getTs();
}
