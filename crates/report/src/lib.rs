//! copydesk-report: what an audit of a news corpus tells, and how it is shown.
//!
//! - [`flags`]: per-document quality flags — the editorial ones (mostly boilerplate, too short,
//!   truncated, mis-encoded, duplicate of X) and the Gopher and FineWeb rules used to filter
//!   training data, with their published thresholds as defaults.
//! - [`ReportBuilder`]: folds documents, in input order, into bounded-memory tallies (label
//!   shares per source, template lines, reused captions) and, with the clusters, into a
//!   [`Report`] whose every list has a total order, so that the same corpus always gives the
//!   same bytes.
//! - [`html`]: the report as one self-contained page, every piece of corpus text escaped.
//!
//! Pure: records in, values and strings out; the caller does all I/O.

pub mod builder;
pub mod diff;
pub mod flags;
pub mod html;
pub mod model;
pub mod tally;
pub mod text;

pub use builder::{
    BlockView, ClusterInput, DocumentFacts, MemberInput, ReportBuilder, ReportConfig,
};
pub use flags::{Flag, FlagThresholds};
pub use model::Report;
