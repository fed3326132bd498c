//! The tera templates: compiled into the binary from `prompts/` and `templates/` (see build.rs),
//! or read from a directory (`prompts_dir`, `templates_dir`) to change wording without rebuilding.
//! A template is named by its path below its set's root: `chunks/city_day.en.tera`, `home.html.tera`.

use std::path::Path;

use anyhow::{Context, bail};
use tera::Tera;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));
}

#[derive(Debug, Clone, Copy)]
pub enum Set {
    /// `prompts/`: chunks, answers, briefs, LLM prompts.
    Prompts,
    /// `templates/`: the HTML pages.
    Pages,
}

impl Set {
    fn embedded(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Set::Prompts => embedded::PROMPTS,
            Set::Pages => embedded::PAGES,
        }
    }

    fn setting(self) -> &'static str {
        match self {
            Set::Prompts => "prompts_dir",
            Set::Pages => "templates_dir",
        }
    }
}

/// The templates of `set` in `folders` ("" for the root), from `dir` when set, else the embedded ones.
pub fn load(set: Set, dir: Option<&Path>, folders: &[&str]) -> anyhow::Result<Tera> {
    let mut found = Vec::new();
    for folder in folders {
        let before = found.len();
        match dir {
            Some(dir) => found.extend(read_folder(dir, folder)?),
            None => found.extend(
                set.embedded()
                    .iter()
                    .filter(|(name, _)| parent(name) == *folder)
                    .map(|(name, text)| (name.to_string(), text.to_string())),
            ),
        }
        if found.len() == before {
            let place =
                dir.map_or_else(|| "the binary".to_string(), |d| format!("{} ({})", d.display(), set.setting()));
            bail!("no templates in {folder:?} of {place}");
        }
    }
    let mut tera = Tera::default();
    // Pages escape what they are given (a station named in a URL, an upstream error); prompts are text.
    tera.autoescape_on(match set {
        Set::Pages => vec![".html.tera"],
        Set::Prompts => vec![],
    });
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(found).context("invalid template")?;
    Ok(tera)
}

/// What HTML text and quoted attributes need escaped; unlike tera's default, "/" stays itself, so
/// the paths on a page read as paths.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(folder, _)| folder)
}

fn read_folder(dir: &Path, folder: &str) -> anyhow::Result<Vec<(String, String)>> {
    let path = dir.join(folder);
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&path).with_context(|| format!("cannot read the templates in {}", path.display()))? {
        let file = entry?.path();
        if file.is_file() && file.extension().is_some_and(|e| e == "tera") {
            let base = file.file_name().expect("a file name").to_string_lossy();
            let name = if folder.is_empty() { base.into_owned() } else { format!("{folder}/{base}") };
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            found.push((name, text));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_holds_every_template() {
        let tera = load(Set::Prompts, None, &["chunks", "answers", "llm", "briefs"]).unwrap();
        assert!(tera.get_template_names().any(|n| n == "chunks/city_day.en.tera"));
        assert!(tera.get_template_names().any(|n| n == "llm/system.tera"));
        let pages = load(Set::Pages, None, &[""]).unwrap();
        assert!(pages.get_template_names().any(|n| n == "home.html.tera"));
    }

    #[test]
    fn a_directory_replaces_the_embedded_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("briefs")).unwrap();
        std::fs::write(dir.path().join("briefs/headline.en.tera"), "Edited {{ city }}").unwrap();
        let tera = load(Set::Prompts, Some(dir.path()), &["briefs"]).unwrap();
        assert_eq!(tera.get_template_names().collect::<Vec<_>>(), ["briefs/headline.en.tera"]);
        let mut context = tera::Context::new();
        context.insert("city", "Riom");
        assert_eq!(tera.render("briefs/headline.en.tera", &context).unwrap(), "Edited Riom");
        let err = load(Set::Prompts, Some(dir.path()), &["chunks"]).unwrap_err();
        assert!(format!("{err:#}").contains("chunks"), "{err:#}");
    }
}
