//! The 公布 beyond the screen (issue 21 item 5, Art. 30 (四): 在市人力社保局相关网站公布):
//!
//! - [`PublicationSheet`]: the 公布 on A4 as the website notice — a neutral heading (the
//!   bureau's own notice title is its words, not the tool's), the table (序号, 平台名称,
//!   所在区县, 类型, 依据阶段, 总分, 等次), 审定日期, the issuer with the key's fingerprint
//!   and the short signature code, and the verification state exactly as on screen
//!   (［演示密钥，不具效力］ under the demo root); 第 x 页 共 y 页 at the foot. The sheet
//!   is built by the 签名与名录 page and mounted in the print area (a portal): the screen
//!   layout is hidden in print.
//! - [`copy_link`] / [`LinkLine`]: 复制公布链接, `<page>#/signing/p1.…`
//!   (`share::encode_publication`); opening it shows the 公布 on this page, verified
//!   offline like a file ([`from_address`]).

use crate::domain::number::fmt_decimal;
use crate::domain::publish::{Publication, PublicationError};
use crate::share::{self, PublicationLinkError, ShareError};
use crate::ui::state::{Notify, Printer, Sheet};
use crate::ui::web;
use leptos::portal::Portal;
use leptos::prelude::*;

use super::held::TrustVersion;

/// What the 公布 part shows: nothing yet, a 公布 (signed here, opened from a file or a
/// link), or why one could not be read.
pub type Opened = RwSignal<Option<Result<Publication, Unopened>>>;

/// Why no 公布 is shown; said on the page by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unopened {
    /// The picked file gives no text.
    Unread(super::Unread),
    /// The picked file is not a 公布 file.
    File(PublicationError),
    /// The link does not open (damaged, another version, not a 公布 inside).
    Link(PublicationLinkError),
}

impl std::fmt::Display for Unopened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unopened::Unread(e) => write!(f, "{e}"),
            Unopened::File(e) => write!(f, "{e}"),
            Unopened::Link(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Unopened {}

/// The 公布 named by the address (`#/signing/p1.…`), if any: read (or why not).
pub fn from_address() -> Option<Result<Publication, Unopened>> {
    share::publication_payload(&web::fragment())
        .map(|p| share::publication_from_link(&p).map_err(Unopened::Link))
}

/// Shows the 公布 of the address whenever it changes (a link pasted into the address bar
/// of an open page), and brings it into view: whoever opens a 公布 link came for it, not
/// for the keys above it.
pub fn follow_address(opened: Opened) {
    let show = move || {
        if let Some(p) = from_address() {
            opened.set(Some(p));
            set_timeout(|| web::jump_to("sign-pub-h"), std::time::Duration::ZERO);
        }
    };
    show();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| show());
    on_cleanup(move || handle.remove());
}

/// A 公布 opened from a file or signed here replaces the link's: the address drops its
/// payload, so that a reload does not bring the link's back.
pub fn leave_link() {
    if share::publication_payload(&web::fragment()).is_some() {
        web::replace_fragment("/signing");
    }
}

/// 复制公布链接: the link, or why not (too large: send the file).
pub fn copy_link(
    p: &Publication,
    link: RwSignal<Option<Result<String, ShareError>>>,
    notify: Notify,
) {
    match share::encode_publication(p) {
        Ok(payload) => {
            let url = format!("{}#/signing/{payload}", web::base_url());
            web::copy_to_clipboard(&url);
            notify.say(format!(
                "{} 年度公布的链接已复制到剪贴板（也可在下方手动复制）。对方打开链接即可核验，不需联网；内容只在 # 之后，不会发送到任何服务器。",
                p.year
            ));
            link.set(Some(Ok(url)));
        }
        Err(e) => {
            notify.warn(e.publication_message_zh());
            link.set(Some(Err(e)));
        }
    }
}

