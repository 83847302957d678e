-- 0004_events: event mentions (claimgraph.events.Event), one row per mention and participant pair.
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    trigger VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR,
    cameo VARCHAR NOT NULL,
    actor_id VARCHAR,
    actor_text VARCHAR,
    recipient_id VARCHAR,
    recipient_text VARCHAR,
    destination_id VARCHAR,
    end_user_id VARCHAR,
    items VARCHAR,
    item_category VARCHAR,
    quantity VARCHAR,
    status VARCHAR,
    polarity VARCHAR NOT NULL,
    certainty VARCHAR NOT NULL,
    time VARCHAR NOT NULL,
    time_value VARCHAR,
    attribution_id VARCHAR,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_actor ON events (actor_id);
CREATE INDEX IF NOT EXISTS events_recipient ON events (recipient_id);
