//! `cqhr`: the calculator on the command line. It only reads arguments and files and
//! prints; every rule lives in the library's domain code, shared with the web app, and
//! the JSON it prints is `domain::output` serialised (documented in docs/output.md).
//!
//! Exit status: 0 done, 1 a file could not be read, 2 an invalid draft or bad usage, 3 a
//! signature not valid (`verify`, `directory check`; src/cli/sign.rs).
//! `check` exits 0 whether or not the platform is eligible: the verdict is in the JSON.
//! With `--format json` a failure is JSON on stdout too (`Failure::to_json`: kind, path,
//! message; docs/output.md, "Exit status and errors").
//!
//! Over 600 lines: the usage text, the options and the commands' dispatch read together; the
//! failures, edition files and text tables are in src/cli/.

use cqhr::domain::date::Date;
use cqhr::domain::eligibility::check_certification_strict_on;
use cqhr::domain::grade::{DistrictReading, RankOptions};
use cqhr::domain::review::{self, ReviewReport, Stage, StageChoice};
use cqhr::domain::{
    outlook, output, parse_decimal, rank_with, score_strict, to_csv, CohortEntry, Draft,
    DraftError, DraftErrorKind, FieldPath, Report,
};
use std::io::Read;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

#[path = "../cli/sign.rs"]
mod sign_cmd;
#[path = "../cli/text.rs"]
mod text;
use text::{report_text, review_text};
#[path = "../cli/failure.rs"]
mod failure;
use failure::{invalid, unreadable, usage, usage_at, wants_json, Failure, Problem};
#[path = "../cli/editions.rs"]
mod editions;
use editions::{check_editions, diff_editions, load_editions};

/// The exit status of a command that printed its result (`verify` says 3 when a
/// signature is not valid, with the JSON on standard output).
static EXIT: AtomicU8 = AtomicU8::new(0);

const USAGE: &str = "用法 / usage:
  cqhr score FILE [--format json|text] [--stage self|district|city|latest]
                                         按草稿计分（FILE 为 - 时读标准输入）；--stage 选择审核阶段，默认 self 自评
  cqhr score FILE --format xlsx -o OUT   得分表（含佐证材料目录）写成 Excel 文件
  cqhr review FILE [--format json|text|xlsx] [-o OUT]
                                         各阶段（自评、区县初审、市级评审）得分对照与核减说明（第三十条）；
                                         xlsx 为审核表 Excel 文件，须给 -o
  cqhr report FILE [--format md|docx] [-o OUT]
                                         自评材料：文字报告（附得分表、佐证材料目录）；docx 须给 -o
  cqhr check FILE [--today YYYY-MM-DD]   按草稿检查市级平台认定条件（第十条至第十七条）、申报材料、公示和筹建，
                                         输出 JSON；--today 为核对达成时限、筹建期的日期，默认为系统日期（北京时间）
  cqhr rank FILE... [--format json|csv|xlsx] [--pass-mark N] [--stage latest|self|district|city]
            [--strict] [--district-reading pooled|separate] [--today YYYY-MM-DD] [-o OUT]
                                         按总分排名并建议等次（第十五条、第三十一条至第三十三条）；全年度统一按
                                         一个审核阶段排名：默认为全部平台都有的最新有效阶段（latest），
                                         --stage 指定阶段（缺该阶段的平台逐行注明并警示）；
                                         同一平台（名称、区县、年度相同）的多份草稿按有效审核阶段最新、日期最新的
                                         一份计入并说明；筹建平台另列，不计入参评总量；未填任何评分项的草稿列为未参评；
                                         --strict 从严：认定条件未核实的不占优秀名额、“原则上”条件未达到的为不合格；
                                         --district-reading 为第三十三条的解读：pooled（默认）区县级平台计入参评总量、
                                         共用优秀名额，separate 单独按区县级平台数的 30% 确定；
                                         --today 为核对第十五条筹建期、第十七条达成时限的日期，默认为系统日期
  cqhr rubrics [--rubrics PATH]          列出评分表（内置的及 --rubrics 导入的）及其指纹
  cqhr rubrics check PATH                检查评分标准文件（或文件夹）：有效退出码 0，无效 2，逐条列出问题
  cqhr rubrics diff A B [--format text|json]
                                         两版评分标准的变动（A、B 为文件、文件夹或内置版本号如 2025）
  --rubrics PATH                         score、review、report、check、rank 均可用：导入评分标准文件
                                         或文件夹（*.json），加在内置评分表之后；可重复
  cqhr --help";

