//! 等次排名: many drafts ranked within their year (Arts. 16, 17, 31–33).
//!
//! An evaluator gathers the year's drafts — JSON files, share links, this browser's own
//! drafts — and sees them ranked by total: 优秀 for at most ⌊30% × n⌋, ties at the
//! boundary flagged, city-level platforms that lost their conditions 不合格. The cohort is
//! kept by the store (`crate::store::CohortList`, apart from the drafts), so a
//! reload or a closed tab loses none of an evaluator's gathering; a failed write is said.
//! Every file or link that cannot be read is listed with its message, never dropped
//! silently.
//!
//! Over 600 lines: [`CohortPage`] (about 450) is one page whose gathering, reading options,
//! table and notices share the cohort's signals (as `ReviewPage` does); the rows' cells and
//! the printed 排名表 are `rows.rs` and `sheet.rs`.

mod rows;
mod sheet;

pub use sheet::CohortSheet;

use rows::*;

use crate::domain::grade::rules::QUOTA_TEXT;
use crate::domain::grade::{
    rank_with, to_csv, CohortEntry, CohortReport, CohortRow, DistrictReading, RankOptions,
    SuggestedGrade, YearCohort,
};
use crate::domain::number::fmt_decimal;
use crate::domain::review::Stage;
use crate::domain::rubric::{self, Level, RUBRIC_IDS};
use crate::domain::{Draft, DraftError};
use crate::export::{ExportKind, RankExport};
use crate::share;
use crate::store::{CohortList, ReadError};
use crate::ui::route::Address;
use crate::ui::state::{placing, Cohort, DraftList, Printer, Sheet};
use crate::ui::web::{self, FileError};
use crate::ui::widgets::DraftOptions;
use leptos::prelude::*;

fn problems_text(errors: &[DraftError]) -> String {
    let shown: Vec<String> = errors.iter().take(3).map(|e| e.message.clone()).collect();
    let mut s = shown.join("；");
    if errors.len() > 3 {
        s.push_str(&format!("；等共 {} 处问题", errors.len()));
    }
    s
}

/// Why a file, a link or a stored draft does not join the ranking; said, after where it
/// came from, by `Display`.
enum Refused {
    /// A link that does not open.
    Link(share::ShareError),
    /// A stored draft that cannot be read.
    Stored(ReadError),
    /// The draft reader refuses the text, or the draft's edition is not held.
    Draft(DraftError),
    /// The draft reads, but its inputs have errors (every one found).
    Inputs(Vec<DraftError>),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Link(e) => f.write_str(&e.message_zh()),
            Refused::Stored(e) => write!(f, "{e}"),
            Refused::Draft(e) => f.write_str(&e.message),
            Refused::Inputs(es) => write!(f, "草稿有误，不能参加排名：{}", problems_text(es)),
        }
    }
}

/// A draft as a cohort entry, or why it cannot be ranked.
fn entry_of(draft: &Draft, fallback_name: &str) -> Result<CohortEntry, Refused> {
    draft.rubric().map_err(Refused::Draft)?;
    let mut entry = CohortEntry::from_draft_on(draft, Stage::City, Some(web::today()))
        .map_err(Refused::Inputs)?;
    if entry.name.is_empty() {
        entry.name = fallback_name.trim().to_string();
    }
    Ok(entry)
}

/// Reads one file's text into the cohort (or its error list).
fn add_file(c: &mut CohortList, errors: &mut Vec<String>, name: &str, text: &str) {
    let stem = name
        .strip_suffix(".json")
        .or_else(|| name.strip_suffix(".JSON"))
        .unwrap_or(name);
    match Draft::from_json(text)
        .map_err(Refused::Draft)
        .and_then(|d| Ok((entry_of(&d, stem)?, d.to_json())))
    {
        Ok((e, json)) => {
            c.push(format!("文件 {name}"), None, e, Some(json));
        }
        Err(msg) => errors.push(format!("文件“{name}”：{msg}")),
    }
}

