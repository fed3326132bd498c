SELECT id, kind, lang, period_start, period_end, station_id, variables, title, body, content_hash
FROM chunks
ORDER BY id
