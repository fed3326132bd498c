-- A valid key's caller. Its last use is kept to the minute: a key in use is written at most once a
-- minute, not on every request (a write per request would wait on the row and the WAL).
WITH caller AS (
    SELECT id, scopes, last_used_at FROM api_keys WHERE key_sha256 = $1 AND revoked_at IS NULL
), used AS (
    UPDATE api_keys SET last_used_at = now()
    FROM caller
    WHERE api_keys.id = caller.id
      AND (caller.last_used_at IS NULL OR caller.last_used_at < now() - interval '1 minute')
)
SELECT id, scopes FROM caller
