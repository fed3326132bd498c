-- Held by the process that runs the ingest: a run whose lock is free has lost its process.
SELECT pg_advisory_lock(1937534322, ($1 % 2147483647)::int)
