//! `pmpo completions SHELL` through the binary.

use crate::common::{Pmpo, Run};

fn completions(shell: &str) -> Run {
    Pmpo::new(["completions", shell]).run()
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = completions(shell);
        assert_eq!(out.code(), 0, "{shell}");
        let script = out.stdout();
        for word in ["check", "explain", "schema", "completions", "write-baseline"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let bash = completions("bash").stdout();
    assert!(bash.contains("complete -F _pmpo"), "bash registers the function");
    assert!(
        bash.contains("human concise json sarif github junit markdown gitlab"),
        "`--format F[=FILE]` still completes the format names"
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = completions("tcsh");
    assert_eq!(out.code(), 2);
    assert!(out.stdout_bytes().is_empty());
}
