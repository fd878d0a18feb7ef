package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void placeholdersAreFoundInCodeOnly() {
        String sql = "-- :not_in_a_comment\n"
                + "SELECT ':not_in_a_string', x::INTEGER, \"a:b\" /* :nor_here */\n"
                + "FROM t WHERE d = CAST(:trade_date AS DATE) AND s = :symbol_2";

        assertThat(SqlText.placeholders(sql)).extracting(SqlText.Placeholder::name)
                .containsExactly("trade_date", "symbol_2");
        SqlText.Placeholder first = SqlText.placeholders(sql).get(0);
        assertThat(sql.substring(first.start(), first.end())).isEqualTo(":trade_date");
    }

    @Test
    void statementsSplitAtSemicolonsInCodeOnly() {
        String script = "-- header; not a statement\n"
                + "CREATE MACRO a(x) AS x || ';';\n"
                + "/* ; */ SELECT 'it''s; fine' ;\n"
                + "  -- trailing comment only\n";

        assertThat(SqlText.statements(script)).containsExactly(
                "-- header; not a statement\nCREATE MACRO a(x) AS x || ';'",
                "/* ; */ SELECT 'it''s; fine'");
    }

    @Test
    void commentsGoTheCodeAndLiteralsStay() {
        String sql = "-- a header line\n"
                + "SELECT a, -- why a\n"
                + "       '--not a comment' AS b /* inline */, c\n"
                + "    -- an indented comment line\n"
                + "FROM t";

        assertThat(SqlText.withoutComments(sql)).isEqualTo(
                "SELECT a,\n       '--not a comment' AS b  , c\nFROM t");
        assertThat(SqlText.withoutComments("-- only a comment")).isEmpty();
        assertThat(SqlText.statements("-- only a comment;\n")).isEqualTo(List.of());
    }
}
