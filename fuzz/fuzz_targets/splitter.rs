//! The frontmatter splitter on arbitrary text: never panics, and its ranges are
//! ordered, on character boundaries, and count lines the way the file does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmpo::api::{Frontmatter, split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Frontmatter::Present(s) = split(text) {
        assert!(s.yaml_start <= s.yaml_end && s.yaml_end <= s.body_start && s.body_start <= text.len());
        assert!(text.is_char_boundary(s.yaml_start) && text.is_char_boundary(s.body_start));
        let lines = text[..s.body_start].matches('\n').count() + 1;
        assert_eq!(s.body_line as usize, lines);
    }
});
