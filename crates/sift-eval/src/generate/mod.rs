//! Deterministic example records for any entity of any catalog, from its field schema alone.
//!
//! Values follow from each field's name and type: `id` numbers the records, a field named after
//! another entity (`client`, `project_id`, `user_ids`, `client_name`) refers to real records of
//! it, `*_at` are timestamps and `*_date`/`*_on` dates around one day per record, `hours` come
//! in quarter hours, money has two decimals. Where the format or description says more
//! (`meaning.rs`), values follow it: Unix seconds for a `unix-time` field, whole amounts in a
//! currency's minor unit, currency codes in lower case when the description asks for it, string
//! ids (`cha_…`) that references repeat, one of the values a description enumerates. The same
//! catalog and [`Plan`] give the same records on every machine: the random source is PCG seeded
//! per entity.

mod meaning;
mod words;

use std::collections::BTreeMap;

use jiff::civil::Date;
use meaning::Meaning;
use rand_pcg::Pcg64;
use rand_pcg::rand_core::{Rng, SeedableRng};
use serde_json::{Map, Number, Value, json};
use sift_schema::{Catalog, Entity, Field, Kind, TimeFormat};

use words::*;

/// How much to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub seed: u64,
    /// Records of an ordinary entity; an entity named in the singular (`company`) gets one,
    /// event-like entities (`*entries`) eight times as many, `*expenses` and `*_assignments` twice.
    /// At most [`Plan::MAX_BASE_COUNT`].
    pub base_count: usize,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            seed: 2026,
            base_count: 12,
        }
    }
}

impl Plan {
    /// The largest `base_count`: the largest entity then has 8 000 000 000 records (terabytes
    /// of JSON Lines), and every count and id stays far inside what a JSON reader holds
    /// exactly (2^53).
    pub const MAX_BASE_COUNT: usize = 1_000_000_000;

    /// How many records `entity` gets.
    pub fn count(&self, entity: &str) -> usize {
        if entity.ends_with("entries") {
            self.base_count.saturating_mul(8)
        } else if entity.ends_with("expenses") || entity.ends_with("_assignments") {
            self.base_count.saturating_mul(2)
        } else if !entity.ends_with('s') {
            1
        } else {
            self.base_count
        }
    }

    /// Refuses a plan beyond [`Plan::MAX_BASE_COUNT`].
    pub fn check(&self) -> Result<(), String> {
        if self.base_count > Plan::MAX_BASE_COUNT {
            return Err(format!(
                "a base count of {} is more than the {} records per ordinary entity sift \
                 generates",
                self.base_count,
                Plan::MAX_BASE_COUNT
            ));
        }
        Ok(())
    }
}

/// Who a record is, decided before any field is filled, so that entities can refer to each
/// other in both directions (users name their roles, roles list their users). Any record's
/// identity is computed from its position alone (the random source jumps ahead to it), so no
/// entity's identities are ever held.
#[derive(Clone, Debug)]
struct Identity {
    id: u64,
    name: String,
    first: String,
    last: String,
}

/// Records for every entity of a catalog, one entity at a time and one record at a time: memory
/// holds one record, whatever the counts.
#[derive(Debug)]
pub struct Generator<'c> {
    catalog: &'c Catalog,
    plan: Plan,
    /// Each entity's place in the catalog, by name.
    index: BTreeMap<&'c str, usize>,
}

