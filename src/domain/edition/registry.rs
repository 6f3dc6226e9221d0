//! The runtime registry (issue 13): imported rubrics held beside the bundled ones
//! ([`register`], [`imported`], [`all`], [`is_bundled`]), each one's short code computed
//! once ([`short_of`]), and the lookup a draft makes for its edition ([`candidates`],
//! [`resolve`] → [`Missing`]). Its own room because it is the module's one piece of
//! shared state, read by `Draft::rubric`.

use super::fingerprints::short;
use crate::domain::rubric::{self, Rubric};
use std::sync::{OnceLock, RwLock};

/// The short code of a rubric held by the registry (bundled or imported), computed once.
pub fn short_of(r: &'static Rubric) -> String {
    if let Some(i) = rubric::all().iter().position(|b| std::ptr::eq(b, r)) {
        static BUNDLED: OnceLock<Vec<String>> = OnceLock::new();
        return BUNDLED.get_or_init(|| rubric::all().iter().map(short).collect())[i].clone();
    }
    if let Ok(rt) = runtime_cell().read() {
        if let Some((_, s)) = rt.iter().find(|(x, _)| std::ptr::eq(*x, r)) {
            return s.clone();
        }
    }
    short(r)
}

fn runtime_cell() -> &'static RwLock<Vec<(&'static Rubric, String)>> {
    static CELL: OnceLock<RwLock<Vec<(&'static Rubric, String)>>> = OnceLock::new();
    CELL.get_or_init(|| RwLock::new(Vec::new()))
}

/// Adds an imported rubric beside the bundled ones and returns the held copy. A rubric
/// already held (same id, edition and fingerprint, bundled or imported) is not added
/// twice; one with the same id and edition but other content is added beside it. The
/// copy is leaked to be `&'static` like the bundled ones: a handful of imports per run.
pub fn register(r: Rubric) -> &'static Rubric {
    let code = short(&r);
    if let Some(held) = candidates(&r.id, &r.edition)
        .into_iter()
        .find(|h| short_of(h) == code)
    {
        return held;
    }
    let held: &'static Rubric = Box::leak(Box::new(r));
    if let Ok(mut rt) = runtime_cell().write() {
        rt.push((held, code));
    }
    held
}

/// Every imported rubric, in the order imported.
pub fn imported() -> Vec<&'static Rubric> {
    runtime_cell()
        .read()
        .map(|rt| rt.iter().map(|(r, _)| *r).collect())
        .unwrap_or_default()
}

/// Every rubric held: bundled first, then imported.
pub fn all() -> Vec<&'static Rubric> {
    let mut v: Vec<&'static Rubric> = rubric::all().iter().collect();
    v.extend(imported());
    v
}

/// Whether a rubric is bundled into this build.
pub fn is_bundled(r: &Rubric) -> bool {
    rubric::all().iter().any(|b| std::ptr::eq(b, r))
}

/// The rubrics held with this id and edition: bundled first, then imported.
pub fn candidates(id: &str, edition: &str) -> Vec<&'static Rubric> {
    all()
        .into_iter()
        .filter(|r| r.id == id && r.edition == edition)
        .collect()
}

/// Why a draft's edition cannot be used: the member to blame (`edition` or
/// `edition_fingerprint`) and the Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub member: &'static str,
    pub message: String,
}

/// The rubric a draft names: id, edition and (when recorded) fingerprint. Without a
/// fingerprint the bundled edition wins, else the only imported one; two imported ones
/// of the same name and no fingerprint cannot be told apart and score nothing.
pub fn resolve(id: &str, edition: &str, code: &str) -> Result<&'static Rubric, Missing> {
    let found = candidates(id, edition);
    // Messages name the rubric in Chinese (e.g. 人才市场评分表), never by its key.
    let name = rubric::latest(id)
        .map(|r| format!("{}评分表", r.short_name))
        .unwrap_or_else(|| "该评分表".to_string());
    let codes: Vec<String> = found.iter().map(|r| short_of(r)).collect();
    if !code.trim().is_empty() {
        if let Some(i) = codes.iter().position(|c| same_code(code, c)) {
            return Ok(found[i]);
        }
        let here = if codes.is_empty() {
            String::new()
        } else {
            format!("本机的{edition}版指纹为 {}，内容不同；", codes.join("、"))
        };
        return Err(Missing {
            member: "edition_fingerprint",
            message: format!(
                "草稿按{name}{edition}版（指纹 {}）填写，本机没有这一版：{here}请导入该版评分标准文件后再计分（不按其他版本计分）",
                code.trim()
            ),
        });
    }
    match (found.iter().position(|r| is_bundled(r)), found.len()) {
        (Some(i), _) => Ok(found[i]),
        (None, 1) => Ok(found[0]),
        (None, 0) => Err(Missing {
            member: "edition",
            message: format!(
                "评分表版本“{edition}”不存在：{name}没有这一版，请导入该版评分标准文件后再计分"
            ),
        }),
        (None, _) => Err(Missing {
            member: "edition_fingerprint",
            message: format!(
                "本机有 {} 份不同的{name}{edition}版（指纹 {}），草稿没有记录指纹，无法确定按哪一份计分",
                found.len(),
                codes.join("、")
            ),
        }),
    }
}

fn same_code(a: &str, b: &str) -> bool {
    let a = a.trim();
    !a.is_empty() && a.len() <= 16 && b.starts_with(&a.to_ascii_lowercase())
}
