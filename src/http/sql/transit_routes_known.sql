-- Which of the line names $1 a timetable held has.
SELECT DISTINCT short_name FROM transit_routes WHERE short_name = ANY($1)
