package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewScriptTest {

    @Test
    void shippedScriptDefinesTheAthenaTables() {
        List<LakeView> views = ViewScript.load(LakeQueryEngine.VIEWS_RESOURCE);

        assertThat(views).extracting(LakeView::name).containsExactlyElementsOf(AthenaCatalog.TABLES);
        assertThat(views).extracting(LakeView::fileGlob).containsExactly(
                "bars/*/*/[!._]*.parquet", "ticks/trade_date=*/[!._]*.parquet", "anomalies/trade_date=*/[!._]*.parquet",
                "rejects/trade_date=*/[!._]*.jsonl");
        assertThat(views.get(0).overFiles()).contains("read_parquet('${lake}/bars/*/*/[!._]*.parquet',"
                + " hive_partitioning = true, union_by_name = true)");
        assertThat(views).allSatisfy(view -> assertThat(view.whenEmpty()).doesNotContain("read_"));
    }

    @Test
    void refusesAGlobThatIsNotTheOneTheViewReads() {
        String script = "-- @view bars files=bars/*/*.parquet\n"
                + "CREATE VIEW bars AS SELECT * FROM read_parquet('${lake}/bars/*/*/*.parquet');\n"
                + "-- @empty bars\n"
                + "CREATE VIEW bars AS SELECT 1 AS x WHERE false;\n";

        assertThatThrownBy(() -> ViewScript.parse(script, "test.sql"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("files=bars/*/*.parquet")
                .hasMessageContaining("does not read '${lake}/bars/*/*.parquet'");
    }

    @Test
    void refusesAViewWithoutItsEmptyForm() {
        String script = "-- @view bars files=bars/*.parquet\n"
                + "CREATE VIEW bars AS SELECT * FROM read_parquet('${lake}/bars/*.parquet');\n";

        assertThatThrownBy(() -> ViewScript.parse(script, "test.sql"))
                .hasMessageContaining("view 'bars' has no '-- @empty bars' form");
    }

    @Test
    void namesTheLineOfAnUnknownDirective() {
        String script = "-- header\n\n-- @viwe bars files=bars/*.parquet\nSELECT 1;\n";

        assertThatThrownBy(() -> ViewScript.parse(script, "test.sql"))
                .hasMessage("test.sql line 3: unknown directive '@viwe' (known: @view, @empty)");
    }

    @Test
    void keepsTheStatementWithoutCommentsOrTheFinalSemicolon() {
        String script = "-- @view t files=t/*.parquet\n"
                + "-- why this view exists\n"
                + "CREATE VIEW t AS\n  SELECT * FROM read_parquet('${lake}/t/*.parquet');\n\n"
                + "-- @empty t\nCREATE VIEW t AS SELECT 1 AS x WHERE false;\n";

        LakeView view = ViewScript.parse(script, "test.sql").get(0);

        assertThat(view.overFiles()).isEqualTo("CREATE VIEW t AS\n  SELECT * FROM read_parquet('${lake}/t/*.parquet')");
        assertThat(view.whenEmpty()).isEqualTo("CREATE VIEW t AS SELECT 1 AS x WHERE false");
    }
}
