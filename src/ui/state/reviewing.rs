//! The stage under review (Art. 30) and every stage's comparison: a context created by
//! `App`, read by the draft bar, the scoring page's summary, the review page and the 审核表.

use crate::domain::review as rv;
use crate::domain::{Draft, ReviewReport, Stage};
use crate::ui::web;
use leptos::prelude::*;

/// Which stage is under review (`None`: the platform's own form), and the comparison of
/// every stage. A context, created once by `App`.
#[derive(Clone, Copy)]
pub struct Reviewing {
    pub stage: RwSignal<Option<Stage>>,
    /// A way into a review asked for from elsewhere (the phone's 草稿操作 menu, where the
    /// two 以…身份审核 buttons sit instead of on the form): the form's [`ReviewChoice`]
    /// asks for the reviewer and date as if its own button had been pressed.
    pub request: RwSignal<Option<Stage>>,
    /// `None` when the draft has no review layers (or an unknown rubric).
    pub report: Memo<Option<ReviewReport>>,
}

impl Reviewing {
    pub fn new(draft: RwSignal<Draft>, trust: crate::ui::state::held::TrustVersion) -> Reviewing {
        // A signed layer on screen fetches the signature check (the signing chunk): until
        // it is in, the layer reads 正在核验签名….
        Effect::new(move |_| {
            if draft.with(|d| d.reviews.iter().any(|l| l.signature.is_some())) {
                crate::ui::state::held::need(trust);
            }
        });
        let report = Memo::new(move |_| {
            trust.track();
            draft.with(|d| {
                if d.reviews.is_empty() {
                    None
                } else {
                    rv::review(d).ok()
                }
            })
        });
        Reviewing {
            stage: RwSignal::new(None),
            request: RwSignal::new(None),
            report,
        }
    }

    /// Reopens the review remembered for the draft now open (none for a link preview).
    pub fn follow(self, current: Option<String>) {
        let stage = current
            .and_then(|id| web::recall(&crate::store::reviewing_key(&id)))
            .and_then(|key| Stage::from_key(&key))
            .filter(|s| *s != Stage::SelfAssessed);
        if self.stage.get_untracked() != stage {
            self.stage.set(stage);
        }
    }

    pub(crate) fn open(self, id: &str, stage: Stage) {
        web::remember(&crate::store::reviewing_key(id), Some(stage.key()));
        self.stage.set(Some(stage));
    }

    /// Back to the platform's form (the review layer stays in the draft).
    pub fn close(self, id: Option<String>) {
        if let Some(id) = id {
            web::remember(&crate::store::reviewing_key(&id), None);
        }
        self.stage.set(None);
    }
}
