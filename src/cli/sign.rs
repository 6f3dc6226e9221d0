//! `cqhr keys|sign|verify|directory|publish` (issue 21): argument parsing and printing
//! only, over `domain::sign`, `domain::review` and `domain::publish`. Included into the
//! `cqhr` binary (src/bin/cqhr.rs); exit codes in docs/output.md: 0 valid, 1 a file could
//! not be read or written, 2 invalid input, 3 a signature not valid.

use super::{read_draft, usage, Failure};
use cqhr::domain::publish::Publication;
use cqhr::domain::review::{self, Stage};
use cqhr::domain::sign::{
    crypto, trust, Directory, DirectoryError, KeyCard, KeyFile, Role, SecretKey, Trust, TrustConfig,
};
use cqhr::domain::{output, rank_with, CohortEntry};
use serde_json::{json, Value};

/// Exit status when a signature is not valid.
pub const NOT_VALID: u8 = 3;

/// The environment variable the passphrase is read from (never an argument: arguments
/// are visible to other users of the machine).
pub const PASSPHRASE_ENV: &str = "CQHR_PASSPHRASE";

pub const USAGE: &str = "  cqhr keys new --person 姓名 --role district|city|publish [--district 区县] [--office 单位] -o KEY
                                         生成 SM2 密钥，私钥以口令加密保存（口令取自环境变量 CQHR_PASSPHRASE）
  cqhr keys show KEY                     显示密钥的持有人、公钥和指纹
  cqhr keys export KEY -o CARD           导出公钥卡片（交市人力社保局列入审核人名录）
  cqhr sign FILE --stage district|city --key KEY [-o OUT]
                                         以密钥签署草稿的区县初审或市级评审（默认写回 FILE）
  cqhr verify FILE --directory DIR (--trust trust.json | --root 指纹)
                                         核验草稿各审核层的签名（或公布文件的签发）：全部有效退出码 0，否则 3
  cqhr directory new -o DIR [--version N] [--issued YYYY-MM-DD]
  cqhr directory add DIR CARD --from YYYY-MM-DD --to YYYY-MM-DD
  cqhr directory sign DIR (--key ROOTKEY | --demo-root)
  cqhr directory check DIR (--trust trust.json | --root 指纹)
                                         审核人名录：新建、加入公钥、以根密钥签名、核验
  cqhr issue EDITION --key KEY --date YYYY-MM-DD -o OUT
                                         以公布密钥签发评分标准（第二十九条）的签发单
  cqhr verify ISSUE --edition EDITION (--trust trust.json | --root 指纹) [--directory DIR]
                                         核验评分标准的发布单位：已验证退出码 0，否则 3
  cqhr publish FILE... --year YYYY --date YYYY-MM-DD --key KEY -o OUT [--directory DIR --trust trust.json]
                                         按各草稿最新有效签名的审核阶段排名，生成并签署公布文件
  --directory DIR --trust FILE|--root FP rank、review、score 亦可用：按名录核验审核层签名";

fn read_text(path: &str) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::one(1, "unreadable", Some(path), format!("无法读取 {path}：{e}")))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

fn write_text(path: &str, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::one(1, "unwritable", Some(path), format!("无法写入 {path}：{e}")))
}

fn bad(message: String) -> Failure {
    Failure::one(2, "invalid", None, message)
}

fn not_valid(message: String) -> Failure {
    Failure::one(NOT_VALID, "not_valid", None, message)
}

fn passphrase() -> Result<String, Failure> {
    std::env::var(PASSPHRASE_ENV)
        .map_err(|_| bad(format!("请在环境变量 {PASSPHRASE_ENV} 中提供密钥口令")))
}

fn read_key(path: &str) -> Result<KeyFile, Failure> {
    KeyFile::from_json(&read_text(path)?).map_err(|e| bad(format!("{path}：{e}")))
}

fn unlock(path: &str) -> Result<(KeyFile, SecretKey), Failure> {
    let file = read_key(path)?;
    let secret = file
        .unlock(&passphrase()?)
        .map_err(|e| bad(format!("{path}：{e}")))?;
    Ok((file, secret))
}

/// Options: `--name value` pairs and positional arguments.
struct Opts {
    pairs: Vec<(String, String)>,
    flags: Vec<String>,
    positional: Vec<String>,
}

