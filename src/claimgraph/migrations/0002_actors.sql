-- Actors (issue 3): the global actor table and the per-article actor mentions.
-- actors is global: the store inserts rows with ON CONFLICT (id) DO NOTHING.
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,      -- ISO alpha-3 for states ("PRK"), slugs for others
    name VARCHAR NOT NULL,       -- canonical name
    type VARCHAR NOT NULL,       -- state, igo, armed_group, pmc, agency, military, media, ...
    country VARCHAR,             -- ISO 3166 alpha-3
    sector VARCHAR               -- CAMEO-style sector: GOV, MIL, PMC, IGO, MED, BUS, REB, ...
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    start INTEGER NOT NULL,      -- character offsets into articles.text
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,   -- actors.id
    kind VARCHAR NOT NULL,       -- name, alias, metonym, adjective, surname, nominal, pronoun
    role VARCHAR,                -- "spokesman", "owner"; group nouns ("officials")
    sentence_start INTEGER NOT NULL,
    sector VARCHAR               -- sector this mention implies (GOV for "Pyongyang", MIL ...)
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_actor ON mentions (actor_id);
