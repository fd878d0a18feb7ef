package io.pricefeed.flink.ingest;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.local.LocalCluster;
import io.pricefeed.flink.config.JobConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

class KinesisTickInputTest {
    @Test
    void theEventTimeOperatorIsChainedToTheSourceWithItsParallelism() {
        JobConfig config = JobConfig.fromPropertyGroups(Map.of("kinesis",
                props("endpoint", "http://localhost:1", "ticksStream", "ticks-graph")));
        StreamExecutionEnvironment env = LocalCluster.environment(3, new Configuration());
        new KinesisTickInput(config).open(env).sinkTo(new DiscardingSink<>()).disableChaining();

        List<JobVertex> vertices = StreamSupport.stream(env.getStreamGraph().getJobGraph().getVertices().spliterator(), false)
                .collect(Collectors.toList());
        assertThat(vertices).filteredOn(v -> v.getName().contains("Event time per shard")).singleElement()
                .satisfies(v -> {
                    assertThat(v.getName()).as("one task: its subtask index is the source's")
                            .startsWith("Source: Kinesis: ticks-graph -> Event time per shard");
                    assertThat(v.getParallelism()).isEqualTo(3);
                });
    }
}
