SELECT id FROM transit_feeds WHERE sha256 = $1
