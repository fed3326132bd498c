-- The feeds held, by content: the key of the names read from them.
SELECT coalesce(string_agg(sha256, ',' ORDER BY id), '') FROM transit_feeds
