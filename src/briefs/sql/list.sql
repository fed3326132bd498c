SELECT id, created_at, period_start, period_end, topics, lang, mode, headline
FROM briefs ORDER BY created_at DESC LIMIT $1
