//! A [`Work`] against its base and out: [`Work::changes`] (the diff against the base
//! edition), [`grouped`] (by indicator, for the screen and the printed notice) and
//! [`Work::publish`] (through `edition::parse`, as an imported file is). Its own room
//! because it is the editor's way out, read by the notice and the publish button.

use super::Work;
use crate::domain::edition::{diff, Change, EditionError, EditionErrorKind};
use crate::domain::rubric::Rubric;

impl Work {
    /// The changes against the base edition (matched by ids), for the screen and the notice.
    pub fn changes(&self) -> Vec<Change> {
        match self.base() {
            Some(base) => diff(&[base], &[&self.rubric]),
            None => Vec::new(),
        }
    }

    /// The edition file to publish: the rubric's JSON, checked as an imported file is
    /// (`edition::parse`). `Err` lists every problem.
    pub fn publish(&self) -> Result<(Rubric, String), EditionError> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(EditionError {
                kind: EditionErrorKind::Invalid,
                problems: problems.into_iter().map(|p| p.message).collect(),
            });
        }
        let json = serde_json::to_string_pretty(&self.rubric)
            .map_err(|e| EditionError::one(EditionErrorKind::Invalid, e.to_string()))?;
        let mut file = crate::domain::edition::parse(&json)?;
        match file.rubrics.pop() {
            Some(r) => Ok((r, json)),
            None => Err(EditionError::one(
                EditionErrorKind::Empty,
                "文件中没有评分表".into(),
            )),
        }
    }
}

/// The changes grouped by indicator for the screen and the printed notice, in the order of
/// their first change: (heading, the changes without their place). The heading names the
/// indicator ("1.1 线下入驻…", from the new rubric or, when removed, the base); changes of
/// the rubric as a whole (title, 一级指标, 选其一) are under "评分表整体".
pub fn grouped(
    changes: &[Change],
    new: &Rubric,
    base: Option<&Rubric>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for c in changes {
        let heading = match &c.indicator {
            Some(id) => match new
                .indicator(id)
                .or_else(|| base.and_then(|b| b.indicator(id)))
            {
                Some(i) => format!("{} {}", i.id, i.name),
                None => id.clone(),
            },
            None => "评分表整体".to_string(),
        };
        let line = c
            .text
            .split_once('：')
            .map_or(c.text.as_str(), |(_, rest)| rest)
            .to_string();
        match out.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, lines)) => lines.push(line),
            None => out.push((heading, vec![line])),
        }
    }
    out
}
