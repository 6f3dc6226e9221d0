//! The integration tests: one binary, one module per subject. Unit tests of a single
//! module's internals live next to the code (`#[cfg(test)]` in `src/`); these test the
//! library and the `cqhr` command from outside, against the rules of 渝人社规〔2025〕4号 as
//! read by docs/scoring-rules.md. Expected values are worked by hand from the appendices
//! and written as literals; fixtures are in `tests/fixtures/`. Browser tests are in
//! `tests/e2e/` (node --test).
//!
//! Run one module: `cargo test --test it certification::`.

/// Helpers shared by the modules below (building drafts, scoring one indicator, …).
mod common;

/// ARCHITECTURE.md names only paths that exist (issue 24, item 9).
mod architecture;
/// Boundaries of every scoring rule, with hand-computed literals.
mod boundaries;
/// Issue 20: a ranking a bureau can act on (筹建, held places, "原则上", copies, one stage,
/// Art. 33's readings, the 文字报告's facts, evidence as suggestions, Art. 17 grants).
mod bureau;
/// Certification (Arts. 10–13, 17), 附表1, grades and ranking (Arts. 31–33).
mod certification;
/// The `cqhr` command: files and stdin, exit status, garbage input, the JSON it prints.
mod cli;
/// `cqhr … --format json`: every failure as JSON (kind, path, message) with its exit status.
mod cli_errors;
/// The bundled rubric data against the tables of docs/scoring-rules.md.
mod data;
/// Edition files from outside the build (issue 13): checks, bounds, fingerprints, the
/// runtime registry, missing editions, diff, moving a draft, `cqhr --rubrics`.
mod edition_editor;
mod edition_files;
/// Editions (Art. 29): a new edition is a data file; drafts keep theirs.
mod editions;
/// The 自评材料 (issue 12): 文字报告, 佐证材料目录, .docx and .xlsx read back by real readers.
mod export;
/// The three hand-worked full drafts (tests/fixtures/full-*.json).
mod fixtures;
/// Every draft and link format that has ever shipped loads and scores (issue 5).
mod formats;
/// Issue 22: unknown members kept at every level, the schema snapshot, newer formats
/// read-only, text cleaned on read, Chinese messages for odd numbers.
mod forward;
/// Any input, no panic: a bounded fuzz run over the decoders and the number parser.
mod fuzz;
/// 尚可争取 and the 选其一 hints (issue 15).
mod headroom;
/// Issue 14, certification side: the conditions added to Arts. 10–12, Art. 17 grants,
/// Art. 14 materials and 公示, Art. 15 筹建, wording pinned to docs/measures.txt.
mod measures;
/// Plain Chinese messages, no field keys (issue 15).
mod messages;
/// The next gain: the smallest increase that earns more points.
mod next;
/// Property tests over random valid drafts and random JSON-ish input.
mod properties;
/// The year's ranking: year groups, copies, 未参评, 待核实, levels, Art. 16, file names.
mod ranking;
/// Drafts the library refuses, each with a message naming indicator and field.
mod rejections;
/// Art. 30 review layers (issue 11): 初审 and 评审 over the 自评, format 2, `cqhr review`,
/// ranking on the reviewed scores.
mod review;
/// The 得分表: title, completion, 填表日期 (issue 15).
mod sheet;
/// SM2 signatures on 初审 and 评审, the 审核人名录, the 公布 (issue 21).
mod signatures;
/// The pinned tools: scripts/toolchain.env against Cargo.toml, Cargo.lock, Trunk.toml,
/// package.json and the installed CLIs (issue 24, item 7).
mod toolchain;
