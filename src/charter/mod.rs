//! The onboarding charter of one role: one Markdown page that tells the person who
//! takes the role what they own, what they do, whom they consult, who owns everything
//! else, and what `pmpo check` has to say about the role.
//!
//! It is rendered from the model, the index and the findings, never from files, so
//! that the same workspace gives the same bytes (no date, no path given on the command
//! line): a committed charter can be checked for drift. Every value from a document
//! goes through [`crate::escape`]; the role's prose is kept as Markdown, with its
//! headings moved under the charter's own, raw HTML shown as text and an unclosed code
//! fence closed, so that it cannot swallow or restyle the sections after it.

mod facts;
mod focus;
mod layout;
mod prose;

pub(crate) use layout::MARKER;

use crate::finding::Finding;
use crate::index::Index;
use crate::model::{Model, Role};

/// Everything [`render`] reads.
pub(crate) struct Input<'a> {
    pub model: &'a Model,
    pub index: &'a Index<'a>,
    pub findings: &'a [Finding],
    pub role: &'a Role,
}

/// The charter of `input.role`, as Markdown: its facts, then their layout.
#[must_use]
pub(crate) fn render(input: &Input<'_>) -> String {
    let charter = facts::Charter::of(input.model, input.index, input.findings, input.role);
    layout::render(input.model, &charter)
}
