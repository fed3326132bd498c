//! Property sales (DVF): geo-dvf CSV files (a commune's, a département's or all of France, plain or
//! gzip, official or geo-dvf-like with other columns and unpadded codes) and the raw DGFiP
//! `valeursfoncieres-YYYY.txt` files. A sale is a mutation: its rows are copied into a staging table
//! as they are read, then grouped into `sales` and kept in `sale_rows`, in one transaction.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use indicatif::ProgressBar;
use sqlx::PgPool;
use tokio::sync::mpsc;

use super::copy::{self, put, some};
use super::files;
use super::run::{Report, Run};
use super::store::Upserted;

pub const SOURCE: &str = "dvf";
/// Rows sent to PostgreSQL at a time.
const BATCH: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoDvf,
    Dgfip,
}

impl Format {
    fn source(self) -> &'static str {
        match self {
            Self::GeoDvf => "geo-dvf",
            Self::Dgfip => "dgfip",
        }
    }
}

/// What is read from a row, whichever format names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Mutation,
    Service,
    Document,
    Date,
    Disposition,
    Nature,
    Price,
    Number,
    Suffix,
    StreetType,
    Street,
    CommuneCode,
    Commune,
    Departement,
    Parcel,
    SectionPrefix,
    Section,
    Plan,
    Lot1,
    Lot2,
    Lot3,
    Lot4,
    Lot5,
    LotCount,
    PremisesCode,
    Premises,
    Built,
    Rooms,
    Culture,
    Land,
    Longitude,
    Latitude,
}
const FIELDS: usize = Field::Latitude as usize + 1;

const GEO_DVF: &[(Field, &str)] = &[
    (Field::Mutation, "id_mutation"),
    (Field::Date, "date_mutation"),
    (Field::Disposition, "numero_disposition"),
    (Field::Nature, "nature_mutation"),
    (Field::Price, "valeur_fonciere"),
    (Field::Number, "adresse_numero"),
    (Field::Suffix, "adresse_suffixe"),
    (Field::Street, "adresse_nom_voie"),
    (Field::CommuneCode, "code_commune"),
    (Field::Commune, "nom_commune"),
    (Field::Departement, "code_departement"),
    (Field::Parcel, "id_parcelle"),
    (Field::Lot1, "lot1_numero"),
    (Field::Lot2, "lot2_numero"),
    (Field::Lot3, "lot3_numero"),
    (Field::Lot4, "lot4_numero"),
    (Field::Lot5, "lot5_numero"),
    (Field::LotCount, "nombre_lots"),
    (Field::PremisesCode, "code_type_local"),
    (Field::Premises, "type_local"),
    (Field::Built, "surface_reelle_bati"),
    (Field::Rooms, "nombre_pieces_principales"),
    (Field::Culture, "nature_culture"),
    (Field::Land, "surface_terrain"),
    (Field::Longitude, "longitude"),
    (Field::Latitude, "latitude"),
];
const GEO_DVF_REQUIRED: &[Field] = &[Field::Mutation, Field::Date, Field::Nature, Field::Price, Field::CommuneCode];

const DGFIP: &[(Field, &str)] = &[
    (Field::Service, "Code service CH"),
    (Field::Document, "Reference document"),
    (Field::Disposition, "No disposition"),
    (Field::Date, "Date mutation"),
    (Field::Nature, "Nature mutation"),
    (Field::Price, "Valeur fonciere"),
    (Field::Number, "No voie"),
    (Field::Suffix, "B/T/Q"),
    (Field::StreetType, "Type de voie"),
    (Field::Street, "Voie"),
    (Field::Commune, "Commune"),
    (Field::Departement, "Code departement"),
    (Field::CommuneCode, "Code commune"),
    (Field::SectionPrefix, "Prefixe de section"),
    (Field::Section, "Section"),
    (Field::Plan, "No plan"),
    (Field::Lot1, "1er lot"),
    (Field::Lot2, "2eme lot"),
    (Field::Lot3, "3eme lot"),
    (Field::Lot4, "4eme lot"),
    (Field::Lot5, "5eme lot"),
    (Field::LotCount, "Nombre de lots"),
    (Field::PremisesCode, "Code type local"),
    (Field::Premises, "Type local"),
    (Field::Built, "Surface reelle bati"),
    (Field::Rooms, "Nombre pieces principales"),
    (Field::Culture, "Nature culture"),
    (Field::Land, "Surface terrain"),
];
const DGFIP_REQUIRED: &[Field] =
    &[Field::Date, Field::Nature, Field::Price, Field::Commune, Field::Departement, Field::CommuneCode];

