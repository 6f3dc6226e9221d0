//! `cqhr`: the calculator on the command line. It only reads arguments and files and
//! prints; every rule lives in the library's domain code, shared with the web app.
//!
//! Exit status: 0 done, 1 a file could not be read, 2 an invalid draft or bad usage.

use cqhr::domain::{fmt_decimal, score_strict, Draft, DraftError, Next, Report};
use serde_json::{json, Value};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  cqhr score FILE [--format json|text]   按草稿计分（FILE 为 - 时读标准输入）
  cqhr rubrics                           列出内置评分表
  cqhr --help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure { code, message }) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

struct Failure {
    code: u8,
    message: String,
}

fn usage(msg: &str) -> Failure {
    Failure { code: 2, message: format!("{msg}\n{USAGE}") }
}

fn invalid(errors: &[DraftError]) -> Failure {
    let lines: Vec<String> = errors.iter().map(|e| format!("错误：{e}")).collect();
    Failure { code: 2, message: lines.join("\n") }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else { return Err(usage("缺少命令")) };
    let mut format = Format::Json;
    let mut files: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                format = match args.get(i + 1).map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    _ => return Err(usage("--format 只能是 json 或 text")),
                };
                i += 1;
            }
            "--format=json" => format = Format::Json,
            "--format=text" => format = Format::Text,
            "-" => files.push("-"),
            a if a.starts_with('-') => return Err(usage(&format!("未知的选项 {a}"))),
            a => files.push(a),
        }
        i += 1;
    }
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n")),
        "rubrics" => Ok(list_rubrics()),
        "score" => {
            let [file] = files.as_slice() else { return Err(usage("score 需要且只需要一个草稿文件")) };
            let draft = read_draft(file)?;
            let report = score_strict(&draft).map_err(|e| invalid(&e))?;
            Ok(match format {
                Format::Json => format!("{}\n", serde_json::to_string_pretty(&report_json(&report)).unwrap_or_default()),
                Format::Text => report_text(&draft, &report),
            })
        }
        other => Err(usage(&format!("未知的命令 {other}"))),
    }
}

fn read_draft(file: &str) -> Result<Draft, Failure> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    read.map_err(|e| Failure { code: 1, message: format!("无法读取 {file}：{e}") })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| invalid(&[DraftError::general(format!("{file} 不是 UTF-8 文本，不是草稿文件"))]))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Draft::from_json(text).map_err(|e| invalid(&[e]))
}

fn list_rubrics() -> String {
    let mut out = String::new();
    for r in cqhr::domain::rubric::all() {
        out.push_str(&format!("{}\t{}\t{}\t{}\n", r.id, r.edition, r.appendix, r.title));
    }
    out
}

fn dec(d: rust_decimal::Decimal) -> Value {
    Value::String(fmt_decimal(d))
}

/// The JSON report: scores as decimal strings, every indicator listed.
fn report_json(r: &Report) -> Value {
    json!({
        "rubric": r.rubric,
        "edition": r.edition,
        "level": r.level.key(),
        "title": r.title,
        "total": dec(r.total),
        "cap_total": dec(r.cap_total),
        "blank_count": r.blank.len(),
        "blank": r.blank,
        "groups": r.groups.iter().map(|g| json!({
            "id": g.id, "name": g.name, "cap": dec(g.cap), "score": dec(g.score),
        })).collect::<Vec<_>>(),
        "pairs": r.pairs.iter().map(|p| json!({
            "id": p.id, "members": p.members, "counted": p.counted, "explicit": p.explicit,
        })).collect::<Vec<_>>(),
        "indicators": r.indicators.iter().map(|i| json!({
            "id": i.id,
            "name": i.name,
            "cap": i.cap.map(dec),
            "score": dec(i.score),
            "own": dec(i.own),
            "sum": dec(i.sum),
            "counted": i.counted,
            "capped": i.capped,
            "blank": i.blank,
            "pair": i.pair,
            "working": i.working_text(),
            "next": match &i.next {
                Next::AtCap => json!({"kind": "at_cap", "text": "已达上限"}),
                Next::NotQuantity => json!({"kind": "not_quantity"}),
                Next::Gains { gains } => json!({
                    "kind": "gains",
                    "text": i.next_text(),
                    "gains": gains.iter().map(|g| json!({
                        "field": g.field, "also": g.also, "increase": dec(g.increase),
                        "unit": g.unit_name, "points": dec(g.points),
                    })).collect::<Vec<_>>(),
                }),
            },
            "terms": i.terms.iter().map(|t| json!({
                "kind": t.kind, "field": t.field, "input": t.input.map(dec), "unit_name": t.unit_name,
                "unit": dec(t.unit), "units": dec(t.units), "points_each": dec(t.points_each), "points": dec(t.points),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// A readable Chinese table with the working.
fn report_text(draft: &Draft, r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}（{}版，{}）\n", r.title, r.edition, r.level.label_zh()));
    if !draft.platform.name.is_empty() {
        out.push_str(&format!("平台：{}  {}  {}\n", draft.platform.name, draft.platform.district, draft.platform.year));
    }
    out.push('\n');
    for g in &r.groups {
        out.push_str(&format!("{}. {}  小计 {} / {}\n", g.id, g.name, fmt_decimal(g.score), fmt_decimal(g.cap)));
        for i in r.indicators.iter().filter(|i| i.group == g.id) {
            let cap = i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into());
            out.push_str(&format!("  {:<5} {}  {} / {}\n", i.id, i.name, fmt_decimal(i.score), cap));
            out.push_str(&format!("        {}\n", i.working_text()));
            let next = i.next_text();
            if !next.is_empty() {
                out.push_str(&format!("        下一分：{next}\n"));
            }
        }
    }
    out.push_str(&format!("\n总分 {} / {}", fmt_decimal(r.total), fmt_decimal(r.cap_total)));
    if !r.blank.is_empty() {
        out.push_str(&format!("（未填 {} 项：{}）", r.blank.len(), r.blank.join("、")));
    }
    out.push('\n');
    out
}
