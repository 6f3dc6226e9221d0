//! The pages and their addresses: the pages table (`page_table!`, one row a page: its
//! address, title, sheet, split points and views) and a hash router. Plain Rust (tested
//! natively); the browser side is [`crate::ui::web`]'s `fragment` / `go_to_fragment` /
//! `replace_fragment`.
//!
//! The pages live in the URL fragment, so an address works from any sub-path of a
//! static host and needs no server rewrite:
//!
//! | page | fragment |
//! | --- | --- |
//! | 绩效评分 | none, or `#/` |
//! | 认定条件与申请表 | `#/certify` |
//! | 等次排名 | `#/ranking` |
//! | 年度对比 | `#/compare` |
//! | 自评材料 | `#/materials` |
//! | 评分标准 | `#/editions` |
//! | 签名与名录 | `#/signing` |
//!
//! A share link keeps its format `#d1.…` (see [`crate::share`]): a fragment that starts
//! with `d<digits>.` is a share payload, never a page. A page address may carry one after
//! a slash, `#/certify/d1.…`: the link preview shown on that page (what the address
//! bar says while a preview is open on a page other than 绩效评分).
//!
//! An edition link (issue 13) is `#/editions/e1.…` ([`crate::share::encode_edition`]): it
//! opens 评分标准 (the address reads as that page), where [`edition_payload`] finds the
//! payload and the page shows its preview. It is never taken for a draft link.

