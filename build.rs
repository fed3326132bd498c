//! Lists the tera templates of `prompts/` and `templates/` for `src/templates.rs`, which compiles
//! them into the binary so it runs from any directory.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    // Read when run, not when this script is compiled: a build cache shared by clones at other
    // paths reuses the compiled script, and the files it lists must be this clone's.
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    for (set, name) in [("prompts", "PROMPTS"), ("templates", "PAGES")] {
        let base = root.join(set);
        println!("cargo::rerun-if-changed={}", base.display());
        let mut files = Vec::new();
        walk(&base, &mut files);
        files.sort();
        assert!(!files.is_empty(), "no .tera files in {}", base.display());
        writeln!(out, "pub const {name}: &[(&str, &str)] = &[").unwrap();
        for file in files {
            let relative = file.strip_prefix(&base).unwrap().to_str().expect("UTF-8 template names");
            // The crate's own manifest directory, expanded where the crate is compiled.
            let from_root = format!("/{set}/{relative}");
            writeln!(out, "    ({relative:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {from_root:?}))),").unwrap();
        }
        out.push_str("];\n");
    }
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("embedded_templates.rs");
    std::fs::write(dest, out).unwrap();
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "tera") {
            files.push(path);
        }
    }
}
