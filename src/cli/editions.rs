//! Edition files on the command line (`--rubrics`, `rubrics check`, `rubrics diff`): read,
//! checked by the edition reader, every problem a [`Problem`] naming the file.

use super::failure::{unreadable, Failure, Problem};
use std::io::Read;

/// The edition files of `path`: the file itself, or every `*.json` in the folder (sorted).
pub fn edition_paths(path: &str) -> Result<Vec<std::path::PathBuf>, Failure> {
    let p = std::path::Path::new(path);
    let unreadable = |e: std::io::Error| unreadable(path, format!("无法读取 {path}：{e}"));
    if p.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .map_err(unreadable)?
            .flatten()
            .map(|e| e.path())
            .filter(|f| f.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        if v.is_empty() {
            let mut f = Failure::one(
                2,
                "no_edition_files",
                Some(path),
                format!("文件夹 {path} 中没有评分标准文件（*.json）"),
            );
            f.message = format!("错误：{}", f.message);
            return Err(f);
        }
        Ok(v)
    } else {
        std::fs::metadata(p).map_err(unreadable)?;
        Ok(vec![p.to_path_buf()])
    }
}

/// One edition file read and checked; `Err` lists every problem, each naming the file
/// (kind `unreadable`, or the edition reader's: `edition_not_json`, `edition_invalid` …).
pub fn read_edition(path: &std::path::Path) -> Result<Vec<cqhr::domain::Rubric>, Vec<Problem>> {
    let name = path.display().to_string();
    let problem = |kind: &str, message: String| Problem {
        kind: kind.to_string(),
        path: Some(name.clone()),
        message: format!("{name}：{message}"),
    };
    let mut bytes = Vec::new();
    // Read at most one byte more than the limit: a huge file is refused without reading it all.
    let limit = cqhr::domain::edition::MAX_BYTES as u64 + 1;
    let read = std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(vec![problem("unreadable", format!("无法读取：{e}"))]);
    }
    if bytes.len() as u64 >= limit {
        return Err(vec![problem(
            "edition_too_large",
            format!(
                "文件过大：评分标准文件不得超过 {} MB",
                cqhr::domain::edition::MAX_BYTES / 1024 / 1024
            ),
        )]);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![problem(
            "edition_not_utf8",
            "不是 UTF-8 文本，不是评分标准文件".into(),
        )]);
    };
    cqhr::domain::edition::parse(&text)
        .map(|f| f.rubrics)
        .map_err(|e| {
            let kind = format!("edition_{}", e.kind.key());
            e.iter().map(|p| problem(&kind, p.clone())).collect()
        })
}

/// Every rubric of `path` (file or folder), or a failure (exit 2) naming every problem.
pub fn load_editions(path: &str) -> Result<Vec<(String, cqhr::domain::Rubric)>, Failure> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for p in edition_paths(path)? {
        match read_edition(&p) {
            Ok(rs) => out.extend(rs.into_iter().map(|r| (p.display().to_string(), r))),
            Err(e) => problems.extend(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Failure::many(2, problems))
    }
}

/// `cqhr rubrics check PATH`.
pub fn check_editions(path: &str) -> Result<String, Failure> {
    let mut out = String::new();
    for (file, r) in load_editions(path)? {
        out.push_str(&format!(
            "通过：{file}：评分表 {}（{}版，{}）指纹 {}\n",
            r.id,
            r.edition,
            r.short_name,
            cqhr::domain::edition::short(&r)
        ));
    }
    Ok(out)
}

/// The rubrics of one side of a diff: a path, or a bundled edition's name ("2025").
pub fn diff_side(arg: &str) -> Result<Vec<cqhr::domain::Rubric>, Failure> {
    if !std::path::Path::new(arg).exists() {
        let bundled: Vec<_> = cqhr::domain::rubric::all()
            .iter()
            .filter(|r| r.edition == arg)
            .cloned()
            .collect();
        if !bundled.is_empty() {
            return Ok(bundled);
        }
    }
    Ok(load_editions(arg)?.into_iter().map(|(_, r)| r).collect())
}

pub fn diff_editions(a: &str, b: &str) -> Result<Vec<cqhr::domain::edition::Change>, Failure> {
    let a = diff_side(a)?;
    let b = diff_side(b)?;
    let a: Vec<_> = a.iter().collect();
    let b: Vec<_> = b.iter().collect();
    Ok(cqhr::domain::edition::diff(&a, &b))
}
