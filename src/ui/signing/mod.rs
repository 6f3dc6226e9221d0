//! 签名与名录 (issue 21): a chunk loaded on first use (`lazy::signing_page`). Keys: create
//! one under a passphrase, back it up, import it in another browser, export its public
//! card for the city. The directory (审核人名录): import the city's file (accepted only
//! under the root of `trust.json`), or, holding the city's 公布 key, build one from the
//! cards and sign it. The 公布: open a file and see who issued it.
//!
//! Over 600 lines: keys, the 审核人名录 and the 公布 are one chunk, each a component here;
//! a part that grows goes to a file of this folder.

pub mod publication;

use crate::domain::districts::DISTRICTS;
use crate::domain::publish::Publication;
use crate::domain::sign::{crypto, Directory, KeyCard, KeyFile, Role};
use crate::ui::state::held::{self, TrustVersion};
use crate::ui::state::Notify;
use crate::ui::web::{self, FileError, PickedFile};
use leptos::prelude::*;

/// A picked file that gives no text: its name, and why; said by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    name: String,
    why: FileError,
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.why {
            FileError::TooLarge => write!(f, "“{}”文件过大", self.name),
            FileError::Unreadable => write!(f, "无法读取文件“{}”", self.name),
        }
    }
}

impl std::error::Error for Unread {}

/// A picked file's name and text, or why it gives none.
fn picked_text(f: PickedFile) -> Result<(String, String), Unread> {
    match f.text {
        Ok(t) => Ok((f.name, t)),
        Err(why) => Err(Unread { name: f.name, why }),
    }
}

/// The root line: which root this deployment trusts, and whether it is the demo.
#[component]
fn RootLine() -> impl IntoView {
    let version = expect_context::<TrustVersion>();
    held::need(version);
    move || {
        if !version.ready() {
            return view! {
                <p class="sign-root" data-testid="sign-root" role="status">
                    "正在核验签名…"
                </p>
            }
            .into_any();
        }
        let t = held::current();
        match &t.config {
            None => view! {
                <p class="sign-root missing" data-testid="sign-root">
                    "未设定根密钥（trust.json 缺失或无效）：无法核验任何签名。"
                </p>
            }
            .into_any(),
            Some(c) => view! {
                <p class="sign-root" class:demo=c.demo data-testid="sign-root">
                    {format!(
                        "根密钥指纹：{}",
                        crypto::group_fingerprint(&c.root_fingerprint),
                    )}
                    {c
                        .demo
                        .then(|| {
                            view! {
                                <strong class="demo-mark">"　演示密钥，不具效力"</strong>
                            }
                        })}
                </p>
            }
            .into_any(),
        }
    }
}