/// **The pages table: one row a page** (issue 24, item 2). Adding a page is its folder under
/// `src/ui/` and one row here; nothing else names the list. (A folder is declared where every
/// folder is: its `mod` line in `ui/mod.rs`, its floor in `ui/layers.rs`, and its name in
/// `ui/lazy.rs`'s `use` of the pages' folders, the import the floors test checks.)
///
/// A row: the page's `Page` variant (its doc comment is the variant's), its address
/// (`#/<slug>`; empty for the first page) and title (the tab's words), in the tabs' order;
/// what it does with the open draft (`draft`: [`OnDraft`]); the sheet the top print button
/// and Ctrl+P print on it (`prints`: a [`Sheet`] variant and the button's words); and, for a
/// page loaded on first use, its split point (`split`), the page's view (`page`) and, when it
/// prints a sheet of its own, the sheet's view (`sheet`): a page and its sheet are one chunk
/// (issue 25, item 4: they share most of their code, and one split point where there were
/// two cuts the files a page fetches by about a third). A view's argument (`a`) is the
/// `lazy::Shell`, the same for every row. The first page (绩效评分) is in the main module: no
/// split point; `App` shows it.
///
/// Who reads the rows: `page_table!(then)` hands them to the macro `then`. This module
/// expands them into [`Page`] (`ALL`, `slug`, `label_zh`, `draft`, `sheet`) and [`Sheet`];
/// `ui/lazy.rs` expands the same rows into the split functions, `lazy::page`, `lazy::Sheets`
/// and the prefetch order.
///
/// The views are tokens here, never code: this module does not compile them, nor import
/// what they name. A macro's tokens are resolved where it is expanded, so
/// `certify::CertifyPage` in a row is resolved in `ui/lazy.rs`, whose own
/// `use crate::ui::{certify, …}` the floors test (`ui/layers.rs`) checks; a path written
/// `crate::ui::…` in a row would be read as this module's and fail that test.
///
/// What the splitter reads: each `split` names a function and its preload
/// (`certify_page / fetch_certify_page`). `ui/lazy.rs` puts the `wasm_split` attribute on
/// that function (which builds the page or its sheet, by a `lazy::Part`) with the function's name as its module name; the attribute names the
/// compiled module's imports and exports `__wasm_split_00<name>00_…` (the rest a hash of the
/// function's name and place, paired by the splitter, read by nobody else), which
/// `wasm-split-cli` (`scripts/split_build.py`) reads and cuts into the chunk
/// `split_<name>-<hash>.wasm` (the names `bench/run` and the browser tests look for: lower
/// case and `_` only; renaming a function renames its chunk).
///
/// [`Sheet`] comes from the rows too (each `prints` is a variant) and lives here, beside
/// [`Page`], for that: a page with a new kind of sheet is still one row. Two sheets are no
/// page's own and are written in this module's reading of the rows (`pages!`, below): the
/// 审核表 (a stage of 绩效评分) and the 佐证材料目录 (自评材料's second sheet, by its button).
macro_rules! page_table {
    ($then:ident) => {
        $then! {
            /// 绩效评分: the rubric form and the score summary.
            Score "" "绩效评分", draft Edits, prints Scores "得分表",
            /// 认定条件与申请表: Arts. 10–13, 17 and 附表1, and the grade outlook; 附表1 printed.
            Certify "certify" "认定条件与申请表", draft Edits, prints Application "申请表";
            split certify_page / fetch_certify_page (a) => page {
                view! { <certify::CertifyPage draft=a.draft report=a.report /> }
            } sheet {
                view! { <certify::ApplicationSheet draft=a.draft sheet=a.sheet /> }
            },
            /// 等次排名: a cohort of drafts ranked (Arts. 31–32); the ranking table printed.
            Cohort "ranking" "等次排名", draft Aside, prints Cohort "排名表";
            split cohort_page / fetch_cohort_page (a) => page {
                view! { <ranking::CohortPage cohort=a.cohort list=a.list /> }
            } sheet {
                view! { <ranking::CohortSheet cohort=a.cohort sheet=a.sheet /> }
            },
            /// 年度对比: two drafts side by side, on screen and printed.
            Compare "compare" "年度对比", draft Aside, prints Compare "年度对比";
            split compare_page / fetch_compare_page (a) => page {
                view! { <compare::ComparePage comparing=a.comparing /> }
            } sheet {
                view! { <compare::CompareSheet comparing=a.comparing sheet=a.sheet /> }
            },
            /// 自评材料: the 文字报告, the 佐证材料目录, Word and Excel export (Art. 30(二)); its
            /// sheets: the 文字报告 and the 佐证材料目录.
            Materials "materials" "自评材料", draft Reads, prints Report "文字报告";
            split materials_page / fetch_materials_page (a) => page {
                view! { <materials::MaterialsPage draft=a.draft report=a.report /> }
            } sheet {
                view! {
                    <materials::ReportSheet draft=a.draft sheet=a.sheet />
                    <materials::CatalogueSheet draft=a.draft report=a.report sheet=a.sheet />
                }
            },
            /// 评分标准: the editions held, importing and exporting them, the editor, edition
            /// links (issue 13); its sheet: the 调整说明.
            Editions "editions" "评分标准", draft Aside, prints Edition "调整说明";
            split editions_page / fetch_editions_page (a) => page {
                view! { <editions::EditionsPage /> }
            } sheet {
                view! { <editions::editor::NoticeSheet editor=a.editor sheet=a.sheet /> }
            },
            /// 签名与名录: signing keys, the 审核人名录, the 公布 (issue 21) — the signing code (SM2
            /// keys, PBKDF2, SM4-GCM) leaves the first load. It prints the 公布 open there (its
            /// sheet is the page's own, put in the print area: `signing::publication`).
            Signing "signing" "签名与名录", draft Aside, prints Publication "公布";
            split signing_page / fetch_signing_page (a) => page {
                view! { <signing::SigningPage cohort=a.cohort /> }
            },
        }
    };
}
// Expanded by `ui/lazy.rs`, which only the app's build has (not the native one, nor the worker's).
#[cfg_attr(
    any(not(target_arch = "wasm32"), feature = "worker"),
    allow(unused_imports)
)]
pub(crate) use page_table;

