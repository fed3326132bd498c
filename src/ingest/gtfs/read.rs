//! Reading a GTFS feed, a zip file or a folder of `.txt` files, into typed rows: each file's columns
//! by name (csv and serde), its references checked. A row that cannot be kept is rejected with its
//! file, line and reason; a file or column the format requires that is missing stops the import.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};


use anyhow::{Context, bail};
use chrono::{Datelike, NaiveDate};
use indicatif::ProgressBar;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::ingest::files;

#[derive(Debug, Deserialize)]
pub struct Agency {
    pub agency_id: Option<String>,
    pub agency_name: String,
    pub agency_url: Option<String>,
    pub agency_timezone: String,
    pub agency_lang: Option<String>,
    pub agency_phone: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Route {
    pub route_id: String,
    pub agency_id: Option<String>,
    pub route_short_name: Option<String>,
    pub route_long_name: Option<String>,
    pub route_type: i32,
    pub route_color: Option<String>,
    pub route_text_color: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Stop {
    pub stop_id: String,
    pub stop_code: Option<String>,
    pub stop_name: Option<String>,
    pub stop_lat: Option<f64>,
    pub stop_lon: Option<f64>,
    pub location_type: Option<i16>,
    pub parent_station: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Trip {
    pub route_id: String,
    pub service_id: String,
    pub trip_id: String,
    pub trip_headsign: Option<String>,
    pub direction_id: Option<i16>,
    pub shape_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct StopTimeRow {
    trip_id: String,
    arrival_time: Option<String>,
    departure_time: Option<String>,
    stop_id: String,
    stop_sequence: i32,
}

/// A stop time, its clock times as seconds of the service day ("24:59:00" is 89,940).
#[derive(Debug)]
pub struct StopTime {
    pub trip_id: String,
    pub stop_sequence: i32,
    pub stop_id: String,
    pub arrival_s: Option<i32>,
    pub departure_s: Option<i32>,
    /// The trip's last stop: an arrival, not a departure.
    pub last_stop: bool,
}

#[derive(Debug, Deserialize)]
struct CalendarRow {
    service_id: String,
    monday: u8,
    tuesday: u8,
    wednesday: u8,
    thursday: u8,
    friday: u8,
    saturday: u8,
    sunday: u8,
    start_date: String,
    end_date: String,
}

#[derive(Debug)]
pub struct Calendar {
    pub service_id: String,
    /// ISO weekdays, 1 Monday ... 7 Sunday.
    pub weekdays: Vec<i16>,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Deserialize)]
struct CalendarDateRow {
    service_id: String,
    date: String,
    exception_type: u8,
}

#[derive(Debug)]
pub struct CalendarDate {
    pub service_id: String,
    pub day: NaiveDate,
    pub added: bool,
}

#[derive(Debug, Deserialize)]
pub struct ShapePoint {
    pub shape_id: String,
    pub shape_pt_lat: f64,
    pub shape_pt_lon: f64,
    pub shape_pt_sequence: i32,
}

#[derive(Debug, Deserialize)]
struct Frequency {}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub file: &'static str,
    pub line: u64,
    pub reason: String,
}

/// A feed as read: its rows that can be kept, the days each service runs, what was left out.
#[derive(Debug, Default)]
pub struct Feed {
    pub sha256: String,
    pub agencies: Vec<Agency>,
    pub routes: Vec<Route>,
    pub stops: Vec<Stop>,
    pub trips: Vec<Trip>,
    pub stop_times: Vec<StopTime>,
    pub calendar: Vec<Calendar>,
    pub calendar_dates: Vec<CalendarDate>,
    pub shapes: Vec<ShapePoint>,
    /// (service day, service) for every day a service runs.
    pub service_days: BTreeSet<(NaiveDate, String)>,
    pub valid: Option<(NaiveDate, NaiveDate)>,
    /// Rows read, rejected ones included.
    pub rows: u64,
    pub rejects: Vec<Reject>,
}

/// Reads the feed at `path` (a zip file or a folder).
pub fn read(path: &Path) -> anyhow::Result<Feed> {
    let mut files = Files::open(path)?;
    let mut feed = Feed { sha256: files.sha256()?, ..Feed::default() };
    let progress = files::progress_bar(files.total_len(), path);
    let mut reader = Reader { files: &mut files, progress: &progress, done: 0, rows: 0, rejects: Vec::new() };
    feed.agencies = reader.all("agency.txt", &["agency_name", "agency_timezone"], Ok)?.context("the feed has no agency.txt")?;
    if feed.agencies.is_empty() {
        bail!("agency.txt names no agency");
    }
    feed.routes = routes(&mut reader)?;
    feed.stops = stops(&mut reader)?;
    let (calendar, calendar_dates) = calendars(&mut reader)?;
    feed.calendar = calendar;
    feed.calendar_dates = calendar_dates;
    feed.service_days = service_days(&feed.calendar, &feed.calendar_dates);
    feed.valid = validity(&feed.calendar, &feed.calendar_dates);
    feed.trips = trips(&mut reader, &feed)?;
    feed.stop_times = stop_times(&mut reader, &feed)?;
    feed.shapes = shapes(&mut reader)?;
    reader.each::<Frequency>("frequencies.txt", &[], |_| Err("trips given by headways are not read".into()))?;
    progress.finish_and_clear();
    (feed.rows, feed.rejects) = (reader.rows, reader.rejects);
    Ok(feed)
}

fn routes(reader: &mut Reader) -> anyhow::Result<Vec<Route>> {
    let mut seen = HashSet::new();
    let routes = reader.all("routes.txt", &["route_id", "route_type"], |route: Route| {
        if route.route_short_name.is_none() && route.route_long_name.is_none() {
            return Err("the route has no name".into());
        }
        if !seen.insert(route.route_id.clone()) {
            return Err(format!("route {} given twice", route.route_id));
        }
        Ok(route)
    })?;
    routes.context("the feed has no routes.txt")
}

fn stops(reader: &mut Reader) -> anyhow::Result<Vec<Stop>> {
    let mut seen = HashSet::new();
    let stops = reader.all("stops.txt", &["stop_id"], |stop: Stop| {
        let location = stop.location_type.unwrap_or(0);
        if !(0..=4).contains(&location) {
            return Err(format!("location_type {location} is not a GTFS location type"));
        }
        if stop.stop_name.is_none() && location <= 2 {
            return Err(format!("stop {} has no name", stop.stop_id));
        }
        let placed = matches!((stop.stop_lat, stop.stop_lon), (Some(lat), Some(lon)) if lat.abs() <= 90.0 && lon.abs() <= 180.0);
        if !placed && location <= 2 {
            return Err(format!("stop {} has no valid coordinates", stop.stop_id));
        }
        if !seen.insert(stop.stop_id.clone()) {
            return Err(format!("stop {} given twice", stop.stop_id));
        }
        Ok(stop)
    })?;
    stops.context("the feed has no stops.txt")
}

fn calendars(reader: &mut Reader) -> anyhow::Result<(Vec<Calendar>, Vec<CalendarDate>)> {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let mut required = vec!["service_id", "start_date", "end_date"];
    required.extend(DAYS);
    let mut seen = HashSet::new();
    let calendar = reader.all("calendar.txt", &required, |row: CalendarRow| {
        let flags = [row.monday, row.tuesday, row.wednesday, row.thursday, row.friday, row.saturday, row.sunday];
        if let Some(flag) = flags.iter().find(|f| **f > 1) {
            return Err(format!("a day's flag is {flag}, not 0 or 1"));
        }
        let (start, end) = (date(&row.start_date)?, date(&row.end_date)?);
        if start > end {
            return Err(format!("service {} starts after it ends", row.service_id));
        }
        if !seen.insert(row.service_id.clone()) {
            return Err(format!("service {} given twice", row.service_id));
        }
        let weekdays = (1..=7).filter(|d| flags[*d as usize - 1] == 1).collect();
        Ok(Calendar { service_id: row.service_id, weekdays, start, end })
    })?;
    let mut seen = HashSet::new();
    let dates = reader.all("calendar_dates.txt", &["service_id", "date", "exception_type"], |row: CalendarDateRow| {
        let day = date(&row.date)?;
        let added = match row.exception_type {
            1 => true,
            2 => false,
            other => return Err(format!("exception_type {other} is neither 1 (added) nor 2 (removed)")),
        };
        if !seen.insert((row.service_id.clone(), day)) {
            return Err(format!("service {} on {day} given twice", row.service_id));
        }
        Ok(CalendarDate { service_id: row.service_id, day, added })
    })?;
    match (calendar, dates) {
        (None, None) => bail!("the feed has neither calendar.txt nor calendar_dates.txt"),
        (calendar, dates) => Ok((calendar.unwrap_or_default(), dates.unwrap_or_default())),
    }
}

/// Every day each service runs: its calendar's weekdays between its dates, then the exceptions.
pub fn service_days(calendar: &[Calendar], dates: &[CalendarDate]) -> BTreeSet<(NaiveDate, String)> {
    let mut days = BTreeSet::new();
    for service in calendar {
        for day in service.start.iter_days().take_while(|d| *d <= service.end) {
            if service.weekdays.contains(&(day.weekday().number_from_monday() as i16)) {
                days.insert((day, service.service_id.clone()));
            }
        }
    }
    for exception in dates {
        let key = (exception.day, exception.service_id.clone());
        if exception.added {
            days.insert(key);
        } else {
            days.remove(&key);
        }
    }
    days
}

/// The first and last day the calendars speak of.
fn validity(calendar: &[Calendar], dates: &[CalendarDate]) -> Option<(NaiveDate, NaiveDate)> {
    let firsts = calendar.iter().map(|c| c.start).chain(dates.iter().map(|d| d.day));
    let lasts = calendar.iter().map(|c| c.end).chain(dates.iter().map(|d| d.day));
    Some((firsts.min()?, lasts.max()?))
}

fn trips(reader: &mut Reader, feed: &Feed) -> anyhow::Result<Vec<Trip>> {
    let routes: HashSet<&str> = feed.routes.iter().map(|r| r.route_id.as_str()).collect();
    let services: HashSet<&str> = feed
        .calendar
        .iter()
        .map(|c| c.service_id.as_str())
        .chain(feed.calendar_dates.iter().map(|d| d.service_id.as_str()))
        .collect();
    let mut seen = HashSet::new();
    let trips = reader.all("trips.txt", &["route_id", "service_id", "trip_id"], |trip: Trip| {
        if !routes.contains(trip.route_id.as_str()) {
            return Err(format!("route {} is not in routes.txt", trip.route_id));
        }
        if !services.contains(trip.service_id.as_str()) {
            return Err(format!("service {} is in no calendar", trip.service_id));
        }
        if trip.direction_id.is_some_and(|d| d != 0 && d != 1) {
            return Err("direction_id is neither 0 nor 1".into());
        }
        if !seen.insert(trip.trip_id.clone()) {
            return Err(format!("trip {} given twice", trip.trip_id));
        }
        Ok(trip)
    })?;
    trips.context("the feed has no trips.txt")
}

fn stop_times(reader: &mut Reader, feed: &Feed) -> anyhow::Result<Vec<StopTime>> {
    let trips: HashSet<&str> = feed.trips.iter().map(|t| t.trip_id.as_str()).collect();
    let stops: HashSet<&str> = feed.stops.iter().map(|s| s.stop_id.as_str()).collect();
    let mut seen = HashSet::new();
    let required = ["trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time"];
    let times = reader.all("stop_times.txt", &required, |row: StopTimeRow| {
        if !trips.contains(row.trip_id.as_str()) {
            return Err(format!("trip {} is not in trips.txt (or was rejected)", row.trip_id));
        }
        if !stops.contains(row.stop_id.as_str()) {
            return Err(format!("stop {} is not in stops.txt", row.stop_id));
        }
        if row.stop_sequence < 0 {
            return Err("stop_sequence is negative".into());
        }
        let arrival_s = row.arrival_time.as_deref().map(seconds).transpose()?;
        let departure_s = row.departure_time.as_deref().map(seconds).transpose()?;
        if let (Some(a), Some(d)) = (arrival_s, departure_s)
            && d < a
        {
            return Err("the departure is before the arrival".into());
        }
        if !seen.insert((row.trip_id.clone(), row.stop_sequence)) {
            return Err(format!("stop {} of trip {} given twice", row.stop_sequence, row.trip_id));
        }
        let StopTimeRow { trip_id, stop_id, stop_sequence, .. } = row;
        Ok(StopTime { trip_id, stop_sequence, stop_id, arrival_s, departure_s: departure_s.or(arrival_s), last_stop: false })
    })?;
    let mut times = times.context("the feed has no stop_times.txt")?;
    let mut last: HashMap<&str, i32> = HashMap::new();
    for time in &times {
        let seq = last.entry(time.trip_id.as_str()).or_insert(time.stop_sequence);
        *seq = (*seq).max(time.stop_sequence);
    }
    let last: HashMap<String, i32> = last.into_iter().map(|(t, s)| (t.to_string(), s)).collect();
    for time in &mut times {
        time.last_stop = last.get(&time.trip_id) == Some(&time.stop_sequence);
    }
    Ok(times)
}

fn shapes(reader: &mut Reader) -> anyhow::Result<Vec<ShapePoint>> {
    let mut seen = HashSet::new();
    let required = ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"];
    let shapes = reader.all("shapes.txt", &required, |point: ShapePoint| {
        if point.shape_pt_lat.abs() > 90.0 || point.shape_pt_lon.abs() > 180.0 {
            return Err("the point's coordinates are out of range".into());
        }
        if !seen.insert((point.shape_id.clone(), point.shape_pt_sequence)) {
            return Err(format!("point {} of shape {} given twice", point.shape_pt_sequence, point.shape_id));
        }
        Ok(point)
    })?;
    Ok(shapes.unwrap_or_default())
}

/// "H:MM:SS" as seconds; hours go past 24 for trips after midnight.
pub fn seconds(raw: &str) -> Result<i32, String> {
    let bad = || format!("time {raw:?} is not H:MM:SS");
    let mut parts = raw.trim().split(':');
    let (Some(h), Some(m), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<i32>().ok()).flatten()
    };
    match (number(h, 1..=2), number(m, 2..=2), number(s, 2..=2)) {
        (Some(h), Some(m), Some(s)) if h < 48 && m < 60 && s < 60 => Ok(h * 3600 + m * 60 + s),
        _ => Err(bad()),
    }
}

fn date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y%m%d")
        .ok()
        .filter(|_| raw.trim().len() == 8)
        .ok_or_else(|| format!("date {raw:?} is not YYYYMMDD"))
}