/// Reads pasted share links, one a line. Returns how many were added.
fn add_links(c: &mut CohortList, errors: &mut Vec<String>, text: &str) -> usize {
    let mut added = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let frag = line.rsplit_once('#').map(|(_, f)| f).unwrap_or(line).trim();
        // A link copied from the address bar on another page: `#/certify/d1.…`.
        let payload = Address::read(frag).and_then(|a| a.share);
        let frag = payload.as_deref().unwrap_or(frag);
        let result = share::decode(frag)
            .map_err(Refused::Link)
            .and_then(|json| Draft::from_json(&json).map_err(Refused::Draft))
            .and_then(|d| Ok((entry_of(&d, &format!("链接第 {n} 行的平台"))?, d.to_json())));
        match result {
            Ok((e, json)) => {
                c.push(format!("链接第 {n} 行"), None, e, Some(json));
                added += 1;
            }
            Err(msg) => errors.push(format!("链接第 {n} 行：{msg}")),
        }
    }
    added
}

/// Adds stored drafts (by id) not already in the cohort. Returns (added, already there).
fn add_stored(
    list: DraftList,
    c: &mut CohortList,
    errors: &mut Vec<String>,
    ids: &[String],
) -> (usize, usize) {
    let (mut added, mut skipped) = (0, 0);
    for id in ids {
        if c.has_stored(id) {
            skipped += 1;
            continue;
        }
        let name = list.name_of(id);
        // The draft on screen is the freshest copy of the current one.
        let draft = untrack(|| list.read(id)).map_err(Refused::Stored);
        match draft.and_then(|d| Ok((entry_of(&d, &name)?, d.to_json()))) {
            Ok((e, json)) => {
                c.push(
                    format!("本机草稿“{name}”"),
                    Some(id.as_str().into()),
                    e,
                    Some(json),
                );
                added += 1;
            }
            Err(msg) => errors.push(format!("本机草稿“{name}”：{msg}")),
        }
    }
    (added, skipped)
}

fn type_label(rubric_id: &str) -> String {
    rubric::latest(rubric_id)
        .map(|r| r.short_name.clone())
        .unwrap_or_else(|| rubric_id.to_string())
}

fn year_label(year: &str) -> String {
    if year.is_empty() {
        "未填年度".into()
    } else {
        format!("{year} 年度")
    }
}

fn grade_view(row: &CohortRow) -> impl IntoView {
    let g = row.grade;
    view! {
        <span class=format!(
            "grade grade-{}",
            g.key(),
        )>
            {(g == SuggestedGrade::Tied).then(|| view! { <span aria-hidden="true">"⚑ "</span> })}
            {row.grade_text()}
        </span>
    }
}

