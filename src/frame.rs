//! Code frames in bounded time: a per-file line index, and a small window of the text
//! around a finding's spans, cut to a few lines and a few hundred columns.
//!
//! miette finds lines by scanning its source from the first byte, and prints every
//! column of a line. Given a whole file that makes each frame cost the size of the
//! file (20,000 findings in one charter took minutes) and a 70,000-column line made
//! the renderer panic. So no frame ever sees a whole file: [`Window::new`] copies out
//! the lines it needs (found by binary search in a [`LineIndex`] built once per file),
//! cuts a long line around the span with `…` on each cut side, sanitises the copy,
//! and maps each span into it. [`Window`] implements miette's `SourceCode` reporting
//! the real line numbers (and the real column of a span's start), so the frame reads as
//! if it had been given the file.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::escape::terminal_source;

/// Lines of context miette shows around a span (its default).
const CONTEXT: usize = 1;
/// The most lines one frame shows; a span reaching further is cut at the last.
pub(crate) const MAX_LINES: usize = 40;
/// A line longer than this (in bytes) is cut around the span on it.
const MAX_COLUMNS: usize = 240;
/// How much of a cut line is kept before the span's start.
const BEFORE: usize = 60;
const CUT: &str = "…";

/// Where each line starts, and whether it is plain ASCII (so a column is a byte count).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut plain = true;
        for (i, b) in text.bytes().enumerate() {
            plain &= b.is_ascii();
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(plain);
                plain = true;
            }
        }
        ascii.push(plain);
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// The 0-based line holding byte `offset` (the last line past the end).
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Bytes of line `line`, without its line break.
    fn range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(self.len, |&s| s);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if self.ascii[line] {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        let n = |v: usize| crate::yaml::sat_u32(v);
        (n(line + 1), n(column + 1))
    }
}

/// The nearest character boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A few lines of one file, ready for miette.
#[derive(Debug)]
pub struct Window {
    name: String,
    text: String,
    /// The 0-based file line of the window's first line.
    first: usize,
    /// Per window line: what to add to a byte column on it to get the column in the
    /// file (the bytes cut off its start, less the marker put there).
    shift: Vec<isize>,
}

/// One window line being built: what of the file line it keeps.
struct Kept {
    start: usize,
    end: usize,
    cut_before: bool,
    cut_after: bool,
    line_start: usize,
}

/// The file lines a window shows (0-based, inclusive), and the last line a span may
/// start on to be shown in it.
struct Rows {
    first: usize,
    last: usize,
    last_allowed: usize,
}

/// Where a kept piece of a file line sits: its file offset, its offset in the window
/// text, and its length.
struct Piece {
    file: usize,
    window: usize,
    len: usize,
}

impl Rows {
    /// The lines around the first span (the anchor) and the spans that start near it:
    /// [`CONTEXT`] lines on each side, at most [`MAX_LINES`] in all.
    fn around(index: &LineIndex, spans: &[(usize, usize)]) -> Rows {
        let anchor = spans.first().map_or(0, |s| index.line_of(s.0));
        let first = anchor.saturating_sub(CONTEXT);
        let mut rows = Rows {
            first,
            last: anchor,
            last_allowed: first + MAX_LINES - 1,
        };
        let last = spans
            .iter()
            .filter(|s| rows.fits(index, s))
            .map(|s| index.line_of(s.1.saturating_sub(1).max(s.0)))
            .fold(anchor, usize::max);
        rows.last = (last + CONTEXT).min(rows.last_allowed).min(index.starts.len() - 1);
        rows
    }

    /// Whether the span (start and end offsets) starts on a line the window may show.
    fn fits(&self, index: &LineIndex, s: &(usize, usize)) -> bool {
        let line = index.line_of(s.0);
        line >= self.first && line <= self.last_allowed
    }
}

