package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;

/**
 * The Glue tables cannot drift from the athena module's DDL: for every table of
 * {@code AthenaCatalog.TABLES}, read from the pricefeed-athena jar (today bars, ticks, anomalies,
 * rejects; a table added tomorrow is picked up without a change here, and athena's own
 * AthenaCatalogTest makes sure every {@code ddl/*.sql} file is listed) the synthesized Glue table has the same columns and types in
 * order, the same partition keys, storage format and SerDe, and exactly the same table
 * properties, partition projection included, with {@code ${lake}} resolved to the lake bucket.
 */
class LakeCatalogTest {

    private static Template template;
    private static String lakeBucketRef;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        DataStack data = app.stacks.data();
        template = app.template(data);
        lakeBucketRef = "${Ref:" + data.getLogicalId((CfnElement) data.getLakeBucket().getNode().getDefaultChild()) + "}";
    }

    static Stream<Arguments> ddlFiles() {
        return AthenaTableDdl.loadAll().stream().map(ddl -> Arguments.of(Named.of(ddl.source(), ddl)));
    }

    @Test
    void thereIsOneGlueTablePerDdlFile() {
        List<String> glueTables = new ArrayList<>();
        template.findResources("AWS::Glue::Table").values().forEach(t -> glueTables.add(tableInput(t).get("Name").toString()));
        assertThat(glueTables).containsExactlyInAnyOrderElementsOf(
                AthenaTableDdl.loadAll().stream().map(AthenaTableDdl::name).toList());
        // DESIGN.md section 5's tables; bars.sql was there first, the others follow it.
        assertThat(glueTables).contains("bars");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ddlFiles")
    void glueTableMatchesItsDdl(AthenaTableDdl ddl) {
        Map<?, ?> input = glueTable(ddl.name());
        Map<?, ?> storage = (Map<?, ?>) input.get("StorageDescriptor");

        assertThat(input.get("TableType")).isEqualTo("EXTERNAL_TABLE");
        assertThat(columns(storage.get("Columns"))).as("columns of %s", ddl.source())
                .containsExactlyElementsOf(columns(ddl.columns()));
        assertThat(columns(input.get("PartitionKeys"))).as("partition keys of %s", ddl.source())
                .containsExactlyElementsOf(columns(ddl.partitionKeys()));
        assertThat(TemplateText.render(storage.get("Location"))).isEqualTo(withLake(ddl.location()));
        assertThat(storage.get("InputFormat")).isEqualTo(ddl.inputFormat());
        assertThat(storage.get("OutputFormat")).isEqualTo(ddl.outputFormat());
        Map<?, ?> serde = (Map<?, ?>) storage.get("SerdeInfo");
        assertThat(serde.get("SerializationLibrary")).isEqualTo(ddl.serializationLibrary());
        assertThat(serde.get("Parameters") == null ? Map.of() : serde.get("Parameters")).isEqualTo(ddl.serdeProperties());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("EXTERNAL", "TRUE");
        ddl.tableProperties().forEach((key, value) -> expected.put(key, withLake(value)));
        Map<String, String> actual = new LinkedHashMap<>();
        ((Map<?, ?>) input.get("Parameters")).forEach((key, value) -> actual.put(key.toString(), TemplateText.render(value)));
        assertThat(actual).as("table properties of %s", ddl.source()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ddlFiles")
    void everyPartitionKeyIsProjected(AthenaTableDdl ddl) {
        // Without projection a new day's partition would be invisible until someone ran
        // MSCK REPAIR; the DDL promises it never has to.
        Map<?, ?> parameters = (Map<?, ?>) glueTable(ddl.name()).get("Parameters");
        assertThat(parameters.get("projection.enabled")).isEqualTo("true");
        for (AthenaTableDdl.Column key : ddl.partitionKeys()) {
            assertThat(parameters.get("projection." + key.name() + ".type")).as("projection of %s", key.name()).isNotNull();
            assertThat(TemplateText.render(parameters.get("storage.location.template"))).contains("${" + key.name() + "}");
        }
    }

    @Test
    void barsTableHasDesignColumns() {
        // An anchor independent of the parser: DESIGN.md section 5's bar columns, by hand.
        Map<?, ?> storage = (Map<?, ?>) glueTable("bars").get("StorageDescriptor");
        assertThat(columns(storage.get("Columns"))).containsExactly(
                "symbol string", "bar_start timestamp", "bar_end timestamp", "open double", "high double",
                "low double", "close double", "vwap double", "volume bigint", "tick_count bigint", "revision int");
        assertThat(columns(glueTable("bars").get("PartitionKeys"))).containsExactly("timeframe string", "trade_date string");
        assertThat(((Map<?, ?>) glueTable("bars").get("Parameters")).get("projection.timeframe.values"))
                .isEqualTo("1m,5m,15m,1h,1d");
    }

    private String withLake(String value) {
        return value.replace(LakeCatalog.LAKE_PLACEHOLDER, "s3://" + lakeBucketRef);
    }

    private static Map<?, ?> glueTable(String name) {
        return template.findResources("AWS::Glue::Table").values().stream()
                .map(LakeCatalogTest::tableInput)
                .filter(input -> name.equals(input.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Glue table " + name));
    }

    private static Map<?, ?> tableInput(Map<String, Object> resource) {
        return (Map<?, ?>) ((Map<?, ?>) resource.get("Properties")).get("TableInput");
    }

    /** "name type" per column, from the template's column list or the parsed DDL. */
    private static List<String> columns(Object columns) {
        List<String> result = new ArrayList<>();
        for (Object column : (List<?>) columns) {
            if (column instanceof AthenaTableDdl.Column c) {
                result.add(c.name() + " " + c.type());
            } else {
                Map<?, ?> glue = (Map<?, ?>) column;
                result.add(glue.get("Name") + " " + glue.get("Type"));
            }
        }
        return result;
    }
}
