SELECT feed, first_day, last_day, next_day, failures, last_error, next_attempt_at, updated_at
FROM backfill
ORDER BY feed
