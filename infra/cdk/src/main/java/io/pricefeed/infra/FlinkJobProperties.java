package io.pricefeed.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pricefeed.model.ResourceNames;

/**
 * The Flink job's runtime properties on Managed Flink (DESIGN.md section 7): the property groups
 * {@code JobConfig} reads, with its group and key names. A test feeds the synthesized groups to
 * {@code JobConfig.fromPropertyGroups}, so a misspelt key or a malformed value fails the build
 * rather than the job's first start.
 *
 * <p>What the deployment decides is set here: where the streams, table and lake are, and how
 * often the job checkpoints (which must agree with the application's checkpoint configuration).
 * The anomaly thresholds are DESIGN.md section 6's defaults, spelt out so that tuning them is a
 * visible one-line change and a redeploy.
 */
final class FlinkJobProperties {

    static final String KINESIS = "kinesis";
    static final String LAKE = "lake";
    static final String DYNAMODB = "dynamodb";
    static final String JOB = "job";
    static final String ANOMALY = "anomaly";

    private FlinkJobProperties() {
    }

    /**
     * @param region the deployment's region (a token at synth time)
     * @param lakePath {@code s3://bucket} of the lake (a token at synth time)
     * @param checkpointIntervalMs the application's checkpoint interval
     */
    static Map<String, Map<String, String>> groups(String region, String lakePath, long checkpointIntervalMs) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        groups.put(KINESIS, ordered(
                "region", region,
                "ticksStream", ResourceNames.TICKS_STREAM,
                "anomaliesStream", ResourceNames.ANOMALIES_STREAM,
                // Only the very first start reads from here: every later start restores the stream
                // positions from the stop snapshot, so the ticks of 09:00-09:15 are not lost.
                "initialPosition", "LATEST"));
        groups.put(LAKE, ordered(
                "path", lakePath,
                "compaction", "true"));
        groups.put(DYNAMODB, ordered(
                "barsTable", ResourceNames.BARS_TABLE));
        groups.put(JOB, ordered(
                "checkpointIntervalMs", Long.toString(checkpointIntervalMs)));
        groups.put(ANOMALY, ordered(
                "priceMoveBandsPct", "5,7.5,10",
                "zscoreK", "4",
                "zscoreWindow", "30",
                "surgeRatio", "5",
                "surgeWindow", "20",
                "gapOpenPct", "3"));
        return groups;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
