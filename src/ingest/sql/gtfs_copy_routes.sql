COPY transit_routes (feed_id, route_id, agency_id, short_name, long_name, route_type, color, text_color) FROM STDIN