impl<'c> Generator<'c> {
    /// A generator for `catalog`; a plan beyond [`Plan::MAX_BASE_COUNT`] is refused.
    pub fn new(catalog: &'c Catalog, plan: &Plan) -> Result<Generator<'c>, String> {
        plan.check()?;
        Ok(Generator {
            catalog,
            plan: *plan,
            index: catalog
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.name.as_str(), i))
                .collect(),
        })
    }

    /// The entities, in catalog order, with how many records each gets.
    pub fn entities(&self) -> impl Iterator<Item = (&'c str, usize)> + '_ {
        self.catalog
            .entities
            .iter()
            .map(|e| (e.name.as_str(), self.plan.count(&e.name)))
    }

    /// The records of the entity at `index` in the catalog, made one at a time.
    pub fn records(&self, index: usize) -> impl Iterator<Item = Value> + '_ {
        let entity = self.catalog.entities.get(index);
        let count = entity.map_or(0, |e| self.plan.count(&e.name));
        let mut rng = entity.map(|e| rng_for(self.plan.seed, &e.name, 1));
        (0..count).filter_map(move |i| {
            let (entity, rng) = (entity?, rng.as_mut()?);
            let who = self.identity(index, i)?;
            Some(
                Filler {
                    generator: self,
                    entity,
                    who: &who,
                    rng,
                    day: Date::constant(2025, 1, 1),
                    chosen: BTreeMap::new(),
                }
                .record(),
            )
        })
    }

    /// How many records the entity named `name` gets, and its place in the catalog.
    fn pool(&self, name: &str) -> Option<(usize, usize)> {
        let index = *self.index.get(name)?;
        Some((index, self.plan.count(name)))
    }

    /// The identity of record `i` of the entity at `index`.
    fn identity(&self, index: usize, i: usize) -> Option<Identity> {
        let entity = self.catalog.entities.get(index)?;
        let person = entity.field("first_name").is_some();
        let pool = name_pool(&entity.name);
        let mut rng = rng_for(self.plan.seed, &entity.name, 0);
        // Each identity draws once for its last name, and once more for a company's kind.
        let draws = if person || pool.is_some() { 1 } else { 2 };
        rng.advance(i as u128 * draws);
        let first = FIRST_NAMES[(i * 7 + index) % FIRST_NAMES.len()].to_owned();
        let last = LAST_NAMES[(i * 3 + below(&mut rng, 3) + index) % LAST_NAMES.len()].to_owned();
        let name = if person {
            format!("{first} {last}")
        } else {
            match pool {
                Some(pool) if i < pool.len() => pool[i].to_owned(),
                Some(pool) => format!("{} {}", pool[i % pool.len()], i / pool.len() + 1),
                None => format!(
                    "{} {}",
                    COMPANY_WORDS[(i * 7 + index) % COMPANY_WORDS.len()],
                    pick(&mut rng, COMPANY_KINDS)
                ),
            }
        };
        Some(Identity {
            id: (index as u64 + 1) * 1000 + i as u64 + 1,
            name,
            first,
            last,
        })
    }
}

/// Records for every entity of the catalog, in catalog order, all in memory (for tests and
/// small plans; [`Generator`] streams them). A plan beyond [`Plan::MAX_BASE_COUNT`] is refused.
pub fn generate(catalog: &Catalog, plan: &Plan) -> Result<Vec<(String, Vec<Value>)>, String> {
    let generator = Generator::new(catalog, plan)?;
    Ok(catalog
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| (entity.name.clone(), generator.records(index).collect()))
        .collect())
}

fn rng_for(seed: u64, entity: &str, stream: u64) -> Pcg64 {
    let salt = entity.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Pcg64::seed_from_u64(seed ^ salt ^ stream.rotate_left(32))
}

fn pick<'a>(rng: &mut Pcg64, list: &[&'a str]) -> &'a str {
    list[below(rng, list.len())]
}

fn below(rng: &mut Pcg64, n: usize) -> usize {
    usize::try_from(rng.next_u64() % n.max(1) as u64).unwrap_or(0)
}

fn chance(rng: &mut Pcg64, percent: u64) -> bool {
    rng.next_u64() % 100 < percent
}

/// The names an entity's records get, by what the entity's name says it holds.
fn name_pool(entity: &str) -> Option<&'static [&'static str]> {
    let has = |part: &str| entity.contains(part);
    if has("project") {
        Some(PROJECTS)
    } else if has("task") {
        Some(TASKS)
    } else if has("role") {
        Some(ROLES)
    } else if has("categor") {
        Some(CATEGORIES)
    } else {
        None
    }
}

/// The entity a field name refers to (`client` → `clients`, `expense_category` →
/// `expense_categories`), if the catalog has it.
fn referenced<'c>(catalog: &'c Catalog, name: &str) -> Option<&'c str> {
    let stem = name.strip_suffix('y').map(|s| format!("{s}ies"));
    [format!("{name}s"), format!("{name}es"), name.to_owned()]
        .into_iter()
        .chain(stem)
        .find_map(|candidate| catalog.entity(&candidate).map(|e| e.name.as_str()))
}

