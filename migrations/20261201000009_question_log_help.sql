-- Greetings and "what can you do?" get the capability answer, logged as such.
ALTER TABLE question_log DROP CONSTRAINT question_log_status_check;
ALTER TABLE question_log ADD CONSTRAINT question_log_status_check CHECK (status IN ('answered', 'no_data', 'help'));
