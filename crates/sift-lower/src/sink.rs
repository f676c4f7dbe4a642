//! Where lowering puts a filter: JSON text written as the walk goes ([`Text`]), or the wire
//! model ([`Model`]). One walk (`Lowerer::expr`) makes every decision (which key, which
//! operator, which value, which error); a sink only says it, so the text and the model
//! cannot differ.

use std::borrow::Cow;

use sift_check::{TextOp, TypedValue};

use crate::json::{write_string, write_string_contents};
use crate::wire::{
    CHAIN_CLOSING, Condition, Connective, FieldOp, NOT_OPENING, Scalar, close_any, close_field,
    close_in, open_any, open_field, open_in, write_scalar,
};

/// The right-hand side of a field condition, as lowering decided it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Operand<'q> {
    /// A checked value; dates and date-times are strings.
    Value(&'q Scalar<'q>),
    /// `null`, for `is null` and `is not null`.
    Null,
    /// Text sent as it is.
    Text(&'q str),
    /// The `like` pattern that says what the text operator says of a literal: `%x%` for
    /// `contains`, `x%` for `startswith`, `%x` for `endswith`.
    Pattern(TextOp, &'q str),
}

/// What goes before and after the literal in [`Operand::Pattern`].
fn wildcards(op: TextOp) -> (&'static str, &'static str) {
    match op {
        TextOp::Contains => ("%", "%"),
        TextOp::StartsWith => ("", "%"),
        TextOp::EndsWith | TextOp::Like => ("%", ""),
    }
}

/// The shapes of a lowered filter. Each method returns what the sink makes of one condition;
/// the closures produce the conditions inside (written in place by [`Text`]).
pub(crate) trait Sink<'q> {
    type Out;

    /// `{"op":{"key":operand}}`.
    fn field(&mut self, op: FieldOp, key: &'q str, operand: Operand<'q>) -> Self::Out;

    /// `{"in":{"key":[values]}}`.
    fn one_of(&mut self, key: &'q str, values: &'q [TypedValue<'q>]) -> Self::Out;

    /// `{"gte":{"key":low}}` and `{"lte":{"key":high}}`, both.
    fn between(&mut self, key: &'q str, low: &'q Scalar<'q>, high: &'q Scalar<'q>) -> Self::Out;

    /// `{"and":[…]}` or `{"or":[…]}`, one item per element of `items`.
    fn chain<T>(
        &mut self,
        connective: Connective,
        items: &'q [T],
        each: impl FnMut(&mut Self, &'q T) -> Self::Out,
    ) -> Self::Out;

    /// `{"not":inner}`.
    fn not(&mut self, inner: impl FnOnce(&mut Self) -> Self::Out) -> Self::Out;

    /// `{"any":{"key":inner}}`.
    fn any(&mut self, key: &'q str, inner: impl FnOnce(&mut Self) -> Self::Out) -> Self::Out;

    /// What stands for a condition that could not be lowered (an error was recorded, so it is
    /// never seen).
    fn refused(&mut self) -> Self::Out;
}

/// Writes compact JSON text into `out` as lowering walks the tree.
#[derive(Debug)]
pub(crate) struct Text<'o> {
    pub(crate) out: &'o mut String,
}

impl Text<'_> {
    #[inline(always)]
    fn operand(&mut self, operand: Operand<'_>) {
        let out = &mut *self.out;
        match operand {
            Operand::Value(value) => write_scalar(value, out),
            Operand::Null => out.push_str("null"),
            Operand::Text(text) => write_string(text, out),
            Operand::Pattern(op, text) => {
                let (before, after) = wildcards(op);
                out.push('"');
                out.push_str(before);
                write_string_contents(text, out);
                out.push_str(after);
                out.push('"');
            }
        }
    }
}

impl<'q> Sink<'q> for Text<'_> {
    type Out = ();

    #[inline(always)]
    fn field(&mut self, op: FieldOp, key: &'q str, operand: Operand<'q>) {
        open_field(op, key, self.out);
        self.operand(operand);
        close_field(self.out);
    }

    fn one_of(&mut self, key: &'q str, values: &'q [TypedValue<'q>]) {
        let out = &mut *self.out;
        open_in(key, out);
        out.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_scalar(&value.scalar, out);
        }
        out.push(']');
        close_in(out);
    }

    fn between(&mut self, key: &'q str, low: &'q Scalar<'q>, high: &'q Scalar<'q>) {
        Connective::And.write_opening(self.out);
        self.field(FieldOp::Gte, key, Operand::Value(low));
        self.out.push(',');
        self.field(FieldOp::Lte, key, Operand::Value(high));
        self.out.push_str(CHAIN_CLOSING);
    }

    #[inline(always)]
    fn chain<T>(
        &mut self,
        connective: Connective,
        items: &'q [T],
        mut each: impl FnMut(&mut Self, &'q T),
    ) {
        connective.write_opening(self.out);
        let mut items = items.iter();
        if let Some(first) = items.next() {
            each(self, first);
        }
        for item in items {
            self.out.push(',');
            each(self, item);
        }
        self.out.push_str(CHAIN_CLOSING);
    }

    fn not(&mut self, inner: impl FnOnce(&mut Self)) {
        self.out.push_str(NOT_OPENING);
        inner(self);
        self.out.push('}');
    }

    fn any(&mut self, key: &'q str, inner: impl FnOnce(&mut Self)) {
        open_any(key, self.out);
        inner(self);
        close_any(self.out);
    }

    fn refused(&mut self) {}
}

/// Says nothing: for a caller that wants lowering's decisions (its errors) and not its output.
#[derive(Debug)]
pub(crate) struct Discard;

impl<'q> Sink<'q> for Discard {
    type Out = ();

    fn field(&mut self, _: FieldOp, _: &'q str, _: Operand<'q>) {}

    fn one_of(&mut self, _: &'q str, _: &'q [TypedValue<'q>]) {}

    fn between(&mut self, _: &'q str, _: &'q Scalar<'q>, _: &'q Scalar<'q>) {}

    fn chain<T>(&mut self, _: Connective, items: &'q [T], mut each: impl FnMut(&mut Self, &'q T)) {
        for item in items {
            each(self, item);
        }
    }

    fn not(&mut self, inner: impl FnOnce(&mut Self)) {
        inner(self);
    }

    fn any(&mut self, _: &'q str, inner: impl FnOnce(&mut Self)) {
        inner(self);
    }

    fn refused(&mut self) {}
}

/// Builds the wire model ([`Condition`]).
#[derive(Debug)]
pub(crate) struct Model;

/// Stands in for a condition that failed to lower; never serialised (errors win).
const PLACEHOLDER: Condition<'static> = Condition::And(Vec::new());

impl<'q> Sink<'q> for Model {
    type Out = Condition<'q>;

    fn field(&mut self, op: FieldOp, key: &'q str, operand: Operand<'q>) -> Condition<'q> {
        let value = match operand {
            Operand::Value(value) => scalar(value),
            Operand::Null => Scalar::Null,
            Operand::Text(text) => Scalar::String(Cow::Borrowed(text)),
            Operand::Pattern(op, text) => {
                let (before, after) = wildcards(op);
                Scalar::String(Cow::Owned(format!("{before}{text}{after}")))
            }
        };
        Condition::Field { op, key, value }
    }

    fn one_of(&mut self, key: &'q str, values: &'q [TypedValue<'q>]) -> Condition<'q> {
        Condition::In {
            key,
            values: values.iter().map(|v| scalar(&v.scalar)).collect(),
        }
    }

    fn between(
        &mut self,
        key: &'q str,
        low: &'q Scalar<'q>,
        high: &'q Scalar<'q>,
    ) -> Condition<'q> {
        Condition::And(vec![
            self.field(FieldOp::Gte, key, Operand::Value(low)),
            self.field(FieldOp::Lte, key, Operand::Value(high)),
        ])
    }

    fn chain<T>(
        &mut self,
        connective: Connective,
        items: &'q [T],
        mut each: impl FnMut(&mut Self, &'q T) -> Condition<'q>,
    ) -> Condition<'q> {
        let items = items.iter().map(|item| each(self, item)).collect();
        match connective {
            Connective::And => Condition::And(items),
            Connective::Or => Condition::Or(items),
        }
    }

    fn not(&mut self, inner: impl FnOnce(&mut Self) -> Condition<'q>) -> Condition<'q> {
        Condition::Not(Box::new(inner(self)))
    }

    fn any(
        &mut self,
        key: &'q str,
        inner: impl FnOnce(&mut Self) -> Condition<'q>,
    ) -> Condition<'q> {
        Condition::Any {
            key,
            condition: Box::new(inner(self)),
        }
    }

    fn refused(&mut self) -> Condition<'q> {
        PLACEHOLDER
    }
}

/// A checked value as the wire model holds it, its text borrowed from the typed query.
pub(crate) fn scalar<'q>(value: &'q Scalar<'q>) -> Scalar<'q> {
    match value {
        Scalar::String(s) => Scalar::String(Cow::Borrowed(s)),
        Scalar::Date(s) => Scalar::Date(Cow::Borrowed(s)),
        Scalar::DateTime(s) => Scalar::DateTime(Cow::Borrowed(s)),
        Scalar::Null => Scalar::Null,
        Scalar::Bool(b) => Scalar::Bool(*b),
        Scalar::Integer(i) => Scalar::Integer(*i),
        Scalar::Number(n) => Scalar::Number(*n),
    }
}
