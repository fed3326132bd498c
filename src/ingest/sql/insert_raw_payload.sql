INSERT INTO raw_payloads (ingest_run_id, source, request, http_status, content_type, body_sha256, body_bytes, body_gzip)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