/// The page: gather drafts (files, links, this browser's drafts), then the ranking. Of the
/// stored drafts it reads the list alone (`list`: names, live entries, a draft's freshest
/// copy); it never opens, switches or saves one. Long for the reason at the top of this file.
#[component]
pub fn CohortPage(cohort: Cohort, list: DraftList) -> impl IntoView {
    let printer = expect_context::<Printer>();
    let Cohort {
        list: cohort,
        errors,
        options,
    } = cohort;
    let trust = expect_context::<crate::ui::state::held::TrustVersion>();
    // The ranking rests on verified signatures: it waits for the signature check.
    crate::ui::state::held::need(trust);
    let report = Memo::new(move |_| {
        trust.track();
        let opts = options.get();
        cohort.with(|c| rank_with(&c.entries_on(web::today()), &opts))
    });
    let exported = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let links = RwSignal::new(String::new());
    let picked = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());

    let live = move || list.live();

    let on_files = move |ev: leptos::ev::Event| {
        let n = web::read_picked_files(
            &ev,
            // The files are read once the path reader is in: a structural error names its
            // place (`placing::placed`; at once after the idle prefetch).
            Box::new(move |files| {
                placing::placed(move || {
                    let n = files.len();
                    let before = (
                        cohort.with_untracked(|c| c.items.len()),
                        errors.with_untracked(|e| e.len()),
                    );
                    for file in files {
                        let name = file.name;
                        match file.text {
                            Ok(text) => errors
                                .update(|errs| cohort.update(|c| add_file(c, errs, &name, &text))),
                            Err(FileError::TooLarge) => errors.update(|e| {
                                e.push(format!("文件“{name}”：文件过大，不是草稿文件"))
                            }),
                            Err(FileError::Unreadable) => {
                                errors.update(|e| e.push(format!("文件“{name}”：无法读取")))
                            }
                        }
                    }
                    let after = (
                        cohort.with_untracked(|c| c.items.len()),
                        errors.with_untracked(|e| e.len()),
                    );
                    last.set(format!(
                        "读取 {n} 个文件：加入 {} 个{}。",
                        after.0 - before.0,
                        if after.1 > before.1 {
                            format!("，{} 个无法读取（见下方）", after.1 - before.1)
                        } else {
                            String::new()
                        }
                    ));
                })
            }),
        );
        if n > 0 {
            last.set(format!("正在读取 {n} 个文件…"));
        }
    };
    let on_links = move |_| {
        let text = links.get_untracked();
        if text.trim().is_empty() {
            last.set("请先粘贴分享链接（每行一个）。".into());
            return;
        }
        links.set(String::new());
        placing::placed(move || {
            let before = errors.with_untracked(|e| e.len());
            let mut added = 0;
            errors.update(|errs| cohort.update(|c| added = add_links(c, errs, &text)));
            let failed = errors.with_untracked(|e| e.len()) - before;
            last.set(format!(
                "加入 {added} 个链接{}。",
                if failed > 0 {
                    format!("，{failed} 个无法读取（见下方）")
                } else {
                    String::new()
                }
            ));
        });
    };
    let on_stored = move |ids: Vec<String>| {
        let before = errors.with_untracked(|e| e.len());
        let mut result = (0, 0);
        errors.update(|errs| cohort.update(|c| result = add_stored(list, c, errs, &ids)));
        let failed = errors.with_untracked(|e| e.len()) - before;
        let mut s = format!("加入本机草稿 {} 份", result.0);
        if result.1 > 0 {
            s.push_str(&format!("，{} 份已在列表中", result.1));
        }
        if failed > 0 {
            s.push_str(&format!("，{failed} 份有误（见下方）"));
        }
        s.push('。');
        last.set(s);
    };
    let on_csv = move |_| {
        let (csv, file) =
            report.with_untracked(|r| (to_csv(r), r.file_name(&web::today_iso(), "csv")));
        web::download(&file, "text/csv;charset=utf-8", &csv);
    };
    // The same writer as `cqhr rank --format xlsx`, in the exporter worker.
    let on_xlsx = move |_| {
        let payload = RankExport {
            entries: cohort.with_untracked(|c| c.entries_on(web::today())),
            options: options.get_untracked(),
            date: web::today_iso(),
        };
        let Ok(json) = serde_json::to_string(&payload) else {
            exported.set("导出失败：排名列表无法整理".into());
            return;
        };
        exported.set("正在生成 Excel 文件…".into());
        web::export_file(
            ExportKind::RankXlsx,
            json,
            Box::new(move |r| {
                exported.set(match r {
                    Ok(name) => format!("已导出 {name}"),
                    Err(e) => format!("导出失败：{e}"),
                })
            }),
        );
    };

    let rows_of = move |year: String, district: bool| {
        let f = filter.get();
        let items = cohort.with(|c| c.items.clone());
        report.with(|r| {
            r.rows_of(&year)
                .filter(|row| f.is_empty() || row.rubric == f)
                .map(|row| {
                    let item = items.get(row.index);
                    let id = item.map(|i| i.id);
                    let source = item.map(|i| i.source.clone()).unwrap_or_default();
                    row_view(row, id, source, cohort, district)
                })
                .collect_view()
        })
    };

    view! {
        <section class="card cohort" aria-labelledby="cohort-h">
            <h2 id="cohort-h">"等次排名（第三十一条至第三十三条）"</h2>
            <p class="lead">
                {format!(
                    "把本年度参评平台的草稿汇集在一起，按总分排名并提出等次建议：优秀原则上不超过参评总量的 {QUOTA_TEXT}（⌊{QUOTA_TEXT} × 参评数⌋，向下取整），",
                )} "总分并列跨越名额边界的标为“待定”，由评审会议确定；"
                "显示已丧失审批条件的市级平台为不合格；“原则上”条件未达到、或未记录第十七条批准的，为“待核实”（由市人力社保局认定），在名额内的暂列优秀，其后的平台为“优秀（待定）”。"
                "筹建平台另列、不计入参评总量。每个评估年度单独成表、按同一审核阶段排名。"
            </p>
            <p class="reading" data-testid="cohort-levels-reading">
                <span class="tag">"本工具的解读"</span>
                "评估层级：区县级平台自愿参评（第三十三条）的，默认计入参评总量、与国家级、市级平台共用优秀名额，名次单列；也可选“单独确定”。"
                "国家级、市级平台在区县设立的分平台视为区县级平台（第十六条）。同一平台（名称、区县、年度相同）的多份草稿只计一份：有效审核阶段最新、日期最新的一份；"
                "未填任何评分项的草稿列为未参评。排名规则可在下方“排名规则”中选择，打印和导出按所选规则。"
            </p>
            <p class="session-note" data-testid="cohort-session-note">
                <strong>"保存在本浏览器："</strong>
                "排名列表（各平台的名称、类型、年度、总分与认定结论）随每次修改保存在本浏览器中，刷新或关闭页面不会丢失；与“我的草稿”分开保存，不上传。排名规则的选择不保存，每次打开为默认。需要交给他人请“导出 Excel”或打印。"
            </p>
            <div class="import-grid">
                <div class="import-box">
                    <h3>"导入草稿文件"</h3>
                    <input
                        id="cohort-files"
                        class="visually-hidden"
                        type="file"
                        multiple
                        accept=".json,application/json"
                        on:change=on_files
                    />
                    <label class="button" for="cohort-files">
                        "选择 JSON 文件（可多选）"
                    </label>
                    <p class="hint">"各平台“导出文件”得到的 .json 草稿。"</p>
                </div>
                <div class="import-box">
                    <h3>"粘贴分享链接"</h3>
                    <label for="cohort-links">"分享链接，每行一个"</label>
                    <textarea
                        id="cohort-links"
                        rows="3"
                        placeholder="https://…#d1.…"
                        prop:value=move || links.get()
                        on:input=move |ev| links.set(event_target_value(&ev))
                    ></textarea>
                    <button type="button" on:click=on_links>
                        "加入链接"
                    </button>
                </div>
                <div class="import-box">
                    <h3>"本机保存的草稿"</h3>
                    <label for="cohort-stored">"选择草稿"</label>
                    <select
                        id="cohort-stored"
                        on:change=move |ev| picked.set(event_target_value(&ev))
                        prop:value=move || picked.get()
                    >
                        <option value="">"请选择"</option>
                        <DraftOptions
                            each=Signal::derive(live)
                            current=Signal::derive(move || Some(picked.get()))
                        />
                    </select>
                    <p class="hint">
                        "加入的是草稿当时的内容；之后修改了草稿，请移除后重新加入。"
                    </p>
                    <div class="buttons">
                        <button
                            type="button"
                            disabled=move || picked.get().is_empty()
                            on:click=move |_| {
                                let id = picked.get_untracked();
                                if !id.is_empty() {
                                    on_stored(vec![id])
                                }
                            }
                        >
                            "加入所选草稿"
                        </button>
                        <button
                            type="button"
                            on:click=move |_| on_stored(
                                live().into_iter().map(|e| e.id.into()).collect(),
                            )
                        >
                            "加入全部本机草稿"
                        </button>
                    </div>
                </div>
            </div>
            <p class="last" role="status" aria-live="polite" data-testid="cohort-last">
                {move || last.get()}
            </p>
            {move || {
                let errors_now = errors.get();
                (!errors_now.is_empty())
                    .then(|| {
                        view! {
                            <div class="import-errors" data-testid="cohort-errors" role="alert">
                                <p>
                                    <strong>
                                        {format!(
                                            "以下 {} 项无法加入排名：",
                                            errors_now.len(),
                                        )}
                                    </strong>
                                </p>
                                <ul>
                                    {errors_now
                                        .into_iter()
                                        .map(|e| view! { <li>{e}</li> })
                                        .collect_view()}
                                </ul>
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| errors.set(Vec::new())
                                >
                                    "清除此列表"
                                </button>
                            </div>
                        }
                    })
            }}
        </section>
        <section class="card cohort-result" aria-labelledby="cohort-result-h">
            <h2 id="cohort-result-h">"排名与等次建议"</h2>
            <RankRules options=options />
            <ul class="readings" data-testid="rank-readings">
                {move || {
                    report
                        .with(|r| {
                            r.readings_zh()
                                .into_iter()
                                .map(|t| view! { <li>{t}</li> })
                                .collect_view()
                        })
                }}
            </ul>
            {move || {
                report
                    .with(|r| {
                        (!r.warnings.is_empty() && trust.ready())
                            .then(|| {
                                view! {
                                    <ul
                                        class="warnings"
                                        data-testid="cohort-warnings"
                                        role="status"
                                    >
                                        {r
                                            .warnings
                                            .iter()
                                            .map(|w| view! { <li>{w.clone()}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    })
            }}
            <p
                class="empty"
                data-testid="cohort-empty"
                class:hidden=move || report.with(|r| !r.rows.is_empty())
            >
                "尚未加入任何草稿。"
            </p>
            <p
                class="lazy-loading"
                role="status"
                data-testid="cohort-checking"
                class:hidden=move || trust.ready() || report.with(|r| r.rows.is_empty())
            >
                "正在核验签名…"
            </p>
            <div class:hidden=move || !trust.ready() || report.with(|r| r.rows.is_empty())>
                <div class="toolbar">
                    <label for="cohort-filter">"显示类型"</label>
                    <select
                        id="cohort-filter"
                        prop:value=move || filter.get()
                        on:change=move |ev| filter.set(event_target_value(&ev))
                    >
                        <option value="">"全部类型"</option>
                        {RUBRIC_IDS
                            .iter()
                            .map(|id| {
                                let id2 = id.to_string();
                                let count = move || {
                                    report
                                        .with(|r| {
                                            r.rows.iter().filter(|row| row.rubric == id2).count()
                                        })
                                };
                                view! {
                                    <option value=*id>
                                        {move || format!("{}（{}）", type_label(id), count())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <span class="filter-note">
                        "筛选只影响显示；名次与优秀名额按全部类型合并计算。"
                    </span>
                    <span class="spacer"></span>
                    <button
                        type="button"
                        data-testid="cohort-xlsx"
                        on:click=on_xlsx
                        disabled=move || report.with(|r| r.rows.is_empty())
                    >
                        "导出 Excel"
                    </button>
                    <button
                        type="button"
                        on:click=on_csv
                        disabled=move || report.with(|r| r.rows.is_empty())
                    >
                        "导出 CSV"
                    </button>
                    <button
                        type="button"
                        class="primary"
                        disabled=move || report.with(|r| r.rows.is_empty())
                        on:click=move |_| printer.print(Sheet::Cohort)
                    >
                        "打印排名表"
                    </button>
                    <button
                        type="button"
                        disabled=move || cohort.with(|c| c.items.is_empty())
                        on:click=move |_| {
                            if web::confirm(
                                "清空排名列表中的全部草稿吗？（本机保存的草稿不受影响）",
                            ) {
                                cohort.update(|c| c.clear());
                                errors.set(Vec::new());
                                last.set(String::new());
                            }
                        }
                    >
                        "清空列表"
                    </button>
                </div>
                <p class="last" role="status" aria-live="polite" data-testid="cohort-exported">
                    {move || exported.get()}
                </p>
                {move || {
                    report
                        .with(|r| r.years.clone())
                        .into_iter()
                        .map(|y| {
                            let year = y.year.clone();
                            let district = report.with(|r| has_district(r, &y.year));
                            view! {
                                <section
                                    class="year-table"
                                    data-testid="cohort-year"
                                    data-year=y.year.clone()
                                    aria-label=year_label(&y.year)
                                >
                                    <h3>
                                        {year_label(&y.year)}
                                        <span class="stage" data-testid="cohort-stage-title">
                                            {y.stage_text()}
                                        </span>
                                    </h3>
                                    {year_summary(&y)}
                                    <div class="table-wrap">
                                        <table class="ranking" data-testid="cohort-table">
                                            <thead>
                                                <tr>
                                                    <th scope="col">"名次"</th>
                                                    {district
                                                        .then(|| {
                                                            view! { <th scope="col">"区县级名次"</th> }
                                                        })}
                                                    <th scope="col">"平台名称"</th>
                                                    <th scope="col">"区县"</th>
                                                    <th scope="col">"类型"</th>
                                                    <th scope="col">"层级"</th>
                                                    <th scope="col">"总分"</th>
                                                    <th scope="col">"依据"</th>
                                                    <th scope="col">"认定条件"</th>
                                                    <th scope="col">"等次建议"</th>
                                                    <th scope="col">"说明"</th>
                                                    <th scope="col">
                                                        <span class="visually-hidden">"操作"</span>
                                                    </th>
                                                </tr>
                                            </thead>
                                            <tbody>{rows_of(year.clone(), district)}</tbody>
                                        </table>
                                    </div>
                                </section>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}
