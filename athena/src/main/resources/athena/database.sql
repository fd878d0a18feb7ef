-- The Glue database that holds the lake tables and views. ${database} is its name (pricefeed,
-- as the CDK stack names it), substituted when the statement is run; the table, view and
-- named-query files name no database, so they run in whichever one the query execution
-- context (or the named query) points at. Kept out of ddl/, which holds exactly one
-- CREATE EXTERNAL TABLE per file (the CDK stack turns each into a Glue table).
CREATE DATABASE IF NOT EXISTS ${database}
COMMENT 'Pricefeed market-data lake (DESIGN.md section 5): bars, ticks, anomalies, rejects'
