//! Every integration test of pmpo, in one crate.
//!
//! Each module was once its own `tests/*.rs` crate; as modules of one crate the tests
//! link the library and its dependencies once instead of once per file, which is most of
//! what a cold `cargo test` spends. Most tests run the built binary
//! through `common::Pmpo` the way a user would; `common` holds what they share.
//! Fixture workspaces stay in `tests/fixtures`, snapshots in `tests/it/snapshots`.

mod common;

mod architecture;
mod backlog_md;
mod bad_input;
mod baseline;
mod catalog;
mod charter;
mod cli;
mod codeowners;
mod completions;
mod docs;
mod experience;
mod formats;
mod generate;
mod hostile;
mod html;
mod init;
mod integration_files;
mod matchers;
mod matrix;
mod msrv;
mod organisations;
mod people;
mod rules;
mod samples;
mod schema;
mod scopes;
mod scrum;
mod workflows;

/// A `tests/*.rs` file (or `tests/<dir>/main.rs`) would be a test crate of its own again,
/// linking the library once more, and `tests/snapshots` is where insta no longer looks:
/// both are what a branch written before this layout brings back in a merge.
#[test]
fn every_integration_test_is_a_module_of_this_crate() {
    let tests = common::manifest_dir().join("tests");
    let mut astray = Vec::new();
    for entry in std::fs::read_dir(&tests).expect("tests/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let own_crate = path.extension().is_some_and(|e| e == "rs") || (name != "it" && path.join("main.rs").is_file());
        if own_crate {
            astray.push(format!(
                "tests/{name}: make it a module of tests/it (a `mod` line in main.rs)"
            ));
        }
        // (An empty one left behind by a checkout is harmless.)
        if name == "snapshots" && std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_some()) {
            astray.push(
                "tests/snapshots: insta reads tests/it/snapshots, a file `<test>__<name>.snap` \
                 there is `it__<test>__<name>.snap`"
                    .to_string(),
            );
        }
    }
    assert!(astray.is_empty(), "\n{}", astray.join("\n"));
}
