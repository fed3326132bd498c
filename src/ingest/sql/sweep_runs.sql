-- Runs still 'running' whose process is gone (killed, crashed): their lock can be taken.
UPDATE ingest_runs
SET status = 'failed', finished_at = now(), error = 'interrupted: the process stopped before the run finished'
WHERE status = 'running' AND pg_try_advisory_lock(1937534322, (id % 2147483647)::int)
RETURNING id
