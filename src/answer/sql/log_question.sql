INSERT INTO question_log (question, lang, as_of, status, mode, llm_outcome, citations, timings_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
