//! The characters no output carries raw, and the folding of text onto one line: what
//! every target's escaping starts from.

/// One line of text: line breaks, tabs and other control characters (bidirectional
/// overrides too) become single spaces, and the ends are trimmed.
#[must_use]
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_invisible(c) && !c.is_whitespace() && !is_bidi_control(c) {
            // Shows nothing: dropped rather than made a space.
            continue;
        }
        if c.is_control() || c.is_whitespace() || is_bidi_control(c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `c` must never reach any output raw (see the note of the `escape` module): a control
/// character, a bidirectional control, an invisible (default-ignorable) character, or
/// U+2028/U+2029.
#[must_use]
pub(crate) fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// Characters that show nothing (Unicode's default-ignorable code points) and the line
/// and paragraph separators: `da\u{200b}na` looks like `dana`.
#[must_use]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// The bidirectional formatting characters (embeddings, overrides, isolates and marks)
/// that can make text display in another order than it is read: "Trojan Source".
pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}
