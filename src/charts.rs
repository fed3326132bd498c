//! Charts as plain SVG (no script, no library): daily series with a guideline line, bars, and a
//! scatter of a pollutant against a weather variable, maps, and a transit network. Each carries a
//! title and a description.

mod network;

use chrono::NaiveDate;

pub use network::{Line, Stop, hours, network};

use crate::lang::Lang;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 32.0;
const COLOURS: [&str; 4] = ["#1f6feb", "#d4a72c", "#2da44e", "#8250df"];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn open(id: &str, title: &str, desc: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-t {id}-d" class="chart" font-family="system-ui, sans-serif" font-size="11"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><text x="{LEFT}" y="16" font-size="13" font-weight="600">{}</text>"#,
        escape(title),
        escape(desc),
        escape(title)
    )
}

/// A value axis from a round value at or under the lowest (0 unless the values are all far from it)
/// to a round value above the highest, with its ticks.
struct Scale {
    floor: f64,
    top: f64,
    ticks: Vec<f64>,
}

impl Scale {
    fn new(lowest: f64, highest: f64) -> Self {
        let lowest = if lowest >= 0.0 && lowest < 0.5 * highest { 0.0 } else { lowest.min(highest) };
        let span = if highest - lowest > 0.0 { highest - lowest } else { highest.abs().max(1.0) };
        let step = [
            1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0,
            10000.0,
        ]
        .into_iter()
        .find(|s| span / s <= 5.0)
        .unwrap_or(span / 5.0);
        let floor = (lowest / step).floor() * step;
        let top = ((highest / step).ceil() * step).max(floor + step);
        let ticks = (0..=(((top - floor) / step).round() as usize)).map(|i| floor + i as f64 * step).collect();
        Self { floor, top, ticks }
    }

    /// The SVG height of `value`.
    fn y(&self, value: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (value - self.floor) / (self.top - self.floor))
    }
}

