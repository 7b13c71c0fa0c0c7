//! `pmpo codeowners`: the CODEOWNERS block from the charters (CLI.md).

use crate::common::{self, Pmpo, Workspace};

/// GitHub's CODEOWNERS syntax for the lines pmpo writes: a comment, or a path anchored at
/// the root followed by owners, each an `@account`, `@org/team` or an email address.
fn github_accepts(block: &str) -> Result<(), String> {
    for line in block.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.split(' ').filter(|p| !p.is_empty()).peekable();
        let path = parts.next().ok_or(format!("empty line: {line:?}"))?;
        if !path.starts_with('/') || path.contains(['[', ']', '!']) {
            return Err(format!("not an anchored path CODEOWNERS supports: {line:?}"));
        }
        if parts.peek().is_none() {
            return Err(format!("no owner: {line:?}"));
        }
        for owner in parts {
            let account = owner.strip_prefix('@').is_some_and(|a| {
                !a.is_empty()
                    && a.split('/').count() <= 2
                    && a.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
            });
            let email = owner
                .split_once('@')
                .is_some_and(|(u, d)| !u.is_empty() && d.contains('.'));
            if !account && !email {
                return Err(format!("not an owner: {owner:?} in {line:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn the_scaled_example_gives_lines_github_accepts() {
    let o = Pmpo::new(["codeowners"])
        .arg(common::manifest_dir().join("examples/scaled"))
        .run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let block = o.stdout();
    github_accepts(&block).unwrap();
    insta::assert_snapshot!("codeowners_scaled", block);
    // The vision and the roadmap are the product manager's; the payments team's backlog
    // folder is its product owner's, one line for the folder.
    assert!(block.contains("/examples/scaled/vision.md @ines-duarte\n"), "{block}");
    assert!(
        block.contains("/examples/scaled/backlog/payments/* @dana-reyes\n"),
        "{block}"
    );
    // A charter: its own holders and those of the role it reports to.
    assert!(
        block.contains("/examples/scaled/roles/cart-po.md @ines-duarte @li-wei\n"),
        "{block}"
    );
}

#[test]
fn a_round_trip_keeps_hand_written_lines_and_check_keeps_it_in_step() {
    let ws = Workspace::copy_of("examples/scaled");
    let mine = "# Our own rules\n*.rs @acme/rustaceans\n/docs/ @acme/writers\n";
    ws.write(".github/CODEOWNERS", mine);
    let file = ws.arg(".github/CODEOWNERS");
    let codeowners = |args: &[&str]| Pmpo::new(["codeowners"]).args(args).arg(ws.root()).run();
    let o = codeowners(&["-o", &file]);
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let once = ws.read(".github/CODEOWNERS");
    assert!(once.starts_with(mine), "hand-written lines kept byte for byte:\n{once}");
    assert!(once.contains("# BEGIN pmpo codeowners\n") && once.ends_with("# END pmpo codeowners\n"));
    github_accepts(&once[once.find("# BEGIN").unwrap()..]).unwrap();
    // A second run changes nothing; --check agrees.
    assert_eq!((codeowners(&["-o", &file])).code(), 0);
    assert_eq!(ws.read(".github/CODEOWNERS"), once);
    assert_eq!((codeowners(&["--check", "-o", &file])).code(), 0);
    // A charter changes: --check fails with a diff and writes nothing.
    let charter = ws
        .read("roles/cart-po.md")
        .replace("holders: [\"li.wei\"]", "holders: [dana]");
    ws.write("roles/cart-po.md", charter);
    let o = codeowners(&["--check", "-o", &file]);
    assert_eq!(o.code(), 1, "{}", o.stdout());
    assert!(
        o.stdout()
            .contains("-/roles/cart-po.md @ines-duarte @li-wei\n+/roles/cart-po.md @dana-reyes @ines-duarte"),
        "{}",
        o.stdout()
    );
    assert_eq!(ws.read(".github/CODEOWNERS"), once, "--check writes nothing");
    // Regenerating puts it back in step.
    assert_eq!((codeowners(&["-o", &file])).code(), 0);
    assert_eq!((codeowners(&["--check", "-o", &file])).code(), 0);
    assert!(ws.read(".github/CODEOWNERS").starts_with(mine));
}

#[cfg(unix)]
#[test]
fn a_link_is_never_written_through() {
    let ws = Workspace::copy_of("examples/scaled");
    let elsewhere = Workspace::empty();
    elsewhere.write("CODEOWNERS", "theirs\n");
    std::os::unix::fs::symlink(elsewhere.path("CODEOWNERS"), ws.path("CODEOWNERS")).unwrap();
    let o = Pmpo::new(["codeowners", "-o"])
        .arg(ws.path("CODEOWNERS"))
        .arg(ws.root())
        .run();
    assert_eq!(o.code(), 2, "{}", o.stderr());
    assert_eq!(elsewhere.read("CODEOWNERS"), "theirs\n");
}

#[test]
fn an_owner_without_account_or_email_is_named_in_a_comment_and_on_stderr() {
    let ws = Workspace::copy_of("examples/scaled");
    let people = ws.read("people.yaml").replace("    github: li-wei\n", "");
    ws.write("people.yaml", people);
    let o = Pmpo::new(["codeowners"]).arg(ws.root()).run();
    assert_eq!(o.code(), 0);
    let block = o.stdout();
    assert!(
        block.contains("# /roles/cart-po.md: no GitHub account or email for li.wei"),
        "{block}"
    );
    assert!(block.contains("\n/roles/cart-po.md @ines-duarte\n"), "{block}");
    assert!(
        o.stderr().contains("warning: no GitHub account or email for li.wei"),
        "{}",
        o.stderr()
    );
    github_accepts(&block).unwrap();
}
