package io.pricefeed.local;

import io.pricefeed.athena.AthenaCatalog;
import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.NamedQuery;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.athena.ResultFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pricefeed query}: SQL on the local lake through {@code athena}'s {@link LakeQueryEngine},
 * with the Athena tables, views and named queries. Rows go to stdout in the chosen format;
 * anything about them (an empty lake, rows cut off) goes to stderr, so CSV and JSON stay clean.
 * The table stops at {@value #TABLE_MAX_ROWS} rows, csv and json print every row, unless
 * {@code --max-rows} is given (then it limits every format).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL on the local lake with the Athena tables (bars, ticks, anomalies, rejects), views "
                + "(daily_metrics, intraday_returns, anomalies_per_day) and named queries.",
                "Examples:",
                "  ./pricefeed query \"SELECT symbol, count(*) FROM bars WHERE timeframe = '1m' GROUP BY 1\"",
                "  ./pricefeed query --format csv \"SELECT * FROM daily_metrics WHERE trade_date = DATE '2026-03-10'\"",
                "  ./pricefeed query --named top_movers --param trade_date=2026-03-10",
                "  ./pricefeed query --list"})
final class QueryCommand implements Callable<Integer> {
    /** The table's row limit without {@code --max-rows}, as in duckdb's and psql's command lines: csv and json get every row. */
    static final int TABLE_MAX_ROWS = 200;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "the statement (Athena SQL)")
    private String sql;

    @Option(names = "--named", paramLabel = "NAME", description = "run a named query instead (see --list)")
    private String named;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "a named query's parameter, e.g. trade_date=2026-03-10; repeat for more")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--list", description = "list the tables, views and named queries, then exit")
    private boolean list;

    @Option(names = "--lake", description = "the lake folder (default ${DEFAULT-VALUE})")
    private Path lake = Path.of("data", "lake");

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "table (default), csv or json")
    private ResultFormat format = ResultFormat.TABLE;

    @Option(names = "--max-rows", paramLabel = "N", description = "print at most N rows, in any format (default: "
            + TABLE_MAX_ROWS + " for the table format, every row for csv and json)")
    private Integer maxRows;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            out.print(catalog());
            out.flush();
            return 0;
        }
        if ((sql == null) == (named == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either one SQL statement or --named <query> (see --list)");
        }
        if (named == null && !parameters.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--param goes with --named");
        }
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
        }
        int limit = maxRows != null ? maxRows : format == ResultFormat.TABLE ? TABLE_MAX_ROWS : Integer.MAX_VALUE;
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult result = named == null
                    ? engine.query(sql, limit)
                    : engine.namedQuery(named, parameters, limit);
            String text = format.render(result);
            out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            out.flush();
            // After the rows, and only when there are any to explain: a failed query's error
            // is the one thing to read.
            if (engine.tablesWithoutData().size() == engine.tableNames().size()) {
                err.println("pricefeed: the lake " + engine.lake() + " has no data yet (no bars, ticks, anomalies or"
                        + " rejects files); every table is empty. ./pricefeed demo fills it.");
                err.flush();
            }
            if (result.truncated() && format != ResultFormat.TABLE) {
                err.println("pricefeed: only the first " + result.rows().size() + " rows were printed;"
                        + " raise --max-rows for more");
                err.flush();
            }
        }
        return 0;
    }

    private static String catalog() {
        StringBuilder text = new StringBuilder();
        text.append("Tables: ").append(String.join(", ", AthenaCatalog.TABLES)).append('\n');
        text.append("Views:  ").append(String.join(", ", AthenaCatalog.VIEWS)).append('\n');
        text.append("Named queries (--named NAME --param NAME=VALUE ...):\n");
        for (NamedQuery query : AthenaCatalog.namedQueries()) {
            text.append("  ").append(query.name()).append('\n');
            text.append("      ").append(query.description()).append('\n');
            for (NamedQuery.Parameter p : query.parameters()) {
                text.append("      --param ").append(p.name()).append("=...  ").append(p.description()).append('\n');
            }
        }
        return text.toString();
    }

    /** {@code table}, {@code csv}, {@code json}, in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ResultFormat> {
        @Override
        public ResultFormat convert(String value) {
            try {
                return ResultFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a format; use table, csv or json");
            }
        }
    }
}
