-- Fusion across articles (issue 7): syndicated copies, fused events, their members and claims.
-- All tables are derived: `claimgraph fuse` (claimgraph.fuse.fuse) rewrites them from the
-- per-article tables; minhash keeps each article's signature so later runs only hash new ones.
CREATE TABLE minhash (
    article_id VARCHAR PRIMARY KEY,
    num_perm INTEGER NOT NULL,
    hashvalues BLOB                -- NULL: body too short to compare
);
CREATE TABLE near_duplicates (
    article_id VARCHAR NOT NULL,   -- the smaller id of the pair
    other_id VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL,    -- estimated Jaccard of body word 5-shingles
    PRIMARY KEY (article_id, other_id)
);
CREATE TABLE syndication (
    article_id VARCHAR PRIMARY KEY,  -- a copy
    copy_of VARCHAR NOT NULL,        -- its original (named by "Read the original", else earliest)
    similarity DOUBLE NOT NULL
);
CREATE TABLE fused_articles (
    article_id VARCHAR PRIMARY KEY,  -- articles whose events have been fused
    fused_at TIMESTAMP
);
CREATE TABLE fused_events (
    id VARCHAR PRIMARY KEY,          -- fe- + hash of the sorted member keys
    block VARCHAR NOT NULL,          -- fb- + hash: the compatibility component it came from
    type VARCHAR NOT NULL,           -- PLOVER type
    mode VARCHAR,
    cameo VARCHAR,
    actor_id VARCHAR,                -- most specific actor among the members
    recipient_id VARCHAR,
    items VARCHAR,                   -- "; "-joined union of member items
    time_value VARCHAR,              -- most precise member TIMEX3 value
    status VARCHAR NOT NULL,         -- corroborated, single-source, contested, denied
    confidence DOUBLE NOT NULL,
    n_sources INTEGER NOT NULL,      -- independent asserting sources
    n_deniers INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    first_report DATE,
    last_report DATE
);
CREATE TABLE event_members (
    fused_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX event_members_fused ON event_members (fused_id);
CREATE TABLE claims (
    fused_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    event_id VARCHAR,
    attribution_id VARCHAR,
    stance VARCHAR NOT NULL,         -- assert, confirm, allege, deny, estimate, expect, plan, ...
    certainty VARCHAR,
    source_key VARCHAR NOT NULL,     -- actor:ID, speaker:TEXT or outlet:NAME (copies -> original)
    source_text VARCHAR,
    outlet VARCHAR NOT NULL,
    published DATE,
    start INTEGER NOT NULL,          -- evidence span in articles.text
    "end" INTEGER NOT NULL,
    via VARCHAR NOT NULL,            -- content, article, denial
    weight DOUBLE NOT NULL
);
CREATE INDEX claims_fused ON claims (fused_id);
