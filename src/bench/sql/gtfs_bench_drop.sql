DROP TABLE bench_source, bench_stop_times