/// `--today YYYY-MM-DD`.
fn read_today(text: &str) -> Result<Date, Failure> {
    Date::parse(text).ok_or_else(|| {
        usage_at(
            "--today",
            &format!(
                "--today 须为 YYYY-MM-DD 格式的日期，而不是“{}”",
                text.chars().take(24).collect::<String>()
            ),
        )
    })
}

/// The system date in China Standard Time (UTC+8), the default of `--today`: the one
/// place the calculator reads a clock (the domain never does).
fn system_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs + 8 * 3600) / 86_400;
    Date::from_days(i64::try_from(days).unwrap_or(0))
        .or_else(|| Date::new(2100, 12, 31))
        .unwrap_or(Date {
            year: 2100,
            month: 12,
            day: 31,
        })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            // Not print!: a reader that closes early (`cqhr … | head`) is not an error.
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("无法写出结果：{e}");
                    ExitCode::from(1)
                }
                _ => ExitCode::from(EXIT.load(Ordering::Relaxed)),
            }
        }
        Err(failure) if wants_json(&args) => {
            // For scripts: the failure as JSON on standard output, the same exit status.
            println!("{}", failure.to_json());
            ExitCode::from(failure.code)
        }
        Err(Failure { code, message, .. }) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
    Csv,
    Md,
    Docx,
    Xlsx,
}

impl Format {
    /// Binary formats are written only to a file (`-o`), never to a terminal.
    fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else {
        return Err(usage("缺少命令"));
    };
    if matches!(
        command.as_str(),
        "keys" | "sign" | "verify" | "directory" | "publish" | "issue"
    ) {
        let (out, code) = sign_cmd::run(command, &args[1..])?;
        EXIT.store(code, Ordering::Relaxed);
        return Ok(out);
    }
    let args = &sign_cmd::take_trust(args)?;
    let Opts {
        format,
        rank_options,
        stage,
        today,
        files,
        output,
        editions,
    } = parse_opts(command, args)?;
    for path in &editions {
        for (_, rubric) in load_editions(path)? {
            cqhr::domain::edition::register(rubric);
        }
    }
    if format.is_binary() && output.is_none() {
        return Err(usage(
            "docx 和 xlsx 是二进制文件，须用 -o 指定输出文件（不会输出到终端）",
        ));
    }
    if let Some(out) = output {
        if !matches!(command.as_str(), "score" | "rank" | "report" | "review") {
            return Err(usage_at("-o", "-o 只用于 score、rank、report 和 review"));
        }
        let text = match (command.as_str(), format) {
            ("score", Format::Xlsx) => return write_file(out, &score_xlsx(&files)?),
            ("rank", Format::Xlsx) => {
                return write_file(
                    out,
                    &rank_xlsx(
                        &files,
                        stage,
                        &rank_options,
                        today.unwrap_or_else(system_today),
                    )?,
                )
            }
            ("report", Format::Docx) => return write_file(out, &report_docx(&files)?),
            ("review", Format::Xlsx) => return write_file(out, &review_xlsx(&files)?),
            (_, f) if f.is_binary() => {
                return Err(usage(&format!(
                "{command} 不能输出这种格式：score、rank 和 review 可输出 xlsx，report 可输出 docx"
            )))
            }
            _ => run(&without_output(args))?,
        };
        return write_file(out, text.as_bytes());
    }
    dispatch(command, format, &files, stage, today, &rank_options)
}

