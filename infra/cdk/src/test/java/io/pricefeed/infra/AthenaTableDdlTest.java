package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pricefeed.athena.AthenaCatalog;

/** The DDL parser on its own: the Hive DDL forms the athena module may use, and its errors. */
class AthenaTableDdlTest {

    @Test
    void parsesColumnsPartitionsParquetAndProperties() {
        AthenaTableDdl ddl = AthenaTableDdl.parse("""
                -- a comment with a 'quote' and ${lake}
                CREATE EXTERNAL TABLE IF NOT EXISTS `Bars` (
                  `symbol` string COMMENT 'NSE:SBIN-EQ, it''s the key', /* block */
                  bar_start  TIMESTAMP,
                  context map < string , double >,
                  price decimal(10, 2),
                  tags array<struct<name:string,weight:double>>
                )
                COMMENT 'final bars'
                PARTITIONED BY (`trade_date` string)
                STORED AS PARQUET
                LOCATION '${lake}/bars/'
                TBLPROPERTIES ('projection.enabled' = 'true', 'storage.location.template' = '${lake}/bars/trade_date=${trade_date}/');
                """, "bars.sql");

        assertThat(ddl.name()).isEqualTo("bars");
        assertThat(ddl.comment()).isEqualTo("final bars");
        assertThat(ddl.columns()).containsExactly(
                new AthenaTableDdl.Column("symbol", "string", "NSE:SBIN-EQ, it's the key"),
                new AthenaTableDdl.Column("bar_start", "timestamp", null),
                new AthenaTableDdl.Column("context", "map<string,double>", null),
                new AthenaTableDdl.Column("price", "decimal(10,2)", null),
                new AthenaTableDdl.Column("tags", "array<struct<name:string,weight:double>>", null));
        assertThat(ddl.partitionKeys()).containsExactly(new AthenaTableDdl.Column("trade_date", "string", null));
        assertThat(ddl.serializationLibrary()).isEqualTo(AthenaTableDdl.PARQUET_SERDE);
        assertThat(ddl.inputFormat()).endsWith("MapredParquetInputFormat");
        assertThat(ddl.location()).isEqualTo("${lake}/bars/");
        assertThat(ddl.tableProperties()).containsExactly(
                Map.entry("projection.enabled", "true"),
                Map.entry("storage.location.template", "${lake}/bars/trade_date=${trade_date}/"));
    }