/// Reads the feed's files one after the other, counting rows and rejects, with one progress bar.
struct Reader<'a> {
    files: &'a mut Files,
    progress: &'a ProgressBar,
    done: u64,
    rows: u64,
    rejects: Vec<Reject>,
}

impl Reader<'_> {
    /// The rows `keep` accepts, or None when the feed has no such file.
    fn all<T: DeserializeOwned, K>(
        &mut self,
        name: &'static str,
        required: &[&str],
        mut keep: impl FnMut(T) -> Result<K, String>,
    ) -> anyhow::Result<Option<Vec<K>>> {
        let mut kept = Vec::new();
        let found = self.each(name, required, |row| keep(row).map(|k| kept.push(k)))?;
        Ok(found.then_some(kept))
    }

    /// Calls `keep` on each row of `name`; false when the feed has no such file.
    fn each<T: DeserializeOwned>(
        &mut self,
        name: &'static str,
        required: &[&str],
        mut keep: impl FnMut(T) -> Result<(), String>,
    ) -> anyhow::Result<bool> {
        let Some(bytes) = self.files.read(name)? else { return Ok(false) };
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut csv = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text);
        let headers: csv::StringRecord =
            csv.headers().with_context(|| format!("{name}: the header cannot be read"))?.iter().collect();
        if let Some(missing) = required.iter().find(|c| !headers.iter().any(|h| h == **c)) {
            bail!("{name}: no column {missing}");
        }
        let mut record = csv::StringRecord::new();
        loop {
            let line = csv.position().line();
            match csv.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let row = record.deserialize::<T>(Some(&headers)).map_err(|e| match e.kind() {
                        csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
                        _ => e.to_string(),
                    });
                    if let Err(reason) = row.and_then(&mut keep) {
                        self.rejects.push(Reject { file: name, line, reason });
                    }
                }
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(e).context(name),
                Err(e) => self.rejects.push(Reject { file: name, line, reason: e.to_string() }),
            }
            self.rows += 1;
            if self.rows.is_multiple_of(2_000) {
                self.progress.set_position(self.done + csv.position().byte());
                files::tick(self.progress, self.rows);
            }
        }
        self.done += bytes.len() as u64;
        self.progress.set_position(self.done);
        Ok(true)
    }
}

