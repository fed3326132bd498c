-- A feed takes over its agency's service from its first day: an older feed (by first day, then by
-- import) keeps only its days before the first day of every newer one.
DELETE FROM transit_service_days d
USING transit_feeds older, transit_feeds newer
WHERE d.feed_id = older.id
  AND newer.agency = older.agency
  AND (newer.valid_from, newer.id) > (older.valid_from, older.id)
  AND d.day >= newer.valid_from
  AND $1 IN (older.id, newer.id)
