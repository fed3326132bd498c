//! A transit network to scale from its GTFS coordinates (no tiles: each line's paths in its own
//! colour, the stops as dots), and departures counted per hour of the service day.

use std::collections::HashSet;

use super::{BOTTOM, COLOURS, HEIGHT, LEFT, RIGHT, Scale, TOP, WIDTH, escape, legend, open, y_axis};

/// A line on the map: its paths as (longitude, latitude) points, drawn `width` wide.
pub struct Line {
    pub route: String,
    pub colour: String,
    pub width: f64,
    pub paths: Vec<Vec<(f64, f64)>>,
}

/// A stop on the map: where, and what its dot says.
pub struct Stop {
    pub longitude: f64,
    pub latitude: f64,
    pub name: String,
}

/// The tallest a map is drawn.
const MAP_HEIGHT: f64 = 560.0;

/// The lines in the order given (the last on top) and the stops over them.
pub fn network(id: &str, title: &str, desc: &str, lines: &[Line], stops: &[Stop]) -> String {
    let points = lines
        .iter()
        .flat_map(|l| l.paths.iter().flatten().copied())
        .chain(stops.iter().map(|s| (s.longitude, s.latitude)));
    let (lon0, lon1, lat0, lat1) = points.fold((f64::MAX, f64::MIN, f64::MAX, f64::MIN), |(a, b, c, d), (lon, lat)| {
        (a.min(lon), b.max(lon), c.min(lat), d.max(lat))
    });
    if lon0 > lon1 {
        return String::new();
    }
    // Equirectangular, a degree of longitude shortened by the cosine of the latitude.
    let squeeze = ((lat0 + lat1) / 2.0).to_radians().cos();
    let (w, h) = (((lon1 - lon0) * squeeze).max(1e-4), (lat1 - lat0).max(1e-4));
    let scale = ((WIDTH - 2.0 * RIGHT) / w).min((MAP_HEIGHT - TOP - RIGHT) / h);
    let at = |(lon, lat): (f64, f64)| {
        ((RIGHT + (lon - lon0) * squeeze * scale).round() as i32, (TOP + (lat1 - lat) * scale).round() as i32)
    };
    let height = (TOP + h * scale + RIGHT).ceil();
    let mut out = open(id, title, desc).replacen(&format!("0 0 {WIDTH} {HEIGHT}"), &format!("0 0 {WIDTH} {height}"), 1);
    for line in lines {
        // Whole pixels, each stretch drawn once: a line's variants share most of their path.
        let mut drawn: HashSet<((i32, i32), (i32, i32))> = HashSet::new();
        let mut pieces: Vec<Vec<(i32, i32)>> = Vec::new();
        for path in &line.paths {
            let mut piece: Vec<(i32, i32)> = Vec::new();
            for point in path.iter().map(|p| at(*p)) {
                match piece.last() {
                    Some(last) if *last == point => continue,
                    Some(last) if !drawn.insert((*last, point)) || !drawn.insert((point, *last)) => {
                        pieces.push(std::mem::take(&mut piece));
                    }
                    _ => {}
                }
                piece.push(point);
            }
            pieces.push(piece);
        }
        let mut d = String::new();
        for piece in pieces.iter().filter(|p| p.len() > 1) {
            let points: Vec<String> = piece.iter().map(|(x, y)| format!("{x},{y}")).collect();
            d.push_str(&format!("M{}L{}", points[0], points[1..].join(" ")));
        }
        out.push_str(&format!(
            r#"<path class="line" data-route="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{d}"/>"#,
            escape(&line.route),
            escape(&line.colour),
            line.width,
        ));
    }
    let radius = if stops.len() > 200 { 1.2 } else { 3.0 };
    out.push_str(r##"<g fill="#ffffff" stroke="#1b1f24" stroke-width="0.6">"##);
    for stop in stops {
        let (x, y) = at((stop.longitude, stop.latitude));
        out.push_str(&format!(
            r#"<circle class="stop" cx="{x}" cy="{y}" r="{radius}"><title>{}</title></circle>"#,
            escape(&stop.name)
        ));
    }
    out.push_str("</g>");
    out.push_str("</svg>");
    out
}

/// Counts per hour of the service day (hours past 24 are after midnight), a series per kind of
/// day, as bars side by side.
pub fn hours(id: &str, title: &str, unit: &str, series: &[(String, Vec<(u32, f64)>)]) -> String {
    let all = || series.iter().flat_map(|s| s.1.iter());
    let (Some(first), Some(last)) = (all().map(|p| p.0).min(), all().map(|p| p.0).max()) else {
        return String::new();
    };
    let scale = Scale::new(0.0, all().map(|p| p.1).fold(0.0, f64::max));
    let slot = (WIDTH - LEFT - RIGHT) / f64::from(last - first + 1);
    let width = slot * 0.8 / series.len() as f64;
    let desc = series
        .iter()
        .map(|(label, points)| {
            let busiest = points.iter().fold((0, 0.0), |a, p| if p.1 > a.1 { *p } else { a });
            format!(
                "{label}: {} {unit}, the most at {}h ({})",
                points.iter().map(|p| p.1).sum::<f64>(),
                busiest.0 % 24,
                busiest.1
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut out = open(id, title, &desc);
    y_axis(&mut out, &scale, unit);
    for (i, (label, points)) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        for (hour, value) in points {
            let x = LEFT + slot * f64::from(hour - first) + slot * 0.1 + width * i as f64;
            out.push_str(&format!(
                r#"<rect class="hour" x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"><title>{}, {}h: {value}</title></rect>"#,
                scale.y(*value),
                (HEIGHT - BOTTOM - scale.y(*value)).max(0.0),
                escape(label),
                hour % 24
            ));
        }
        legend(&mut out, LEFT + 8.0 + 200.0 * i as f64, colour, label);
    }
    for hour in (first..=last).filter(|h| h % 2 == 0) {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}h</text>"#,
            LEFT + slot * (f64::from(hour - first) + 0.5),
            HEIGHT - BOTTOM + 14.0,
            hour % 24
        ));
    }
    out.push_str("</svg>");
    out
}
