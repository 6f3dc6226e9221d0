//! The 自评材料 (issue 12): the 文字报告 drafted from the hand-worked fixtures, word for
//! word; user edits kept and flagged; the 佐证材料目录; and the .docx / .xlsx files opened
//! by independent readers (python-docx, openpyxl) and by LibreOffice (converted to PDF,
//! whose text is read back with pdftotext).
//!
//! The reader tests skip with a printed notice only when a tool is missing on a dev
//! machine; `scripts/setup` installs them and `scripts/test` sets CQHR_REQUIRE_TOOLS=1,
//! under which a missing tool fails the test instead.

use cqhr::domain::evidence::{catalogue, EvidenceItem};
use cqhr::domain::rubric::{self, Rubric};
use cqhr::domain::text_report::{self, check_template, ParagraphFlag, TextReport};
use cqhr::domain::{score_draft, Draft, Report};
use cqhr::export::{docx, xlsx};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> Draft {
    let path = format!(
        "{}/tests/fixtures/full-{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    Draft::from_value(v["draft"].clone()).unwrap()
}

fn generate(d: &Draft) -> TextReport {
    text_report::generate(d).unwrap()
}

fn para(r: &TextReport, key: &str) -> String {
    r.paragraph(key).unwrap().text.clone()
}

// ---- the generated text, exactly, for every kind of indicator ----

#[test]
fn comprehensive_park_paragraphs_word_for_word() {
    let r = generate(&fixture("comprehensive-park"));
    assert_eq!(
        r.title,
        "重庆临空人力资源服务产业园2025年度绩效评估自评报告"
    );
    // replacement (其中规模以上), with the platform's note after it
    assert_eq!(
        para(&r, "1.1"),
        "截至2025年末，园区线下入驻人力资源服务企业37家，其中规模以上企业8家，按评分标准计10分（满分10分）。入驻企业名录见附件1。"
    );
    // per unit, an amount just under a unit boundary
    assert_eq!(
        para(&r, "1.2"),
        "2025年，园区线下入驻人力资源服务企业实现营业收入118999.99万元，按评分标准计11.8分（满分12分）。依据入驻企业2025年度财务报表汇总，见附件2。"
    );
    // several per-unit terms, one of them 0
    assert_eq!(
        para(&r, "3.2"),
        "2025年，产业园组织开展人力资源服务领域培训、沙龙、论坛等活动，其中一般活动（参会50人及以上）3场，有厅级领导参加的活动1场，有省部级及以上领导参加的活动0场，按评分标准计2.5分（满分4分）。"
    );
    // area above a threshold + replacement, capped
    assert_eq!(
        para(&r, "4.1"),
        "截至2025年末，产业园面积12850.5平方米，运营团队专职工作人员7人，其中具有专业技术职称3人，按评分标准计5分（满分5分）。"
    );
    // judged
    assert_eq!(
        para(&r, "4.2"),
        "2025年，产业园落实各项人力资源服务业优惠政策，优惠政策落实情况自评4.5分（满分5分）。"
    );
    // tier, note without a full stop gets one
    assert_eq!(
        para(&r, "4.4"),
        "2025年，产业园安全生产情况：制度健全并基本执行到位，全年无事故，按评分标准计3分（满分5分）。1处消防通道整改已于当年完成。"
    );
    // deduction: no cap
    assert_eq!(
        para(&r, "5.4"),
        "2025年，产业园及入驻企业经核实或处罚的违法违规行为2次，按评分标准计-2分。2起劳动保障监察处罚，均已整改。"
    );
    assert_eq!(
        para(&r, "opening"),
        "重庆临空人力资源服务产业园位于渝北区，属市级综合性人力资源服务产业园（评估层级：市级）。\
         对照《重庆市市级综合性人力资源服务产业园绩效评估评分表》，本平台对2025年度绩效情况开展了自评，\
         自评总分78分（满分100分），其中：促进产业发展情况32.6分（满分39分），服务社会事业情况12.2分（满分16分），\
         助力行业创新情况8分（满分11分），产业园运营情况16.5分（满分20分），引领示范发展情况8.7分（满分14分）。\
         现将有关情况报告如下。"
    );
    // Issue 20.7: the report states facts; no next-gain hint goes into it.
    let closing = para(&r, "closing");
    assert_eq!(closing, "各项指标均已填报。特此报告。");
    // headings as in 公文
    let headings: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、促进产业发展情况",
            "二、服务社会事业情况",
            "三、助力行业创新情况",
            "四、产业园运营情况",
            "五、引领示范发展情况"
        ]
    );
    assert_eq!(
        r.sections[3].paragraphs[3].heading.as_deref(),
        Some("（四）产业园安全生产情况")
    );
    assert!(r.flagged().is_empty());
}

#[test]
fn specialized_park_pair_member_not_counted_is_said() {
    let r = generate(&fixture("specialized-park"));
    assert_eq!(
        para(&r, "2.1"),
        "2025年，入驻人力资源服务企业服务特定行业规模以上企业30家，按评分标准计13分（满分13分）。（2.1、2.2选其一，本项不计入总分。）"
    );
    assert_eq!(
        para(&r, "2.2"),
        "2025年，入驻人力资源服务企业特定业务服务企业86家，按评分标准计8.6分（满分13分）。选择2.2：园区主打数字化招聘外包业务。"
    );
    assert_eq!(
        para(&r, "2.3"),
        "2025年，入驻人力资源服务企业为特定行业输送本科及以下学历人员456人、研究生及以上学历人员37人、A—D卡等高层次人才3人，帮助引进院士等领军顶尖人才0人，按评分标准计7.5分（满分13分）。（2.3、2.4选其一，本项不计入总分。）"
    );
}

