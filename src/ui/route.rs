//! Page addresses: a hash router. Plain Rust (tested natively); the browser side is
//! [`crate::ui::web`]'s `fragment` / `go_to_fragment` / `replace_fragment`.
//!
//! The four pages live in the URL fragment, so an address works from any sub-path of a
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

/// The pages, one row each: the page, its address (`#/<slug>`; empty for the first page)
/// and its title (the tab's words), in the tabs' order. A page loaded on first use has its
/// chunks, its view and its sheet in one row of `ui/lazy.rs` too (that table names the
/// pages' folders, which sit above this module).
macro_rules! pages {
    ($($(#[$doc:meta])* $page:ident $slug:literal $title:literal,)*) => {
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
        }
    };
}

pages! {
    /// 绩效评分: the rubric form and the score summary.
    Score "" "绩效评分",
    /// 认定条件与申请表: Arts. 10–13, 17 and 附表1, and the grade outlook.
    Certify "certify" "认定条件与申请表",
    /// 等次排名: a cohort of drafts ranked (Arts. 31–32).
    Cohort "ranking" "等次排名",
    /// 年度对比: two drafts side by side.
    Compare "compare" "年度对比",
    /// 自评材料: the 文字报告, the 佐证材料目录, Word and Excel export (Art. 30(二)).
    Materials "materials" "自评材料",
    /// 评分标准: the editions held, importing and exporting them (issue 13).
    Editions "editions" "评分标准",
    /// 签名与名录: signing keys, the 审核人名录, the 公布 (issue 21).
    Signing "signing" "签名与名录",
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
