//! What the fuzz targets share: the invariants of tests/support/invariants.rs
//! (the same file the property tests use).

#[path = "../../tests/support/invariants.rs"]
mod invariants;

pub use invariants::*;
