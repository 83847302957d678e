-- Core tables: runs, articles, their segments, sentences and entities, and input errors.
CREATE SEQUENCE IF NOT EXISTS runs_seq START 1;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    command VARCHAR,
    articles INTEGER DEFAULT 0,
    duplicates INTEGER DEFAULT 0,
    errors INTEGER DEFAULT 0
);
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    publisher VARCHAR,
    original_publisher VARCHAR,
    language VARCHAR,
    raw_kind VARCHAR,
    text VARCHAR NOT NULL,
    run_id INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE segments (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE SEQUENCE IF NOT EXISTS errors_seq START 1;
CREATE TABLE errors (
    id BIGINT PRIMARY KEY DEFAULT nextval('errors_seq'),
    run_id INTEGER,
    source VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    created_at TIMESTAMP DEFAULT current_timestamp
);
