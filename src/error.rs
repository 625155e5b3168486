//! How the binary's failures map to exit codes.

use std::fmt;

/// Bad input under `--on-error fail`, or bad usage found after argument parsing: exit code 2.
/// Anything else that fails is exit code 1.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

/// The exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.chain().any(|e| {
        e.downcast_ref::<BadInput>().is_some()
            || e.downcast_ref::<copydesk_corpus::OpenError>().is_some()
    }) {
        EXIT_BAD_INPUT
    } else {
        EXIT_FAILURE
    }
}
