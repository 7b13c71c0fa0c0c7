//! Calendar dates for waivers and people's `until`: ISO `YYYY-MM-DD` and today's date in
//! UTC.
//!
//! A few small functions do not justify a date-time dependency.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parse `YYYY-MM-DD`, rejecting days a month does not have.
    #[must_use]
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today in UTC; `PMPO_TODAY=YYYY-MM-DD` fixes it for reproducible runs.
    ///
    /// # Errors
    /// `PMPO_TODAY` is set but is not a date: a run that silently used the real date
    /// instead would give different results than the one asked for.
    pub fn today() -> Result<Date, crate::error::ToolError> {
        // Set but empty counts as unset, as for `NO_COLOR`.
        if let Some(value) = std::env::var_os("PMPO_TODAY").filter(|v| !v.is_empty()) {
            return value
                .to_str()
                .and_then(Date::parse)
                .ok_or_else(|| crate::error::ToolError::Usage {
                    message: format!(
                        "PMPO_TODAY is `{}`, which is not a date",
                        crate::escape::terminal(&value.to_string_lossy())
                    ),
                    help: Some("set it as YYYY-MM-DD, such as 2026-03-01, or unset it to use today's date".into()),
                });
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ok(Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0)))
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm, the inverse of
    /// [`Date::from_days`]): how far apart two dates are.
    #[must_use]
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    #[must_use]
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_and_from_days_are_inverse() {
        for d in [-1000, -1, 0, 1, 59, 60, 365, 10_957, 20_454, 20_820, 60_000] {
            assert_eq!(super::Date::from_days(d).days(), d, "{d}");
        }
        let a = super::Date::parse("2026-12-07").unwrap();
        let b = super::Date::parse("2027-01-06").unwrap();
        assert_eq!(b.days() - a.days(), 30);
    }

    use super::*;

    #[test]
    fn parses_and_validates() {
        assert_eq!(Date::parse("2027-06-30").unwrap().to_string(), "2027-06-30");
        assert!(Date::parse("2028-02-29").is_some());
        assert!(Date::parse("2027-02-29").is_none());
        assert!(Date::parse("2027-13-01").is_none());
        assert!(Date::parse("2027-6-30").is_none());
        assert!(Date::parse("+027-06-30").is_none());
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_454).to_string(), "2026-01-01");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }
}
