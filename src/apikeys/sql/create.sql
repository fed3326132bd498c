INSERT INTO api_keys (name, prefix, key_sha256, scopes)
VALUES ($1, $2, $3, $4)
RETURNING id, name, prefix, scopes, created_at, last_used_at, revoked_at