/// This module's reading of the rows: [`Page`], [`Sheet`] (the rows' sheets, then the two
/// that are no page's own), and, for the tests, each row's split functions.
macro_rules! pages {
    ($(
        $(#[$doc:meta])*
        $page:ident $slug:literal $title:literal, draft $draft:ident, prints $sheet:ident $words:literal
        $(; split $split_fn:ident / $fetch:ident ($a:ident) => page $page_view:block
        $(sheet $sheet_view:block)?)?
    ),* $(,)?) => {
        /// One of the app's pages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Page {
            $($(#[$doc])* $page,)*
        }

        impl Page {
            pub const ALL: [Page; [$($slug),*].len()] = [$(Page::$page),*];

            pub fn label_zh(self) -> &'static str {
                match self {
                    $(Page::$page => $title,)*
                }
            }

            /// The page's name in its address (`#/<slug>`); empty for the first page.
            pub fn slug(self) -> &'static str {
                match self {
                    $(Page::$page => $slug,)*
                }
            }

            /// What the page does with the open draft (how `App` frames it).
            pub fn draft(self) -> OnDraft {
                match self {
                    $(Page::$page => OnDraft::$draft,)*
                }
            }

            /// The sheet the top print button and Ctrl+P print on the page (on 绩效评分 with a
            /// review open, `App` prints the 审核表 instead).
            pub fn sheet(self) -> Sheet {
                match self {
                    $(Page::$page => Sheet::$sheet,)*
                }
            }

            /// The row's split function and its preload (none for a page of the main
            /// module).
            #[cfg(test)]
            fn split_points(self) -> &'static [&'static str] {
                match self {
                    $(Page::$page => &[$(stringify!($split_fn), stringify!($fetch))?],)*
                }
            }
        }

        /// Which sheet `window.print()` prints: each page's (its row's `prints`), then the
        /// two that are no page's own.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Sheet {
            $(#[doc = concat!("The ", $words, ", printed on ", $title, ".")] $sheet,)*
            /// 审核表: every stage side by side (the review screen's Ctrl+P, on 绩效评分).
            Review,
            /// 自评材料: the 佐证材料目录 (its own button on that page).
            Catalogue,
        }

        impl Sheet {
            /// The page whose chunk builds this sheet (its row's, or 自评材料's for the
            /// 佐证材料目录); `None` for the 审核表, a stage of 绩效评分.
            pub fn page(self) -> Option<Page> {
                match self {
                    $(Sheet::$sheet => Some(Page::$page),)*
                    Sheet::Review => None,
                    Sheet::Catalogue => Some(Page::Materials),
                }
            }

            /// What the top print button says on the page that prints this sheet.
            pub fn print_label(self) -> &'static str {
                match self {
                    $(Sheet::$sheet => concat!("打印本页（", $words, "）"),)*
                    Sheet::Review => "打印本页（审核表）",
                    Sheet::Catalogue => "打印本页（佐证材料目录）",
                }
            }
        }
    };
}

page_table!(pages);

/// What a page does with the open draft, from its row: how `App` frames it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDraft {
    /// Edits it: with no draft open, the choice of platform type instead; in a link
    /// preview or a draft of a newer format, read-only, with a line saying why.
    Edits,
    /// Shows it (and exports it): a draft of a newer format is said above the page.
    Reads,
    /// Works aside from it (stored drafts, editions, keys).
    Aside,
}

impl Page {
    fn from_slug(slug: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// What a URL fragment names: a page, and a share payload to preview on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub page: Page,
    /// The share link's payload (`d1.…`), when the fragment carries one.
    pub share: Option<String>,
}

impl Address {
    pub fn page(page: Page) -> Address {
        Address { page, share: None }
    }

    /// Reads a fragment (with or without its `#`). Anything unknown is the first page,
    /// so an old bookmark or a typo still opens the calculator.
    pub fn parse(fragment: &str) -> Address {
        Address::read(fragment).unwrap_or(Address::page(Page::Score))
    }

