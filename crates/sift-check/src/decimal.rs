//! Exact comparison of JSON number literals, so that `hours > 0.1 and hours < 0.10000000001`
//! is not a contradiction even where binary floating point would round both to one value.
//! Every JSON number has a value here, whatever the size of its exponent
//! (`1e99999999999999999999`): numbers compare by sign, then decimal exponent, then digits,
//! with no float and no overflow. This is the one number order of sift: the lints compare
//! literals with it and the local evaluator compares record values with it.

use std::cmp::Ordering;

/// A decimal as sign, significant digits and exponent: value = 0.`digits` × 10^`exponent`.
/// Zero has no digits and is not negative.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: Exponent,
}

/// A decimal exponent of any size: an `i64` when it fits (always, for numbers people write),
/// else its sign and the digits of its magnitude. One value has one form, so the derived
/// equality and hash are the value's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Exponent {
    Small(i64),
    /// Outside `i64`: the magnitude's digits, without leading zeros.
    Huge {
        negative: bool,
        magnitude: Box<str>,
    },
}

impl Exponent {
    /// The exponent `written` after the `e` (`-7`, `+3`, `99999999999999999999`) plus `point`.
    fn of(written: &str, point: i64) -> Option<Exponent> {
        if let Some(sum) = written
            .parse::<i64>()
            .ok()
            .and_then(|e| e.checked_add(point))
        {
            return Some(Exponent::Small(sum));
        }
        let negative = written.starts_with('-');
        let digits = written
            .trim_start_matches(['+', '-'])
            .trim_start_matches('0');
        // Up to 36 digits the sum is exact in an i128 (|point| < 2^63).
        if digits.len() <= 36 {
            let magnitude = if digits.is_empty() {
                0
            } else {
                digits.parse::<i128>().ok()?
            };
            let sum = if negative { -magnitude } else { magnitude } + i128::from(point);
            return Some(match i64::try_from(sum) {
                Ok(small) => Exponent::Small(small),
                Err(_) => Exponent::Huge {
                    negative: sum < 0,
                    magnitude: sum.unsigned_abs().to_string().into(),
                },
            });
        }
        // |written| ≥ 10^36 > |point|: the sign stays and the magnitude moves by |point|.
        let grows = (point >= 0) != negative;
        Some(Exponent::Huge {
            negative,
            magnitude: shifted(digits, point.unsigned_abs(), grows).into(),
        })
    }
}

/// The decimal digits `digits` (no leading zero, greater than `by`) plus or minus `by`.
fn shifted(digits: &str, mut by: u64, add: bool) -> String {
    let mut out: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let mut carry = 0u64;
    for digit in out.iter_mut().rev() {
        if by == 0 && carry == 0 {
            break;
        }
        let step = by % 10 + carry;
        by /= 10;
        let d = u64::from(*digit);
        (*digit, carry) = if add {
            (((d + step) % 10) as u8, (d + step) / 10)
        } else if d >= step {
            ((d - step) as u8, 0)
        } else {
            ((d + 10 - step) as u8, 1)
        };
    }
    let mut text = String::with_capacity(out.len() + 1);
    if carry > 0 {
        text.push('1');
    }
    text.extend(out.iter().map(|d| char::from(b'0' + d)));
    let leading = text.bytes().take_while(|&b| b == b'0').count();
    text.split_off(leading)
}

