//! Charts as plain SVG (no script, no library): daily series with a guideline line, bars, and a
//! scatter of a pollutant against a weather variable. Each carries a title and a description.

use chrono::NaiveDate;

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

/// A 0-based axis up to a round value above `max`, with its ticks.
fn axis(max: f64) -> (f64, Vec<f64>) {
    let max = if max > 0.0 { max } else { 1.0 };
    let step = [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0]
        .into_iter()
        .find(|s| max / s <= 5.0)
        .unwrap_or(max / 5.0);
    let top = (max / step).ceil() * step;
    (top, (0..=((top / step).round() as usize)).map(|i| i as f64 * step).collect())
}

fn y_axis(out: &mut String, top: f64, ticks: &[f64], unit: &str) {
    let plot_h = HEIGHT - TOP - BOTTOM;
    for tick in ticks {
        let y = TOP + plot_h * (1.0 - tick / top);
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

pub struct Series {
    pub label: String,
    pub points: Vec<(NaiveDate, f64)>,
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
    let max = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(guideline.map_or(0.0, |g| g.0), f64::max);
    let (top, ticks) = axis(max);
    let span = ((last - first).num_days() as f64).max(1.0);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |d: NaiveDate| LEFT + plot_w * (d - first).num_days() as f64 / span;
    let y = |v: f64| TOP + plot_h * (1.0 - v / top);
    let desc =
        format!("{} from {first} to {last}", series.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(", "));
    let mut out = open(id, title, &desc);
    y_axis(&mut out, top, &ticks, unit);
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
        out.push_str(&format!(
            r#"<rect x="{}" y="{}" width="10" height="3" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
            LEFT + 8.0 + 150.0 * i as f64,
            HEIGHT - 10.0,
            LEFT + 22.0 + 150.0 * i as f64,
            HEIGHT - 6.0,
            escape(&s.label)
        ));
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

/// Labelled bars (e.g. days above the guideline per station).
pub fn bars(id: &str, title: &str, unit: &str, items: &[(String, f64)]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let (top, ticks) = axis(items.iter().map(|i| i.1).fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / items.len() as f64;
    let desc = items.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("; ");
    let mut out = open(id, title, &desc);
    y_axis(&mut out, top, &ticks, unit);
    for (i, (label, value)) in items.iter().enumerate() {
        let h = plot_h * value / top;
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
    let (top, ticks) = axis(points.iter().map(|p| p.1).fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let span = (x_max - x_min).max(1e-9);
    let mut out = open(id, title, &format!("{} days: {y_label} against {x_label}", points.len()));
    y_axis(&mut out, top, &ticks, y_label);
    for (x, y) in points {
        out.push_str(&format!(
            r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#1f6feb" fill-opacity="0.6"/>"##,
            LEFT + plot_w * (x - x_min) / span,
            TOP + plot_h * (1.0 - y / top)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(axis(69.4), (80.0, vec![0.0, 20.0, 40.0, 60.0, 80.0]));
        assert_eq!(axis(4.2).0, 5.0);
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

/// Points on a map from their longitude and latitude (no tiles: the points alone, to scale),
/// coloured by the quintile of their value, with the classes in a legend.
pub fn map(id: &str, title: &str, unit: &str, points: &[(f64, f64, f64)]) -> String {
    const PALETTE: [&str; 5] = ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"];
    if points.is_empty() {
        return String::new();
    }
    let mut values: Vec<f64> = points.iter().map(|p| p.2).collect();
    values.sort_by(f64::total_cmp);
    let cut = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    let bounds: Vec<f64> = [0.2, 0.4, 0.6, 0.8].into_iter().map(cut).collect();
    let class = |v: f64| bounds.iter().filter(|b| v > **b).count();
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
        values[0],
        values[values.len() - 1]
    );
    let mut out = open(id, title, &desc);
    for (lon, lat, v) in points {
        out.push_str(&format!(r#"<circle cx="{:.1}" cy="{:.1}" r="2" fill="{}" fill-opacity="0.8"/>"#, x(*lon), y(*lat), PALETTE[class(*v)]));
    }
    let mut edges = vec![values[0]];
    edges.extend(&bounds);
    edges.push(values[values.len() - 1]);
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