/// One row of a file: a premises, a lot or a parcel of a sale.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    mutation: String,
    line: u64,
    sold_on: NaiveDate,
    nature: String,
    price_eur: Option<f64>,
    commune_code: String,
    commune: String,
    departement: String,
    disposition: Option<i32>,
    parcel: Option<String>,
    address: Option<String>,
    lots: Option<String>,
    lot_count: Option<i32>,
    premises_code: Option<i16>,
    premises: Option<String>,
    built_m2: Option<f64>,
    rooms: Option<i32>,
    culture: Option<String>,
    land_m2: Option<f64>,
    longitude: Option<f64>,
    latitude: Option<f64>,
}

/// A row that cannot be read, and the sale it belongs to when that much can be read.
#[derive(Debug)]
struct Reject {
    line: u64,
    mutation: Option<String>,
    reason: String,
}

/// What reading a whole file found, besides the rows it sent.
#[derive(Debug, Default)]
struct Outcome {
    sales: HashSet<String>,
    rejects: Vec<Reject>,
}

struct Reader {
    format: Format,
    columns: [Option<usize>; FIELDS],
    csv: csv::Reader<BufReader<Box<dyn Read + Send>>>,
    progress: ProgressBar,
}

/// Imports one file; an unreadable file or header is an error, a bad row is a rejected sale.
pub async fn import(pool: &PgPool, path: &Path) -> anyhow::Result<Report> {
    let reader = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || open(&path)).await??
    };
    let format = reader.format;
    let mut run = Run::start(pool, SOURCE, None).await?;
    run.unit = "sales";
    let (sender, batches) = mpsc::channel(2);
    let reading = tokio::task::spawn_blocking(move || read(reader, &sender));
    let error = match store(pool, &mut run, path, format, batches, reading).await {
        Ok(()) => None,
        Err(e) => Some(format!("{e:#}")),
    };
    Ok(run.finish(pool, error).await?)
}

