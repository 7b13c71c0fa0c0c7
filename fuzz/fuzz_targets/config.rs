//! `pmpo.yaml` is read before anything else and its errors are printed with a code
//! frame whatever `--format` says: any text must give a configuration or an error, and
//! the error's rendering must neither panic (a 70,000-column line once did) nor carry
//! a control character from the file to the terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmpo::api::Config;
use pmpo::api::FileId;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let names = pmpo::api::rule_names();
    if let Err(problems) = Config::parse(text, FileId(0), &names) {
        let err = pmpo::api::ConfigError::invalid("pmpo.yaml", text, &problems);
        let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        let mut out = String::new();
        let _ = handler.render_report(&mut out, &err);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached the rendered error: {out:?}"
        );
    }
});
