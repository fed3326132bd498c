SELECT id, created_at, period_start, period_end, topics, lang, mode, headline, markdown, html, data_csv, facts, citations
FROM briefs WHERE id = $1
