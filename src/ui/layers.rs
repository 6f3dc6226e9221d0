//! The UI's floors, checked: a room of `src/ui` (a file of the shell, or a page's folder)
//! may name only rooms on a strictly lower floor, or itself, so the import graph of
//! `src/ui` has no circle and no arrow up. Pages share a floor: one page never names
//! another; what two pages need goes down to `widgets` (what they show) or `state` (what
//! they hold).
//!
//! | floor | rooms | what they are |
//! | ---: | --- | --- |
//! | 0 | `web`, the root's `raw_text` / `typed` | the browser boundary; a stored value as the text of an input |
//! | 1 | `route` | the pages table (one row a page), page addresses and share links in the fragment |
//! | 2 | `state` | what the app holds: the draft, its saving, notices, printing, the stage under review, the signing keys and trust |
//! | 3 | `widgets` | what several pages show alike |
//! | 4 | `scoring`, `certify`, `ranking`, `compare`, `materials`, `review`, `editions`, `signing` | the pages, a folder each |
//! | 5 | `lazy` | the pages table expanded: split points, fetching, prefetch |
//! | 6 | `drafts` | the frame on every page: the draft bar and the notice bar |
//! | 7 | `app` | the top: the state created, the listeners, the page on screen |
//!
//! What is checked: the text of each file, where a room names another as
//! `crate::ui::<room>…` (in a `use` or inline, macro bodies included); `super::` stays
//! inside a page's folder (from its files to the folder's `mod.rs`), never up to `src/ui`.
//! Unit-test code (after a file's `#[cfg(test)]`) is not checked. A bare path (`certify::…`)
//! is not a naming: it resolves through the file's own `use`, which is. So in a macro a low
//! room hands to a higher one (the pages table, `route::page_table!`, expanded by `lazy`),
//! the rows' bare paths resolve where the macro is expanded, through the expanding file's
//! checked imports (`lazy`'s `use crate::ui::{certify, …}`): no import runs up a floor. A
//! `crate::ui::…` or `super::` written in such a macro is read as the low room's and fails.

use std::path::{Path, PathBuf};

/// (room, floor). A room not listed here fails the test: add it.
const FLOORS: &[(&str, u32)] = &[
    ("web", 0),
    ("raw_text", 0),
    ("typed", 0),
    ("route", 1),
    ("state", 2),
    ("widgets", 3),
    ("scoring", 4),
    ("certify", 4),
    ("ranking", 4),
    ("compare", 4),
    ("materials", 4),
    ("review", 4),
    ("editions", 4),
    ("signing", 4),
    ("lazy", 5),
    ("drafts", 6),
    ("app", 7),
];

fn floor(room: &str) -> Option<u32> {
    FLOORS.iter().find(|(r, _)| *r == room).map(|(_, f)| *f)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ui is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/ui`: `review/field.rs` → `[review, field]`,
/// `review/mod.rs` → `[review]`, `mod.rs` → `[]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file before its `#[cfg(test)]`, comments out.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rooms a piece of code names, each with its line: `crate::ui::<room>` (a brace group
/// `crate::ui::{a, b::c}` names `a` and `b`), and `super::` that leaves the room.
/// Returns (line, room) for `crate::ui::…` and (line, "super") for a `super::` that
/// reaches `src/ui` itself.
fn named(code: &str, module: &[String]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    for (at, _) in code.match_indices("crate::ui::") {
        let rest = &code[at + "crate::ui::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the brace group.
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for item in items {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push((line_of(at), name));
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push((line_of(at), name));
        }
    }
    for (at, _) in code.match_indices("super::") {
        // Count the chain: `super::super::` climbs two.
        let before = &code[..at];
        if before.ends_with("super::") {
            continue;
        }
        let ups = code.as_bytes()[at..]
            .chunks(7)
            .take_while(|c| *c == b"super::")
            .count();
        if ups >= module.len() {
            found.push((line_of(at), "super".to_string()));
        }
    }
    found
}

#[test]
fn no_room_of_the_ui_names_a_higher_floor() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&ui).expect("under src/ui");
        let module = module_of(rel);
        let Some(room) = module.first() else {
            continue; // ui/mod.rs: the module list and the root helpers
        };
        if room == "layers" {
            continue;
        }
        let Some(own) = floor(room) else {
            bad.push(format!(
                "{}: the room `{room}` is not in FLOORS",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for (line, target) in named(&code(&text), &module) {
            let at = format!("{}:{line}", rel.display());
            if target == "super" {
                bad.push(format!(
                    "{at}: `super::` leaves `{room}`: name it `crate::ui::…`"
                ));
                continue;
            }
            if target == *room {
                continue;
            }
            match floor(&target) {
                None => bad.push(format!("{at}: `crate::ui::{target}` is not in FLOORS")),
                Some(f) if f >= own => bad.push(format!(
                    "{at}: `{room}` (floor {own}) names `{target}` (floor {f}): a room names only lower floors"
                )),
                Some(_) => {}
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the UI's floors are broken:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_room_of_the_ui_is_on_a_floor() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("ui");
    let mut rooms: Vec<String> = std::fs::read_dir(&ui)
        .expect("src/ui is readable")
        .map(|e| e.expect("an entry").path())
        .filter_map(|p| {
            let name = p
                .file_name()?
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            (name != "mod" && name != "layers").then_some(name)
        })
        .collect();
    rooms.sort();
    let missing: Vec<_> = rooms.iter().filter(|r| floor(r).is_none()).collect();
    assert!(
        missing.is_empty(),
        "rooms of src/ui without a floor: {missing:?}"
    );
}

#[test]
fn the_check_sees_a_violation() {
    let page = ["review".to_string(), "field".to_string()];
    let code = code(
        "use crate::ui::{state::Drafts, lazy};\nuse super::value_text;\nfn f() { crate::ui::ranking::CohortPage; }\nuse super::super::app;\n",
    );
    let found = named(&code, &page);
    let rooms: Vec<_> = found.iter().map(|(l, r)| (*l, r.as_str())).collect();
    assert_eq!(
        rooms,
        [(1, "state"), (1, "lazy"), (3, "ranking"), (4, "super")],
        "a brace group, an inline path and a `super::` out of the room are seen; one inside is not"
    );
    // A page's mod.rs: its `super::` is src/ui itself.
    let root = named("use super::web;", &["review".to_string()]);
    assert_eq!(root, [(1, "super".to_string())]);
    // A table macro in `route`: its bare paths are the expanding room's to import; a path
    // spelled from `crate::ui` or `super::` in it is `route`'s own, and caught.
    let route = ["route".to_string()];
    let table = "macro_rules! t { () => { view! { <certify::CertifyPage /> } } }";
    assert!(
        named(&self::code(table), &route).is_empty(),
        "a bare path is the expander's"
    );
    let spelled =
        "macro_rules! t {\n () => { crate::ui::certify::CertifyPage; super::lazy::page } }";
    let found = named(&self::code(spelled), &route);
    assert_eq!(
        found,
        [(2, "certify".to_string()), (2, "super".to_string())]
    );
}
