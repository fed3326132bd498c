-- The stop times of feed $1, apart, to be copied out as they are stored.
CREATE TEMP TABLE bench_source AS SELECT * FROM transit_stop_times WHERE feed_id = $1
