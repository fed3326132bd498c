DELETE FROM sale_stats