    @Test
    void parsesJsonLinesWithSerdeAndExplicitFormats() {
        AthenaTableDdl ddl = AthenaTableDdl.parse("""
                create external table rejects (reason string, ts bigint)
                row format serde 'org.openx.data.jsonserde.JsonSerDe'
                with serdeproperties ('ignore.malformed.json' = 'true')
                stored as inputformat 'org.apache.hadoop.mapred.TextInputFormat'
                outputformat 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
                location '${lake}/rejects/'
                """, "rejects.sql");

        assertThat(ddl.serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(ddl.serdeProperties()).containsExactly(Map.entry("ignore.malformed.json", "true"));
        assertThat(ddl.inputFormat()).isEqualTo(AthenaTableDdl.TEXT_INPUT);
        assertThat(ddl.outputFormat()).isEqualTo(AthenaTableDdl.TEXT_OUTPUT);
        assertThat(ddl.partitionKeys()).isEmpty();
        assertThat(ddl.tableProperties()).isEmpty();
    }

    @Test
    void textFileDefaultsToTheLazySimpleSerde() {
        AthenaTableDdl ddl = AthenaTableDdl.parse(
                "CREATE EXTERNAL TABLE t (a int) STORED AS TEXTFILE LOCATION 's3://x/'", "t.sql");
        assertThat(ddl.serializationLibrary()).isEqualTo(AthenaTableDdl.LAZY_SIMPLE_SERDE);
    }

    @Test
    void rejectsWhatItCannotTranslateNamingFileAndLine() {
        assertThatThrownBy(() -> AthenaTableDdl.parse(
                "CREATE EXTERNAL TABLE t (a int)\nCLUSTERED BY (a) INTO 4 BUCKETS\nSTORED AS PARQUET LOCATION 'x'", "t.sql"))
                .hasMessageContaining("t.sql line 2").hasMessageContaining("unsupported clause");
        assertThatThrownBy(() -> AthenaTableDdl.parse("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET", "t.sql"))
                .hasMessageContaining("LOCATION is missing");
        assertThatThrownBy(() -> AthenaTableDdl.parse("CREATE EXTERNAL TABLE t (a int) LOCATION 'x'", "t.sql"))
                .hasMessageContaining("storage format is missing");
        assertThatThrownBy(() -> AthenaTableDdl.parse("CREATE EXTERNAL TABLE t (a int) STORED AS AVRO LOCATION 'x'", "t.sql"))
                .hasMessageContaining("STORED AS AVRO");
        assertThatThrownBy(() -> AthenaTableDdl.parse(
                "CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION 'x'; CREATE EXTERNAL TABLE u (b int)", "t.sql"))
                .hasMessageContaining("one CREATE EXTERNAL TABLE statement per file");
        assertThatThrownBy(() -> AthenaTableDdl.parse("CREATE VIEW v AS SELECT 1", "v.sql"))
                .hasMessageContaining("expected CREATE EXTERNAL TABLE");
        assertThatThrownBy(() -> AthenaTableDdl.parse(
                "CREATE EXTERNAL TABLE t (a int, A string) STORED AS PARQUET LOCATION 'x'", "t.sql"))
                .hasMessageContaining("column 'a' is declared twice");
    }

    @Test
    void onlyTheLakeAndPartitionColumnsMayBePlaceholders() {
        AthenaTableDdl ddl = AthenaTableDdl.parse(
                "CREATE EXTERNAL TABLE t (a int) PARTITIONED BY (d string) STORED AS PARQUET LOCATION '${lake}/t/'", "t.sql");
        assertThat(LakeCatalog.substituteLake(ddl, "where", "${lake}/t/d=${d}/", "s3://b", Set.of("d")))
                .isEqualTo("s3://b/t/d=${d}/");
        assertThatThrownBy(() -> LakeCatalog.substituteLake(ddl, "LOCATION", "${bucket}/t/", "s3://b", Set.of()))
                .hasMessageContaining("t.sql: LOCATION uses unknown placeholder ${bucket}");
    }

    @Test
    void loadsEveryDdlFileOfTheAthenaModule() {
        List<AthenaTableDdl> tables = AthenaTableDdl.loadAll();
        assertThat(tables).extracting(AthenaTableDdl::name).containsExactlyInAnyOrderElementsOf(AthenaCatalog.TABLES)
                .contains("bars");
        // In file-name order, the order the Glue tables have always been created in.
        assertThat(tables).extracting(AthenaTableDdl::source).isSorted()
                .allSatisfy(source -> assertThat(source).endsWith(".sql").doesNotContain("/"));
        assertThat(tables).allSatisfy(t -> assertThat(t.location()).startsWith(LakeCatalog.LAKE_PLACEHOLDER + "/"));
    }

    @Test
    void aDdlFileMustCreateTheTableAthenaCatalogNamesItFor() {
        // A copied file (ticks.sql creating bars again) is named here, not left to a construct id clash.
        String ticks = AthenaCatalog.tableDdlResource("ticks");
        ClassLoader copiedBars = new ClassLoader(AthenaTableDdl.class.getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return super.getResourceAsStream(name.equals(ticks) ? AthenaCatalog.tableDdlResource("bars") : name);
            }
        };
        assertThatThrownBy(() -> AthenaTableDdl.loadAll(copiedBars, new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticks.sql creates table 'bars', but AthenaCatalog lists it as 'ticks'");
    }
}
