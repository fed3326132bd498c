SELECT count(*) FROM bench_source
