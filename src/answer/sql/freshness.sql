-- The last day with data at the stations $1 for variable $2, and the end of the last ingest that wrote anything.
SELECT (SELECT max(day) FROM daily_aggregates WHERE station_id = ANY($1) AND variable = $2) AS latest_day,
       (SELECT max(finished_at) FROM ingest_runs WHERE status IN ('succeeded', 'partial')) AS last_ingest
