//! What a field's format and description say it holds, where its name and type alone do not:
//! Unix times, amounts in a currency's minor unit, currency codes written in lower case,
//! identifiers of records, and the values a description enumerates. Read from the schema
//! text only; a catalog that says none of this gets the name-based values of `super`.

use sift_schema::{Field, TimeFormat};

/// A field as the generator reads it: its name, and what its format and description add.
#[derive(Clone, Copy, Debug)]
pub(super) struct Meaning<'a> {
    pub name: &'a str,
    pub format: Option<TimeFormat>,
    description: Option<&'a str>,
}

impl<'a> Meaning<'a> {
    pub fn of(field: &'a Field) -> Meaning<'a> {
        Meaning {
            name: &field.name,
            format: field.format,
            description: field.description.as_deref(),
        }
    }

    /// The description in lower case, for the phrases below.
    fn says(&self, phrases: &[&str]) -> bool {
        let Some(description) = self.description else {
            return false;
        };
        let lower = description.to_lowercase();
        phrases.iter().any(|phrase| lower.contains(phrase))
    }

    /// An integer amount counted in the currency's smallest unit (cents): named `amount*` /
    /// `*_amount`, or described so.
    pub fn minor_units(&self) -> bool {
        self.name.contains("amount")
            || self.says(&["smallest currency unit", "minor unit", "in cents"])
    }

    /// A currency code the description asks for in lower case (`usd`, as Stripe writes them).
    pub fn lower_case(&self) -> bool {
        self.says(&["lowercase", "lower case", "lower-case"])
    }

    /// A currency code: named `currency` or `*_currency`, or described as an ISO currency code.
    pub fn currency(&self) -> bool {
        self.name == "currency"
            || self.name.ends_with("_currency")
            || self.says(&["iso currency code", "currency code"])
    }

    /// A string naming another object by its id: described as "ID of …" (Stripe's
    /// `payment_intent`, "ID of the PaymentIntent associated with this charge").
    pub fn names_an_id(&self) -> bool {
        let Some(description) = self.description else {
            return false;
        };
        let lower = description.to_lowercase();
        lower.starts_with("id of ")
            || lower.starts_with("the id of ")
            || lower.contains(" id of the ")
    }

    /// The values a description enumerates: "One of: open, paid, void", "either `succeeded`,
    /// `pending`, or `failed`", "Can be `active` or `inactive`"; for a field of kinds (`status`,
    /// `*_type`, …) also the quoted words of any sentence ("'succeeded' (completed),
    /// 'pending' …"). Each value is one word of lower-case letters, digits and `_`; fewer than
    /// two is no list.
    pub fn choices(&self) -> Vec<String> {
        let Some(description) = self.description else {
            return Vec::new();
        };
        let lower = description.to_lowercase();
        let kinds = [
            "status", "state", "type", "kind", "mode", "reason", "interval",
        ];
        if kinds.iter().any(|k| self.name.ends_with(k)) {
            let quoted = quoted_words(&lower);
            if quoted.len() >= 2 {
                return quoted;
            }
        }
        let Some(start) = ["one of:", "one of", "either", "can be", "possible values:"]
            .iter()
            .find_map(|lead| lower.find(lead).map(|at| at + lead.len()))
        else {
            return Vec::new();
        };
        let list = lower[start..].split(['.', ';', '(']).next().unwrap_or("");
        // Items are separated by commas and a last `or`/`and`; each must be one word.
        let words: Vec<String> = list
            .split(',')
            .flat_map(|part| part.split(" or ").flat_map(|p| p.split(" and ")))
            .map(|item| {
                let item = item.trim();
                let item = item.strip_prefix("or ").unwrap_or(item);
                let item = item.strip_prefix("and ").unwrap_or(item);
                item.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | ':' | ' '))
                    .to_owned()
            })
            .filter(|item| !item.is_empty())
            .collect();
        let plain = |word: &String| {
            word.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if words.len() >= 2 && words.iter().all(plain) {
            words
        } else {
            Vec::new()
        }
    }
}

/// The words in single quotes or backticks of a text (`'succeeded'`, `` `open` ``), each once.
fn quoted_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for quote in ['\'', '`'] {
        for (n, part) in text.split(quote).enumerate() {
            let plain = !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            // Odd pieces lie between a pair of quotes.
            if n % 2 == 1 && plain && !words.iter().any(|w| w == part) {
                words.push(part.to_owned());
            }
        }
    }
    words
}

/// The prefix of a string id of `entity`'s records: the initials of a name of several words
/// (`payment_intents` → `pi`), else its first three letters (`charges` → `cha`).
pub(super) fn id_prefix(entity: &str) -> String {
    let words: Vec<&str> = entity
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => "id".to_owned(),
        [one] => one.chars().take(3).collect::<String>().to_lowercase(),
        many => many
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_lowercase(),
    }
}

/// A string id for record `id` of `entity`: the prefix and 14 letters and digits made from
/// the number alone, so every reference to the record writes the same id (`cha_3kT9…`).
pub(super) fn string_id(entity: &str, id: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // splitmix64: distinct ids give distinct, well-mixed numbers.
    let mut x = id.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    let mut text = format!("{}_", id_prefix(entity));
    for _ in 0..14 {
        text.push(char::from(DIGITS[(x % 62) as usize]));
        x /= 62;
        if x == 0 {
            x = id.rotate_left(17) | 1;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meaning<'a>(name: &'a str, description: Option<&'a str>) -> Meaning<'a> {
        Meaning {
            name,
            format: None,
            description,
        }
    }

    #[test]
    fn descriptions_say_what_a_field_holds() {
        let currency = meaning(
            "currency",
            Some("Three-letter ISO currency code, in lowercase."),
        );
        assert!(currency.currency() && currency.lower_case());
        assert!(!meaning("currency", Some("The currency used by the client")).lower_case());
        assert!(meaning("amount", None).minor_units());
        assert!(meaning("fee", Some("In the smallest currency unit (cents).")).minor_units());
        assert_eq!(
            meaning(
                "status",
                Some("The status of the payment is either `succeeded`, `pending`, or `failed`.")
            )
            .choices(),
            ["succeeded", "pending", "failed"]
        );
        assert_eq!(
            meaning("state", Some("One of: open, paid, void")).choices(),
            ["open", "paid", "void"]
        );
        assert!(
            meaning("notes", Some("Either way, free text."))
                .choices()
                .is_empty()
        );
        assert_eq!(
            meaning(
                "status",
                Some("Current status: 'succeeded' (completed), 'pending', or 'failed'.")
            )
            .choices(),
            ["succeeded", "pending", "failed"]
        );
        // Quoted words of another field are no list of its values.
        assert!(
            meaning(
                "currency",
                Some("A code in lowercase (e.g., 'usd', 'eur').")
            )
            .choices()
            .is_empty()
        );
        assert!(meaning("review", Some("ID of the review object.")).names_an_id());
    }

    #[test]
    fn string_ids_are_stable_distinct_and_prefixed() {
        assert_eq!(id_prefix("payment_intents"), "pi");
        assert_eq!(id_prefix("charges"), "cha");
        let a = string_id("charges", 1001);
        assert_eq!(a, string_id("charges", 1001));
        assert_ne!(a, string_id("charges", 1002));
        assert!(a.starts_with("cha_") && a.len() == 18, "{a}");
    }
}
