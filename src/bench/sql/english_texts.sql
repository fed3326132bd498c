SELECT title || E'\n' || body FROM chunks WHERE lang = 'en'