/// A zip entry's name without its folders.
fn base(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// Where the feed's files are.
enum Files {
    Zip(zip::ZipArchive<BufReader<File>>),
    Folder(PathBuf),
}

impl Files {
    fn open(path: &Path) -> anyhow::Result<Self> {
        if path.is_dir() {
            return Ok(Self::Folder(path.to_path_buf()));
        }
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let zip = zip::ZipArchive::new(BufReader::new(file))
            .with_context(|| format!("{} is neither a GTFS zip file nor a folder", path.display()))?;
        Ok(Self::Zip(zip))
    }

    /// The feed's content hash, over its `.txt` files by name: a zip and a folder of the same files
    /// are one feed.
    fn sha256(&mut self) -> anyhow::Result<String> {
        let mut hash = Sha256::new();
        for name in self.names()? {
            hash.update(name.as_bytes());
            hash.update([0]);
            hash.update(self.read(&name)?.unwrap_or_default());
        }
        Ok(format!("{:x}", hash.finalize()))
    }

    /// The names of the feed's `.txt` files, in order.
    fn names(&self) -> anyhow::Result<Vec<String>> {
        let mut names = match self {
            Self::Zip(zip) => zip.file_names().filter_map(Result::ok).map(|n| base(&n).to_string()).collect(),
            Self::Folder(dir) => {
                let mut names = Vec::new();
                for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
                    names.push(entry?.file_name().to_string_lossy().into_owned());
                }
                names
            }
        };
        names.retain(|n: &String| n.ends_with(".txt"));
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// The bytes of the files, unpacked, for the progress bar.
    fn total_len(&mut self) -> u64 {
        match self {
            Self::Zip(zip) => (0..zip.len()).filter_map(|i| zip.by_index(i).ok().map(|f| f.size())).sum(),
            Self::Folder(dir) => std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok()?.metadata().ok().map(|m| m.len()))
                .sum(),
        }
    }

    /// The file's bytes, or None when the feed has no such file (in a zip, at any depth).
    fn read(&mut self, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match self {
            Self::Folder(dir) => {
                let path = dir.join(name);
                if !path.exists() {
                    return Ok(None);
                }
                Ok(Some(std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?))
            }
            Self::Zip(zip) => {
                let found = zip
                    .file_names()
                    .filter_map(Result::ok)
                    .find(|n| base(n) == name)
                    .map(|n| n.into_owned());
                let Some(found) = found else { return Ok(None) };
                let mut bytes = Vec::new();
                zip.by_name(&found)?.read_to_end(&mut bytes).with_context(|| format!("cannot unpack {name}"))?;
                Ok(Some(bytes))
            }
        }
    }
}