impl Ord for Exponent {
    fn cmp(&self, other: &Exponent) -> Ordering {
        let huge_vs_small = |negative: bool| {
            if negative {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        };
        let by_magnitude = |x: &str, y: &str| x.len().cmp(&y.len()).then_with(|| x.cmp(y));
        match (self, other) {
            (Exponent::Small(a), Exponent::Small(b)) => a.cmp(b),
            (Exponent::Huge { negative, .. }, Exponent::Small(_)) => huge_vs_small(*negative),
            (Exponent::Small(_), Exponent::Huge { negative, .. }) => {
                huge_vs_small(*negative).reverse()
            }
            (
                Exponent::Huge {
                    negative: a,
                    magnitude: x,
                },
                Exponent::Huge {
                    negative: b,
                    magnitude: y,
                },
            ) => match (a, b) {
                (false, true) => Ordering::Greater,
                (true, false) => Ordering::Less,
                (false, false) => by_magnitude(x, y),
                (true, true) => by_magnitude(y, x),
            },
        }
    }
}

impl PartialOrd for Exponent {
    fn partial_cmp(&self, other: &Exponent) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Decimal {
    /// Parses a JSON number (`-1.50`, `2e10`, `0`, `1e99999999999999999999`); `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Decimal> {
        // The one number grammar decides what is a number; this only takes it apart.
        if !sift_syntax::number::is_number(text) {
            return None;
        }
        let body = text.strip_prefix('-').unwrap_or(text);
        let negative = body.len() < text.len();
        let (mantissa, exponent) = body.split_once(['e', 'E']).unwrap_or((body, "0"));
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // The significant digits (without leading and trailing zeros), copied once.
        let (int, frac) = (int_part.as_bytes(), frac_part.as_bytes());
        let digit_at = |at: usize| match int.get(at) {
            Some(&b) => b,
            None => frac.get(at - int.len()).copied().unwrap_or(b'0'),
        };
        let total = int.len() + frac.len();
        let leading = (0..total).take_while(|&at| digit_at(at) == b'0').count();
        let end = (leading..total)
            .rev()
            .find(|&at| digit_at(at) != b'0')
            .map_or(leading, |at| at + 1);
        if end == leading {
            return Some(Decimal::zero());
        }
        let digits: Vec<u8> = (leading..end).map(digit_at).collect();
        let point = i64::try_from(int_part.len()).ok()? - i64::try_from(leading).ok()?;
        Some(Decimal {
            negative,
            digits,
            exponent: Exponent::of(exponent, point)?,
        })
    }

    fn zero() -> Decimal {
        Decimal {
            negative: false,
            digits: Vec::new(),
            exponent: Exponent::Small(0),
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
        let Exponent::Small(exponent) = self.exponent else {
            return None;
        };
        if exponent < len || exponent > 19 {
            return None;
        }
        let mut text = String::from(if self.negative { "-" } else { "" });
        text.extend(self.digits.iter().map(|&b| char::from(b)));
        text.extend(std::iter::repeat_n(
            '0',
            usize::try_from(exponent - len).ok()?,
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
        for bad in ["", "-", "1.", ".5", "01", "1e", "1e+", "+1", "1x"] {
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

    /// Exponents beyond `i64` order exactly: by sign, then exponent, then digits.
    #[test]
    fn orders_huge_exponents_exactly() {
        let huge = "99999999999999999999";
        let ascending: Vec<Decimal> = [
            format!("-1e{huge}9"),
            format!("-1e{huge}"),
            format!("-2e-{huge}"),
            format!("-1e-{huge}"),
            String::from("0"),
            format!("1e-{huge}9"),
            format!("1e-{huge}"),
            String::from("1e-9223372036854775808"),
            String::from("1"),
            String::from("1e9223372036854775807"),
            format!("1e{huge}"),
            format!("2e{huge}"),
            format!("1e{huge}9"),
        ]
        .iter()
        .map(|t| Decimal::parse(t).unwrap_or_else(|| panic!("{t} is a number")))
        .collect();
        for (i, a) in ascending.iter().enumerate() {
            for (j, b) in ascending.iter().enumerate() {
                assert_eq!(a.cmp(b), i.cmp(&j), "{a:?} / {b:?}");
            }
        }
        // One value, several spellings: equal, so equal as data too (hashed alike).
        for text in [
            "10e99999999999999999998",
            "0.1e100000000000000000000",
            "1e+0099999999999999999999",
            "100e99999999999999999997",
        ] {
            assert_eq!(d(text), d(&format!("1e{huge}")), "{text}");
        }
        // Around the edge of i64, and far beyond the i128 shortcut (carries and borrows
        // through many digits).
        assert_eq!(d("1e9223372036854775807"), d("0.1e9223372036854775808"));
        assert_eq!(d("10e-9223372036854775809"), d("1e-9223372036854775808"));
        let nines = "9".repeat(60);
        let power = format!("1{}", "0".repeat(59));
        assert_eq!(
            d(&format!("1000e{nines}")),
            d(&format!("1e1{}2", "0".repeat(59)))
        );
        assert_eq!(
            d(&format!("0.001e{power}")),
            d(&format!("1e{}7", "9".repeat(58)))
        );
        assert_eq!(
            d(&format!("-0.001e-{power}")),
            d(&format!("-1e-1{}3", "0".repeat(58)))
        );
        assert_eq!(d(&format!("1e{huge}")).to_integer(), None);
        assert_eq!(d(&format!("1e-{huge}")).to_integer(), None);
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
