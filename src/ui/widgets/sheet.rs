//! What every printed sheet shares: the platform's particulars at its head, blank cells.

use crate::domain::draft::Platform;
use leptos::prelude::*;

/// A blank cell prints as a full-width space, to be written in by hand.
pub fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        "　".to_string()
    } else {
        s.trim().to_string()
    }
}

/// The platform's particulars at the head of a printed sheet (得分表, 审核表): name, type,
/// district, level, year, and the sheet's own last pair (填表日期, 审核阶段).
#[component]
pub fn SheetMeta(
    platform: Platform,
    platform_type: String,
    level: &'static str,
    last: (&'static str, String),
) -> impl IntoView {
    view! {
        <table class="meta">
            <tbody>
                <tr>
                    <th>"平台名称"</th>
                    <td>{or_blank(&platform.name)}</td>
                    <th>"平台类型"</th>
                    <td>{platform_type}</td>
                </tr>
                <tr>
                    <th>"所在区县"</th>
                    <td>{or_blank(&platform.district)}</td>
                    <th>"评估层级"</th>
                    <td>{level}</td>
                </tr>
                <tr>
                    <th>"评估年度"</th>
                    <td>{or_blank(&platform.year)}</td>
                    <th>{last.0}</th>
                    <td>{last.1}</td>
                </tr>
            </tbody>
        </table>
    }
}