    /// Reads a fragment; `None` when it names neither a page nor a share link (an
    /// in-page anchor, a typo): a change to such a fragment leaves the page as it is.
    pub fn read(fragment: &str) -> Option<Address> {
        let f = fragment.trim();
        let f = f.strip_prefix('#').unwrap_or(f);
        if f.is_empty() {
            return Some(Address::page(Page::Score));
        }
        if crate::share::is_share_fragment(f) {
            return Some(Address {
                page: Page::Score,
                share: Some(f.to_string()),
            });
        }
        let path = f.strip_prefix('/')?;
        let (slug, rest) = path.split_once('/').unwrap_or((path, ""));
        let page = Page::from_slug(slug)?;
        let share = crate::share::is_share_fragment(rest).then(|| rest.to_string());
        Some(Address { page, share })
    }

    /// The fragment, without `#`: empty for the first page without a preview (its
    /// address is the bare page URL, as before pages had addresses).
    pub fn fragment(&self) -> String {
        match (self.page, &self.share) {
            (Page::Score, None) => String::new(),
            (Page::Score, Some(s)) => s.clone(),
            (p, None) => format!("/{}", p.slug()),
            (p, Some(s)) => format!("/{}/{s}", p.slug()),
        }
    }

    /// For a link in the page (`href`): `#/certify`, or `#/` for the first page.
    pub fn href(&self) -> String {
        match self.fragment() {
            f if f.is_empty() => "#/".to_string(),
            f => format!("#{f}"),
        }
    }
}

/// The edition link's payload in a fragment: `#/editions/e1.…` (any version `e<digits>.`
/// is returned, so that an unknown one is reported rather than ignored).
pub fn edition_payload(fragment: &str) -> Option<String> {
    let f = fragment.trim();
    let f = f.strip_prefix('#').unwrap_or(f);
    let rest = f.strip_prefix("/editions/")?;
    crate::share::is_edition_fragment(rest).then(|| rest.to_string())
}

/// Drops a share payload from the address bar, staying on the page (no history entry).
#[cfg(target_arch = "wasm32")]
pub fn leave_share() {
    let page = Address::parse(&crate::ui::web::fragment()).page;
    crate::ui::web::replace_fragment(&Address::page(page).fragment());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages table read back: one row a page, none named twice, the first page the
    /// main module's and every other one a split point that `lazy::page` shows (a row
    /// without one would be a tab with an empty page: `App` draws only the first page itself).
    #[test]
    fn a_page_is_one_row_named_once() {
        let distinct = |what: &str, names: Vec<&str>| {
            let mut seen = std::collections::HashSet::new();
            for n in &names {
                assert!(seen.insert(*n), "two rows share the {what} {n:?}");
            }
        };
        distinct("slug", Page::ALL.map(Page::slug).to_vec());
        distinct("title", Page::ALL.map(Page::label_zh).to_vec());
        // Each page prints a sheet of its own; the two that are no page's are told apart too.
        let mut labels: Vec<&str> = Page::ALL.map(|p| p.sheet().print_label()).to_vec();
        labels.extend([Sheet::Review.print_label(), Sheet::Catalogue.print_label()]);
        distinct("print button", labels);
        assert_eq!(Page::ALL[0], Page::Score);
        assert_eq!(Page::Score.slug(), "", "the first page is the bare address");
        assert_eq!(Page::Score.sheet(), Sheet::Scores);
        // The first visit's choice of platform type shows on the first page (`App`).
        assert_eq!(Page::Score.draft(), OnDraft::Edits);
        assert_eq!(
            Page::Score.split_points(),
            [] as [&str; 0],
            "in the main module"
        );
        let mut names = Vec::new();
        for p in Page::ALL.into_iter().skip(1) {
            assert!(
                !p.slug().is_empty(),
                "{p:?}: only the first page has no slug"
            );
            let points = p.split_points();
            assert_eq!(
                points.len(),
                2,
                "{p:?}: one split point, the page with its sheet"
            );
            for pair in points.chunks(2) {
                let (name, fetch) = (pair[0], pair[1]);
                // bench/run and the browser tests find the chunks as `split_[a-z_]+-<hash>`.
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{p:?}: the chunk `split_{name}` must be lower case and `_` only"
                );
                assert_eq!(
                    fetch,
                    format!("fetch_{name}"),
                    "{p:?}: the preload is `fetch_<name>`"
                );
                names.push(name);
            }
        }
        distinct("split point", names);
    }

