//! Exact comparison of JSON number literals, so that `hours > 0.1 and hours < 0.10000000001`
//! is not a contradiction even where binary floating point would round both to one value.

use std::cmp::Ordering;

/// A decimal as sign, significant digits and exponent: value = 0.`digits` × 10^`exponent`.
/// Zero has no digits and is not negative.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

impl Decimal {
    /// Parses a JSON number (`-1.50`, `2e10`, `0`); `None` for anything else or an exponent
    /// outside `i64`.
    pub fn parse(text: &str) -> Option<Decimal> {
        // The one number grammar decides what is a number; this only takes it apart.
        if !sift_syntax::number::is_number(text) {
            return None;
        }
        let body = text.strip_prefix('-').unwrap_or(text);
        let negative = body.len() < text.len();
        let (mantissa, exponent) = match body.split_once(['e', 'E']) {
            Some((mantissa, exp)) => (mantissa, exp.parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
        let leading = all.iter().take_while(|&&b| b == b'0').count();
        let mut digits = all.get(leading..).unwrap_or_default().to_vec();
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            return Some(Decimal::zero());
        }
        let point = i64::try_from(int_part.len()).ok()? - i64::try_from(leading).ok()?;
        Some(Decimal {
            negative,
            digits,
            exponent: point.checked_add(exponent)?,
        })
    }

    fn zero() -> Decimal {
        Decimal {
            negative: false,
            digits: Vec::new(),
            exponent: 0,
        }
    }

    pub(crate) fn from_i64(n: i64) -> Decimal {
        Decimal::parse(&n.to_string()).unwrap_or_else(Decimal::zero)
    }

    /// The value as an `i64` when it is a whole number in range (`2.0` → 2, `1e3` → 1000).
    pub fn to_integer(&self) -> Option<i64> {
        if self.digits.is_empty() {
            return Some(0);
        }
        let len = i64::try_from(self.digits.len()).ok()?;
        if self.exponent < len || self.exponent > 19 {
            return None;
        }
        let mut text = String::from(if self.negative { "-" } else { "" });
        text.extend(self.digits.iter().map(|&b| char::from(b)));
        text.extend(std::iter::repeat_n(
            '0',
            usize::try_from(self.exponent - len).ok()?,
        ));
        text.parse().ok()
    }

    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => self
                .exponent
                .cmp(&other.exponent)
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or_else(|| Decimal::from_i64(i64::MIN))
    }

    #[test]
    fn parses_json_numbers_only() {
        for bad in [
            "",
            "-",
            "1.",
            ".5",
            "01",
            "1e",
            "1e+",
            "+1",
            "1x",
            "1e99999999999999999999",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("0.0"), d("-0"));
        assert_eq!(d("1e3"), d("1000"));
        assert_eq!(d("1000e-3"), d("1"));
    }

    #[test]
    fn orders_exactly() {
        assert!(d("0.1") < d("0.10000000000000000001"));
        assert!(d("-2") < d("-1.5"));
        assert!(d("-0.5") < d("0"));
        assert!(d("9.99") < d("10"));
        assert!(d("1e-5") < d("0.0001"));
        assert_eq!(d("2.5").cmp(&d("2.50")), Ordering::Equal);
    }

    #[test]
    fn whole_numbers_convert() {
        assert_eq!(d("2.0").to_integer(), Some(2));
        assert_eq!(d("-1e3").to_integer(), Some(-1000));
        assert_eq!(d("1.5").to_integer(), None);
        assert_eq!(d("1e30").to_integer(), None);
        assert_eq!(d("0.000").to_integer(), Some(0));
    }
}
