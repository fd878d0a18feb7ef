package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped SQL as a whole: every file is listed (so the CDK stack and the local engine see
 * the same set), and the views and named queries stay inside the subset both Athena and DuckDB
 * run. The lint is a net for the DuckDB habits that would pass every local test and fail only
 * on Athena; the views and queries themselves are exercised in the *ViewTest and
 * NamedQueriesTest classes.
 */
class AthenaCatalogTest {
    /** DuckDB-only syntax and functions (Athena/Trino has none of these, or means something else). */
    private static final List<String> DUCKDB_ONLY = List.of("::", "//", "read_parquet", "read_json", "epoch_ms",
            "epoch_us", "make_timestamp", "strftime", "strptime", "list_", "struct_pack", "group by all",
            "order by all", "qualify", "exclude", "ilike", "date_add", "today(", "isodow", "dayofweek", "${", ";");
    private static final Pattern MACRO = Pattern.compile("(?i)CREATE OR REPLACE TEMP MACRO (\\w+)\\(");

    @Test
    void everyFileIsListedInCreationOrder() throws Exception {
        assertThat(sqlFiles("ddl")).containsExactlyInAnyOrderElementsOf(AthenaCatalog.TABLES);
        assertThat(sqlFiles("views")).containsExactlyInAnyOrderElementsOf(AthenaCatalog.VIEWS);
        assertThat(sqlFiles("queries")).containsExactlyInAnyOrderElementsOf(AthenaCatalog.QUERIES);
        assertThat(AthenaCatalog.views()).extracting(SqlStatement::name).containsExactlyElementsOf(AthenaCatalog.VIEWS);
        // Creation order: a view reads only tables and the views created before it.
        for (SqlStatement view : AthenaCatalog.views()) {
            List<String> later = AthenaCatalog.VIEWS.subList(AthenaCatalog.VIEWS.indexOf(view.name()) + 1,
                    AthenaCatalog.VIEWS.size());
            assertThat(later).as(view.name() + " reads a view created after it")
                    .noneMatch(name -> mentions(view.statement(), name));
        }
    }

    /** What the CDK stack reads (it substitutes ${lake} itself): one resource per table, nothing else. */
    @Test
    void tableDdlResourcesAreTheShippedDdlFiles() {
        for (String table : AthenaCatalog.TABLES) {
            String resource = AthenaCatalog.tableDdlResource(table);
            assertThat(resource).isEqualTo("athena/ddl/" + table + ".sql");
            assertThat(AthenaCatalog.class.getClassLoader().getResource(resource)).as(resource).isNotNull();
            assertThat(AthenaCatalog.tableDdlTemplate(table)).contains(AthenaCatalog.LAKE_PLACEHOLDER);
        }
        assertThatThrownBy(() -> AthenaCatalog.tableDdlResource("quotes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No table 'quotes'; known: bars, ticks, anomalies, rejects");
    }

    @Test
    void namedQueriesAreReadyToDeploy() {
        for (NamedQuery query : AthenaCatalog.namedQueries()) {
            assertThat(query.description()).as(query.name()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            assertThat(query.parameters()).as(query.name()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(query.preparedSql().chars().filter(c -> c == '?').count()).as(query.name())
                    .isEqualTo(query.parameters().size());
        }
        assertThat(AthenaCatalog.namedQuery("top_movers").parameterNames()).containsExactly("trade_date");
        assertThat(AthenaCatalog.namedQuery("anomaly_history").parameterNames()).containsExactly("symbol");
    }

    @Test
    void viewsAndQueriesUseOnlySqlBothEnginesRun() {
        List<String> offences = new ArrayList<>();
        for (SqlStatement file : athenaSql()) {
            String code = codeOnly(file.statement());
            for (String token : DUCKDB_ONLY) {
                if (code.contains(token)) {
                    offences.add(file.name() + ": " + token);
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** The shim is for what the shipped SQL needs; a macro nothing uses is dead weight (or a renamed call). */
    @Test
    void everyShimMacroIsUsedAndNoneShadowsADuckDbFunction() {
        Matcher m = MACRO.matcher(AthenaCatalog.resource(LakeQueryEngine.SHIM_RESOURCE));
        List<String> macros = new ArrayList<>();
        while (m.find()) {
            macros.add(m.group(1));
        }
        assertThat(macros).containsExactly("with_timezone", "from_unixtime");
        for (String macro : macros) {
            assertThat(athenaSql()).as(macro).anySatisfy(f -> assertThat(f.statement()).contains(macro + "("));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT DISTINCT function_name FROM duckdb_functions()"
                     + " WHERE function_name IN ('" + String.join("', '", macros) + "')")) {
            assertThat(rs.next()).as("a shim macro would replace DuckDB's own function of that name").isFalse();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<SqlStatement> athenaSql() {
        List<SqlStatement> all = new ArrayList<>(AthenaCatalog.views());
        AthenaCatalog.namedQueries().forEach(q -> all.add(new SqlStatement(q.name(), q.sql())));
        return all;
    }

    /** Lower-cased code with string literals blanked, so a message text cannot trip the lint. */
    private static String codeOnly(String sql) {
        return sql.replaceAll("'([^']|'')*'", "''").toLowerCase(Locale.ROOT);
    }

    private static boolean mentions(String sql, String name) {
        return Pattern.compile("\\b" + name + "\\b").matcher(codeOnly(sql)).find();
    }

    private static List<String> sqlFiles(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(AthenaCatalog.class.getClassLoader().getResource(AthenaCatalog.ROOT + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .peek(name -> assertThat(name).as(folder + "/" + name).endsWith(".sql"))
                    .map(name -> name.substring(0, name.length() - ".sql".length()))
                    .toList();
        }
    }
}
