-- The timetables held: their agency and the days their calendars cover.
SELECT id, agency, valid_from, valid_to FROM transit_feeds ORDER BY valid_from, id