struct Filler<'a> {
    generator: &'a Generator<'a>,
    entity: &'a Entity,
    who: &'a Identity,
    rng: &'a mut Pcg64,
    /// The record's day: dates and timestamps are placed around it.
    day: Date,
    /// The record each referenced entity resolved to, so `client` and `client_name` agree.
    chosen: BTreeMap<&'a str, usize>,
}

impl<'a> Filler<'a> {
    fn record(mut self) -> Value {
        self.day = Date::constant(2024, 1, 1)
            .checked_add(jiff::Span::new().days(i64::try_from(below(self.rng, 700)).unwrap_or(0)))
            .unwrap_or(self.day);
        let mut out = Map::new();
        // `total_*` first, so that `billable_*` can stay below it.
        let mut fields: Vec<&Field> = self.entity.fields.iter().collect();
        fields.sort_by_key(|f| !f.name.starts_with("total"));
        for field in fields {
            let value = self.nullable(field, &out);
            out.insert(field.name.clone(), value);
        }
        // Back in schema order.
        let ordered = self
            .entity
            .fields
            .iter()
            .filter_map(|f| out.get(&f.name).map(|v| (f.name.clone(), v.clone())))
            .collect();
        Value::Object(ordered)
    }

    fn nullable(&mut self, field: &'a Field, so_far: &Map<String, Value>) -> Value {
        let essential = [
            "id",
            "name",
            "first_name",
            "last_name",
            "created_at",
            "updated_at",
        ]
        .contains(&field.name.as_str())
            || field.name.ends_with("_id");
        if field.ty.nullable && !essential && chance(self.rng, 6) {
            return Value::Null;
        }
        self.value(field, so_far)
    }

    /// The identity of the record of `entity` this record refers to (chosen once per entity).
    fn reference(&mut self, entity: &'a str) -> Identity {
        let (index, count) = self.generator.pool(entity).unwrap_or((0, 0));
        let at = match self.chosen.get(entity) {
            Some(&at) => at,
            None => {
                let at = below(self.rng, count);
                self.chosen.insert(entity, at);
                at
            }
        };
        self.identity(index, at)
    }

    /// A record's identity; one that cannot be (an entity without records) is blank.
    fn identity(&self, index: usize, at: usize) -> Identity {
        self.generator
            .identity(index, at)
            .unwrap_or_else(|| Identity {
                id: 0,
                name: String::new(),
                first: String::new(),
                last: String::new(),
            })
    }