const FLAGS: &[&str] = &["--demo-root"];

fn parse(args: &[String]) -> Result<Opts, Failure> {
    let mut o = Opts {
        pairs: Vec::new(),
        flags: Vec::new(),
        positional: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if FLAGS.contains(&a.as_str()) {
            o.flags.push(a.clone());
        } else if a.starts_with('-') && a != "-" {
            let Some(v) = args.get(i + 1) else {
                return Err(usage(&format!("{a} 后须写值")));
            };
            o.pairs.push((a.clone(), v.clone()));
            i += 1;
        } else {
            o.positional.push(a.clone());
        }
        i += 1;
    }
    Ok(o)
}

impl Opts {
    fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn need(&self, name: &str) -> Result<&str, Failure> {
        self.get(name).ok_or_else(|| usage(&format!("缺少 {name}")))
    }

    fn only(&self, allowed: &[&str]) -> Result<(), Failure> {
        for (k, _) in &self.pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(usage(&format!("未知的选项 {k}")));
            }
        }
        Ok(())
    }
}

/// The trust named by `--trust FILE` or `--root FP`, with `--directory DIR` accepted under
/// it. A directory the root did not sign is refused (exit 3).
pub fn trust_from(
    trust_file: Option<&str>,
    root: Option<&str>,
    directory: Option<&str>,
) -> Result<Trust, Failure> {
    let config = match (trust_file, root) {
        (Some(f), _) => {
            Some(TrustConfig::from_json(&read_text(f)?).map_err(|e| bad(format!("{f}：{e}")))?)
        }
        (None, Some("demo")) => Some(TrustConfig::demo()),
        (None, Some(fp)) => Some(
            TrustConfig::from_json(&json!({ "root_fingerprint": fp }).to_string())
                .map_err(|_| usage("--root 须为根密钥的 64 位十六进制指纹（或 demo）"))?,
        ),
        (None, None) => None,
    };
    let mut t = Trust {
        config,
        directory: None,
    };
    if let Some(path) = directory {
        if t.config.is_none() {
            return Err(usage(
                "--directory 须与 --trust 或 --root 同用：名录只按根密钥核验",
            ));
        }
        let d = Directory::from_json(&read_text(path)?).map_err(|e| bad(format!("{path}：{e}")))?;
        t.accept(d).map_err(|e| not_valid(format!("{path}：{e}")))?;
    }
    Ok(t)
}

/// Removes `--directory`, `--trust` and `--root` from the arguments of another command
/// and installs the trust they name.
pub fn take_trust(args: &[String]) -> Result<Vec<String>, Failure> {
    let mut rest = Vec::new();
    let (mut t, mut r, mut d) = (None, None, None);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let slot = match a {
            "--trust" => &mut t,
            "--root" => &mut r,
            "--directory" => &mut d,
            _ => {
                rest.push(args[i].clone());
                i += 1;
                continue;
            }
        };
        let Some(v) = args.get(i + 1) else {
            return Err(usage(&format!("{a} 后须写值")));
        };
        *slot = Some(v.clone());
        i += 2;
    }
    if t.is_some() || r.is_some() || d.is_some() {
        trust::install(trust_from(t.as_deref(), r.as_deref(), d.as_deref())?);
    }
    Ok(rest)
}

fn card_json(card: &KeyCard) -> Value {
    let key = card.key().ok();
    json!({
        "person": card.person,
        "office": card.office,
        "district": card.district,
        "role": card.role.key(),
        "public_key": card.public_key,
        "fingerprint": key.as_ref().map(|k| k.fingerprint()),
        "short_fingerprint": key.as_ref().map(|k| k.short_fingerprint()),
    })
}

/// Runs a signing command: its JSON and exit status.
pub fn run(command: &str, args: &[String]) -> Result<(String, u8), Failure> {
    let sub = args.first().map(String::as_str).unwrap_or("");
    match command {
        "keys" => keys(sub, &parse(&args[1.min(args.len())..])?),
        "directory" => directory(sub, &parse(&args[1.min(args.len())..])?),
        "sign" => sign(&parse(args)?),
        "verify" => verify(&parse(args)?),
        "publish" => publish(&parse(args)?),
        "issue" => issue_edition(&parse(args)?),
        _ => Err(usage("未知的命令")),
    }
}

fn done(v: Value) -> Result<(String, u8), Failure> {
    Ok((output::to_json(&v), 0))
}