/// One command of the library's own (not the signing ones), its output as text.
fn dispatch(
    command: &str,
    format: Format,
    files: &[&str],
    stage: Option<StageChoice>,
    today: Option<Date>,
    rank_options: &RankOptions,
) -> Result<String, Failure> {
    match command {
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n{}\n", sign_cmd::USAGE)),
        "rubrics" => match files {
            [] => Ok(list_rubrics()),
            ["check", path] => check_editions(path),
            ["diff", a, b] => {
                let changes = diff_editions(a, b)?;
                match format {
                    Format::Json => Ok(format!(
                        "{}\n",
                        serde_json::to_string_pretty(&changes).unwrap_or_default()
                    )),
                    Format::Text if changes.is_empty() => Ok("两版评分标准没有变动\n".into()),
                    Format::Text => Ok(changes.iter().map(|c| format!("{}\n", c.text)).collect()),
                    _ => Err(usage("rubrics diff 的 --format 只能是 text 或 json")),
                }
            }
            _ => Err(usage(
                "rubrics 的用法：cqhr rubrics、cqhr rubrics check PATH、cqhr rubrics diff A B",
            )),
        },
        "score" => {
            let [file] = files else {
                return Err(usage("score 需要且只需要一个草稿文件"));
            };
            let draft = read_draft(file)?;
            check_reviews(&draft)?;
            score_strict(&draft).map_err(|e| invalid(&e))?;
            let choice = stage.unwrap_or(StageChoice::Stage(Stage::SelfAssessed));
            let at = review::resolve(&draft, choice).ok_or_else(|| {
                let name = match choice {
                    StageChoice::Stage(s) => s.long_label_zh(),
                    StageChoice::Latest => "最新阶段",
                };
                invalid(&[DraftError::new(
                    DraftErrorKind::InvalidValue,
                    FieldPath::top("reviews"),
                    format!("草稿没有{name}（reviews 中无此阶段），无法按该阶段计分"),
                )])
            })?;
            let report = score_strict(&review::stage_draft(&draft, at)).map_err(|e| invalid(&e))?;
            Ok(match format {
                Format::Json => output::to_json(&output::score_at(&report, at)),
                Format::Text => {
                    let text = report_text(&draft, &report);
                    if at == Stage::SelfAssessed {
                        text
                    } else {
                        format!("【{}得分】\n{text}", at.long_label_zh())
                    }
                }
                _ => {
                    return Err(usage(
                        "score 的 --format 只能是 json、text 或 xlsx（xlsx 须给 -o）",
                    ))
                }
            })
        }
        "check" => {
            let [file] = files else {
                return Err(usage("check 需要且只需要一个草稿文件"));
            };
            if format != Format::Json {
                return Err(usage("check 只输出 JSON"));
            }
            let draft = read_draft(file)?;
            let today = today.unwrap_or_else(system_today);
            let report = check_certification_strict_on(&draft, today).map_err(|e| invalid(&e))?;
            let application = cqhr::domain::check_application(&draft);
            let suggestions = cqhr::domain::eligibility::suggestions(&draft);
            let previous = cqhr::domain::grade::parse_previous(&draft.previous_grade)
                .map_err(|e| invalid(&[e]))?;
            let outlook = outlook(&report, draft.level, previous);
            Ok(output::to_json(&output::check(
                &draft,
                &report,
                &application,
                &suggestions,
                &outlook,
            )))
        }
        "review" => {
            let [file] = files else {
                return Err(usage("review 需要且只需要一个草稿文件"));
            };
            let (draft, report) = reviewed(file)?;
            Ok(match format {
                Format::Json => output::to_json(&output::review(&report)),
                Format::Text => review_text(&draft, &report),
                _ => {
                    return Err(usage(
                        "review 的 --format 只能是 json、text 或 xlsx（xlsx 须给 -o）",
                    ))
                }
            })
        }
        "rank" => {
            if !matches!(format, Format::Json | Format::Csv) {
                return Err(usage(
                    "rank 的 --format 只能是 json、csv 或 xlsx（xlsx 须给 -o）",
                ));
            }
            let report = cohort_of(
                files,
                stage,
                rank_options,
                today.unwrap_or_else(system_today),
            )?;
            Ok(match format {
                Format::Csv => to_csv(&report),
                _ => output::to_json(&output::rank(&report)),
            })
        }
        "report" => {
            if format != Format::Md {
                return Err(usage(
                    "report 的 --format 只能是 md 或 docx（docx 须给 -o）",
                ));
            }
            let (_, text, _, _) = report_parts(files)?;
            Ok(text.to_markdown())
        }
        other => Err(usage(&format!("未知的命令 {other}"))),
    }
}

