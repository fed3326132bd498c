-- The feed imported last.
SELECT max(id) FROM transit_feeds