fn keys(sub: &str, o: &Opts) -> Result<(String, u8), Failure> {
    match sub {
        "new" => {
            o.only(&[
                "--person",
                "--role",
                "--district",
                "--office",
                "-o",
                "--rounds",
            ])?;
            let role = Role::from_key(o.need("--role")?).ok_or_else(|| {
                usage("--role 只能是 district（初审）、city（评审）或 publish（公布）")
            })?;
            let rounds = match o.get("--rounds") {
                None => crypto::KDF_ROUNDS,
                Some(t) => t
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (crypto::KDF_ROUNDS_MIN..=crypto::KDF_ROUNDS_MAX).contains(n))
                    .ok_or_else(|| usage("--rounds 须为 1000 至 5000000 的整数"))?,
            };
            let out = o.need("-o")?;
            let (file, _) = KeyFile::create(
                o.need("--person")?,
                o.get("--office").unwrap_or(""),
                o.get("--district").unwrap_or(""),
                role,
                &passphrase()?,
                rounds,
            )
            .map_err(|e| bad(e.message_zh()))?;
            write_text(out, &file.to_json())?;
            done(card_json(&file.card))
        }
        "show" => {
            o.only(&[])?;
            let [path] = o.positional.as_slice() else {
                return Err(usage("keys show 需要一个密钥文件"));
            };
            let card =
                KeyCard::from_json(&read_text(path)?).map_err(|e| bad(format!("{path}：{e}")))?;
            done(card_json(&card))
        }
        "export" => {
            o.only(&["-o"])?;
            let [path] = o.positional.as_slice() else {
                return Err(usage("keys export 需要一个密钥文件"));
            };
            let card =
                KeyCard::from_json(&read_text(path)?).map_err(|e| bad(format!("{path}：{e}")))?;
            write_text(o.need("-o")?, &card.to_json())?;
            done(card_json(&card))
        }
        _ => Err(usage("keys 的子命令：new、show、export")),
    }
}

fn directory(sub: &str, o: &Opts) -> Result<(String, u8), Failure> {
    let one = |what: &str| -> Result<String, Failure> {
        o.positional
            .first()
            .cloned()
            .ok_or_else(|| usage(&format!("directory {what} 需要名录文件")))
    };
    let read = |path: &str| -> Result<Directory, Failure> {
        Directory::from_json(&read_text(path)?).map_err(|e| bad(format!("{path}：{e}")))
    };
    let summary = |d: &Directory| {
        json!({
            "version": d.version,
            "issued": d.issued,
            "signed": !d.signature.is_empty(),
            "entries": d.entries.iter().map(|e| {
                let mut v = card_json(&e.card);
                v["valid_from"] = json!(e.valid_from);
                v["valid_to"] = json!(e.valid_to);
                v
            }).collect::<Vec<_>>(),
        })
    };
    match sub {
        "new" => {
            o.only(&["-o", "--version", "--issued"])?;
            let version = o
                .get("--version")
                .map(|v| v.parse::<u32>().map_err(|_| usage("--version 须为正整数")))
                .transpose()?
                .unwrap_or(1);
            let d = Directory::new(version, o.get("--issued").unwrap_or(""));
            write_text(o.need("-o")?, &d.to_json())?;
            done(summary(&d))
        }
        "add" => {
            o.only(&["--from", "--to"])?;
            let [path, card_path] = o.positional.as_slice() else {
                return Err(usage("directory add 需要名录文件和公钥卡片文件"));
            };
            let mut d = read(path)?;
            let card = KeyCard::from_json(&read_text(card_path)?)
                .map_err(|e| bad(format!("{card_path}：{e}")))?;
            d.add(card, o.need("--from")?, o.need("--to")?)
                .map_err(|e| bad(e.message_zh()))?;
            write_text(path, &d.to_json())?;
            done(summary(&d))
        }
        "sign" => {
            o.only(&["--key"])?;
            let path = one("sign")?;
            let mut d = read(&path)?;
            let root = if o.flags.iter().any(|f| f == "--demo-root") {
                trust::demo_root()
            } else {
                unlock(o.need("--key")?)?.1
            };
            d.sign(&root);
            write_text(&path, &d.to_json())?;
            let mut v = summary(&d);
            v["root_fingerprint"] = json!(root.public_key().fingerprint());
            done(v)
        }
        "check" => {
            o.only(&["--trust", "--root"])?;
            let path = one("check")?;
            let d = read(&path)?;
            let t = trust_from(o.get("--trust"), o.get("--root"), None)?;
            let Some(c) = &t.config else {
                return Err(usage("directory check 须给 --trust 或 --root"));
            };
            let mut v = summary(&d);
            match d.verify(&c.root_fingerprint) {
                Ok(()) => {
                    v["status"] = json!("valid");
                    v["status_label"] = json!(format!(
                        "审核人名录有效（名录版本 {}，根密钥 {}）{}",
                        d.version,
                        crypto::group_fingerprint(&c.root_fingerprint),
                        cqhr::domain::sign::trust::demo_mark(c.demo)
                    ));
                    done(v)
                }
                Err(e) => {
                    v["status"] = json!(match e {
                        DirectoryError::Unsigned => "unsigned",
                        DirectoryError::NotRoot(_) => "not_root",
                        _ => "invalid",
                    });
                    v["status_label"] = json!(e.message_zh());
                    Ok((output::to_json(&v), NOT_VALID))
                }
            }
        }
        _ => Err(usage("directory 的子命令：new、add、sign、check")),
    }
}

