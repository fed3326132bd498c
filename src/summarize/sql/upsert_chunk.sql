INSERT INTO chunks (id, kind, lang, period_start, period_end, station_id, variables, title, body, facts, content_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (id) DO UPDATE
SET kind = EXCLUDED.kind, lang = EXCLUDED.lang, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
    station_id = EXCLUDED.station_id, variables = EXCLUDED.variables, title = EXCLUDED.title, body = EXCLUDED.body,
    facts = EXCLUDED.facts, content_hash = EXCLUDED.content_hash, updated_at = now()
