//! `pmpo completions SHELL` through the binary.

use std::process::Command;

fn completions(shell: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pmpo"))
        .args(["completions", shell])
        .output()
        .unwrap()
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = completions(shell);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["check", "explain", "schema", "completions", "write-baseline"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let bash = String::from_utf8(completions("bash").stdout).unwrap();
    assert!(bash.contains("complete -F _pmpo"), "bash registers the function");
    assert!(
        bash.contains("human concise json sarif github junit markdown gitlab"),
        "`--format F[=FILE]` still completes the format names"
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = completions("tcsh");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