async fn store(
    pool: &PgPool,
    run: &mut Run,
    path: &Path,
    format: Format,
    mut batches: mpsc::Receiver<Vec<Row>>,
    reading: tokio::task::JoinHandle<anyhow::Result<Outcome>>,
) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(include_str!("sql/staging_sale_rows.sql")).execute(&mut *tx).await?;
    let mut copy = tx.copy_in_raw(include_str!("sql/copy_sale_rows.sql")).await?;
    let mut text = String::new();
    while let Some(batch) = batches.recv().await {
        text.clear();
        for row in &batch {
            row.copy_line(&mut text);
        }
        copy.send(text.as_bytes()).await.context("database write failed")?;
    }
    copy.finish().await.context("database write failed")?;
    let outcome = reading.await?.with_context(|| format!("{} could not be read to its end; nothing was stored", path.display()))?;

    let mut left_out = Vec::new();
    let mut nameless = 0;
    let mut rejected: HashMap<&str, &Reject> = HashMap::new();
    for reject in &outcome.rejects {
        match &reject.mutation {
            Some(mutation) => {
                rejected.entry(mutation).or_insert(reject);
            }
            None => {
                nameless += 1;
                run.reject(format!("{} line {}", path.display(), reject.line), reject.reason.clone());
            }
        }
    }
    let mut rejected: Vec<_> = rejected.into_iter().collect();
    rejected.sort_by_key(|(_, r)| r.line);
    for (mutation, reject) in rejected {
        run.reject(format!("{} line {}", path.display(), reject.line), format!("{} (sale {mutation} left out)", reject.reason));
        left_out.push(mutation.to_string());
    }
    let disagreeing: Vec<(String, i64)> =
        sqlx::query_as(include_str!("sql/disagreeing_sales.sql")).fetch_all(&mut *tx).await?;
    for (mutation, line) in disagreeing {
        run.reject(
            format!("{} line {line}", path.display()),
            format!("the rows of sale {mutation} disagree on its date or price (sale left out)"),
        );
        left_out.push(mutation);
    }
    sqlx::query(include_str!("sql/unstage_sales.sql")).bind(&left_out).execute(&mut *tx).await?;
    let (inserted, updated): (i64, i64) = sqlx::query_as(include_str!("sql/upsert_sales.sql"))
        .bind(format.source())
        .bind(run.id)
        .fetch_one(&mut *tx)
        .await
        .context("database write failed")?;
    sqlx::query(include_str!("sql/clear_sale_rows.sql")).execute(&mut *tx).await?;
    sqlx::query(include_str!("sql/insert_sale_rows.sql")).execute(&mut *tx).await?;
    let span: (Option<NaiveDate>, Option<NaiveDate>) =
        sqlx::query_as(include_str!("sql/staged_sales_span.sql")).fetch_one(&mut *tx).await?;
    tx.commit().await.context("database write failed")?;
    if let (Some(first), Some(last)) = span {
        run.cover(first.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
        run.cover(last.and_hms_opt(12, 0, 0).expect("noon exists").and_utc());
    }
    run.fetched = (outcome.sales.len() + nameless) as i64;
    run.written = Upserted { inserted, updated };
    Ok(())
}

/// Opens a file and reads its header: which format, which columns.
fn open(path: &Path) -> anyhow::Result<Reader> {
    let (input, progress) = files::open(path)?;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let head = input.fill_buf().with_context(|| format!("cannot read {}", path.display()))?;
    let pipe = head.iter().position(|&b| b == b'|');
    let comma = head.iter().position(|&b| b == b',');
    let format = match (pipe, comma) {
        (Some(p), Some(c)) if p < c => Format::Dgfip,
        (Some(_), None) => Format::Dgfip,
        _ => Format::GeoDvf,
    };
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true).has_headers(true).terminator(csv::Terminator::Any(b'\n'));
    if format == Format::Dgfip {
        builder.delimiter(b'|').quoting(false);
    }
    let mut csv = builder.from_reader(input);
    let header = csv.byte_headers().with_context(|| format!("{} is not a readable CSV file", path.display()))?;
    let names: Vec<String> =
        header.iter().map(|h| text(h).trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    let (table, required) = match format {
        Format::GeoDvf => (GEO_DVF, GEO_DVF_REQUIRED),
        Format::Dgfip => (DGFIP, DGFIP_REQUIRED),
    };
    let mut columns = [None; FIELDS];
    for (field, name) in table {
        columns[*field as usize] = names.iter().position(|n| *n == name.to_lowercase());
    }
    let missing: Vec<&str> = table
        .iter()
        .filter(|(field, _)| required.contains(field) && columns[*field as usize].is_none())
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} is not a DVF file: a geo-dvf CSV (id_mutation,date_mutation,...) or a DGFiP valeursfoncieres file \
             (Code service CH|Reference document|...) was expected, and the header has no {}",
            path.display(),
            missing.join(", ")
        );
    }
    Ok(Reader { format, columns, csv, progress })
}