/// The link just made (to copy by hand), or why it could not be made.
#[component]
pub fn LinkLine(link: RwSignal<Option<Result<String, ShareError>>>) -> impl IntoView {
    move || {
        link.get().map(|l| match l {
            Ok(url) => view! {
                <div class="row pub-link">
                    <label for="publication-link">"公布链接"</label>
                    <input
                        id="publication-link"
                        class="share-link"
                        type="text"
                        readonly
                        data-testid="publication-link"
                        prop:value=url
                        on:focus=move |ev| web::select_text(&ev)
                    />
                </div>
            }
            .into_any(),
            Err(e) => view! {
                <p class="msg" role="alert" data-testid="publication-link-error">
                    {e.publication_message_zh()}
                </p>
            }
            .into_any(),
        })
    }
}

/// The printed 公布, mounted in the print area while the 签名与名录 page is open; printed
/// when the chosen sheet is [`Sheet::Publication`] (the page's print button, Ctrl+P).
#[component]
pub fn PublicationSheet(opened: Opened) -> impl IntoView {
    let printer = expect_context::<Printer>();
    let version = expect_context::<TrustVersion>();
    let chosen = move || printer.sheet.get() == Sheet::Publication;
    let sheet = move || {
        view! {
            <section
                class="print-sheet pub-sheet"
                data-sheet="publication"
                class:chosen=chosen
                aria-label="公布（打印）"
            >
                {move || {
                    version.track();
                    chosen()
                        .then(|| match opened.get() {
                            Some(Ok(p)) => notice(&p).into_any(),
                            _ => {
                                view! {
                                    <p>
                                        "尚未打开公布：请在“签名与名录”页签发公布，或打开公布文件、公布链接，再打印。"
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </section>
        }
    };
    web::print_area().map(|mount| view! { <Portal mount=mount>{sheet}</Portal> })
}

/// The notice itself.
fn notice(p: &Publication) -> impl IntoView {
    let status = p.status();
    let rows = p
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <td>{r.name.clone()}</td>
                    <td>{r.district.clone()}</td>
                    <td>{r.type_name.clone()}</td>
                    <td class="num">{r.stage_zh()}</td>
                    <td class="num">{fmt_decimal(r.total)}</td>
                    <td class="num pub-grade">{r.grade_text.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let issuer = match (&status, p.key_fingerprint(), p.signature_code()) {
        (_, _, None) => "签发：未签名".to_string(),
        (crate::domain::publish::PublicationStatus::Valid { office, .. }, Some(fp), Some(code)) => {
            format!("签发单位：{office}　密钥指纹：{fp}　签名码：{code}")
        }
        (_, Some(fp), Some(code)) => format!("签发密钥指纹：{fp}　签名码：{code}"),
        (_, None, Some(code)) => format!("签发密钥：无法读取　签名码：{code}"),
    };
    let n = p.rows.len();
    view! {
        <h1>{p.title_zh()}</h1>
        <p class="subtitle">
            "依据《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）第三十条（四）"
        </p>
        <table class="pub-rows">
            <colgroup>
                <col class="c-no" />
                <col class="c-name" />
                <col class="c-district" />
                <col class="c-type" />
                <col class="c-stage" />
                <col class="c-total" />
                <col class="c-grade" />
            </colgroup>
            <thead>
                <tr>
                    <th>"序号"</th>
                    <th>"平台名称"</th>
                    <th>"所在区县"</th>
                    <th>"类型"</th>
                    <th>"依据阶段"</th>
                    <th>"总分"</th>
                    <th>"等次"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="pub-count">{format!("共 {n} 个平台。")}</p>
        <div class="pub-foot">
            <p class="pub-date">{format!("审定日期：{}", p.date_zh())}</p>
            <p class="pub-issuer" data-testid="pub-sheet-issuer">
                {issuer}
            </p>
            <p class="pub-verify" class:valid=status.is_valid() data-testid="pub-sheet-status">
                {format!("核验结果：{}", status.text_zh())}
            </p>
            <p class="pub-how">
                "核验方法：在本工具“签名与名录”页打开公布文件或公布链接，核对签名与上列密钥指纹、签名码。"
            </p>
        </div>
    }
}
