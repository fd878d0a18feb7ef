package io.pricefeed.local;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.athena.ResultTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./pricefeed query "<SQL>"}: DuckDB over the local lake with the Athena table names. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement on the local lake: the views bars, ticks and anomalies stand in for "
                + "the Athena tables.",
                "Example: ./pricefeed query \"SELECT symbol, count(*) FROM bars WHERE timeframe = '1m' GROUP BY 1\""})
final class QueryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "the statement")
    private String sql;

    @Option(names = "--lake", description = "the lake folder (default ${DEFAULT-VALUE})")
    private Path lake = Path.of("data", "lake");

    @Option(names = "--max-rows", description = "print at most this many rows (default ${DEFAULT-VALUE})")
    private int maxRows = 200;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
        }
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult result = engine.query(sql, maxRows);
            spec.commandLine().getOut().print(ResultTable.render(result));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
