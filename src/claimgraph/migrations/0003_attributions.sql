-- Attributions: who (source) says (cue) what (content), with stance and chain
-- (claimgraph.attribution.Attribution). Offsets index articles.text.
CREATE TABLE attributions (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    cue VARCHAR,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    source_start INTEGER,
    source_end INTEGER,
    source_text VARCHAR,
    source_actor_id VARCHAR,
    kind VARCHAR NOT NULL,
    stance VARCHAR NOT NULL,
    parent_id VARCHAR,
    outlet_actor_id VARCHAR,
    segment INTEGER NOT NULL
);
CREATE INDEX attributions_article ON attributions (article_id);
CREATE INDEX attributions_source_actor ON attributions (source_actor_id);
CREATE INDEX attributions_id ON attributions (id);