    fn catalog(&self) -> &'a Catalog {
        self.generator.catalog
    }

    fn value(&mut self, field: &'a Field, so_far: &Map<String, Value>) -> Value {
        let (name, ty) = (field.name.as_str(), &field.ty);
        let kind = ty.kinds.first().copied().unwrap_or(Kind::String);
        match kind {
            Kind::Object => self.object(field),
            Kind::Array => self.array(field),
            Kind::Boolean => Value::Bool(self.boolean(name)),
            Kind::Integer => self.integer(Meaning::of(field), so_far),
            Kind::Number => self.number(name, so_far),
            Kind::String => Value::String(self.string(Meaning::of(field))),
        }
    }

    fn object(&mut self, field: &'a Field) -> Value {
        if let Some(entity) = referenced(self.catalog(), &field.name) {
            let who = self.reference(entity);
            return json!({"id": who.id, "name": who.name});
        }
        match &field.ty.properties {
            Some(properties) => Value::Object(
                properties
                    .iter()
                    .map(|p| (p.name.clone(), self.value(p, &Map::new())))
                    .collect(),
            ),
            None => json!({"id": 1 + below(self.rng, 999), "name": pick(self.rng, COMPANY_WORDS)}),
        }
    }

    fn array(&mut self, field: &'a Field) -> Value {
        let (name, ty) = (field.name.as_str(), &field.ty);
        let count = 1 + below(self.rng, 3);
        let ids = name
            .strip_suffix("_ids")
            .and_then(|stem| referenced(self.catalog(), stem));
        if let Some(entity) = ids.or_else(|| referenced(self.catalog(), name)) {
            let (index, size) = self.generator.pool(entity).unwrap_or((0, 0));
            let start = below(self.rng, size);
            let items = (0..count.min(size)).map(|k| self.identity(index, (start + k) % size));
            return Value::Array(if ids.is_some() {
                items.map(|who| json!(who.id)).collect()
            } else {
                items.map(|who| json!(who.name)).collect()
            });
        }
        Value::Array(
            (0..count)
                .map(|_| match &ty.properties {
                    Some(properties) => Value::Object(
                        properties
                            .iter()
                            .map(|p| (p.name.clone(), self.value(p, &Map::new())))
                            .collect(),
                    ),
                    None => json!(pick(self.rng, OBJECTS).trim_start_matches("the ")),
                })
                .collect(),
        )
    }

    fn boolean(&mut self, name: &str) -> bool {
        let percent = if name.contains("active") {
            85
        } else if name.contains("billed") {
            40
        } else if name.contains("billable") {
            75
        } else {
            50
        };
        chance(self.rng, percent)
    }

    fn integer(&mut self, field: Meaning<'_>, so_far: &Map<String, Value>) -> Value {
        let name = field.name;
        if name == "id" {
            return json!(self.who.id);
        }
        if let Some(entity) = name
            .strip_suffix("_id")
            .and_then(|s| referenced(self.catalog(), s))
        {
            return json!(self.reference(entity).id);
        }
        if field.format == Some(TimeFormat::UnixTime) {
            return json!(self.unix_seconds(name));
        }
        if field.minor_units() {
            // A part of the record's `amount` (`amount_refunded`, `amount_captured`) stays
            // within it, and is mostly nothing or all of it.
            let whole = so_far.get("amount").and_then(Value::as_u64);
            if let (Some(whole), true) = (whole, name.starts_with("amount_")) {
                return json!(match below(self.rng, 10) {
                    0..=5 => 0,
                    6..=7 => whole,
                    _ => whole * (1 + below(self.rng, 9) as u64) / 10,
                });
            }
            let cents = 500 + below(self.rng, 2000) * 50 + below(self.rng, 50);
            return json!(cents);
        }
        if name.contains("capacity") {
            return json!(if chance(self.rng, 70) {
                144_000
            } else {
                126_000
            });
        }
        json!(1 + below(self.rng, 100))
    }

    fn number(&mut self, name: &str, so_far: &Map<String, Value>) -> Value {
        let cents = |rng: &mut Pcg64, low: usize, high: usize, step: usize| {
            (low + below(rng, (high - low) / step + 1) * step) * 100
        };
        if name.contains("hours") {
            let total = so_far
                .get(&name.replace("billable", "total"))
                .and_then(quarters_of);
            let quarters = match total {
                Some(total) if name != "total_hours" => {
                    (total * (50 + below(self.rng, 51)) / 100).max(1)
                }
                _ if name.starts_with("total") || name.starts_with("billable") => {
                    40 + below(self.rng, 600)
                }
                _ => 1 + below(self.rng, 8) * below(self.rng, 4) + below(self.rng, 6),
            };
            return hours(quarters);
        }
        let value = if name.contains("amount") {
            match so_far.get("billable_hours").and_then(quarters_of) {
                Some(quarters) => quarters * cents(self.rng, 95, 195, 5) / 4,
                None => cents(self.rng, 500, 20_000, 1) + below(self.rng, 100),
            }
        } else if name.contains("cost") && name.contains("rate") {
            cents(self.rng, 40, 120, 5)
        } else if name.contains("rate") {
            cents(self.rng, 90, 250, 5)
        } else if name.contains("budget") {
            cents(self.rng, 5_000, 80_000, 500)
        } else if name.contains("price") {
            cents(self.rng, 1, 200, 1) + below(self.rng, 100)
        } else {
            cents(self.rng, 1, 1_000, 1) + below(self.rng, 100)
        };
        money(value)
    }

    fn string(&mut self, field: Meaning<'_>) -> String {
        let name = field.name;
        let who = self.who;
        let slug = who.name.to_lowercase().replace(' ', "-");
        if let Some(entity) = name
            .strip_suffix("_name")
            .and_then(|s| referenced(self.catalog(), s))
        {
            return self.reference(entity).name;
        }
        if name.ends_with("_at") || field.format == Some(TimeFormat::DateTime) {
            return self.timestamp(name);
        }
        if name.ends_with("_date")
            || name.ends_with("_on")
            || name == "date"
            || field.format == Some(TimeFormat::Date)
        {
            let offset = if name.contains("due") { 30 } else { 0 };
            return self.shifted(offset).to_string();
        }
        if name == "id" {
            return meaning::string_id(&self.entity.name, who.id);
        }
        // `customer_id`, or `customer` holding an id: a real record's id, as that entity writes it.
        let referred = name.strip_suffix("_id").unwrap_or(name);
        if let Some(entity) = referenced(self.catalog(), referred) {
            return self.reference_id(entity);
        }
        if field.currency() && name != "currency" {
            return self.currency(field);
        }
        if field.names_an_id() {
            let prefix = name.strip_suffix("_id").unwrap_or(name);
            let id = 1 + below(self.rng, 1_000_000) as u64;
            return meaning::string_id(prefix, id);
        }
        if name.ends_with("_number") {
            return format!(
                "{:04}-{:04}",
                below(self.rng, 10_000),
                below(self.rng, 10_000)
            );
        }
        match name {
            "name" => who.name.clone(),
            "first_name" => who.first.clone(),
            "last_name" => who.last.clone(),
            "email" if self.entity.field("first_name").is_some() => format!(
                "{}.{}@example.com",
                who.first.to_lowercase(),
                who.last.to_lowercase()
            ),
            "email" => format!("info@{slug}.example.com"),
            _ if name.ends_with("_email") => format!("billing@{slug}.example.com"),
            "object" => singular(&self.entity.name),
            "currency" => self.currency(field),
            "timezone" => pick(self.rng, TIMEZONES).to_owned(),
            "telephone" | "phone" => format!("+1-555-01{:02}", below(self.rng, 100)),
            "address" => format!(
                "{} {} Street, {}",
                1 + below(self.rng, 400),
                pick(self.rng, STREETS),
                pick(self.rng, CITIES)
            ),
            "title" => pick(self.rng, JOB_TITLES).to_owned(),
            "state" if self.entity.name.contains("estimate") => {
                pick(self.rng, &["draft", "sent", "accepted", "declined"]).to_owned()
            }
            "state" => pick(self.rng, &["draft", "open", "paid", "closed"]).to_owned(),
            "code" | "number" => {
                let prefix: String = self.entity.name.chars().take(3).collect();
                format!("{}-{}", prefix.to_uppercase(), who.id)
            }
            "plan_type" => pick(self.rng, &["trial", "simple-v4", "sponsored"]).to_owned(),
            "unit_name" => pick(self.rng, &["mile", "night", "day", "item"]).to_owned(),
            "subject" => format!("{} for {}", pick(self.rng, PROJECTS), self.any_client()),
            _ if name.contains("url") || name.contains("uri") => {
                format!("https://{slug}.example.com/{}", who.id)
            }
            _ if name.contains("domain") => format!("{slug}.example.com"),
            _ => {
                let choices = field.choices();
                if choices.is_empty() {
                    format!("{} {}", pick(self.rng, VERBS), pick(self.rng, OBJECTS))
                } else {
                    choices[below(self.rng, choices.len())].clone()
                }
            }
        }
    }

    /// A currency code; in lower case where the description asks for it.
    fn currency(&mut self, field: Meaning<'_>) -> String {
        let code = pick(self.rng, CURRENCIES);
        if field.lower_case() {
            code.to_lowercase()
        } else {
            code.to_owned()
        }
    }

    /// The id of the record of `entity` this record refers to, as that entity writes its ids
    /// (`cus_…` for a string `id`, the number otherwise).
    fn reference_id(&mut self, entity: &'a str) -> String {
        let who = self.reference(entity);
        let string_ids = self
            .catalog()
            .entity(entity)
            .and_then(|e| e.field("id"))
            .is_some_and(|id| id.ty.kinds.first() == Some(&Kind::String));
        if string_ids {
            meaning::string_id(entity, who.id)
        } else {
            who.id.to_string()
        }
    }

    /// Unix seconds: `created` on the record's day, other times up to ten days on (as
    /// [`Filler::timestamp`] places them).
    fn unix_seconds(&mut self, name: &str) -> i64 {
        let later = if name == "created" || name == "created_at" {
            0
        } else {
            below(self.rng, 11)
        };
        let day = self.shifted(i64::try_from(later).unwrap_or(0));
        let seconds = i64::try_from(8 * 3600 + below(self.rng, 10 * 3600)).unwrap_or(0);
        day.to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(0, |start| start.timestamp().as_second())
            + seconds
    }

    fn any_client(&mut self) -> String {
        match referenced(self.catalog(), "client") {
            Some(clients) => self.reference(clients).name,
            None => pick(self.rng, COMPANY_WORDS).to_owned(),
        }
    }

    fn shifted(&self, days: i64) -> Date {
        self.day
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(self.day)
    }

    /// `created_at` late on the record's day; `updated_at` and other times up to ten days on.
    fn timestamp(&mut self, name: &str) -> String {
        let later = if name == "created_at" {
            0
        } else {
            below(self.rng, 11)
        };
        let hour = 8 + below(self.rng, 10);
        let minute = below(self.rng, 60);
        format!(
            "{}T{hour:02}:{minute:02}:{:02}Z",
            self.shifted(i64::try_from(later).unwrap_or(0)),
            below(self.rng, 60)
        )
    }
}