fn sign(o: &Opts) -> Result<(String, u8), Failure> {
    o.only(&["--stage", "--key", "-o"])?;
    let [path] = o.positional.as_slice() else {
        return Err(usage("sign 需要且只需要一个草稿文件"));
    };
    let stage = match o.need("--stage")? {
        "district" => Stage::District,
        "city" => Stage::City,
        _ => {
            return Err(usage(
                "--stage 只能是 district（区县初审）或 city（市级评审）",
            ))
        }
    };
    let mut draft = read_draft(path)?;
    let Some(index) = draft.reviews.iter().position(|l| l.stage() == Some(stage)) else {
        return Err(bad(format!(
            "{path}：草稿没有{}这一层审核",
            stage.long_label_zh()
        )));
    };
    let problems = review::validate(&draft);
    if let Some(p) = problems.first() {
        return Err(bad(format!("{path}：错误：{p}")));
    }
    let (file, secret) = unlock(o.need("--key")?)?;
    if let Some(st) = review::signable(&draft, stage, &file.card) {
        return Err(bad(format!("不能签署：{}", st.text_zh())));
    }
    review::sign_layer(&mut draft, index, &secret).map_err(|e| bad(e.to_string()))?;
    write_text(o.get("-o").unwrap_or(path), &draft.to_json_pretty())?;
    let layer = &draft.reviews[index];
    done(json!({
        "stage": stage.key(),
        "signer": card_json(&file.card),
        "fingerprint": layer.fingerprint,
        "signature_code": layer.signature.as_ref().map(|s| cqhr::domain::sign::signature_code(&s.value)),
    }))
}

fn one_edition(path: &str) -> Result<cqhr::domain::Rubric, Failure> {
    let file = cqhr::domain::edition::parse(&read_text(path)?)
        .map_err(|p| bad(format!("{path}：{}", p.join("；"))))?;
    match <[cqhr::domain::Rubric; 1]>::try_from(file.rubrics) {
        Ok([r]) => Ok(r),
        Err(_) => Err(bad(format!("{path}：签发单只针对一张评分表"))),
    }
}

fn issue_edition(o: &Opts) -> Result<(String, u8), Failure> {
    o.only(&["--key", "--date", "-o"])?;
    let [path] = o.positional.as_slice() else {
        return Err(usage("issue 需要一个评分标准文件"));
    };
    let r = one_edition(path)?;
    let date = o.need("--date")?;
    if cqhr::domain::date::Date::parse(date).is_none() {
        return Err(usage("--date（发布日期）须为 YYYY-MM-DD"));
    }
    let (file, secret) = unlock(o.need("--key")?)?;
    if file.card.role != Role::Publish {
        return Err(bad(
            "评分标准须以市人力社保局的公布（publish）密钥签发".into()
        ));
    }
    let i = cqhr::domain::edition::issuer::issue(&r, date, &secret);
    write_text(o.need("-o")?, &i.to_json())?;
    done(json!({"rubric": i.rubric, "edition": i.edition, "sm3": i.sm3, "date": i.date}))
}

