//! `cqhr`: the calculator on the command line. It only reads arguments and files and
//! prints; every rule lives in the library's domain code, shared with the web app, and
//! the JSON it prints is `domain::output` serialised (documented in docs/output.md).
//!
//! Exit status: 0 done, 1 a file could not be read, 2 an invalid draft or bad usage.
//! `check` exits 0 whether or not the platform is eligible: the verdict is in the JSON.

use cqhr::domain::grade::RankOptions;
use cqhr::domain::{
    check_certification_strict, fmt_decimal, outlook, output, parse_decimal, rank_with,
    score_strict, to_csv, CohortEntry, Draft, DraftError, Report,
};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  cqhr score FILE [--format json|text]   按草稿计分（FILE 为 - 时读标准输入）
  cqhr check FILE                        按草稿检查市级平台认定条件（第十条至第十三条、第十七条），输出 JSON
  cqhr rank FILE... [--format json|csv] [--pass-mark N]
                                         按总分排名并建议等次（第三十一条至第三十三条）
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
    Failure {
        code: 2,
        message: format!("{msg}\n{USAGE}"),
    }
}

fn invalid(errors: &[DraftError]) -> Failure {
    let lines: Vec<String> = errors.iter().map(|e| format!("错误：{e}")).collect();
    Failure {
        code: 2,
        message: lines.join("\n"),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
    Csv,
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else {
        return Err(usage("缺少命令"));
    };
    let mut format = Format::Json;
    let mut pass_mark: Option<rust_decimal::Decimal> = None;
    let mut files: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                format = match args.get(i + 1).map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    Some("csv") => Format::Csv,
                    _ => return Err(usage("--format 只能是 json、text 或 csv")),
                };
                i += 1;
            }
            "--format=json" => format = Format::Json,
            "--format=text" => format = Format::Text,
            "--format=csv" => format = Format::Csv,
            "--pass-mark" => {
                let text = args.get(i + 1).map(String::as_str).unwrap_or("");
                pass_mark =
                    Some(parse_decimal(text).map_err(|e| {
                        usage(&format!("--pass-mark 须为分数：{}", e.message_zh()))
                    })?);
                i += 1;
            }
            "-" => files.push("-"),
            a if a.starts_with('-') => return Err(usage(&format!("未知的选项 {a}"))),
            a => files.push(a),
        }
        i += 1;
    }
    if pass_mark.is_some() && command != "rank" {
        return Err(usage("--pass-mark 只用于 rank"));
    }
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n")),
        "rubrics" => Ok(list_rubrics()),
        "score" => {
            let [file] = files.as_slice() else {
                return Err(usage("score 需要且只需要一个草稿文件"));
            };
            let draft = read_draft(file)?;
            let report = score_strict(&draft).map_err(|e| invalid(&e))?;
            Ok(match format {
                Format::Json => output::to_json(&output::score(&report)),
                Format::Text => report_text(&draft, &report),
                Format::Csv => return Err(usage("score 的 --format 只能是 json 或 text")),
            })
        }
        "check" => {
            let [file] = files.as_slice() else {
                return Err(usage("check 需要且只需要一个草稿文件"));
            };
            if format != Format::Json {
                return Err(usage("check 只输出 JSON"));
            }
            let draft = read_draft(file)?;
            let report = check_certification_strict(&draft).map_err(|e| invalid(&e))?;
            let suggestions = cqhr::domain::eligibility::suggestions(&draft);
            let previous = cqhr::domain::grade::parse_previous(&draft.previous_grade)
                .map_err(|e| invalid(&[e]))?;
            let outlook = outlook(&report, draft.level, previous);
            Ok(output::to_json(&output::check(
                &draft,
                &report,
                &suggestions,
                &outlook,
            )))
        }
        "rank" => {
            if files.is_empty() {
                return Err(usage("rank 需要至少一个草稿文件"));
            }
            if format == Format::Text {
                return Err(usage("rank 的 --format 只能是 json 或 csv"));
            }
            let mut entries = Vec::new();
            for file in &files {
                let draft = read_draft(file)?;
                let mut entry = CohortEntry::from_draft(&draft).map_err(|e| {
                    let mut f = invalid(&e);
                    f.message = format!("{file}：\n{}", f.message);
                    f
                })?;
                if entry.name.is_empty() {
                    entry.name = (*file).to_string();
                }
                entries.push(entry);
            }
            let report = rank_with(&entries, &RankOptions { pass_mark });
            Ok(match format {
                Format::Csv => to_csv(&report),
                _ => output::to_json(&output::rank(&report)),
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
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| Failure {
        code: 1,
        message: format!("无法读取 {file}：{e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        invalid(&[DraftError::general(
            cqhr::domain::DraftErrorKind::Syntax,
            format!("{file} 不是 UTF-8 文本，不是草稿文件"),
        )])
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Draft::from_json(text).map_err(|e| invalid(&[e]))
}

fn list_rubrics() -> String {
    let mut out = String::new();
    for r in cqhr::domain::rubric::all() {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            r.id, r.edition, r.appendix, r.title
        ));
    }
    out
}

/// A readable Chinese table with the working.
fn report_text(draft: &Draft, r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}（{}版，{}）\n",
        r.title,
        r.edition,
        r.level.label_zh()
    ));
    if !draft.platform.name.is_empty() {
        out.push_str(&format!(
            "平台：{}  {}  {}\n",
            draft.platform.name, draft.platform.district, draft.platform.year
        ));
    }
    out.push('\n');
    for g in &r.groups {
        out.push_str(&format!(
            "{}. {}  小计 {} / {}\n",
            g.id,
            g.name,
            fmt_decimal(g.score),
            fmt_decimal(g.cap)
        ));
        for i in r.indicators.iter().filter(|i| i.group == g.id) {
            let cap = i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into());
            out.push_str(&format!(
                "  {:<5} {}  {} / {}\n",
                i.id,
                i.name,
                fmt_decimal(i.score),
                cap
            ));
            out.push_str(&format!("        {}\n", i.working_text()));
            let next = i.next_text();
            if !next.is_empty() {
                out.push_str(&format!("        下一分：{next}\n"));
            }
        }
    }
    out.push_str(&format!(
        "\n总分 {} / {}",
        fmt_decimal(r.total),
        fmt_decimal(r.cap_total)
    ));
    if !r.blank.is_empty() {
        out.push_str(&format!(
            "（未填 {} 项：{}）",
            r.blank.len(),
            r.blank.join("、")
        ));
    }
    out.push('\n');
    out
}