#[test]
fn talent_market_set_and_judged_paragraphs() {
    let r = generate(&fixture("talent-market"));
    // a set of options
    assert_eq!(
        para(&r, "1.1"),
        "截至2025年末，市场已设置的服务职能：招聘、培训、档案、测评、咨询、创投（共6项），按评分标准计3分（满分4分）。"
    );
    assert_eq!(
        para(&r, "3.2"),
        "2025年，市场特定类别人力资源（人才）服务满意度自评8.5分（满分10分）。"
    );
    assert_eq!(
        para(&r, "3.1"),
        "截至2025年末，市场面积2999.9平方米，运营团队专职工作人员4人，其中具有专业技术职称1人，按评分标准计3分（满分5分）。"
    );
    assert_eq!(r.sections.len(), 4);
    assert_eq!(
        r.sections[1].paragraphs[4].heading.as_deref(),
        Some("（五）助力特定类别人力资源（人才）创业情况")
    );
}

#[test]
fn blank_fields_say_weitian_and_the_closing_lists_blank_indicators() {
    let mut d = fixture("comprehensive-park");
    d.inputs.remove("1.3");
    d.inputs.get_mut("1.1").unwrap().remove("above_scale");
    d.platform.year = String::new();
    let r = generate(&d);
    assert_eq!(
        para(&r, "1.3"),
        "本年度，产业园及入驻企业纳税总额未填，按评分标准计0分（满分12分）。"
    );
    assert_eq!(
        para(&r, "1.1"),
        "截至本年度末，园区线下入驻人力资源服务企业37家，其中规模以上企业未填，按评分标准计7.4分（满分10分）。入驻企业名录见附件1。"
    );
    // 1.1 half filled (其中规模以上企业 blank) is 未填 too (issue 23), though it scores 7.4.
    assert!(
        para(&r, "closing").starts_with(
            "目前尚有2项指标未填报（1.1 线下入驻人力资源服务企业数量、1.3 产业园纳税情况），未填部分暂按0分计。"
        ),
        "{}",
        para(&r, "closing")
    );
    assert_eq!(r.title, "重庆临空人力资源服务产业园年度绩效评估自评报告");
}

// ---- user edits ----

#[test]
fn an_edit_survives_regeneration_and_is_flagged_when_its_facts_change() {
    let mut d = fixture("comprehensive-park");
    let r = generate(&d);
    let mine = "园区全年新引进人力资源服务企业12家，现入驻37家（其中规模以上8家），自评10分。";
    text_report::edit(&mut d, &r, "1.1", mine).unwrap();
    text_report::edit(&mut d, &r, "opening", "本园区自评如下。").unwrap();
    // saved and read back
    let d = Draft::from_json(&d.to_json()).unwrap();
    assert_eq!(d.report.paragraphs["1.1"].text, mine);
    let r = generate(&d);
    let p = r.paragraph("1.1").unwrap();
    assert_eq!((p.text.as_str(), p.edited, p.flag), (mine, true, None));
    // the other paragraphs are still drafted from the facts
    assert!(!r.paragraph("1.2").unwrap().edited);

    // a fact of 1.1 changes: the edit is kept and flagged 数据已变化
    let mut changed = d.clone();
    changed.set_raw("1.1", "firms", Some(json!(38)));
    let r2 = generate(&changed);
    let p = r2.paragraph("1.1").unwrap();
    assert_eq!(p.text, mine);
    assert_eq!(p.flag, Some(ParagraphFlag::DataChanged));
    assert_eq!(ParagraphFlag::DataChanged.label_zh(), "数据已变化");
    assert!(p.generated.contains("企业38家"));
    // 1.1 is at its cap, so the total (a fact of the edited opening) is unchanged
    assert_eq!(r2.flagged(), vec!["1.1"]);

    // a change elsewhere does not flag 1.1, but the total moves: the opening is flagged
    let mut elsewhere = d.clone();
    elsewhere.set_raw("1.3", "tax_wan", Some(json!(420)));
    let r3 = generate(&elsewhere);
    assert_eq!(r3.flagged(), vec!["opening"]);
    assert!(r3.opening.generated.contains("自评总分78.1分"));

    // a note counts as a fact of its paragraph
    let mut noted = d.clone();
    noted.notes.insert("1.1".into(), "名录见附件3".into());
    assert_eq!(
        generate(&noted).paragraph("1.1").unwrap().flag,
        Some(ParagraphFlag::DataChanged)
    );

    // re-editing against the new facts clears the flag; a blank text removes the edit
    let mut again = changed.clone();
    text_report::edit(&mut again, &r2, "1.1", "改后的文字。").unwrap();
    assert_eq!(generate(&again).paragraph("1.1").unwrap().flag, None);
    text_report::edit(&mut again, &r2, "1.1", "  ").unwrap();
    assert!(!again.report.paragraphs.contains_key("1.1"));
    assert!(text_report::edit(&mut again, &r2, "9.9", "x").is_err());
    let long = "字".repeat(text_report::MAX_EDIT_CHARS + 1);
    assert!(text_report::edit(&mut again, &r2, "1.2", &long)
        .unwrap_err()
        .to_string()
        .contains("超过上限"));
    // Issue 22: over the limit, the text is kept all the same (with its message).
    assert_eq!(again.report.paragraphs["1.2"].text, long);
    assert!(text_report::too_long(&again.report.paragraphs["1.2"].text).is_some());
}

