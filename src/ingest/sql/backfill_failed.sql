UPDATE backfill
SET failures = failures + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
WHERE feed = $1