    #[test]
    fn each_sheet_is_built_by_the_chunk_of_the_page_that_prints_it() {
        for p in Page::ALL {
            assert_eq!(p.sheet().page(), Some(p), "{p:?}");
        }
        // 自评材料's second sheet comes with its chunk; the 审核表 with the review's.
        assert_eq!(Sheet::Catalogue.page(), Some(Page::Materials));
        assert_eq!(Sheet::Review.page(), None);
    }

    #[test]
    fn each_page_has_an_address_that_reads_back() {
        for p in Page::ALL {
            let a = Address::page(p);
            assert_eq!(Address::parse(&a.href()), a, "{p:?}");
            assert_eq!(Address::parse(&a.fragment()), a, "{p:?}");
        }
        assert_eq!(Address::page(Page::Certify).href(), "#/certify");
        assert_eq!(Address::page(Page::Score).href(), "#/");
        assert_eq!(Address::page(Page::Materials).href(), "#/materials");
        assert_eq!(Address::parse(""), Address::page(Page::Score));
        assert_eq!(Address::parse("#/"), Address::page(Page::Score));
    }

    #[test]
    fn a_share_link_is_told_apart_by_its_prefix() {
        let a = Address::parse("#d1.eJyrVkrNyy8qSS0qVrJSUEouSs0rSS0qVrJSMDQwUKoFAGSCBzk");
        assert_eq!(a.page, Page::Score);
        assert!(a.share.as_deref().unwrap().starts_with("d1."));
        let deep = Address::parse("#/ranking/d1.abc");
        assert_eq!(deep.page, Page::Cohort);
        assert_eq!(deep.share.as_deref(), Some("d1.abc"));
        assert_eq!(deep.fragment(), "/ranking/d1.abc");
        assert_eq!(Address::parse("d12.xyz").share.as_deref(), Some("d12.xyz"));
        // Not payloads: no digits, no dot, a page name.
        assert_eq!(Address::parse("#d.abc").share, None);
        assert_eq!(Address::parse("#/certify/dx.1").share, None);
        assert_eq!(Address::parse("#/compare").share, None);
    }

    #[test]
    fn an_edition_link_opens_the_editions_page_and_is_not_a_draft_link() {
        let a = Address::parse("#/editions/e1.AAAAbbbb-_");
        assert_eq!(a, Address::page(Page::Editions));
        assert_eq!(
            edition_payload("#/editions/e1.AAAAbbbb-_").as_deref(),
            Some("e1.AAAAbbbb-_")
        );
        assert_eq!(edition_payload("/editions/e7.x").as_deref(), Some("e7.x"));
        for f in [
            "#/editions",
            "#/editions/",
            "#e1.abc",
            "#/certify/e1.abc",
            "#/editions/d1.abc",
            "#/editions/ex.1",
        ] {
            assert_eq!(edition_payload(f), None, "{f}");
        }
        // A draft link still reads as before.
        assert_eq!(Address::parse("#d1.abc").share.as_deref(), Some("d1.abc"));
    }

    #[test]
    fn unknown_addresses_open_the_first_page() {
        for f in ["#main", "#/nope", "#group-A", "#/certify-x"] {
            assert_eq!(Address::parse(f), Address::page(Page::Score), "{f}");
            assert_eq!(Address::read(f), None, "{f}");
        }
    }
}
