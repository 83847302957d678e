-- 0005_time: temporal expressions (claimgraph.timex.Timex) and quantities
-- (claimgraph.quantities.Quantity); columns in dataclass field order after article_id.
CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    mod VARCHAR,
    anchor VARCHAR
);

CREATE TABLE IF NOT EXISTS quantities (
    article_id VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    bound VARCHAR NOT NULL,
    per VARCHAR,
    low DOUBLE,
    high DOUBLE,
    concept VARCHAR
);
