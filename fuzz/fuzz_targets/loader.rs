//! One document's bytes through the loader as every kind, Markdown and YAML: whatever
//! the bytes, the result is a document or problems, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmpo::api::parse_document as parse;
use pmpo::api::{FileId, Kind};

fuzz_target!(|data: &[u8]| {
    for kind in [None, Some(Kind::Role), Some(Kind::Vision), Some(Kind::Roadmap), Some(Kind::BacklogItem), Some(Kind::Backlog), Some(Kind::Catalog), Some(Kind::DefinitionOfDone), Some(Kind::People)] {
        let _ = parse(FileId(0), "roles/x.md", data, kind, None);
        let _ = parse(FileId(0), "backlog/x.yaml", data, kind, None);
    }
});
