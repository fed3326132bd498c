COPY transit_agencies (feed_id, agency_id, name, url, timezone, lang, phone) FROM STDIN