/// The options of a command, read and checked against it.
struct Opts<'a> {
    format: Format,
    rank_options: RankOptions,
    stage: Option<StageChoice>,
    today: Option<Date>,
    files: Vec<&'a str>,
    output: Option<&'a str>,
    editions: Vec<&'a str>,
}

/// Reads the options after the command (`args[0]`), refusing one the command does not take.
///
/// Over 150 lines: one arm per option, then which command takes it.
fn parse_opts<'a>(command: &str, args: &'a [String]) -> Result<Opts<'a>, Failure> {
    let mut format = Format::Json;
    let mut pass_mark: Option<rust_decimal::Decimal> = None;
    let mut strict = false;
    let mut district_reading: Option<DistrictReading> = None;
    let mut stage: Option<StageChoice> = None;
    let mut today: Option<Date> = None;
    let mut files: Vec<&str> = Vec::new();
    let mut output: Option<&str> = None;
    let mut format_set = false;
    let mut editions: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                format = match args.get(i + 1).map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    Some("csv") => Format::Csv,
                    Some("md") => Format::Md,
                    Some("docx") => Format::Docx,
                    Some("xlsx") => Format::Xlsx,
                    _ => {
                        return Err(usage_at(
                            "--format",
                            "--format 只能是 json、text、csv、md、docx 或 xlsx",
                        ))
                    }
                };
                format_set = true;
                i += 1;
            }
            a if a.starts_with("--format=") => {
                format = match &a["--format=".len()..] {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    "csv" => Format::Csv,
                    "md" => Format::Md,
                    "docx" => Format::Docx,
                    "xlsx" => Format::Xlsx,
                    _ => {
                        return Err(usage_at(
                            "--format",
                            "--format 只能是 json、text、csv、md、docx 或 xlsx",
                        ))
                    }
                };
                format_set = true;
            }
            "-o" | "--output" => {
                match args.get(i + 1).map(String::as_str) {
                    Some(o) if !o.is_empty() && o != "-" => output = Some(o),
                    _ => return Err(usage_at("-o", "-o 后须写输出文件名")),
                }
                i += 1;
            }
            "--pass-mark" => {
                let text = args.get(i + 1).map(String::as_str).unwrap_or("");
                pass_mark = Some(parse_decimal(text).map_err(|e| {
                    usage_at(
                        "--pass-mark",
                        &format!("--pass-mark 须为分数：{}", e.message_zh()),
                    )
                })?);
                i += 1;
            }
            "--strict" => strict = true,
            "--district-reading" => {
                let text = args.get(i + 1).map(String::as_str).unwrap_or("");
                district_reading = Some(DistrictReading::from_key(text).ok_or_else(|| {
                    usage_at(
                        "--district-reading",
                        "--district-reading 只能是 pooled 或 separate",
                    )
                })?);
                i += 1;
            }
            "--stage" => {
                let text = args.get(i + 1).map(String::as_str).unwrap_or("");
                stage = Some(
                    StageChoice::from_key(text).ok_or_else(|| usage_at("--stage", STAGE_USAGE))?,
                );
                i += 1;
            }
            a if a.starts_with("--stage=") => {
                stage = Some(
                    StageChoice::from_key(&a["--stage=".len()..])
                        .ok_or_else(|| usage_at("--stage", STAGE_USAGE))?,
                );
            }
            "--today" => {
                today = Some(read_today(
                    args.get(i + 1).map(String::as_str).unwrap_or(""),
                )?);
                i += 1;
            }
            a if a.starts_with("--today=") => {
                today = Some(read_today(&a["--today=".len()..])?);
            }
            "--rubrics" => {
                match args.get(i + 1).map(String::as_str) {
                    Some(p) if !p.is_empty() => editions.push(p),
                    _ => {
                        return Err(usage_at(
                            "--rubrics",
                            "--rubrics 后须写评分标准文件或文件夹",
                        ))
                    }
                }
                i += 1;
            }
            "-" => files.push("-"),
            a if a.starts_with('-') => return Err(usage(&format!("未知的选项 {a}"))),
            a => files.push(a),
        }
        i += 1;
    }
    if pass_mark.is_some() && command != "rank" {
        return Err(usage_at("--pass-mark", "--pass-mark 只用于 rank"));
    }
    if (strict || district_reading.is_some()) && command != "rank" {
        return Err(usage_at(
            "--strict",
            "--strict 和 --district-reading 只用于 rank",
        ));
    }
    if stage.is_some() && command != "rank" && command != "score" {
        return Err(usage_at("--stage", "--stage 只用于 score 和 rank"));
    }
    if today.is_some() && command != "check" && command != "rank" {
        return Err(usage_at("--today", "--today 只用于 check 和 rank"));
    }
    if command == "report" && !format_set {
        format = Format::Md;
    }
    let rank_options = RankOptions {
        pass_mark,
        stage: None,
        strict,
        district: district_reading.unwrap_or_default(),
    };
    Ok(Opts {
        format,
        rank_options,
        stage,
        today,
        files,
        output,
        editions,
    })
}

