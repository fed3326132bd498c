-- The labels of class $3 of index $1 for variable $2.
SELECT label_fr, label_en FROM index_bands WHERE index_name = $1 AND variable = $2 AND class = $3