fn y_axis(out: &mut String, scale: &Scale, unit: &str) {
    for tick in &scale.ticks {
        let y = scale.y(*tick);
        out.push_str(&format!(
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e5e7eb"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 4.0,
            y + 4.0,
            tick
        ));
    }
    out.push_str(&format!(r#"<text x="4" y="{}" >{}</text>"#, TOP - 6.0, escape(unit)));
}

/// Five classes from cold to warm, for values without an official index.
pub const PALETTE: [&str; 5] = ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"];

/// Values cut into fifths: `edges` are the lowest, the four cuts and the highest.
pub struct Fifths {
    pub edges: [f64; 6],
}

impl Fifths {
    pub fn new(values: &[f64]) -> Option<Self> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        (!sorted.is_empty()).then(|| Self { edges: [0.0, 0.2, 0.4, 0.6, 0.8, 1.0].map(at) })
    }

    /// The fifth `value` falls in, 0 to 4.
    pub fn class(&self, value: f64) -> usize {
        self.edges[1..5].iter().filter(|cut| value > **cut).count()
    }
}

pub struct Series {
    pub label: String,
    pub points: Vec<(NaiveDate, f64)>,
}

/// A series in words, its text alternative: its days, mean and extremes (French numbers with a comma).
pub fn describe(s: &Series, lang: Lang) -> String {
    let (Some(first), Some(last)) = (s.points.first(), s.points.last()) else {
        return lang.say(&format!("{}: no days", s.label), &format!("{} : aucun jour", s.label));
    };
    let mean = s.points.iter().map(|p| p.1).sum::<f64>() / s.points.len() as f64;
    let high = s.points.iter().fold(first, |a, p| if p.1 > a.1 { p } else { a });
    let low = s.points.iter().fold(first, |a, p| if p.1 < a.1 { p } else { a });
    let n = |v: f64| lang.decimal(v);
    let (label, days, from, to) = (&s.label, s.points.len(), first.0, last.0);
    let (mean, high_v, high_d, low_v, low_d) = (n(mean), n(high.1), high.0, n(low.1), low.0);
    lang.say(
        &format!("{label}: {days} days from {from} to {to}, mean {mean}, highest {high_v} on {high_d}, lowest {low_v} on {low_d}"),
        &format!("{label} : {days} jours du {from} au {to}, moyenne {mean}, maximum {high_v} le {high_d}, minimum {low_v} le {low_d}"),
    )
}

/// Daily values as lines (or bars when `bars`), with a dashed guideline.
pub fn daily(
    id: &str,
    title: &str,
    unit: &str,
    series: &[Series],
    guideline: Option<(f64, &str)>,
    bars: bool,
) -> String {
    let days: Vec<NaiveDate> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        return String::new();
    };
    let values = || series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let max = values().fold(guideline.map_or(f64::MIN, |g| g.0), f64::max);
    let min = if bars { 0.0 } else { values().fold(f64::MAX, f64::min) };
    let scale = Scale::new(min, max);
    let span = ((last - first).num_days() as f64).max(1.0);
    let plot_w = WIDTH - LEFT - RIGHT;
    let x = |d: NaiveDate| LEFT + plot_w * (d - first).num_days() as f64 / span;
    let y = |v: f64| scale.y(v);
    let desc = series.iter().map(|s| describe(s, Lang::En)).collect::<Vec<_>>().join("; ");
    let mut out = open(id, title, &desc);
    y_axis(&mut out, &scale, unit);
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        if bars {
            let width = (plot_w / (span + 1.0) * 0.8).max(1.0);
            for (day, value) in &s.points {
                let above = guideline.is_some_and(|g| *value > g.0);
                out.push_str(&format!(
                    r##"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" fill="{}"><title>{day}: {value:.1}</title></rect>"##,
                    x(*day) - width / 2.0,
                    y(*value),
                    (HEIGHT - BOTTOM - y(*value)).max(0.0),
                    if above { "#cf222e" } else { colour }
                ));
            }
        } else {
            let points: Vec<String> = s.points.iter().map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v))).collect();
            out.push_str(&format!(
                r#"<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{}"/>"#,
                points.join(" ")
            ));
        }
        legend(&mut out, LEFT + 8.0 + 150.0 * i as f64, colour, &s.label);
    }
    if let Some((value, label)) = guideline {
        out.push_str(&format!(
            r##"<line class="guideline" x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#cf222e" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" text-anchor="end" fill="#cf222e">{}</text>"##,
            WIDTH - RIGHT,
            y(value),
            y(value),
            WIDTH - RIGHT,
            y(value) - 4.0,
            escape(label)
        ));
    }
    out.push_str(&format!(
        r#"<text x="{LEFT}" y="{}">{first}</text><text x="{}" y="{}" text-anchor="end">{last}</text></svg>"#,
        HEIGHT - BOTTOM + 14.0,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM + 14.0
    ));
    out
}

/// A series' swatch and label under the plot, from `x`.
fn legend(out: &mut String, x: f64, colour: &str, label: &str) {
    out.push_str(&format!(
        r#"<rect x="{x}" y="{}" width="10" height="3" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
        HEIGHT - 10.0,
        x + 14.0,
        HEIGHT - 6.0,
        escape(label)
    ));
}