const STAGE_USAGE: &str =
    "--stage 只能是 self（自评）、district（区县初审）、city（市级评审）或 latest（最新有效阶段）";

/// Refuses bad review layers, each error naming the layer, indicator and field.
fn check_reviews(draft: &Draft) -> Result<(), Failure> {
    let errors = review::validate(draft);
    if errors.is_empty() {
        return Ok(());
    }
    Err(Failure::many(
        2,
        errors
            .iter()
            .map(|e| Problem {
                kind: "review".into(),
                path: Some(match (&e.indicator, &e.field) {
                    (Some(i), Some(f)) => format!("reviews[{}].{i}.{f}", e.layer),
                    (Some(i), None) => format!("reviews[{}].{i}", e.layer),
                    (None, Some(f)) => format!("reviews[{}].{f}", e.layer),
                    (None, None) => format!("reviews[{}]", e.layer),
                }),
                message: e.to_string(),
            })
            .collect(),
    ))
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
    read.map_err(|e| unreadable(file, format!("无法读取 {file}：{e}")))?;
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
    use cqhr::domain::edition;
    let mut out = String::new();
    for r in edition::all() {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t指纹 {}{}\n",
            r.id,
            r.edition,
            r.appendix,
            r.title,
            edition::short_of(r),
            if edition::is_bundled(r) {
                ""
            } else {
                "（导入）"
            }
        ));
    }
    out
}

/// The arguments without `-o OUT`, to produce a text format and write it to OUT.
fn without_output(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "-o" || a == "--output" {
            skip = true;
        } else {
            out.push(a.clone());
        }
    }
    out
}

fn write_file(path: &str, bytes: &[u8]) -> Result<String, Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::one(1, "unwritable", Some(path), format!("无法写入 {path}：{e}")))?;
    Ok(String::new())
}

fn one_draft<'a>(files: &[&'a str], command: &str) -> Result<&'a str, Failure> {
    match files {
        [file] => Ok(file),
        _ => Err(usage(&format!("{command} 需要且只需要一个草稿文件"))),
    }
}

/// A valid draft's score, 文字报告 and 佐证材料目录. Flagged paragraphs are named on
/// standard error: they keep the user's text, but the facts have changed since.
fn report_parts(
    files: &[&str],
) -> Result<
    (
        Draft,
        cqhr::domain::text_report::TextReport,
        Report,
        cqhr::domain::evidence::Catalogue,
    ),
    Failure,
> {
    let file = one_draft(files, "report")?;
    let draft = read_draft(file)?;
    let report = score_strict(&draft).map_err(|e| invalid(&e))?;
    let checked = cqhr::domain::check(&draft).map_err(|e| invalid(&[e]))?;
    let text = cqhr::domain::text_report::generate_from(&draft, &checked, &report);
    for key in text.flagged() {
        eprintln!("注意：文字报告“{key}”段是手改的文字，改后数据已变化，请核对。");
    }
    let catalogue = cqhr::domain::evidence::catalogue(&draft, checked.rubric, &report);
    Ok((draft, text, report, catalogue))
}