impl Kept {
    /// What the window keeps of file line `line`: all of it, or, when it is longer than
    /// [`MAX_COLUMNS`], a piece around the first shown span that starts on it.
    fn of(text: &str, index: &LineIndex, line: usize, rows: &Rows, spans: &[(usize, usize)]) -> Kept {
        let (start, end) = index.range(text, line);
        let line_start = index.starts[line];
        if end - start <= MAX_COLUMNS {
            return Kept {
                start,
                end,
                cut_before: false,
                cut_after: false,
                line_start,
            };
        }
        // Centre on the first span that starts on this line, else its start.
        let focus = spans
            .iter()
            .filter(|s| rows.fits(index, s))
            .map(|s| s.0)
            .find(|&o| o >= start && o <= end)
            .unwrap_or(start);
        let from = floor(text, focus.saturating_sub(BEFORE).max(start));
        let to = floor(text, (from + MAX_COLUMNS).min(end));
        Kept {
            start: from,
            end: to,
            cut_before: from > start,
            cut_after: to < end,
            line_start,
        }
    }
}

/// A span (byte offset and length) moved inside the text, its end not before its start.
fn clamp(text: &str, (offset, len): (usize, usize)) -> (usize, usize) {
    let o = floor(text, offset.min(text.len()));
    (o, floor(text, o.saturating_add(len).min(text.len())).max(o))
}

/// The window text of the kept lines (sanitised, each cut side marked), each line's
/// column shift, and where each kept piece went.
fn draw(text: &str, kept: &[Kept]) -> (String, Vec<isize>, Vec<Piece>) {
    let mut out = String::new();
    let mut shift = Vec::with_capacity(kept.len());
    let mut pieces = Vec::with_capacity(kept.len());
    for k in kept {
        if k.cut_before {
            out.push_str(CUT);
        }
        let at = out.len();
        // Line breaks were cut off the piece, so a `\r` left in it is a lone one,
        // which a terminal takes as "back to column 1": a space, like the rest.
        out.push_str(&terminal_source(&text[k.start..k.end]).replace('\r', " "));
        pieces.push(Piece {
            file: k.start,
            window: at,
            len: k.end - k.start,
        });
        if k.cut_after {
            out.push_str(CUT);
        }
        out.push('\n');
        let marker = if k.cut_before { CUT.len() } else { 0 };
        shift.push(isize::try_from(k.start - k.line_start).unwrap_or(0) - isize::try_from(marker).unwrap_or(0));
    }
    (out, shift, pieces)
}

/// The window offset of file offset `offset`: its place in the piece holding it, the
/// start of the next piece when it falls in a cut, the window's last byte past them all.
fn window_offset(pieces: &[Piece], window_len: usize, offset: usize) -> usize {
    for p in pieces {
        if offset < p.file {
            return p.window;
        }
        if offset <= p.file + p.len {
            return p.window + (offset - p.file);
        }
    }
    window_len.saturating_sub(1)
}

impl Window {
    /// The window of `text` that shows `spans` (byte offset and length), with each span
    /// mapped into it; `None` for a span too far from the first to share its frame.
    pub(crate) fn new(
        name: String,
        text: &str,
        index: &LineIndex,
        spans: &[(usize, usize)],
    ) -> (Window, Vec<Option<(usize, usize)>>) {
        let spans: Vec<(usize, usize)> = spans.iter().map(|&s| clamp(text, s)).collect();
        let rows = Rows::around(index, &spans);
        let kept: Vec<Kept> = (rows.first..=rows.last)
            .map(|line| Kept::of(text, index, line, &rows, &spans))
            .collect();
        let (out, shift, pieces) = draw(text, &kept);
        let mapped = spans
            .iter()
            .map(|s| {
                rows.fits(index, s).then(|| {
                    let a = window_offset(&pieces, out.len(), s.0);
                    let b = window_offset(&pieces, out.len(), s.1).max(a);
                    (a, b - a)
                })
            })
            .collect();
        (
            Window {
                name,
                text: out,
                first: rows.first,
                shift,
            },
            mapped,
        )
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }
}

