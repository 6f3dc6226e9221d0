//! What several pages share, below every page: the field widget (both scoring forms), a
//! link to copy, the draft pickers' options, the printed sheets' head.

pub mod copy_link;
pub mod draft_options;
pub mod field;
pub mod sheet;

pub use copy_link::CopyLink;
pub use draft_options::DraftOptions;