fn export_failed(e: cqhr::export::ExportError) -> Failure {
    Failure::one(1, "export", None, e.to_string())
}

fn report_docx(files: &[&str]) -> Result<Vec<u8>, Failure> {
    let (draft, text, report, catalogue) = report_parts(files)?;
    cqhr::export::docx::report_docx(&text, &report, &catalogue, &draft.platform.fill_date)
        .map_err(export_failed)
}

/// A draft and the comparison of its stages, refused (exit 2) when a layer or a value is bad.
fn reviewed(file: &str) -> Result<(Draft, ReviewReport), Failure> {
    let draft = read_draft(file)?;
    check_reviews(&draft)?;
    score_strict(&draft).map_err(|e| invalid(&e))?;
    let report = review::review(&draft).map_err(|e| invalid(&[e]))?;
    // A bad value in a layer is refused above; the stage scores are strict too.
    for s in &report.stages {
        if !s.report.errors.is_empty() {
            return Err(invalid(&s.report.errors));
        }
    }
    Ok((draft, report))
}

fn review_xlsx(files: &[&str]) -> Result<Vec<u8>, Failure> {
    let file = one_draft(files, "review")?;
    let (draft, report) = reviewed(file)?;
    cqhr::export::xlsx::review_xlsx(&draft, &report).map_err(export_failed)
}

fn score_xlsx(files: &[&str]) -> Result<Vec<u8>, Failure> {
    let file = one_draft(files, "score")?;
    let draft = read_draft(file)?;
    let report = score_strict(&draft).map_err(|e| invalid(&e))?;
    let rubric = draft.rubric().map_err(|e| invalid(&[e]))?;
    let catalogue = cqhr::domain::evidence::catalogue(&draft, rubric, &report);
    cqhr::export::xlsx::score_xlsx(&draft, &report, Some(&catalogue)).map_err(export_failed)
}

fn rank_xlsx(
    files: &[&str],
    stage: Option<StageChoice>,
    options: &RankOptions,
    today: Date,
) -> Result<Vec<u8>, Failure> {
    let report = cohort_of(files, stage, options, today)?;
    cqhr::export::xlsx::rank_xlsx(&report).map_err(export_failed)
}

/// The drafts of `files` ranked on one stage for the year (`stage`, default the latest
/// every platform validly has), their certification checked on `today` (Art. 15 筹建期,
/// Art. 17 达成时限); a draft without a name is named after its file.
fn cohort_of(
    files: &[&str],
    stage: Option<StageChoice>,
    options: &RankOptions,
    today: Date,
) -> Result<cqhr::domain::CohortReport, Failure> {
    if files.is_empty() {
        return Err(usage("rank 需要至少一个草稿文件"));
    }
    let (limit, chosen) = match stage.unwrap_or(StageChoice::Latest) {
        StageChoice::Latest => (Stage::City, None),
        StageChoice::Stage(s) => (s, Some(s)),
    };
    let options = RankOptions {
        stage: chosen,
        ..options.clone()
    };
    let mut entries = Vec::new();
    for file in files {
        let draft = read_draft(file)?;
        let mut entry = CohortEntry::from_draft_on(&draft, limit, Some(today)).map_err(|e| {
            let mut f = invalid(&e);
            f.message = format!("{file}：\n{}", f.message);
            for p in &mut f.problems {
                p.message = format!("{file}：{}", p.message);
            }
            f
        })?;
        if entry.name.is_empty() {
            entry.name = (*file).to_string();
        }
        entries.push(entry);
    }
    let report = rank_with(&entries, &options);
    // Copies, 筹建, mixed stages, year groups and Art. 16 said: on stderr too, so that a
    // CSV or xlsx run is not silent about them.
    for w in &report.warnings {
        eprintln!("注意：{w}");
    }
    Ok(report)
}
