-- Event time anchors (claimgraph.events.Event.time_anchor / time_precision): the event's own
-- timex value, else the publication date with the tense deciding (before, after, day, around).
ALTER TABLE events ADD COLUMN time_anchor VARCHAR;
ALTER TABLE events ADD COLUMN time_precision VARCHAR;