#[test]
fn drafts_without_report_or_evidence_serialise_as_before() {
    let d = fixture("comprehensive-park");
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert!(v.get("report").is_none() && v.get("evidence").is_none());
    let with = json!({"rubric": "comprehensive-park",
        "report": {"paragraphs": {"1.1": {"text": "自写", "facts": "0123456789abcdef"}}},
        "evidence": [{"indicator": "1.1", "name": "入驻企业名录及入驻协议", "pages": 3, "ready": true}]});
    let d = Draft::from_value(with).unwrap();
    assert_eq!(d.evidence[0].page_count(), Ok(Some(3)));
    let back: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(
        back["report"]["paragraphs"]["1.1"]["facts"],
        "0123456789abcdef"
    );
    assert_eq!(back["evidence"][0]["ready"], true);
}

// ---- templates ----

#[test]
fn every_indicator_of_edition_2025_has_a_valid_template_and_evidence() {
    for id in rubric::RUBRIC_IDS {
        let r = rubric::find(id, "2025").unwrap();
        assert!(r.check().is_empty(), "{:?}", r.check());
        for ind in &r.indicators {
            assert!(ind.report.is_some(), "{id} {}", ind.id);
            assert!(!ind.evidence.is_empty(), "{id} {}", ind.id);
        }
    }
}

fn tampered(edit: impl Fn(&mut Value)) -> Vec<String> {
    let r = rubric::find("comprehensive-park", "2025").unwrap();
    let mut v = serde_json::to_value(r).unwrap();
    edit(&mut v);
    let r: Rubric = serde_json::from_value(v).unwrap();
    r.check()
}

#[test]
fn a_tampered_or_huge_template_is_refused_in_chinese() {
    let problems = tampered(|v| {
        v["indicators"][0]["report"] = json!("入驻企业{firms}家，{rm -rf}");
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("1.1") && p.contains("占位符")),
        "{problems:?}"
    );
    let problems = tampered(|v| {
        v["indicators"][0]["report"] = json!("入驻企业{frims}家");
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("未知占位符“{frims}”") && p.contains("{firms}")),
        "{problems:?}"
    );
    let problems = tampered(|v| {
        v["indicators"][1]["report"] = json!("很".repeat(100_000));
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("1.2") && p.contains("过长")),
        "{problems:?}"
    );
    let problems = tampered(|v| {
        v["indicators"][2]["evidence"] = json!([""]);
    });
    assert!(
        problems.iter().any(|p| p.contains("佐证材料名称")),
        "{problems:?}"
    );
    // a refused template never reaches the text: the paragraph falls back to the fields
    let r = rubric::find("comprehensive-park", "2025").unwrap();
    assert!(check_template(r.indicator("1.1").unwrap(), "{year}{firms}").is_ok());
}

// ---- 佐证材料目录 ----

#[test]
fn the_catalogue_numbers_and_counts_the_evidence() {
    let mut d = fixture("specialized-park");
    d.evidence = vec![
        EvidenceItem {
            indicator: "1.1".into(),
            name: "入驻企业名录及入驻协议".into(),
            pages: json!(12),
            ready: true,
            ..Default::default()
        },
        EvidenceItem {
            indicator: "1.3".into(),
            name: "产业园及入驻企业纳税证明（完税凭证）".into(),
            pages: json!(4),
            ready: false,
            ..Default::default()
        },
        EvidenceItem {
            indicator: "1.3".into(),
            name: "税务局出具的说明".into(),
            pages: json!(1),
            ready: true,
            ..Default::default()
        },
        EvidenceItem {
            indicator: "".into(),
            name: "平台简介".into(),
            pages: Value::Null,
            ready: true,
            ..Default::default()
        },
    ];
    let report = score_draft(&d).unwrap();
    let rubric = d.rubric().unwrap();
    let c = catalogue(&d, rubric, &report);
    let required: usize = rubric
        .indicators
        .iter()
        .filter(|i| report.indicator(&i.id).unwrap().counted)
        .map(|i| i.evidence.len())
        .sum();
    assert_eq!(c.total, required + 2);
    assert_eq!(c.ready, 3);
    assert_eq!(
        c.summary_zh(),
        format!("佐证材料 3/{} 项已备齐", required + 2)
    );
    assert_eq!(c.total_pages(), 17);
    assert!(c.rows.iter().enumerate().all(|(k, r)| r.number == k + 1));
    let first = &c.rows[0];
    assert_eq!(
        (
            first.indicator.as_str(),
            first.name.as_str(),
            first.pages,
            first.ready
        ),
        ("1.1", "入驻企业名录及入驻协议", Some(12), true)
    );
    // the platform's own document follows its indicator's listed ones
    let extra = c
        .rows
        .iter()
        .position(|r| r.name == "税务局出具的说明")
        .unwrap();
    assert_eq!(c.rows[extra - 1].name, "纳税情况汇总表");
    assert!(!c.rows[extra].suggested);
    // 2.1 and 2.3 are not counted (选其一): their evidence is not asked for
    assert!(!c
        .rows
        .iter()
        .any(|r| r.indicator == "2.1" || r.indicator == "2.3"));
    assert_eq!(c.rows.last().unwrap().name, "平台简介");
}

