//! How `cqhr` fails: [`Failure`] (exit status, the Chinese text for a person) with its
//! [`Problem`]s (kind, path, message) printed as JSON under `--format json`
//! (docs/output.md, "Exit status and errors").

use cqhr::domain::DraftError;

/// Whether the command line asks for JSON (`--format json` or `--format=json`): then a
/// failure is printed as JSON too ([`Failure::to_json`], docs/output.md).
pub fn wants_json(args: &[String]) -> bool {
    args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}

/// Why a command failed: its exit status, the Chinese text for a person (standard error)
/// and, for a script, each problem's kind and place (`--format json`).
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub problems: Vec<Problem>,
}

/// One problem of a failure as `--format json` prints it: `kind` (a key, see
/// docs/output.md), `path` (a file, an option, or a draft's field as `1.2.revenue_wan`;
/// null when none) and the Chinese `message`.
#[derive(serde::Serialize)]
pub struct Problem {
    pub kind: String,
    pub path: Option<String>,
    pub message: String,
}

impl Failure {
    /// A failure of one problem, its message also the text for a person.
    pub fn one(code: u8, kind: &str, path: Option<&str>, message: String) -> Failure {
        Failure {
            code,
            problems: vec![Problem {
                kind: kind.to_string(),
                path: path.map(str::to_string),
                message: message.clone(),
            }],
            message,
        }
    }

    /// Several problems of one kind of failure, each line `错误：…` for a person.
    pub fn many(code: u8, problems: Vec<Problem>) -> Failure {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("错误：{}", p.message))
            .collect();
        Failure {
            code,
            message: lines.join("\n"),
            problems,
        }
    }

    /// `{"error": {"kind", "path", "message"}, "errors": [...]}`: the first problem, then
    /// every problem (a draft may have many), members in that order.
    pub fn to_json(&self) -> String {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            error: &'a Problem,
            errors: &'a [Problem],
        }
        let fallback = [Problem {
            kind: "error".into(),
            path: None,
            message: self.message.clone(),
        }];
        let errors = if self.problems.is_empty() {
            &fallback[..]
        } else {
            &self.problems[..]
        };
        serde_json::to_string_pretty(&Out {
            error: &errors[0],
            errors,
        })
        .unwrap_or_default()
    }
}

pub fn usage(msg: &str) -> Failure {
    let mut f = Failure::one(2, "usage", None, msg.to_string());
    f.message = format!("{msg}\n{}\n{}", super::USAGE, super::sign_cmd::USAGE);
    f
}

/// Bad usage of one option: its name is the problem's path.
pub fn usage_at(option: &str, msg: &str) -> Failure {
    let mut f = usage(msg);
    f.problems[0].path = Some(option.to_string());
    f
}

/// A file that could not be read or written (exit 1).
pub fn unreadable(path: &str, message: String) -> Failure {
    Failure::one(1, "unreadable", Some(path), message)
}

pub fn invalid(errors: &[DraftError]) -> Failure {
    Failure::many(
        2,
        errors
            .iter()
            .map(|e| Problem {
                kind: serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "invalid_value".into()),
                path: e.path.dotted(),
                message: e.to_string(),
            })
            .collect(),
    )
}
