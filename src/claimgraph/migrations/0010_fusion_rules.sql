-- Which version of the event-fusion rules (claimgraph.fuse.events.RULES_VERSION) clustered the
-- stored fused events. When the rules change (as the publication-day window did), the next
-- `claimgraph fuse` re-clusters every stored mention once and records aliases for the ids
-- that move, instead of leaving events fused under the old rules beside new ones.
-- A store fused before this table existed has no row: it counts as version 1.
CREATE TABLE fusion_rules (
    version INTEGER NOT NULL,
    fused_at TIMESTAMP
);
