INSERT INTO transit_feeds (sha256, agency, source, valid_from, valid_to, ingest_run_id)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id