// ---- files, read back by real readers ----

fn require_tools() -> bool {
    std::env::var("CQHR_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Whether a tool is here; prints a notice (or fails, under CQHR_REQUIRE_TOOLS=1) if not.
fn have(what: &str, probe: &mut Command) -> bool {
    let ok = probe.output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        assert!(!require_tools(), "{what} is missing (run scripts/setup)");
        println!("NOTICE: {what} is not installed here; skipping (scripts/setup installs it)");
    }
    ok
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cqhr-export-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Package {
    draft: Draft,
    report: Report,
    text: TextReport,
    docx: Vec<u8>,
    xlsx: Vec<u8>,
}

fn package(name: &str) -> Package {
    let mut draft = fixture(name);
    draft.platform.fill_date = "2026-03-01".into();
    draft.evidence.push(EvidenceItem {
        indicator: "1.1".into(),
        name: "入驻企业名录及入驻协议".into(),
        pages: json!(12),
        ready: true,
        ..Default::default()
    });
    let report = score_draft(&draft).unwrap();
    let text = text_report::generate(&draft).unwrap();
    let cat = catalogue(&draft, draft.rubric().unwrap(), &report);
    let docx = docx::report_docx(&text, &report, &cat, &draft.platform.fill_date).unwrap();
    let xlsx = xlsx::score_xlsx(&draft, &report, Some(&cat)).unwrap();
    Package {
        draft,
        report,
        text,
        docx,
        xlsx,
    }
}

fn python(script: &str, file: &Path) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_docx_opens_in_python_docx_with_every_indicator_the_platform_and_the_total() {
    if !have(
        "python-docx",
        Command::new("python3").args(["-c", "import docx"]),
    ) {
        return;
    }
    for name in ["comprehensive-park", "specialized-park", "talent-market"] {
        let p = package(name);
        assert_eq!(&p.docx[..2], b"PK");
        let dir = scratch(&format!("docx-{name}"));
        let file = dir.join("report.docx");
        std::fs::write(&file, &p.docx).unwrap();
        let out = python(
            r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
print("PAGE", round(s.page_width.mm), round(s.page_height.mm),
      round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm))
title = d.paragraphs[0].runs[0]
print("TITLE", title.font.size.pt, title._element.rPr.rFonts.get('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia'))
print("TABLES", len(d.tables), len(d.tables[0].rows))
for p in d.paragraphs:
    print("P", p.text)
for t in d.tables:
    for r in t.rows:
        print("R", "|".join(c.text for c in r.cells))
"#,
            &file,
        );
        assert!(out.contains("PAGE 210 297 37 35 28 26"), "{out}");
        assert!(out.contains("TITLE 22.0 方正小标宋简体"), "{out}");
        let rubric = p.draft.rubric().unwrap();
        assert!(
            out.contains(&format!("TABLES 2 {}", rubric.indicators.len() + 2)),
            "{out}"
        );
        assert!(out.contains(&p.draft.platform.name));
        for ind in &rubric.indicators {
            assert!(out.contains(&ind.name), "{name}: {} missing", ind.name);
        }
        let total = cqhr::domain::fmt_decimal(p.report.total);
        assert!(out.contains(&format!("R 合计|||100|{total}|")), "{out}");
        assert!(out.contains(&format!("自评总分{total}分")));
        // the 一级指标 cell is merged: python-docx repeats it down the merged rows
        let first_group = &rubric.groups[0].name;
        let merged = out
            .lines()
            .filter(|l| l.starts_with(&format!("R {first_group}")))
            .count();
        assert_eq!(
            merged,
            rubric
                .indicators
                .iter()
                .filter(|i| i.group == rubric.groups[0].id)
                .count()
        );
        assert!(out.contains("R 1|1.1 "), "the 目录's first row: {out}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_xlsx_opens_in_openpyxl_with_numeric_scores_that_sum_to_the_total() {
    if !have(
        "openpyxl",
        Command::new("python3").args(["-c", "import openpyxl"]),
    ) {
        return;
    }
    for name in ["comprehensive-park", "specialized-park", "talent-market"] {
        let p = package(name);
        let dir = scratch(&format!("xlsx-{name}"));
        let file = dir.join("score.xlsx");
        std::fs::write(&file, &p.xlsx).unwrap();
        let out = python(
            r#"
import sys, openpyxl
from decimal import Decimal
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["得分表"]
print("SHEETS", wb.sheetnames)
print("PAPER", ws.page_setup.paperSize, ws.print_title_rows)
print("MERGED", sorted(str(m) for m in ws.merged_cells.ranges))
s = Decimal(0)
for row in ws.iter_rows(min_row=4):
    if row[1].value and row[1].value[0].isdigit():
        assert isinstance(row[4].value, (int, float)), (row[1].value, row[4].value)
        s += Decimal(str(row[4].value))
        print("IND", row[1].value, row[2].value, row[4].value)
    if row[0].value == "合计":
        assert isinstance(row[4].value, (int, float))
        print("TOTAL", Decimal(str(row[4].value)).normalize())
print("SUM", s.normalize())
print("WIDTH", ws.column_dimensions["C"].width)
"#,
            &file,
        );
        let total = cqhr::domain::fmt_decimal(p.report.total);
        assert!(out.contains(&format!("SUM {total}\n")), "{out}");
        assert!(out.contains(&format!("TOTAL {total}\n")), "{out}");
        assert!(out.contains("SHEETS ['得分表', '佐证材料目录']"), "{out}");
        assert!(out.contains("PAPER 9 $3:$3"), "{out}");
        let rubric = p.draft.rubric().unwrap();
        assert_eq!(
            out.lines().filter(|l| l.starts_with("IND ")).count(),
            rubric.indicators.len()
        );
        let g1 = rubric
            .indicators
            .iter()
            .filter(|i| i.group == rubric.groups[0].id)
            .count();
        assert!(out.contains(&format!("'A4:A{}'", 3 + g1)), "{out}");
        for ind in &rubric.indicators {
            assert!(out.contains(&ind.name), "{name}: {} missing", ind.name);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_ranking_xlsx_holds_numeric_totals() {
    if !have(
        "openpyxl",
        Command::new("python3").args(["-c", "import openpyxl"]),
    ) {
        return;
    }
    use cqhr::domain::{rank, CohortEntry};
    let entries: Vec<CohortEntry> = ["comprehensive-park", "specialized-park", "talent-market"]
        .iter()
        .map(|n| {
            let d = fixture(n);
            let r = score_draft(&d).unwrap();
            CohortEntry::new(&d.platform.name, &d.rubric, "2025", r.total, true)
        })
        .collect();
    let bytes = xlsx::rank_xlsx(&rank(&entries)).unwrap();
    let dir = scratch("rank");
    let file = dir.join("rank.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let out = python(
        r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["等次排名"]
assert ws.cell(2, 1).value.startswith("2025 年度：按自评得分排名（未经审核）；国家级、市级平台参评 3 个")
assert ws.page_setup.orientation == "landscape"
assert any("制表人" in str(c.value) and "盖章" in str(c.value) for r in ws.iter_rows() for c in r)
assert [c.value for c in ws[3]][1] == "区县级名次"
assert [c.value for c in ws[3]][3] == "区县" and [c.value for c in ws[3]][5] == "层级"
assert any("本表采用的规则" in str(c.value) or "只有显示已丧失的条件" in str(c.value) for r in ws.iter_rows() for c in r)
for row in ws.iter_rows(min_row=4, max_row=6):
    assert isinstance(row[7].value, (int, float))
    print(row[0].value, row[2].value, row[7].value, row[10].value)
"#,
        &file,
    );
    assert_eq!(
        out,
        "1 重庆临空人力资源服务产业园 78 合格\n2 重庆西部数字经济人力资源服务产业园 74.2 合格\n3 重庆市卫生健康人才市场 63 合格\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Converts a file to PDF with LibreOffice headless (its own profile, so that parallel
/// tests do not share a lock) and returns the PDF's text.
fn office_pdf_text(file: &Path) -> String {
    pdf_text(&office_pdf(file))
}

/// The PDF's text as laid out (`pdftotext -layout`).
fn pdf_text(pdf: &Path) -> String {
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    String::from_utf8(text.stdout).unwrap()
}

/// Converts a file to PDF with LibreOffice headless and returns the PDF's path.
fn office_pdf(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap();
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap();
    let pdf = file.with_extension("pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "soffice failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.to_lowercase().contains("error"), "soffice said: {err}");
    pdf
}

/// One word of a PDF page as pdftotext places it.
#[derive(Debug)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Every word with its box (`pdftotext -bbox`), page by page.
fn pdf_words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<word ") {
            let text =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            });
        }
    }
    words
}

/// Pairs of words printed over each other: boxes on one page that share more than a
/// third of the smaller one's area (rows whose wrapped text ran into the next row).
fn overprinted(words: &[Word]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if a.page != b.page {
                continue;
            }
            let w = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
            let h = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
            let smaller = ((a.x1 - a.x0) * (a.y1 - a.y0)).min((b.x1 - b.x0) * (b.y1 - b.y0));
            if smaller > 0.0 && w * h > smaller / 3.0 {
                found.push(format!("page {}: “{}” over “{}”", a.page, a.text, b.text));
            }
        }
    }
    found
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

fn have_office() -> bool {
    have(
        "LibreOffice (soffice)",
        Command::new("soffice").arg("--version"),
    ) && have(
        "pdftotext (poppler-utils)",
        Command::new("pdftotext").arg("-v"),
    )
}

#[test]
fn libreoffice_converts_the_docx_and_the_xlsx_to_pdf_holding_platform_indicators_and_total() {
    if !have_office() {
        return;
    }
    let p = package("comprehensive-park");
    let dir = scratch("office");
    let docx_file = dir.join("report.docx");
    let xlsx_file = dir.join("score.xlsx");
    std::fs::write(&docx_file, &p.docx).unwrap();
    std::fs::write(&xlsx_file, &p.xlsx).unwrap();
    let total = cqhr::domain::fmt_decimal(p.report.total);
    let rubric = p.draft.rubric().unwrap();
    for file in [&docx_file, &xlsx_file] {
        let layout = office_pdf_text(file);
        // the 合计 row, read across as printed: 合计 … 100 … 78
        assert!(
            layout
                .lines()
                .any(|l| squeeze(l).contains(&format!("合计100{total}"))),
            "{}: no 合计 row with the total in {layout}",
            file.display()
        );
        let text = squeeze(&layout);
        assert!(
            text.contains(&squeeze(&p.draft.platform.name)),
            "{}: {text}",
            file.display()
        );
        for ind in &rubric.indicators {
            assert!(
                text.contains(&ind.name),
                "{}: {} missing in {text}",
                file.display(),
                ind.name
            );
        }
    }
    assert!(squeeze(&office_pdf_text(&docx_file)).contains(&squeeze(&p.text.opening.text)));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 23: the .docx numbers its pages with PAGE / NUMPAGES fields in the footer
/// (第 x 页 共 y 页, as LibreOffice lays it out), dates the signing unit, titles 附件1 the
/// 得分表 (Art. 30(二)2), and repeats both tables' header rows on every page.
#[test]
fn the_docx_numbers_its_pages_dates_its_signature_and_repeats_table_heads() {
    if !have(
        "python3 zipfile",
        Command::new("python3").args(["-c", "import zipfile"]),
    ) {
        return;
    }
    let p = package("specialized-park");
    let dir = scratch("docx-footer");
    let file = dir.join("report.docx");
    std::fs::write(&file, &p.docx).unwrap();
    let parts = python(
        r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.startswith("word/footer"):
        print("FOOTER", z.read(n).decode())
print("DOC", z.read("word/document.xml").decode())
"#,
        &file,
    );
    let footer = parts
        .lines()
        .find(|l| l.starts_with("FOOTER"))
        .expect("a footer part");
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    assert!(
        footer.contains("第 ") && footer.contains(" 页 共 "),
        "{footer}"
    );
    let doc = parts.lines().find(|l| l.starts_with("DOC")).unwrap();
    assert_eq!(
        doc.matches("<w:tblHeader").count(),
        2,
        "both tables' header rows repeat"
    );
    // The signing unit, then its date; 附件1 is the 得分表.
    let name = p.draft.platform.name.trim();
    let signed = doc.find(&format!(">{name}<")).expect("the signing unit");
    let dated = doc.find(">2026年3月1日<").expect("the date line");
    assert!(signed < dated);
    assert!(doc.contains(">重庆市市级人力资源服务发展平台年度评估得分表<"));
    // Undated, the line is left to write in by hand.
    assert_eq!(docx::date_line(""), "　　　　年　　月　　日");
    assert_eq!(docx::date_line("2026-12-06"), "2026年12月6日");
    if have_office() {
        let pdf = office_pdf(&file);
        let pages = pdf_pages(&pdf);
        assert!(pages >= 3, "{pages}");
        let text = squeeze(&pdf_text(&pdf));
        for k in 1..=pages {
            assert!(
                text.contains(&format!("第{k}页共{pages}页")),
                "page {k}: no 第{k}页共{pages}页 in {text}"
            );
        }
        assert!(
            text.contains(&format!("{}2026年3月1日", squeeze(name))),
            "{text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 23: LibreOffice lays out every row of the .xlsx without printing one row's text
/// over the next (it does not fit row heights itself: the writer sets them); the 得分表
/// has the platform's signing lines; the 审核表 keeps its signatures on the table's page.
#[test]
fn the_xlsx_rows_do_not_overprint_in_libreoffice_and_keep_their_signatures() {
    if !have_office() || !have("pdfinfo (poppler-utils)", Command::new("pdfinfo").arg("-v")) {
        return;
    }
    let mut p = package("specialized-park");
    // Long names and notes that wrap, as the trial's 目录 had.
    for k in 0..6 {
        p.draft.evidence.push(EvidenceItem {
            indicator: "4.1".into(),
            name: format!(
                "第{k}份：产业园运营管理制度汇编、运营团队人员花名册、劳动合同及社保缴纳证明、专业技术职称证书复印件（加盖公章）"
            ),
            pages: json!(3),
            ready: k % 2 == 0,
            ..EvidenceItem::default()
        });
    }
    p.draft.notes.insert(
        "1.1".into(),
        "入驻企业名录以2025年12月31日在册为准，含线下入驻协议及营业执照复印件，另附规模以上企业认定文件".into(),
    );
    let report = score_draft(&p.draft).unwrap();
    let cat = catalogue(&p.draft, p.draft.rubric().unwrap(), &report);
    let bytes = xlsx::score_xlsx(&p.draft, &report, Some(&cat)).unwrap();
    let dir = scratch("xlsx-layout");
    let file = dir.join("score.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let pdf = office_pdf(&file);
    let words = pdf_words(&pdf);
    assert!(words.len() > 100, "{} words", words.len());
    let over = overprinted(&words);
    assert!(over.is_empty(), "rows print over each other: {over:#?}");
    let text = squeeze(&pdf_text(&pdf));
    assert!(
        text.contains("填报单位（盖章）") && text.contains("负责人（签字）"),
        "{text}"
    );
    assert!(text.contains("日期：2026年3月1日"), "{text}");

    // The 审核表 (self, 初审, 评审): one page, the 合计 row and the signatures together.
    let draft = format!(
        "{}/tests/fixtures/formats/draft-v2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let review_file = dir.join("review.xlsx");
    let out = cqhr(&[
        "review",
        &draft,
        "--format",
        "xlsx",
        "-o",
        review_file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = office_pdf(&review_file);
    assert_eq!(
        pdf_pages(&pdf),
        1,
        "the signature block stays with its table"
    );
    let words = pdf_words(&pdf);
    let over = overprinted(&words);
    assert!(over.is_empty(), "rows print over each other: {over:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- the command line ----

fn cqhr(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_docx_and_xlsx_only_to_a_file() {
    let dir = scratch("cli");
    let draft_file = dir.join("d.json");
    std::fs::write(&draft_file, fixture("comprehensive-park").to_json()).unwrap();
    let d = draft_file.to_str().unwrap();
    for args in [
        vec!["report", d, "--format", "docx"],
        vec!["score", d, "--format", "xlsx"],
        vec!["rank", d, "--format=xlsx"],
    ] {
        let out = cqhr(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: binary on stdout");
        assert!(String::from_utf8_lossy(&out.stderr).contains("须用 -o 指定输出文件"));
    }
    for (args, file) in [
        (vec!["report", d, "--format", "docx", "-o"], "r.docx"),
        (vec!["score", d, "--format", "xlsx", "-o"], "s.xlsx"),
        (vec!["rank", d, d, "--format", "xlsx", "-o"], "k.xlsx"),
        (vec!["report", d, "-o"], "r.md"),
    ] {
        let path = dir.join(file);
        let mut a = args.clone();
        a.push(path.to_str().unwrap());
        let out = cqhr(&a);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{a:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        let bytes = std::fs::read(&path).unwrap();
        if file.ends_with(".md") {
            assert!(String::from_utf8(bytes)
                .unwrap()
                .starts_with("# 重庆临空人力资源服务产业园2025年度绩效评估自评报告\n"));
        } else {
            assert_eq!(&bytes[..4], b"PK\x03\x04", "{file} is a zip");
        }
    }
    let md = cqhr(&["report", d]);
    assert_eq!(md.status.code(), Some(0));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains(
        "\n## 一、促进产业发展情况\n\n### （一）线下入驻人力资源服务企业数量\n\n截至2025年末"
    ));
    assert_eq!(
        cqhr(&["report", d, "--format", "xlsx", "-o", "/dev/null"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cqhr(&["report", d, "--format", "docx", "-o"]).status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_docx_reads_back_with_docx_rs_own_reader() {
    // Always runs (no external tool): the writer's output parses, and the text is there.
    let p = package("talent-market");
    let doc = docx_rs::read_docx(&p.docx).expect("docx-rs reads its own output");
    let json = doc.json();
    assert!(json.contains(&p.draft.platform.name));
    for ind in &p.draft.rubric().unwrap().indicators {
        assert!(json.contains(&ind.name), "{} missing", ind.name);
    }
    assert!(
        json.contains("方正小标宋简体")
            && json.contains("仿宋_GB2312")
            && json.contains("楷体_GB2312")
    );
}

/// The 审核表 as Excel (`cqhr review --format xlsx -o`): the shipped format-2 fixture,
/// self 13.4, 初审 11 (signed), 评审 9.6 (unsigned), read back by openpyxl: one score
/// column per stage, numbers; 1.1 6.4 → 6 → 5.6 with its 说明; the 合计 row and its note;
/// each stage's opinion, reviewer and 核验状态; landscape A4.
#[test]
fn the_review_xlsx_puts_the_stages_side_by_side() {
    if !have(
        "openpyxl",
        Command::new("python3").args(["-c", "import openpyxl"]),
    ) {
        return;
    }
    let dir = scratch("review");
    let file = dir.join("review.xlsx");
    let draft = format!(
        "{}/tests/fixtures/formats/draft-v2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = cqhr(&[
        "review",
        &draft,
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = python(
        r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["审核表"]
assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
rows = [[c.value for c in r] for r in ws.iter_rows()]
head = next(r for r in rows if r[0] == "一级指标")
print("|".join(head))
i11 = next(r for r in rows if str(r[1]).startswith("1.1 "))
assert all(isinstance(v, (int, float)) for v in i11[3:6])
print(i11[2], i11[3], i11[4], i11[5], "|", i11[6])
total = next(r for r in rows if r[0] == "合计")
print(total[2], total[3], total[4], total[5], "|", total[6])
for r in rows:
    if r[0] and ("意见：" in r[0] or "签名状态" in r[0]):
        print(r[0])
"#,
        &file,
    );
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines[0],
        "一级指标|二级指标|分值上限|自评得分|初审得分|评审得分|核减说明"
    );
    assert!(
        lines[1].starts_with("10 6.4 6 5.6 | 核减 0.8 分"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        "100 13.4 11 9.6 | 较自评核减 3.8 分；未说明的改动 1 处"
    );
    assert!(
        lines[3].starts_with("区县初审意见：经初审，核减入驻企业2家"),
        "{printed}"
    );
    assert!(
        lines[4].contains("渝北区人力社保局 王敏")
            && lines[4].contains("签名状态：未签名（旧格式）"),
        "{printed}"
    );
    assert_eq!(lines[5], "市级评审意见：评审通过。");
    assert!(lines[6].contains("签名状态：未签名"), "{printed}");
    // Only to a file, never to the terminal.
    let out = cqhr(&["review", &draft, "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 22: hostile text through every writer. A vertical tab and `\x01` (pasted from
/// Word) and bidi controls ("王敏\u{202e}验核已" would print as 王敏已核验) in names, notes and
/// reasons: the writers clean them even when a draft holds them (the readers already do),
/// so python-docx, openpyxl and LibreOffice open every file; a reason over Excel's 32,767
/// characters is cut with a note instead of failing the export; a 400-character unbroken
/// note stays in its cell.
#[test]
fn control_bidi_and_over_long_text_through_every_export() {
    let mut draft = fixture("comprehensive-park");
    // Set directly, past the readers' cleaning: the writers must hold on their own.
    draft.platform.name = "重庆临空\u{0b}人力资源服务产业园\u{01}".into();
    draft.notes.insert("1.1".into(), "9".repeat(400));
    draft
        .notes
        .insert("1.2".into(), "见附件\u{202e}2件附\u{0c}".into());
    draft.evidence.push(EvidenceItem {
        indicator: "1.1".into(),
        name: "名录\u{7}\u{2067}甲\u{2069}".into(),
        pages: json!(3),
        ready: true,
        ..Default::default()
    });
    let report = score_draft(&draft).unwrap();
    let text = text_report::generate(&draft).unwrap();
    let cat = catalogue(&draft, draft.rubric().unwrap(), &report);
    let dir = scratch("hostile");
    let docx_file = dir.join("hostile.docx");
    let xlsx_file = dir.join("hostile.xlsx");
    std::fs::write(
        &docx_file,
        docx::report_docx(&text, &report, &cat, &draft.platform.fill_date).unwrap(),
    )
    .unwrap();
    std::fs::write(
        &xlsx_file,
        xlsx::score_xlsx(&draft, &report, Some(&cat)).unwrap(),
    )
    .unwrap();
    let bad = |s: &str| {
        s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t') || cqhr::domain::text::is_bidi_control(c)
        })
    };

    // The 审核表 with an over-long reason and a spoofing reviewer, written by `cqhr`.
    let mut v: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/formats/draft-v2.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    v["reviews"][0]["reviewer"] = json!("王敏\u{202e}验核已");
    v["reviews"][0]["reasons"]["1.1"] = json!("核".repeat(40_000));
    let review_in = dir.join("review.json");
    let review_file = dir.join("review.xlsx");
    std::fs::write(&review_in, v.to_string()).unwrap();
    let out = cqhr(&[
        "review",
        review_in.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        review_file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    if have(
        "python-docx",
        Command::new("python3").args(["-c", "import docx"]),
    ) {
        let out = python(
            concat!(
                "import sys, docx\nd = docx.Document(sys.argv[1])\nprint('\\n'.join(p.text for p in d.paragraphs))\n",
                "for t in d.tables:\n    for r in t.rows:\n        print('|'.join(c.text for c in r.cells))"
            ),
            &docx_file,
        );
        assert!(!bad(&out), "{out:?}");
        assert!(
            out.contains("重庆临空") && out.contains("人力资源服务产业园"),
            "{out}"
        );
        assert!(
            out.contains("见附件2件附") && out.contains("名录甲"),
            "{out}"
        );
    }
    if have(
        "openpyxl",
        Command::new("python3").args(["-c", "import openpyxl"]),
    ) {
        let out = python(
            concat!(
                "import sys, openpyxl\nfor ws in openpyxl.load_workbook(sys.argv[1]).worksheets:\n",
                "    for r in ws.iter_rows():\n        for c in r:\n            if isinstance(c.value, str): print(repr(c.value))"
            ),
            &xlsx_file,
        );
        assert!(
            !out.contains("\\x01") && !out.contains("\\u202e") && !out.contains("_x000"),
            "{out}"
        );
        assert!(
            out.contains(&"9".repeat(400)),
            "the long note is kept whole"
        );
        let out = python(
            concat!(
                "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])['审核表']\nfor r in ws.iter_rows():\n",
                "    for c in r:\n        if isinstance(c.value, str) and ('核核核' in c.value or '王敏' in c.value):\n",
                "            print(len(c.value), repr(c.value[-60:]))"
            ),
            &review_file,
        );
        assert!(out.contains("王敏验核已"), "{out}");
        assert!(!out.contains("\\u202e"), "{out}");
        let cut = out
            .lines()
            .find(|l| l.contains("已截断"))
            .unwrap_or_else(|| panic!("the over-long reason is cut with a note: {out}"));
        let len: usize = cut.split(' ').next().unwrap().parse().unwrap();
        assert!(len <= 32_767, "{cut}");
    }
    if have_office() {
        for f in [&docx_file, &xlsx_file, &review_file] {
            // (pdftotext separates pages with a form feed.)
            let text = office_pdf_text(f).replace('\u{c}', "");
            assert!(!bad(&text), "{}: {text:?}", f.display());
        }
        // The 得分表 with the 400-digit note stays on a few pages (the note wraps).
        let pages = office_pdf_text(&xlsx_file).matches('\u{c}').count();
        assert!(pages <= 4, "{pages} pages");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
