-- Earlier ids of fused events (issue 8: links to an event must not go stale). A fused event's
-- id is a hash of its members, so it changes when a later ingest adds a report to it; fusion
-- records here which current event holds most of an earlier event's members, and the API,
-- the pages and `claimgraph event` follow the alias.
CREATE TABLE fused_aliases (
    old_id VARCHAR PRIMARY KEY,
    new_id VARCHAR NOT NULL,
    since TIMESTAMP
);
