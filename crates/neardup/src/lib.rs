//! Near-duplicate detection for news corpora: which pages are copies of one
//! underlying article (syndicated, abridged, re-templated), which is kept.
//!
//! The core is pure (SPEC §9): body blocks in, fingerprints out; fingerprints
//! in, clusters out. No I/O, no global state, deterministic whatever the
//! thread count (parallel stages collect in input order; every sort is total).
//!
//! ```
//! use copydesk_neardup::{detect, DocRef, Fingerprinter, Keep, Kind, Params};
//! let params = Params::default();
//! let mut f = Fingerprinter::new(params.fingerprint);
//! let story = "The central bank raised its key rate by half a point on Tuesday, \
//!     citing inflation that has run above its target for a year, and said more \
//!     increases could follow if prices kept rising through the summer months.";
//! let fps = [f.fingerprint(&[story], &[""]), f.fingerprint(&[story], &[""]), f.fingerprint(&["Rain is expected."], &[""])];
//! let docs: Vec<DocRef> = fps.iter().map(DocRef::bare).collect();
//! let (assignments, _stats) = detect(&docs, &params, Keep::First);
//! assert_eq!(assignments[1].representative, 0);
//! assert_eq!(assignments[1].kind, Kind::Copy);
//! assert_eq!(assignments[2].kind, Kind::Original);
//! ```

pub mod align;
pub mod anchors;
pub mod cluster;
pub mod detect;
pub mod fingerprint;
pub mod hamming_index;
pub mod overlap;
mod quotes;
mod radix;
pub mod simhash;
#[cfg(test)]
mod test_rng;
pub mod tokens;
pub mod verify;

pub use align::{align, Passage};
pub use anchors::AnchorParams;
pub use cluster::Keep;
pub use detect::{candidates, detect, Assignment, DocRef, Kind, Params, Spread, Stats};
pub use fingerprint::{Basis, Fingerprint, FingerprintParams, Fingerprinter, ShingleHash};
pub use hamming_index::TableLayout;
pub use overlap::Overlap;
pub use simhash::hamming;
pub use verify::{check, verify, Rejection, Relation, Verdict, VerifyParams};
