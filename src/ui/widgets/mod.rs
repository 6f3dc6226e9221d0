//! What several pages share, below every page: the draft pickers' options, the printed
//! sheets' head.

pub mod draft_options;
pub mod sheet;

pub use draft_options::DraftOptions;
