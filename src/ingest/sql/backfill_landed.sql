-- A chunk of $1 landed: the next day to load is the one before $2 (none once past the first day).
UPDATE backfill
SET next_day = CASE WHEN $2::date > first_day THEN $2::date - 1 END,
    failures = 0, last_error = NULL, next_attempt_at = now(), updated_at = now()
WHERE feed = $1
