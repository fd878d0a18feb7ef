package io.pricefeed.flink.local;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The in-process MiniCluster the job runs on outside AWS: the demo, a replay, the tests. */
public final class LocalCluster {
    private LocalCluster() {
    }

    /** A local environment with {@code parallelism} slots and {@code settings} on top of the defaults below. */
    public static StreamExecutionEnvironment environment(int parallelism, Configuration settings) {
        Configuration conf = new Configuration();
        // With Hadoop on the classpath (parquet-avro needs it) Flink starts its Kerberos delegation
        // token providers, which look for a Hadoop setup and warn; the lake uses no Kerberos.
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        // Parquet caches its Snappy codec, with a Hadoop Configuration holding the class loader of the
        // task that first used it, in a static map. Once that job ends its class loader is closed, and
        // the leak check would fail every later Parquet write, read or compaction in this JVM (a second
        // job: a backfill's lake rewrite, a restored job in a test, a benchmark's second run).
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        // Accumulators (the job's progress: ticks read, bars, the event time its bar timers reached)
        // reach the client with the task executors' heartbeats: at the default 10 s the demo's
        // watermark lag read up to 10 s stale. In one JVM a heartbeat a second costs nothing.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        conf.addAll(settings);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