fn verify(o: &Opts) -> Result<(String, u8), Failure> {
    o.only(&["--directory", "--trust", "--root", "--edition"])?;
    let [path] = o.positional.as_slice() else {
        return Err(usage("verify 需要且只需要一个文件"));
    };
    let t = trust_from(o.get("--trust"), o.get("--root"), o.get("--directory"))?;
    let text = read_text(path)?;
    if let Some(edition) = o.get("--edition") {
        let r = one_edition(edition)?;
        let i = cqhr::domain::edition::issuer::Issue::from_json(&text)
            .ok_or_else(|| bad(format!("{path}：不是有效的签发单")))?;
        let st = i.status_with(&r, &t);
        let code = if st.is_verified() { 0 } else { NOT_VALID };
        let v = json!({"type": "edition", "rubric": r.id, "edition": r.edition, "status": st.key(), "status_label": st.text_zh()});
        return Ok((output::to_json(&v), code));
    }
    if text.contains("\"cqhr-publication\"") {
        let p = Publication::from_json(&text).map_err(|e| bad(format!("{path}：{e}")))?;
        let st = p.status_with(&t);
        let code = if st.is_valid() { 0 } else { NOT_VALID };
        let v = json!({
            "type": "publication",
            "year": p.year,
            "date": p.date,
            "rows": p.rows.len(),
            "status": st.key(),
            "status_label": st.text_zh(),
        });
        return Ok((output::to_json(&v), code));
    }
    let draft = read_draft(path)?;
    let layers: Vec<Value> = draft
        .reviews
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let st = review::layer_status_with(&draft, i, &t);
            json!({
                "stage": l.stage.trim(),
                "reviewer": l.reviewer,
                "date": l.date,
                "status": st.key(),
                "status_label": st.text_zh(),
                "detail": st,
                "moved": st.moved().iter().map(|m| m.text_zh()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let all_valid = layers.iter().all(|l| l["status"] == "valid");
    let (usable, passed_over) = review::usable_stage_with(&draft, &t);
    let v = json!({
        "type": "draft",
        "directory": t.directory.as_ref().map(|d| json!({"version": d.version, "issued": d.issued})),
        "demo": t.is_demo(),
        "layers": layers,
        "usable": usable.key(),
        "passed_over": passed_over.iter().map(|s| s.key()).collect::<Vec<_>>(),
    });
    Ok((output::to_json(&v), if all_valid { 0 } else { NOT_VALID }))
}

fn publish(o: &Opts) -> Result<(String, u8), Failure> {
    o.only(&[
        "--year",
        "--date",
        "--key",
        "-o",
        "--directory",
        "--trust",
        "--root",
    ])?;
    if o.positional.is_empty() {
        return Err(usage("publish 需要至少一个草稿文件"));
    }
    let t = trust_from(o.get("--trust"), o.get("--root"), o.get("--directory"))?;
    trust::install(t.clone());
    let year = o.need("--year")?;
    let date = o.need("--date")?;
    if cqhr::domain::date::Date::parse(date).is_none() {
        return Err(usage("--date（审定日期）须为 YYYY-MM-DD"));
    }
    let mut entries = Vec::new();
    for file in &o.positional {
        let draft = read_draft(file)?;
        let entry = CohortEntry::from_draft_at(&draft, Stage::City).map_err(|e| {
            let lines: Vec<String> = e.iter().map(|e| format!("错误：{e}")).collect();
            bad(format!("{file}：\n{}", lines.join("\n")))
        })?;
        entries.push(entry);
    }
    let report = rank_with(&entries, &cqhr::domain::grade::RankOptions::default());
    let mut p = Publication::from_report(&report, year, date);
    if p.rows.is_empty() {
        return Err(bad(format!("没有评估年度为 {year} 的平台")));
    }
    let (file, secret) = unlock(o.need("--key")?)?;
    if file.card.role != Role::Publish {
        return Err(bad("公布须以市人力社保局的公布（publish）密钥签署".into()));
    }
    p.sign(&secret);
    write_text(o.need("-o")?, &p.to_json())?;
    let st = p.status_with(&t);
    Ok((
        output::to_json(&json!({
            "year": p.year,
            "date": p.date,
            "rows": p.rows,
            "decided": p.decided(),
            "status": st.key(),
            "status_label": st.text_zh(),
        })),
        0,
    ))
}
