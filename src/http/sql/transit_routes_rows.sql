-- Every line of every timetable held, with the days its feed covers.
SELECT r.feed_id, r.route_id, r.short_name, r.long_name, r.route_type, r.color, r.text_color,
       f.valid_from, f.valid_to
FROM transit_routes r JOIN transit_feeds f ON f.id = r.feed_id
ORDER BY f.valid_from, length(r.short_name), r.short_name