/// The singular of an entity's name, roughly (`charges` → `charge`, `companies` → `company`).
fn singular(entity: &str) -> String {
    if let Some(stem) = entity.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = entity.strip_suffix("ses") {
        format!("{stem}s")
    } else {
        entity.strip_suffix('s').unwrap_or(entity).to_owned()
    }
}

/// Quarter hours as a decimal (`2.25`, `3.5`, `1.0`).
fn hours(quarters: usize) -> Value {
    let fraction = ["0", "25", "5", "75"][quarters % 4];
    number(&format!("{}.{fraction}", quarters / 4))
}

/// Cents as money with two decimals (`125.50`).
fn money(cents: usize) -> Value {
    number(&format!("{}.{:02}", cents / 100, cents % 100))
}

fn number(text: &str) -> Value {
    serde_json::from_str::<Number>(text).map_or(Value::Null, Value::Number)
}

/// A generated hours value read back as whole quarter hours (only generated text is read).
fn quarters_of(value: &Value) -> Option<usize> {
    let text = value.as_number()?.as_str();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let quarter = ["0", "25", "5", "75"].iter().position(|f| *f == fraction)?;
    Some(whole.parse::<usize>().ok()? * 4 + quarter)
}

/// Records as JSON Lines text: one compact record per line, each line ending in `\n`.
pub fn to_jsonl(records: &[Value]) -> String {
    let mut out = String::new();
    for record in records {
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The largest plan makes its first records at once (nothing is made ahead, and references
    /// into entities of a billion records resolve); a larger one is refused.
    #[test]
    fn the_largest_plan_streams_and_a_larger_one_is_refused() {
        let catalog = sift_schema::harvest();
        let plan = Plan {
            seed: 1,
            base_count: Plan::MAX_BASE_COUNT,
        };
        let generator = Generator::new(catalog, &plan);
        let Ok(generator) = generator else {
            panic!("the largest plan is accepted: {generator:?}");
        };
        let entries = generator
            .entities()
            .position(|(name, _)| name == "time_entries");
        let index = entries.unwrap_or_default();
        assert_eq!(
            generator.entities().nth(index).map(|(_, n)| n),
            Some(8 * Plan::MAX_BASE_COUNT)
        );
        let first: Vec<Value> = generator.records(index).take(2).collect();
        assert_eq!(first.len(), 2);
        assert!(first[0]["client"]["name"].is_string(), "{}", first[0]);
        for base_count in [Plan::MAX_BASE_COUNT + 1, usize::MAX] {
            let refused = Generator::new(catalog, &Plan { base_count, ..plan });
            assert!(refused.is_err_and(|e| e.contains("1000000000")));
        }
    }
}
