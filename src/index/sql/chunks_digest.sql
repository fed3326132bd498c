-- What the chunks are now, in one string: a build made from other chunks is behind.
SELECT count(*) || ':' || coalesce(md5(string_agg(id::text || '=' || encode(content_hash, 'hex'), ',' ORDER BY id)), '')
FROM chunks
