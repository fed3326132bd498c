INSERT INTO briefs (id, period_start, period_end, topics, lang, mode, headline, markdown, html, data_csv, facts, citations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
