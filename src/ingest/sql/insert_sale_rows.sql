INSERT INTO sale_rows (
    sale_id, row_no, disposition, parcel, address, lots, lot_count, premises_code, premises, built_m2, rooms,
    culture, land_m2, longitude, latitude
)
SELECT s.id, row_number() OVER (PARTITION BY st.mutation ORDER BY st.line), st.disposition, st.parcel, st.address,
       st.lots, st.lot_count, st.premises_code, st.premises, st.built_m2, st.rooms, st.culture, st.land_m2,
       st.longitude, st.latitude
FROM staging_sale_rows st
JOIN sales s USING (mutation)
