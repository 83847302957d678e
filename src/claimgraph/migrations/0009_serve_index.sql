-- Look-up tables for the web app and API (issue 8: latency on a large store), derived from
-- actors, mentions and fused events and rewritten by every fusion run (claimgraph.fuse).
-- actor_index: one row per actor with its lower-cased "id name" search key and mention count
-- (counting 1.1 million mentions per request took 50-150 ms on all 14,396 briefings).
CREATE TABLE actor_index (
    actor_id VARCHAR NOT NULL,
    "key" VARCHAR NOT NULL,
    n_mentions INTEGER NOT NULL
);
-- event_actors: a fused event under each actor it involves: its actor, its recipient and
-- their countries, so that the events of a state (with all its organs) are one look-up.
-- Rows are written in actor order, so DuckDB's row-group statistics skip other actors.
CREATE TABLE event_actors (
    actor_id VARCHAR NOT NULL,
    fused_id VARCHAR NOT NULL
);
-- event_index: every event mention with what the search page shows of it (trigger, slots,
-- article title and date, fused event) and a lower-cased "trigger items" search key, newest
-- first, so that the search reads one table instead of joining events, articles and members.
CREATE TABLE event_index (
    "key" VARCHAR NOT NULL,
    type_key VARCHAR,                -- lower-cased PLOVER type
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    type VARCHAR,
    trigger VARCHAR,
    actor_id VARCHAR,
    recipient_id VARCHAR,
    items VARCHAR,
    start INTEGER,
    "end" INTEGER,
    title VARCHAR,
    published DATE,
    fused_id VARCHAR
);