/// Keys held in this browser: create, list, back up, import, export the public card.
#[component]
fn Keys() -> impl IntoView {
    let notify = expect_context::<Notify>();
    let held = RwSignal::new(held::keys());
    let person = RwSignal::new(String::new());
    let role = RwSignal::new(Role::District);
    let district = RwSignal::new(String::new());
    let pass1 = RwSignal::new(String::new());
    let pass2 = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let create = move |_| {
        if pass1.get_untracked() != pass2.get_untracked() {
            error.set("两次输入的口令不一致".into());
            return;
        }
        match KeyFile::create(
            &person.get_untracked(),
            "",
            &district.get_untracked(),
            role.get_untracked(),
            &pass1.get_untracked(),
            crypto::KDF_ROUNDS,
        ) {
            Ok((file, _)) => {
                let mut all = held.get_untracked();
                all.push(file.clone());
                held::keep_keys(&all);
                held.set(all);
                error.set(String::new());
                pass1.set(String::new());
                pass2.set(String::new());
                notify.say(format!(
                    "已生成密钥：{}，指纹 {}。请导出备份文件并妥善保管口令。",
                    file.card.holder_zh(),
                    file.card
                        .key()
                        .map(|k| k.short_fingerprint())
                        .unwrap_or_default()
                ));
            }
            Err(e) => error.set(e.message_zh()),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                for f in files {
                    match picked_text(f)
                        .map_err(|e| e.to_string())
                        .and_then(|(name, text)| {
                            KeyFile::from_json(&text)
                                .map_err(|e| format!("“{name}”：{}", e.message_zh()))
                        }) {
                        Ok(file) => {
                            let mut all = held.get_untracked();
                            if !all
                                .iter()
                                .any(|k| k.card.public_key == file.card.public_key)
                            {
                                all.push(file.clone());
                                held::keep_keys(&all);
                                held.set(all);
                            }
                            notify.say(format!("已导入密钥：{}", file.card.holder_zh()));
                        }
                        Err(m) => notify.warn(m),
                    }
                }
            }),
        );
    };
    let rows = move || {
        held.get()
            .into_iter()
            .map(|k| {
                let fp = k
                    .card
                    .key()
                    .map(|p| p.short_fingerprint())
                    .unwrap_or_default();
                let backup = k.to_json();
                let card = k.card.to_json();
                let stem = format!(
                    "{}-{}",
                    k.card.person,
                    &fp.replace(' ', "")[..8.min(fp.len())]
                );
                let (b_name, c_name) =
                    (format!("密钥备份-{stem}.json"), format!("公钥-{stem}.json"));
                view! {
                    <li class="sign-key" data-testid="held-key">
                        <span class="holder">{k.card.holder_zh()}</span>
                        <code class="fp">{fp}</code>
                        <button
                            type="button"
                            on:click=move |_| web::download(&b_name, "application/json", &backup)
                        >
                            "导出备份"
                        </button>
                        <button
                            type="button"
                            on:click=move |_| web::download(&c_name, "application/json", &card)
                        >
                            "导出公钥"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card sign-keys" aria-labelledby="sign-keys-h">
            <h2 id="sign-keys-h">"我的签名密钥"</h2>
            <p class="hint">
                "私钥以口令加密后保存在本浏览器，不上传。换浏览器请先导出备份。"
            </p>
            <ul class="sign-key-list">{rows}</ul>
            <div class="sign-new">
                <label>
                    "姓名"
                    <input
                        type="text"
                        data-testid="key-person"
                        prop:value=person
                        on:input=move |ev| person.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "职责"
                    <select
                        data-testid="key-role"
                        on:change=move |ev| {
                            role.set(
                                Role::from_key(&event_target_value(&ev)).unwrap_or(Role::District),
                            )
                        }
                    >
                        <option value="district">"区县初审（区县人社局）"</option>
                        <option value="city">"市级评审（市人社局）"</option>
                        <option value="publish">"公布（市人社局）"</option>
                    </select>
                </label>
                <label class:hidden=move || {
                    role.get() != Role::District
                }>
                    "区县"
                    <select
                        data-testid="key-district"
                        on:change=move |ev| district.set(event_target_value(&ev))
                    >
                        <option value="">"请选择"</option>
                        {DISTRICTS
                            .iter()
                            .map(|d| view! { <option value=d.name>{d.name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "口令（至少 8 个字符）"
                    <input
                        type="password"
                        data-testid="key-pass"
                        prop:value=pass1
                        on:input=move |ev| pass1.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "再次输入口令"
                    <input
                        type="password"
                        data-testid="key-pass2"
                        prop:value=pass2
                        on:input=move |ev| pass2.set(event_target_value(&ev))
                    />
                </label>
                <p class="msg" role="alert" data-testid="key-error">
                    {error}
                </p>
                <button type="button" class="primary" data-testid="key-create" on:click=create>
                    "生成密钥"
                </button>
                <label class="file-button">
                    "导入密钥备份…"
                    <input
                        type="file"
                        accept=".json,application/json"
                        data-testid="key-import"
                        on:change=import
                    />
                </label>
            </div>
        </section>
    }
}

/// The directory held, and (with the city's 公布 key) building and signing a new one.
#[component]
fn DirectoryPart() -> impl IntoView {
    let notify = expect_context::<Notify>();
    let version = expect_context::<TrustVersion>();
    let problem = RwSignal::new(String::new());
    let import = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                for f in files {
                    match picked_text(f) {
                        Ok((name, text)) => match held::accept_directory(&text, version) {
                            Ok(d) => {
                                problem.set(String::new());
                                notify.say(format!(
                                    "已采用审核人名录（名录版本 {}，{} 个密钥）",
                                    d.version,
                                    d.entries.len()
                                ));
                            }
                            Err(e) => problem.set(format!("“{name}”：{}", e.message_zh())),
                        },
                        Err(e) => problem.set(e.to_string()),
                    }
                }
            }),
        );
    };
    let entries = move || {
        version.track();
        let t = held::current();
        match t.directory {
            None => view! {
                <p data-testid="directory-none">
                    "尚未采用审核人名录：签名状态将显示为“名录缺失”。"
                </p>
            }
            .into_any(),
            Some(d) => {
                let head = format!(
                    "名录版本 {}（{} 发布），{} 个密钥",
                    d.version,
                    d.issued,
                    d.entries.len()
                );
                let rows = d
                    .entries
                    .iter()
                    .map(|e| {
                        let fp = e
                            .card
                            .key()
                            .map(|k| k.short_fingerprint())
                            .unwrap_or_default();
                        view! {
                            <tr>
                                <td>{e.card.office.clone()}</td>
                                <td>{e.card.person.clone()}</td>
                                <td>{e.card.role.label_zh()}</td>
                                <td>
                                    <code>{fp}</code>
                                </td>
                                <td>{format!("{} 至 {}", e.valid_from, e.valid_to)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p data-testid="directory-head">{head}</p>
                    <div class="table-scroll">
                        <table class="sign-directory" data-testid="directory-table">
                            <thead>
                                <tr>
                                    <th>"单位"</th>
                                    <th>"姓名"</th>
                                    <th>"职责"</th>
                                    <th>"公钥指纹"</th>
                                    <th>"有效期"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
        }
    };
    // Building a directory (the city, holding its 公布/root key).
    let draft = RwSignal::new(Directory::new(1, &web::today_iso()));
    let from = RwSignal::new(web::today_iso());
    let to = RwSignal::new(String::from("2026-12-31"));
    let pass = RwSignal::new(String::new());
    let build_msg = RwSignal::new(String::new());
    let add_cards = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                for f in files {
                    let r = picked_text(f)
                        .map_err(|e| e.to_string())
                        .and_then(|(name, text)| {
                            let card = KeyCard::from_json(&text)
                                .map_err(|e| format!("“{name}”：{}", e.message_zh()))?;
                            let mut d = draft.get_untracked();
                            d.add(card, &from.get_untracked(), &to.get_untracked())
                                .map_err(|e| e.message_zh())?;
                            draft.set(d);
                            Ok(())
                        });
                    build_msg.set(r.err().unwrap_or_default());
                }
            }),
        );
    };
    let issue = move |secret: crate::domain::sign::SecretKey| {
        let mut d = draft.get_untracked();
        d.sign(&secret);
        let text = d.to_json();
        pass.set(String::new());
        match held::accept_directory(&text, version) {
            Ok(_) => build_msg.set(String::new()),
            Err(e) => build_msg.set(format!("已签名，但本系统不采用：{}", e.message_zh())),
        }
        web::download(
            &format!("审核人名录-第{}版.json", d.version),
            "application/json",
            &text,
        );
        notify.say(format!("已签发审核人名录（名录版本 {}）", d.version));
    };
    let sign_and_export = move |_| {
        let Some(key) = held::keys()
            .into_iter()
            .find(|k| k.card.role == Role::Publish)
        else {
            build_msg.set("本浏览器没有市人力社保局的公布密钥，不能签发名录".into());
            return;
        };
        match key.unlock(&pass.get_untracked()) {
            Ok(secret) => issue(secret),
            Err(e) => build_msg.set(e.message_zh()),
        }
    };
    // A demo deployment's root is public (docs/signatures.md): anyone may issue with it.
    let demo = move || {
        version.track();
        held::current().is_demo()
    };
    let sign_demo = move |_| issue(crate::domain::sign::trust::demo_root());
    let built = move || {
        let holders: Vec<String> =
            draft.with(|d| d.entries.iter().map(|e| e.card.holder_zh()).collect());
        holders
            .into_iter()
            .map(|h| view! { <li>{h}</li> })
            .collect_view()
    };
    view! {
        <section class="card sign-dir" aria-labelledby="sign-dir-h">
            <h2 id="sign-dir-h">"审核人名录"</h2>
            <RootLine />
            {entries}
            <p class="msg" role="alert" data-testid="directory-error">
                {problem}
            </p>
            <label class="file-button">
                "导入审核人名录…"
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="directory-import"
                    on:change=import
                />
            </label>
            <details class="sign-build">
                <summary>"编制并签发名录（市人力社保局）"</summary>
                <label>
                    "名录版本"
                    <input
                        type="number"
                        min="1"
                        data-testid="build-version"
                        prop:value=move || draft.with(|d| d.version.to_string())
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                draft.update(|d| d.version = v)
                            }
                        }
                    />
                </label>
                <label>
                    "有效期自"
                    <input
                        type="text"
                        data-testid="build-from"
                        prop:value=from
                        on:input=move |ev| from.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "至"
                    <input
                        type="text"
                        data-testid="build-to"
                        prop:value=to
                        on:input=move |ev| to.set(event_target_value(&ev))
                    />
                </label>
                <label class="file-button">
                    "加入公钥文件…"
                    <input
                        type="file"
                        multiple
                        accept=".json,application/json"
                        data-testid="build-add"
                        on:change=add_cards
                    />
                </label>
                <ul data-testid="build-entries">{built}</ul>
                <label>
                    "公布密钥口令"
                    <input
                        type="password"
                        data-testid="build-pass"
                        prop:value=pass
                        on:input=move |ev| pass.set(event_target_value(&ev))
                    />
                </label>
                <p class="msg" role="alert" data-testid="build-error">
                    {build_msg}
                </p>
                <button
                    type="button"
                    class="primary"
                    data-testid="build-sign"
                    on:click=sign_and_export
                >
                    "签发并导出名录"
                </button>
                <Show when=demo>
                    <button type="button" data-testid="build-sign-demo" on:click=sign_demo>
                        "以演示根密钥签发（演示密钥，不具效力）"
                    </button>
                </Show>
            </details>
        </section>
    }
}

/// Opening a 公布 file: who issued it, and the rows; the city issues one from its ranking
/// list (等次排名) with its 公布 key.
#[component]
fn PublicationPart(cohort: crate::ui::state::Cohort) -> impl IntoView {
    let version = expect_context::<TrustVersion>();
    let notify = expect_context::<Notify>();
    let drafts = expect_context::<crate::ui::state::Drafts>();
    let printer = expect_context::<crate::ui::state::Printer>();
    let opened: publication::Opened = RwSignal::new(None);
    // A 公布 link (`#/signing/p1.…`) opens here, verified like a file.
    publication::follow_address(opened);
    let link = RwSignal::new(None::<Result<String, crate::share::ShareError>>);
    let year = RwSignal::new(String::from("2025"));
    let date = RwSignal::new(web::today_iso());
    let pass = RwSignal::new(String::new());
    let issue_msg = RwSignal::new(String::new());
    let issue = move |_| {
        let Some(key) = held::keys()
            .into_iter()
            .find(|k| k.card.role == Role::Publish)
        else {
            issue_msg.set("本浏览器没有市人力社保局的公布密钥".into());
            return;
        };
        if crate::domain::date::Date::parse(&date.get_untracked()).is_none() {
            issue_msg.set("审定日期须为 YYYY-MM-DD".into());
            return;
        }
        // The ranking as the page shows it: the rules chosen there (stage, 从严, Art. 33).
        let options = cohort.options.get_untracked();
        let report = cohort.list.with_untracked(|c| {
            crate::domain::grade::rank_with(&c.entries_on(web::today()), &options)
        });
        let mut p = Publication::from_report(&report, &year.get_untracked(), &date.get_untracked());
        if p.rows.is_empty() {
            issue_msg.set(format!(
                "等次排名中没有评估年度为 {} 的平台",
                year.get_untracked()
            ));
            return;
        }
        match key.unlock(&pass.get_untracked()) {
            Err(e) => issue_msg.set(e.message_zh()),
            Ok(secret) => {
                p.sign(&secret);
                pass.set(String::new());
                publication::leave_link();
                link.set(None);
                issue_msg.set(String::new());
                web::download(
                    &format!("公布-{}年度.json", p.year),
                    "application/json",
                    &p.to_json(),
                );
                let said = format!("已签发 {} 年度公布（{} 个平台）", p.year, p.rows.len());
                if p.decided() {
                    notify.say(said);
                } else {
                    // Art. 31–33: a 并列 or 待核实 row is not a decided grade.
                    notify.warn(format!(
                        "{said}。注意：其中仍有未定的等次（并列或待核实），公布前请先在“等次排名”中核定。"
                    ));
                }
                opened.set(Some(Ok(p)));
            }
        }
    };
    let open = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                if let Some(f) = files.into_iter().next() {
                    publication::leave_link();
                    link.set(None);
                    opened.set(Some(
                        picked_text(f)
                            .map_err(publication::Unopened::Unread)
                            .and_then(|(_, t)| {
                                Publication::from_json(&t).map_err(publication::Unopened::File)
                            }),
                    ));
                }
            }),
        );
    };
    let shown = move || {
        version.track();
        match opened.get() {
            None => ().into_any(),
            Some(Err(why)) => view! {
                <p class="msg" role="alert">
                    {why.to_string()}
                </p>
            }
            .into_any(),
            Some(Ok(p)) => {
                let st = p.status();
                // The platform open in this browser finds its own line.
                let own = drafts.draft().with(|d| {
                    p.find(&d.platform.name, &d.platform.district).map(|r| {
                        format!(
                            "本平台（{}）：总分 {}，等次 {}",
                            r.name,
                            crate::domain::fmt_decimal(r.total),
                            r.grade_text
                        )
                    })
                });
                let rows = p
                    .rows
                    .iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <td>{r.name.clone()}</td>
                                <td>{r.district.clone()}</td>
                                <td>{r.level.clone()}</td>
                                <td>{r.stage_zh()}</td>
                                <td class="num">{crate::domain::fmt_decimal(r.total)}</td>
                                <td>{r.grade_text.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p
                        class="pub-status"
                        class:valid=st.is_valid()
                        data-testid="publication-status"
                    >
                        {st.text_zh()}
                    </p>
                    <p>{format!("{} 年度，审定日期 {}", p.year, p.date)}</p>
                    {own
                        .map(|t| {
                            view! {
                                <p class="pub-own" data-testid="publication-own">
                                    {t}
                                </p>
                            }
                        })}
                    <div class="row pub-actions">
                        <button
                            type="button"
                            data-testid="pub-print"
                            on:click=move |_| printer.print(crate::ui::state::Sheet::Publication)
                        >
                            "打印公布"
                        </button>
                        <button
                            type="button"
                            data-testid="pub-copy-link"
                            on:click=move |_| {
                                if let Some(Ok(p)) = opened.get_untracked() {
                                    publication::copy_link(&p, link, notify);
                                }
                            }
                        >
                            "复制公布链接"
                        </button>
                    </div>
                    <publication::LinkLine link=link />
                    <table class="sign-publication">
                        <thead>
                            <tr>
                                <th>"平台"</th>
                                <th>"区县"</th>
                                <th>"层级"</th>
                                <th>"依据阶段"</th>
                                <th>"总分"</th>
                                <th>"等次"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="card sign-pub" aria-labelledby="sign-pub-h">
            <h2 id="sign-pub-h">"公布"</h2>
            <details class="sign-build">
                <summary>
                    "签发公布（市人力社保局，按“等次排名”列表）"
                </summary>
                <label>
                    "评估年度"
                    <input
                        type="text"
                        data-testid="pub-year"
                        prop:value=year
                        on:input=move |ev| year.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "审定日期"
                    <input
                        type="text"
                        data-testid="pub-date"
                        prop:value=date
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "公布密钥口令"
                    <input
                        type="password"
                        data-testid="pub-pass"
                        prop:value=pass
                        on:input=move |ev| pass.set(event_target_value(&ev))
                    />
                </label>
                <p class="msg" role="alert" data-testid="pub-error">
                    {issue_msg}
                </p>
                <button type="button" class="primary" data-testid="pub-sign" on:click=issue>
                    "签发并导出公布"
                </button>
            </details>
            <label class="file-button">
                "打开公布文件…"
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="publication-open"
                    on:change=open
                />
            </label>
            {shown}
            <publication::PublicationSheet opened=opened />
        </section>
    }
}

/// The page.
#[component]
pub fn SigningPage(cohort: crate::ui::state::Cohort) -> impl IntoView {
    view! {
        <div class="signing">
            <Keys />
            <DirectoryPart />
            <PublicationPart cohort=cohort />
        </div>
    }
}
