//! How terminal output is drawn (colour, width, how much is said), decided once by the
//! command from its flags and the terminal, and read by every layout that draws for a
//! terminal: the `human` report and the matrix table. It lives apart from both so that
//! neither imports the other.

/// How the human emitter and the matrix table draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
}
