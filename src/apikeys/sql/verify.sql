-- A valid key's caller; marks the key as used.
UPDATE api_keys SET last_used_at = now()
WHERE key_sha256 = $1 AND revoked_at IS NULL
RETURNING id, scopes
