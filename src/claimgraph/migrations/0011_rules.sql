-- Which extraction rules made each article's records: claimgraph.pipeline.rules_fingerprint(),
-- a hash of the annotation and extraction code, its data files and the spaCy model version.
-- `claimgraph reprocess` re-runs annotation and extraction on the articles whose value differs
-- from the installed rules (or that have no row: stored before this table existed).
-- A table of its own, not a column of `articles`: DuckDB 1.4 cannot replay an ALTER TABLE of a
-- table with a DEFAULT expression from the write-ahead log of a killed process.
CREATE TABLE article_rules (
    article_id VARCHAR PRIMARY KEY,
    rules VARCHAR NOT NULL
);
