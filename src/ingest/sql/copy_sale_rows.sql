COPY staging_sale_rows (
    mutation, line, sold_on, nature, price_eur, commune_code, commune, departement, disposition, parcel, address,
    lots, lot_count, premises_code, premises, built_m2, rooms, culture, land_m2, longitude, latitude
) FROM STDIN
