//! Calendar dates for the measures' time limits (Art. 14 (三) 公示, Art. 15 筹建期, Art. 17
//! 达成时限): reading "YYYY-MM-DD", day arithmetic, weekdays and working days.
//!
//! The domain never reads a clock: "today" is always passed in (the command line reads the
//! system date, the app the browser's). Working days are Monday to Friday; public holidays
//! and the adjusted working weekends (调休) are not known to this tool.

use std::fmt;

/// A date of the proleptic Gregorian calendar, years 1900–2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

fn leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn month_days(y: u32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A real calendar date of 1900–2100 written exactly "YYYY-MM-DD" in ASCII digits, with
/// no surrounding spaces: the check of every date a draft holds (填表日期, a review's
/// signing date). Years outside 1900–2100 are typing slips, not dates of this scheme.
pub fn is_date(text: &str) -> bool {
    text.trim() == text && Date::parse(text).is_some()
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        ((1900..=2100).contains(&year)
            && (1..=12).contains(&month)
            && (1..=month_days(year, month)).contains(&day))
        .then_some(Date { year, month, day })
    }

    /// Reads exactly "YYYY-MM-DD" (surrounding spaces allowed), the drafts' date format.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let b = t.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |s: &str| -> Option<u32> {
            s.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())
                .flatten()
        };
        Date::new(num(&t[0..4])?, num(&t[5..7])?, num(&t[8..10])?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, if within 1900–2100.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            u32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// `n` days later (earlier when negative); `None` outside 1900–2100.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The same day `n` years later; 29 February becomes 28 February in a common year.
    pub fn add_years(self, n: u32) -> Option<Date> {
        let year = self.year.checked_add(n)?;
        Date::new(year, self.month, self.day.min(month_days(year, self.month)))
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        (self.days() + 3).rem_euclid(7) as u32 + 1
    }

    /// Monday to Friday (public holidays are not known).
    pub fn is_working_day(self) -> bool {
        self.weekday() <= 5
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// 2026年3月1日.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Monday-to-Friday days from `start` to `end`, both included (0 when `end` is earlier).
pub fn working_days(start: Date, end: Date) -> u32 {
    if end < start {
        return 0;
    }
    let total = start.until(end) + 1;
    let weeks = total / 7;
    let mut n = weeks * 5;
    let first = start.weekday() as i64; // 1..=7
    for i in 0..(total % 7) {
        if (first - 1 + i) % 7 < 5 {
            n += 1;
        }
    }
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl serde::Serialize for Date {
    /// As "YYYY-MM-DD".
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Date {
    /// YYYY-MM-DD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parse_and_print() {
        assert_eq!(d(" 2026-03-01 ").to_string(), "2026-03-01");
        assert_eq!(Date::parse("2026-3-1"), None);
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("２０２６-03-01"), None);
        assert_eq!(d("2024-02-29").zh(), "2024年2月29日");
    }

    #[test]
    fn days_round_trip_and_weekdays() {
        assert_eq!(d("1970-01-01").days(), 0);
        for n in [-25_000i64, -1, 0, 1, 19_000, 20_500, 47_000] {
            assert_eq!(Date::from_days(n).unwrap().days(), n);
        }
        // 2026-11-26 is a Thursday; 2026-03-01 a Sunday.
        assert_eq!(d("2026-11-26").weekday(), 4);
        assert_eq!(d("2026-03-01").weekday(), 7);
        assert_eq!(d("2024-02-29").add_years(1), Some(d("2025-02-28")));
        assert_eq!(d("2026-03-01").add_years(1), Some(d("2027-03-01")));
        assert_eq!(d("2026-12-31").add_days(1), Some(d("2027-01-01")));
    }

    #[test]
    fn working_days_count_mondays_to_fridays() {
        // Wed 2026-04-01 … Wed 2026-04-08: 6 working days (Sat 4th, Sun 5th skipped).
        assert_eq!(working_days(d("2026-04-01"), d("2026-04-08")), 6);
        // Mon–Fri of one week.
        assert_eq!(working_days(d("2026-04-06"), d("2026-04-10")), 5);
        // Fri to Tue: Fri, Mon, Tue.
        assert_eq!(working_days(d("2026-04-10"), d("2026-04-14")), 3);
        assert_eq!(working_days(d("2026-04-11"), d("2026-04-12")), 0);
        assert_eq!(working_days(d("2026-04-12"), d("2026-04-11")), 0);
        // Brute force against the weekday of each day.
        let start = d("2026-01-01");
        for len in 0..40 {
            let end = start.add_days(len).unwrap();
            let brute = (0..=len)
                .filter(|i| start.add_days(*i).unwrap().is_working_day())
                .count() as u32;
            assert_eq!(working_days(start, end), brute, "{len}");
        }
    }
}
