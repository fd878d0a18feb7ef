package io.pricefeed.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The in-process MiniCluster the job runs on outside AWS: the demo, a replay, the tests. */
public final class LocalCluster {
    private LocalCluster() {
    }

    /** A local environment with {@code parallelism} slots and {@code settings} on top of the defaults below. */
    public static StreamExecutionEnvironment environment(int parallelism, Configuration settings) {
        Configuration conf = new Configuration();
        conf.addAll(settings);
        // With Hadoop on the classpath (parquet-avro needs it) Flink starts its Kerberos delegation
        // token providers, which look for a Hadoop setup and warn; the lake uses no Kerberos.
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
