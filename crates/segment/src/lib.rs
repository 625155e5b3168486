//! copydesk-segment: labels every block of a news page — plain text or HTML —
//! as headline, byline, dateline, body, caption, credit, related or
//! boilerplate, with the reasons; counts a corpus in bounded memory so that
//! template lines and reused captions are recognised; splits body text into
//! sentences.
//!
//! Pure: strings in, blocks out; no I/O, no global state.

pub mod block;
pub mod features;
mod html;
pub mod label;
mod labeller;
pub mod lexicon;
mod phrases;
mod plainrules;
mod plaintext;
mod segmenter;
pub mod sentences;
pub mod stats;
pub mod stopwords;
mod swar;
mod text;
mod unit;
pub mod words;

pub use block::{kept_text, Block, Reason, Reasons};
pub use label::{Label, UnknownLabel};
pub use labeller::CorpusRules;
pub use segmenter::{DocContext, Input, PageLines, ParsedPage, Segmenter, SegmenterConfig};
pub use sentences::split_sentences;
pub use stats::{CorpusStats, StatsConfig, StatsError};
pub use stopwords::Language;
