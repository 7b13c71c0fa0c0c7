//! Every integration test of pmpo, in one crate.
//!
//! Each module was once its own `tests/*.rs` crate; as modules of one crate the tests
//! link the library and its dependencies once instead of once per file, which is most of
//! what a cold `cargo test` spends. Most tests run the built binary
//! (`env!("CARGO_BIN_EXE_pmpo")`) the way a user would; `common` holds what they share.
//! Fixture workspaces stay in `tests/fixtures`, snapshots in `tests/it/snapshots`.

mod common;

mod backlog_md;
mod bad_input;
mod baseline;
mod catalog;
mod charter;
mod cli;
mod completions;
mod docs;
mod experience;
mod formats;
mod generate;
mod hostile;
mod init;
mod integration_files;
mod matrix;
mod msrv;
mod rules;
mod schema;
mod scopes;
mod scrum;
