package io.pricefeed.flink.ingest;

import java.io.Serializable;
import java.util.Set;

/**
 * Which shards one source subtask reads, as its consumer decides: what {@link ShardWatermarks}
 * must hear from before its watermark means anything. Asked once per (re)start of the subtask.
 */
@FunctionalInterface
public interface AssignedShards extends Serializable {
    /**
     * @param subtaskIndex the source subtask's index (0-based)
     * @param parallelism  the source's parallelism
     * @return the ids of the open shards that subtask reads; empty when it reads none
     */
    Set<String> of(int subtaskIndex, int parallelism) throws Exception;
}
