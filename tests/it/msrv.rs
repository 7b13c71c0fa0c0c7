//! `rust-version` in Cargo.toml is the highest that any locked dependency declares, so
//! that `cargo install --locked pmpo` on the toolchain it names builds, and a dependency
//! update that raises the bar fails CI instead of users' installs.

use std::process::Command;

use serde_json::Value;

/// `1.89`, `1.88.0` → comparable numbers (a missing patch is 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or_else(|_| panic!("{text}")));
    let major = parts.next().unwrap();
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

#[test]
fn rust_version_is_the_highest_a_locked_dependency_declares() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metadata: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (highest, by) = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] != "pmpo")
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?.to_string())))
        .max()
        .expect("dependencies declare a rust-version");
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    assert_eq!(
        ours,
        highest,
        "Cargo.toml says rust-version = \"{}\", but {by} (locked) declares {highest:?}",
        env!("CARGO_PKG_RUST_VERSION")
    );
}

#[test]
fn the_docs_name_the_same_toolchain() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let wanted = env!("CARGO_PKG_RUST_VERSION");
    for (file, phrase) in [
        ("README.md", format!("({wanted} or newer)")),
        ("action.yml", format!("({wanted} or later)")),
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(text.contains(&phrase), "{file} should say {phrase}");
    }
}

#[test]
fn versions_compare_as_numbers() {
    assert!(version("1.89") > version("1.88.0"));
    assert!(version("1.100") > version("1.99.9"));
    assert_eq!(version("1.89"), version("1.89.0"));
}
