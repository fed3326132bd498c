WITH doomed AS (SELECT id FROM raw_payloads WHERE fetched_at < $1 LIMIT $2)
DELETE FROM raw_payloads WHERE id IN (SELECT id FROM doomed)