/// Labelled bars (e.g. days above the guideline per station).
pub fn bars(id: &str, title: &str, unit: &str, items: &[(String, f64)]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let scale = Scale::new(0.0, items.iter().map(|i| i.1).fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / items.len() as f64;
    let desc = items.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ");
    let mut out = open(id, title, &desc);
    y_axis(&mut out, &scale, unit);
    for (i, (label, value)) in items.iter().enumerate() {
        let h = plot_h * value / scale.top;
        let x = LEFT + slot * i as f64 + slot * 0.2;
        out.push_str(&format!(
            r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#cf222e"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="{:.1}" y="{}" text-anchor="middle">{}</text>"##,
            TOP + plot_h - h,
            slot * 0.6,
            x + slot * 0.3,
            TOP + plot_h - h - 4.0,
            value,
            x + slot * 0.3,
            HEIGHT - BOTTOM + 14.0,
            escape(label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// One point per day: the pollutant against a weather variable.
pub fn scatter(id: &str, title: &str, (x_label, y_label): (&str, &str), points: &[(f64, f64)]) -> String {
    if points.is_empty() {
        return String::new();
    }
    let (x_min, x_max) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let scale = Scale::new(0.0, points.iter().map(|p| p.1).fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let span = (x_max - x_min).max(1e-9);
    let mut out = open(id, title, &format!("{} days: {y_label} against {x_label}", points.len()));
    y_axis(&mut out, &scale, y_label);
    for (x, y) in points {
        out.push_str(&format!(
            r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#1f6feb" fill-opacity="0.6"/>"##,
            LEFT + plot_w * (x - x_min) / span,
            scale.y(*y)
        ));
    }
    out.push_str(&format!(
        r#"<text x="{LEFT}" y="{}">{x_min:.1}</text><text x="{}" y="{}" text-anchor="end">{x_max:.1} {}</text></svg>"#,
        HEIGHT - BOTTOM + 14.0,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM + 14.0,
        escape(x_label)
    ));
    out
}

/// Points on a map from their longitude and latitude (no tiles: the points alone, to scale),
/// coloured by the quintile of their value, with the classes in a legend.
pub fn map(id: &str, title: &str, unit: &str, points: &[(f64, f64, f64)]) -> String {
    if points.is_empty() {
        return String::new();
    }
    let values: Vec<f64> = points.iter().map(|p| p.2).collect();
    let Some(fifths) = Fifths::new(&values) else { return String::new() };
    // The frame holds all but the farthest fifth of a percent of the points on each side.
    let frame = |coordinate: fn(&(f64, f64, f64)) -> f64| {
        let mut c: Vec<f64> = points.iter().map(coordinate).collect();
        c.sort_by(f64::total_cmp);
        let at = |q: f64| c[((c.len() - 1) as f64 * q).round() as usize];
        (at(0.002), at(0.998))
    };
    let ((lon0, lon1), (lat0, lat1)) = (frame(|p| p.0), frame(|p| p.1));
    let all = points.len();
    let points: Vec<&(f64, f64, f64)> =
        points.iter().filter(|p| (lon0..=lon1).contains(&p.0) && (lat0..=lat1).contains(&p.1)).collect();
    // Equirectangular, a degree of longitude shortened by the cosine of the latitude.
    let squeeze = ((lat0 + lat1) / 2.0).to_radians().cos();
    let (w, h) = (((lon1 - lon0) * squeeze).max(1e-6), (lat1 - lat0).max(1e-6));
    let plot_w = WIDTH - 2.0 * RIGHT - 120.0;
    let plot_h = HEIGHT - TOP - 8.0;
    let scale = (plot_w / w).min(plot_h / h);
    let x = |lon: f64| RIGHT + (lon - lon0) * squeeze * scale;
    let y = |lat: f64| TOP + (lat1 - lat) * scale;
    let desc = format!(
        "{} of {all} points (the farthest are outside the frame), from {:.0} to {:.0} {unit}, coloured by fifths of the values",
        points.len(),
        fifths.edges[0],
        fifths.edges[5]
    );
    let mut out = open(id, title, &desc);
    for (lon, lat, v) in points {
        out.push_str(&format!(
            r#"<circle cx="{:.1}" cy="{:.1}" r="2" fill="{}" fill-opacity="0.8"/>"#,
            x(*lon),
            y(*lat),
            PALETTE[fifths.class(*v)]
        ));
    }
    let edges = fifths.edges;
    for (i, colour) in PALETTE.iter().enumerate() {
        let ly = TOP + 8.0 + 18.0 * i as f64;
        out.push_str(&format!(
            r#"<rect x="{}" y="{ly:.1}" width="10" height="10" fill="{colour}"/><text x="{}" y="{:.1}">{:.0}–{:.0} {}</text>"#,
            WIDTH - 120.0,
            WIDTH - 106.0,
            ly + 9.0,
            edges[i],
            edges[i + 1],
            escape(unit)
        ));
    }
    out.push_str("</svg>");
    out
}

/// Monthly values as bars, a label every few months, with an optional guideline.
pub fn months(id: &str, title: &str, unit: &str, items: &[(NaiveDate, f64)], guideline: Option<(f64, &str)>) -> String {
    if items.is_empty() {
        return String::new();
    }
    let values = || items.iter().map(|i| i.1);
    let max = values().fold(guideline.map_or(f64::MIN, |g| g.0), f64::max);
    let scale = Scale::new(values().fold(0.0, f64::min), max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let slot = plot_w / items.len() as f64;
    let every = items.len().div_ceil(12);
    let desc = items.iter().map(|(m, v)| format!("{}: {v:.1}", m.format("%Y-%m"))).collect::<Vec<_>>().join("; ");
    let mut out = open(id, title, &desc);
    y_axis(&mut out, &scale, unit);
    for (i, (month, value)) in items.iter().enumerate() {
        // From the zero line (or the axis' floor above it) to the value, up or down.
        let base = scale.y(0.0f64.max(scale.floor));
        let (top_y, h) = (scale.y(*value).min(base), (scale.y(*value) - base).abs());
        let x = LEFT + slot * i as f64;
        let above = guideline.is_some_and(|g| *value > g.0);
        out.push_str(&format!(
            r##"<rect class="month" x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{}"><title>{}: {value:.1} {}</title></rect>"##,
            x + slot * 0.1,
            top_y,
            slot * 0.8,
            if above { "#cf222e" } else { COLOURS[0] },
            month.format("%Y-%m"),
            escape(unit)
        ));
        if i % every == 0 {
            out.push_str(&format!(
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x + slot / 2.0,
                HEIGHT - BOTTOM + 14.0,
                month.format(if items.len() > 12 { "%Y-%m" } else { "%m" })
            ));
        }
    }
    if let Some((value, label)) = guideline {
        let y = scale.y(value);
        out.push_str(&format!(
            r##"<line class="guideline" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#cf222e" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" text-anchor="end" fill="#cf222e">{}</text>"##,
            WIDTH - RIGHT,
            WIDTH - RIGHT,
            y - 4.0,
            escape(label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// Months against the same months of earlier years: a grey dot per earlier year, their mean as a
/// black tick, and the month itself as a larger blue dot. `categories` are `YYYY-MM`.
pub fn against_years(
    id: &str,
    title: &str,
    unit: &str,
    categories: &[String],
    this: &[f64],
    earlier: &[Vec<(i32, f64)>],
    (this_label, earlier_label): (&str, &str),
) -> String {
    if categories.is_empty() {
        return String::new();
    }
    let all = this.iter().chain(earlier.iter().flatten().map(|e| &e.1));
    let (lowest, highest) = all.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let scale = Scale::new(lowest, highest);
    let slot = (WIDTH - LEFT - RIGHT) / categories.len() as f64;
    let y = |v: f64| scale.y(v);
    let mut desc = Vec::new();
    let mut out = String::new();
    y_axis(&mut out, &scale, unit);
    for (i, category) in categories.iter().enumerate() {
        let x = LEFT + slot * (i as f64 + 0.5);
        let before: Vec<f64> = earlier.get(i).map(|e| e.iter().map(|p| p.1).collect()).unwrap_or_default();
        for (year, v) in earlier.get(i).into_iter().flatten() {
            out.push_str(&format!(
                r##"<circle class="earlier" cx="{x:.1}" cy="{:.1}" r="3" fill="#8c959f" fill-opacity="0.7"><title>{} {year}: {v:.1}</title></circle>"##,
                y(*v),
                category.get(5..).unwrap_or(category)
            ));
        }
        let mean = (!before.is_empty()).then(|| before.iter().sum::<f64>() / before.len() as f64);
        if let Some(mean) = mean {
            out.push_str(&format!(
                r##"<line class="earlier-mean" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#1b1f24" stroke-width="2"/>"##,
                x - slot * 0.3,
                x + slot * 0.3,
                y(mean),
                y(mean)
            ));
        }
        let now = this[i];
        out.push_str(&format!(
            r##"<circle class="this-year" cx="{x:.1}" cy="{:.1}" r="5" fill="{}"><title>{category}: {now:.1}</title></circle>"##,
            y(now),
            COLOURS[0]
        ));
        out.push_str(&format!(
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            HEIGHT - BOTTOM + 14.0,
            escape(category)
        ));
        let before = mean.map_or("none".to_string(), |m| format!("{m:.1} ({} years)", before.len()));
        desc.push(format!("{category}: {now:.1}, earlier years {before}"));
    }
    out.push_str(&format!(
        r##"<circle cx="{}" cy="{}" r="5" fill="{}"/><text x="{}" y="{}">{}</text><circle cx="{}" cy="{}" r="3" fill="#8c959f"/><text x="{}" y="{}">{}</text>"##,
        LEFT + 8.0,
        HEIGHT - 9.0,
        COLOURS[0],
        LEFT + 18.0,
        HEIGHT - 5.0,
        escape(this_label),
        LEFT + 160.0,
        HEIGHT - 9.0,
        LEFT + 170.0,
        HEIGHT - 5.0,
        escape(earlier_label)
    ));
    let mut svg = open(id, title, &desc.join("; "));
    svg.push_str(&out);
    svg.push_str("</svg>");
    svg
}

/// A calendar: a column per week, a row per weekday, each day a square of its class's colour.
pub struct Day {
    pub day: NaiveDate,
    pub colour: String,
    pub label: String,
}

pub fn calendar(id: &str, title: &str, days: &[Day], legend: &[(String, String)], lang: Lang) -> String {
    use chrono::Datelike;
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return String::new();
    };
    let monday = first.day - chrono::Days::new(u64::from(first.day.weekday().num_days_from_monday()));
    let weeks = (last.day - monday).num_days() / 7 + 1;
    let cell = ((WIDTH - LEFT - RIGHT) / weeks as f64).min(18.0);
    // Below the title, the months' numbers, then the days.
    const TOP: f64 = 42.0;
    let height = TOP + 7.0 * cell + 16.0 + 18.0 * legend.len().div_ceil(3) as f64;
    let desc = format!("{} days from {} to {}", days.len(), first.day, last.day);
    let mut out =
        open(id, title, &desc).replacen(&format!("0 0 {WIDTH} {HEIGHT}"), &format!("0 0 {WIDTH} {height:.0}"), 1);
    let weekdays = if lang == Lang::Fr { ["L", "Me", "V"] } else { ["M", "W", "F"] };
    for (i, name) in weekdays.iter().enumerate() {
        out.push_str(&format!(
            r#"<text x="{}" y="{:.1}" text-anchor="end">{name}</text>"#,
            LEFT - 4.0,
            TOP + cell * (2 * i) as f64 + cell * 0.8
        ));
    }
    for day in days {
        let week = (day.day - monday).num_days() / 7;
        out.push_str(&format!(
            r#"<rect class="day" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
            LEFT + cell * week as f64,
            TOP + cell * f64::from(day.day.weekday().num_days_from_monday()),
            cell - 1.0,
            cell - 1.0,
            day.colour,
            escape(&day.label)
        ));
        if day.day.day() == 1 {
            out.push_str(&format!(
                r#"<text x="{:.1}" y="{}">{}</text>"#,
                LEFT + cell * week as f64,
                TOP - 2.0,
                day.day.format("%m")
            ));
        }
    }
    for (i, (colour, label)) in legend.iter().enumerate() {
        let (x, y) = (LEFT + 190.0 * (i % 3) as f64, TOP + 7.0 * cell + 12.0 + 18.0 * (i / 3) as f64);
        out.push_str(&format!(
            r#"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            x + 14.0,
            y + 9.0,
            escape(label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// A station on the map: where, its colour, what it says and where it links.
pub struct Place {
    pub longitude: f64,
    pub latitude: f64,
    pub name: String,
    pub colour: String,
    pub label: String,
    pub href: String,
}

/// The stations to scale from their coordinates (no tiles), each a link to its page.
pub fn stations(id: &str, title: &str, places: &[Place], legend: &[(String, String)]) -> String {
    if places.is_empty() {
        return String::new();
    }
    let (lon0, lon1) =
        places.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.longitude), hi.max(p.longitude)));
    let (lat0, lat1) = places.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.latitude), hi.max(p.latitude)));
    let squeeze = ((lat0 + lat1) / 2.0).to_radians().cos();
    let (w, h) = (((lon1 - lon0) * squeeze).max(0.01), (lat1 - lat0).max(0.01));
    let (plot_w, plot_h) = (WIDTH - 2.0 * LEFT - 150.0, HEIGHT - TOP - 40.0);
    let scale = (plot_w / w).min(plot_h / h);
    let x = |lon: f64| LEFT + (lon - lon0) * squeeze * scale;
    let y = |lat: f64| TOP + 12.0 + (lat1 - lat) * scale;
    let desc = places.iter().map(|p| format!("{}: {}", p.name, p.label)).collect::<Vec<_>>().join("; ");
    let mut out = open(id, title, &desc);
    for (i, p) in places.iter().enumerate() {
        // A name that would run into an earlier station's goes on the other side.
        let crowded = places[..i]
            .iter()
            .any(|q| (x(q.longitude) - x(p.longitude)).abs() < 120.0 && (y(q.latitude) - y(p.latitude)).abs() < 14.0);
        let (dx, anchor) = if crowded { (-10.0, "end") } else { (10.0, "start") };
        out.push_str(&format!(
            r##"<a class="station" href="{}"><circle cx="{:.1}" cy="{:.1}" r="7" fill="{}" stroke="#1b1f24"/><text x="{:.1}" y="{:.1}" text-anchor="{anchor}">{}</text><title>{}: {}</title></a>"##,
            escape(&p.href),
            x(p.longitude),
            y(p.latitude),
            p.colour,
            x(p.longitude) + dx,
            y(p.latitude) + 4.0,
            escape(&p.name),
            escape(&p.name),
            escape(&p.label)
        ));
    }
    for (i, (colour, label)) in legend.iter().enumerate() {
        let ly = TOP + 8.0 + 18.0 * i as f64;
        out.push_str(&format!(
            r#"<rect x="{}" y="{ly:.1}" width="10" height="10" fill="{colour}"/><text x="{}" y="{:.1}">{}</text>"#,
            WIDTH - 150.0,
            WIDTH - 136.0,
            ly + 9.0,
            escape(label)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        let scale = Scale::new(0.0, 69.4);
        assert_eq!((scale.top, scale.ticks), (80.0, vec![0.0, 20.0, 40.0, 60.0, 80.0]));
        assert_eq!(Scale::new(0.0, 4.2).top, 5.0);
        let cold = Scale::new(-6.1, 24.7);
        assert_eq!((cold.floor, cold.top), (-10.0, 30.0));
        assert_eq!(Scale::new(988.2, 1038.8).floor, 980.0, "a pressure axis does not start at 0");
    }

    #[test]
    fn a_daily_chart_has_its_line_and_guideline() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let svg = daily(
            "c",
            "PM2.5",
            "µg/m³",
            &[Series { label: "city".into(), points: vec![(d("2020-03-01"), 12.0), (d("2020-03-02"), 20.0)] }],
            Some((15.0, "WHO")),
            false,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("<polyline")
                && svg.contains("class=\"guideline\"")
                && svg.contains("<title id=\"c-t\">PM2.5</title>")
        );
    }
}
