package io.pricefeed.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue database and one external table per Athena DDL file, over the lake bucket.
 *
 * <p>Tables use partition projection exactly as the DDL declares it, so Athena computes the
 * partitions and no crawler or {@code MSCK REPAIR} ever runs (and costs nothing).
 */
public class LakeCatalog extends Construct {

    public static final String DATABASE = "pricefeed";
    /** The DDL's placeholder for the lake's S3 prefix ({@code s3://bucket}, no trailing slash). */
    static final String LAKE_PLACEHOLDER = "${lake}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final CfnDatabase database;
    private final Map<String, CfnTable> tables = new LinkedHashMap<>();

    public LakeCatalog(Construct scope, String id, IBucket lake, List<AthenaTableDdl> ddl) {
        super(scope, id);
        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(DATABASE)
                        .description("Pricefeed Parquet lake (bars, ticks, anomalies, rejects); tables from athena/ddl")
                        .build())
                .build();
        String lakeUri = "s3://" + lake.getBucketName();
        for (AthenaTableDdl table : ddl) {
            tables.put(table.name(), createTable(table, lakeUri));
        }
    }

    private CfnTable createTable(AthenaTableDdl table, String lakeUri) {
        // EXTERNAL=TRUE is what Athena itself records for CREATE EXTERNAL TABLE; without it a
        // DROP TABLE would be allowed to treat the S3 data as managed.
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        Set<String> partitionNames = new TreeSet<>();
        table.partitionKeys().forEach(p -> partitionNames.add(p.name()));
        table.tableProperties().forEach((key, value) ->
                parameters.put(key, substituteLake(table, "TBLPROPERTIES '" + key + "'", value, lakeUri, partitionNames)));

        CfnTable cfnTable = CfnTable.Builder.create(this, "Table-" + table.name())
                .catalogId(Aws.ACCOUNT_ID)
                .databaseName(DATABASE)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(table.name())
                        .description(table.comment() != null ? table.comment() : "from athena/ddl/" + table.source())
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters)
                        .partitionKeys(glueColumns(table.partitionKeys()))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .columns(glueColumns(table.columns()))
                                .location(substituteLake(table, "LOCATION", table.location(), lakeUri, Set.of()))
                                .inputFormat(table.inputFormat())
                                .outputFormat(table.outputFormat())
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary(table.serializationLibrary())
                                        .parameters(table.serdeProperties().isEmpty() ? null : table.serdeProperties())
                                        .build())
                                .build())
                        .build())
                .build();
        cfnTable.addResourceDependency(database);
        return cfnTable;
    }

    /**
     * Replaces {@code ${lake}}; any other placeholder must be a partition column that Athena fills
     * in (projection's {@code storage.location.template}). Anything else is a typo that would
     * otherwise deploy as a literal path.
     */
    static String substituteLake(AthenaTableDdl table, String where, String value, String lakeUri,
            Set<String> allowedPartitionPlaceholders) {
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("lake") && !allowedPartitionPlaceholders.contains(name)) {
                throw new IllegalArgumentException(table.source() + ": " + where + " uses unknown placeholder ${" + name
                        + "} (only ${lake} and the partition columns " + allowedPartitionPlaceholders + ")");
            }
        }
        return value.replace(LAKE_PLACEHOLDER, lakeUri);
    }

    private static List<Object> glueColumns(List<AthenaTableDdl.Column> columns) {
        List<Object> glue = new ArrayList<>();
        for (AthenaTableDdl.Column column : columns) {
            glue.add(CfnTable.ColumnProperty.builder()
                    .name(column.name())
                    .type(column.type())
                    .comment(column.comment())
                    .build());
        }
        return glue;
    }

    public CfnDatabase getDatabase() {
        return database;
    }

    /** The Glue tables by name, in DDL file order. */
    public Map<String, CfnTable> getTables() {
        return Map.copyOf(tables);
    }
}