/// Reads the rows after the header, sending them in batches; stops when the receiver is gone.
fn read(mut reader: Reader, sender: &mpsc::Sender<Vec<Row>>) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut record = csv::ByteRecord::new();
    let mut count = 0u64;
    loop {
        match reader.csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => return Err(e.into()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                outcome.rejects.push(Reject { line, mutation: None, reason: format!("unreadable row: {e}") });
                continue;
            }
        }
        count += 1;
        files::tick(&reader.progress, count);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        match parse_row(reader.format, &reader.columns, &record, line) {
            Ok(row) => {
                if !outcome.sales.contains(&row.mutation) {
                    outcome.sales.insert(row.mutation.clone());
                }
                batch.push(row);
            }
            Err(reject) => {
                if let Some(mutation) = &reject.mutation {
                    outcome.sales.insert(mutation.clone());
                }
                outcome.rejects.push(reject);
            }
        }
        if batch.len() == BATCH && sender.blocking_send(std::mem::take(&mut batch)).is_err() {
            bail!("stopped: the database write failed");
        }
    }
    if !batch.is_empty() && sender.blocking_send(batch).is_err() {
        bail!("stopped: the database write failed");
    }
    reader.progress.finish_and_clear();
    Ok(outcome)
}

/// A field as text: UTF-8, or Latin-1 as older DGFiP files are.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
    }
}

fn parse_row(format: Format, columns: &[Option<usize>; FIELDS], record: &csv::ByteRecord, line: u64) -> Result<Row, Reject> {
    let field = |f: Field| -> String {
        columns[f as usize].and_then(|i| record.get(i)).map(|b| text(b).trim().to_string()).unwrap_or_default()
    };
    let optional = |f: Field| Some(field(f)).filter(|s| !s.is_empty());
    let name = |f: Field| {
        let table = if format == Format::Dgfip { DGFIP } else { GEO_DVF };
        table.iter().find(|(g, _)| *g == f).map_or("?", |(_, n)| *n)
    };
    let number = |f: Field| -> Result<Option<f64>, String> {
        match optional(f) {
            None => Ok(None),
            Some(raw) => match raw.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
                _ => Err(format!("{} {raw:?} is not a number of 0 or more", name(f))),
            },
        }
    };
    let integer = |f: Field| -> Result<Option<i32>, String> {
        match number(f)? {
            Some(v) if v.fract() == 0.0 && v <= i32::MAX as f64 => Ok(Some(v as i32)),
            Some(_) => Err(format!("{} {:?} is not a whole number", name(f), field(f))),
            None => Ok(None),
        }
    };

    let date = field(Field::Date);
    let price = field(Field::Price);
    let (departement, commune_code) = codes(format, &field(Field::Departement), &field(Field::CommuneCode));
    let mutation = match format {
        Format::GeoDvf => optional(Field::Mutation),
        // The raw files have no sale id: the rows of one sale share these.
        Format::Dgfip => Some(format!(
            "dgfip:{}:{}:{date}:{commune_code}:{}:{price}",
            field(Field::Service),
            field(Field::Document),
            field(Field::Nature)
        )),
    };
    let reject = |reason: String| Reject { line, mutation: mutation.clone(), reason };
    let row = (|| -> Result<Row, String> {
        let mutation = mutation.clone().ok_or("no id_mutation")?;
        let sold_on = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&date, "%d/%m/%Y"))
            .map_err(|_| format!("{} {date:?} is not a date (YYYY-MM-DD or DD/MM/YYYY)", name(Field::Date)))?;
        let nature = optional(Field::Nature).ok_or_else(|| format!("no {}", name(Field::Nature)))?;
        if commune_code.len() != 5 {
            return Err(format!("{} {:?} is not a commune code", name(Field::CommuneCode), field(Field::CommuneCode)));
        }
        let premises = optional(Field::Premises);
        let premises_code = match optional(Field::PremisesCode) {
            Some(code) => match code.parse::<i16>() {
                Ok(c @ 1..=4) => Some(c),
                _ => return Err(format!("{} {code:?} is not 1 to 4", name(Field::PremisesCode))),
            },
            None => premises.as_deref().and_then(premises_code),
        };
        let lots: Vec<String> =
            [Field::Lot1, Field::Lot2, Field::Lot3, Field::Lot4, Field::Lot5].into_iter().filter_map(optional).collect();
        let address = [field(Field::Number) + &field(Field::Suffix), field(Field::StreetType), field(Field::Street)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let parcel = match format {
            Format::GeoDvf => optional(Field::Parcel),
            Format::Dgfip => dgfip_parcel(&commune_code, &field(Field::SectionPrefix), &field(Field::Section), &field(Field::Plan)),
        };
        Ok(Row {
            mutation,
            line,
            sold_on,
            nature,
            price_eur: number(Field::Price)?,
            commune: optional(Field::Commune).unwrap_or_else(|| commune_code.clone()),
            commune_code: commune_code.clone(),
            departement: departement.clone(),
            disposition: integer(Field::Disposition)?,
            parcel,
            address: Some(address).filter(|a| !a.is_empty()),
            lots: Some(lots.join(",")).filter(|l| !l.is_empty()),
            lot_count: integer(Field::LotCount)?,
            premises_code,
            premises,
            built_m2: number(Field::Built)?,
            rooms: integer(Field::Rooms)?,
            culture: optional(Field::Culture),
            land_m2: number(Field::Land)?,
            longitude: coordinate(&field(Field::Longitude), 180.0),
            latitude: coordinate(&field(Field::Latitude), 90.0),
        })
    })();
    row.map_err(reject)
}

