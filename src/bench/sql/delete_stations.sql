DELETE FROM stations WHERE source = 'benchmark'