/// The lines `span` touches, from the start of its first to the end of its last (a span
/// ending just after a newline ends on the line before).
fn whole_lines(text: &[u8], span: &SourceSpan) -> SourceSpan {
    let start = span.offset().min(text.len());
    let end = (span.offset() + span.len()).min(text.len()).max(start);
    let line_start = text[..start].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let last = if end > start && text[end - 1] == b'\n' {
        end - 1
    } else {
        end
    };
    let line_end = text[last..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |p| last + p);
    SourceSpan::from((line_start, line_end.saturating_sub(line_start)))
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Compact frames: the lines the span touches, whole, and no context around them
        // (a request with context gets the whole lines instead).
        let whole;
        let with_context = before > 0 || after > 0;
        let span = if with_context {
            whole = whole_lines(self.text.as_bytes(), span);
            &whole
        } else {
            span
        };
        let inner = self.text.as_str().read_span(span, 0, 0)?;
        let line = inner.line();
        // Only a span read without context starts mid-line; map its column back.
        let column = if with_context {
            inner.column()
        } else {
            let shift = self.shift.get(line).copied().unwrap_or(0);
            usize::try_from(isize::try_from(inner.column()).unwrap_or(0) + shift).unwrap_or(0)
        };
        let data: &'a [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            *inner.span(),
            line + self.first,
            column,
            inner.line_count() + self.first,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(window: &Window, spans: &[Option<(usize, usize)>]) -> String {
        #[derive(Debug)]
        struct D<'w>(&'w Window, Vec<miette::LabeledSpan>);
        impl std::fmt::Display for D<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("d")
            }
        }
        impl std::error::Error for D<'_> {}
        impl miette::Diagnostic for D<'_> {
            fn source_code(&self) -> Option<&dyn SourceCode> {
                Some(self.0)
            }
            fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
                Some(Box::new(self.1.iter().cloned()))
            }
        }
        let labels = spans
            .iter()
            .flatten()
            .map(|&(o, l)| miette::LabeledSpan::new(Some("here".into()), o, l))
            .collect();
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &D(window, labels))
            .unwrap();
        out
    }

    #[test]
    fn positions_from_the_index() {
        let text = "ab\ncé d\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, 6), (2, 3), "columns in characters");
        assert_eq!(index.position(text, 9), (3, 1));
        assert_eq!(index.position(text, 10), (4, 1));
        assert_eq!(index.position(text, 99), (4, 2), "past the end is the end");
    }

    #[test]
    fn a_frame_shows_real_line_numbers_and_columns() {
        let text: String = (1..=500).map(|i| format!("line {i}\n")).collect::<Vec<_>>().concat();
        let index = LineIndex::new(&text);
        let at = text.find("line 300").unwrap() + 5;
        let (w, spans) = Window::new("f.md".into(), &text, &index, &[(at, 3)]);
        let shown = render(&w, &spans);
        assert!(shown.contains("[f.md:300:6]"), "{shown}");
        // Compact: the span's line, whole, and no context lines around it.
        assert!(shown.contains("300 │ line 300"), "{shown}");
        assert!(!shown.contains("line 299") && !shown.contains("line 301"), "{shown}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_at_any_column() {
        for column in [0, 10, 5_000, 65_535, 69_990, 70_000] {
            let mut text = "x".repeat(70_000);
            text.push('\n');
            let (w, spans) = Window::new("f.md".into(), &text, &LineIndex::new(&text), &[(column, 4)]);
            assert!(w.len() < 2 * MAX_COLUMNS, "cut to a window");
            let shown = render(&w, &spans);
            assert!(
                shown.contains(&format!("[f.md:1:{}]", column.min(70_000) + 1)),
                "{shown}"
            );
            assert!(shown.lines().all(|l| l.chars().count() < 400), "{shown}");
        }
    }

    #[test]
    fn far_spans_are_left_out_and_text_is_sanitised() {
        let text: String = (1..=200)
            .map(|i| format!("l{i} \u{1b}]0;x\u{7}\n"))
            .collect::<Vec<_>>()
            .concat();
        let index = LineIndex::new(&text);
        let (w, spans) = Window::new("f".into(), &text, &index, &[(0, 2), (text.len() - 4, 2)]);
        assert!(spans[0].is_some() && spans[1].is_none());
        assert!(!w.text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
