//! The first visit (issue 15): a choice of platform type, not an empty 综合性 draft made
//! behind the user's back. Shown on 绩效评分 and 认定条件 while no draft is open; the
//! draft is created when a type is chosen, and takes the platform's name once it is
//! filled in (`store`).

use crate::domain::rubric::{self, RUBRIC_IDS};
use crate::domain::Draft;
use crate::ui::state::Drafts;
use leptos::prelude::*;

#[component]
pub fn StartChooser() -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    view! {
        <section class="card start" data-testid="start" aria-labelledby="start-h">
            <h2 id="start-h">"开始：选择平台类型"</h2>
            <p class="lead">
                "本工具按《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）的三种平台类型分别评分。请选择您的平台类型，新建一份草稿（之后仍可在“平台类型”中更改）。"
            </p>
            <div class="start-choices">
                {RUBRIC_IDS
                    .iter()
                    .filter_map(|id| rubric::latest(id))
                    .map(|r| {
                        let id = r.id.clone();
                        view! {
                            <button
                                type="button"
                                class="start-choice"
                                data-testid=format!("start-{}", r.id)
                                on:click=move |_| {
                                    drafts.add_and_open("新草稿", &Draft::new(&id));
                                }
                            >
                                <strong>{r.platform_type.clone()}</strong>
                                <span class="appendix">
                                    {format!("{}：{}", r.appendix, r.title)}
                                </span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="muted">
                "也可以在上方“导入文件”打开已有草稿。所有数据只保存在本浏览器中。"
            </p>
        </section>
    }
}
