INSERT INTO backfill (feed, first_day, last_day, next_day)
SELECT feed, $2, $3, $3 FROM unnest($1::text[]) AS feed
ON CONFLICT (feed) DO NOTHING