/// The département and the five-character INSEE code of the commune. geo-dvf gives the commune's
/// code (some exports unpadded: `1053`); the raw files give the département and the commune's
/// number in it (`01` and `72`; `971` and `101` overseas, whose INSEE code is `97101`).
fn codes(format: Format, departement: &str, commune: &str) -> (String, String) {
    let departement = if departement.len() == 1 { format!("0{departement}") } else { departement.to_string() };
    let commune = match format {
        Format::GeoDvf if commune.len() == 4 && commune.bytes().all(|b| b.is_ascii_digit()) => format!("0{commune}"),
        Format::GeoDvf => commune.to_string(),
        Format::Dgfip if commune.is_empty() || departement.len() < 2 => String::new(),
        Format::Dgfip => format!("{}{commune:0>3}", &departement[..2]),
    };
    let departement = match departement.is_empty() {
        true if commune.starts_with("97") => commune.get(..3).unwrap_or_default().to_string(),
        true => commune.get(..2).unwrap_or_default().to_string(),
        false => departement,
    };
    (departement, commune)
}

/// geo-dvf's 14-character parcel id, from the raw files' prefix, section and plan number.
fn dgfip_parcel(commune: &str, prefix: &str, section: &str, plan: &str) -> Option<String> {
    if section.is_empty() || plan.is_empty() {
        return None;
    }
    let prefix = if prefix.is_empty() { "000" } else { prefix };
    Some(format!("{commune}{prefix:0>3}{section:0>2}{plan:0>4}"))
}

fn premises_code(name: &str) -> Option<i16> {
    match name {
        "Maison" => Some(1),
        "Appartement" => Some(2),
        "Dépendance" => Some(3),
        _ if name.starts_with("Local") => Some(4),
        _ => None,
    }
}

fn coordinate(raw: &str, limit: f64) -> Option<f64> {
    raw.parse::<f64>().ok().filter(|v| v.abs() <= limit)
}

impl Row {
    /// The row as a line of COPY's text format.
    fn copy_line(&self, out: &mut String) {
        put(out, Some(&self.mutation));
        put(out, Some(&self.line));
        put(out, Some(&self.sold_on));
        put(out, Some(&self.nature));
        put(out, some(&self.price_eur));
        put(out, Some(&self.commune_code));
        put(out, Some(&self.commune));
        put(out, Some(&self.departement));
        put(out, some(&self.disposition));
        put(out, some(&self.parcel));
        put(out, some(&self.address));
        put(out, some(&self.lots));
        put(out, some(&self.lot_count));
        put(out, some(&self.premises_code));
        put(out, some(&self.premises));
        put(out, some(&self.built_m2));
        put(out, some(&self.rooms));
        put(out, some(&self.culture));
        put(out, some(&self.land_m2));
        put(out, some(&self.longitude));
        put(out, some(&self.latitude));
        copy::end(out);
    }
}
