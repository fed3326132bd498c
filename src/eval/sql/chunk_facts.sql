SELECT facts, period_start, period_end FROM chunks WHERE id = $1
