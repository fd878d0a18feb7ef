package io.pricefeed.model;

/**
 * The names of the pipeline's streams, tables and TTL attribute (DESIGN.md §5): one contract
 * that the CDK stacks, the job, the Lambda and the local stand-ins all create or address.
 */
public final class ResourceNames {
    public static final String TICKS_STREAM = "ticks";
    public static final String ANOMALIES_STREAM = "anomalies";
    public static final String BARS_TABLE = "bars";
    public static final String ALERT_DEDUP_TABLE = "alert-dedup";
    /** The DynamoDB TTL attribute of both tables, epoch seconds. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private ResourceNames() {
    }
}
