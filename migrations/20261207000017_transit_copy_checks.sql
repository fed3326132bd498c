-- The importer checks every stop time's trip (as it checks its stop) and every shape point's feed:
-- their foreign keys checked 256,818 rows one by one, a third of the time the copy of a feed took.
-- A feed's stop times and shapes still go with it.
ALTER TABLE transit_stop_times DROP CONSTRAINT transit_stop_times_feed_id_trip_id_fkey;
ALTER TABLE transit_shapes DROP CONSTRAINT transit_shapes_feed_id_fkey;

CREATE FUNCTION transit_feed_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM transit_stop_times WHERE feed_id = OLD.id;
    DELETE FROM transit_shapes WHERE feed_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER transit_feed_removed AFTER DELETE ON transit_feeds
    FOR EACH ROW EXECUTE FUNCTION transit_feed_removed();
