/**
 * @file The sift filter language, from grammar/sift.ebnf (normative) and grammar/README.md.
 * @license MIT OR Apache-2.0
 *
 * Each rule quotes the production of sift.ebnf it implements. What is decided by context:
 *
 * - Keywords are words in any ASCII case. tree-sitter reads a word as a keyword only where
 *   that keyword can stand, so a field may be named `to`, `in`, `order`, `is`, `null` ...
 * - Where a condition starts, `and` and `or` are reserved (such a field goes in backticks)
 *   and `not` negates; a clause word there is a field, so an operator must follow it.
 *   After `sort`, `fields`, `,` and `in` (of `similar to`) every word is a name; after
 *   `from` the clause and operator words are reserved (rule 5 of "Keyword-like names").
 * - `from` at the start of an item is read both ways, as a query and as a field, and the
 *   next token decides: an operator or an attached `.` makes it a field (`from = 1`).
 * - The lexical rules that a regular token cannot state are the external scanner's
 *   (src/scanner.c): a number, date, duration or limit may not run on into a letter
 *   (`7and`), an integer must fit in i64 and a limit in u64, a segment after `.` follows it
 *   without a blank, and strings, quoted names and comments hold any character but a line
 *   break (U+0000 too).
 *
 * What the grammar leaves to sift: the calendar (`2024-02-30` has the shape of a date) and
 * the limits of `Limits` (depth, size, list length, node count).
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// Every word sift reads as a keyword somewhere (grammar/README.md, Keywords; the semantic
// clause's words; the time functions). Each becomes a hidden case-insensitive token `_kw_X`,
// shown in the tree as the anonymous node "X".
const KEYWORDS = [
  'from', 'similar', 'where', 'sort', 'limit', 'fields', 'asc', 'desc',
  'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false',
  'like', 'fuzzy', 'keyword', 'contains', 'startswith', 'endswith', 'has', 'any', 'between',
  'select',
  'to', 'min', 'context_size', 'dedup', 'max', 'none',
  'now', 'today', 'start_of_week', 'start_of_month', 'start_of_year',
];

// Words that take a value after a field: `compare_op` and `text_op` of sift.ebnf, and `has`.
const VALUE_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '~'];
const VALUE_OPERATOR_WORDS = ['like', 'fuzzy', 'keyword', 'contains', 'startswith', 'endswith', 'has'];

// Words that begin an operator after a field (grammar/README.md, "operator start").
const OPERATOR_WORDS = [...VALUE_OPERATOR_WORDS, 'in', 'not', 'is', 'any', 'between'];

// Words that name no entity after `from` (rule 5 of "Keyword-like names").
const NOT_ENTITIES = ['similar', 'where', 'sort', 'limit', 'fields', 'select', ...OPERATOR_WORDS];

const TIME_FUNCTIONS = ['now', 'today', 'start_of_week', 'start_of_month', 'start_of_year'];

// White space as sift reads it (Rust's `char::is_whitespace`, the Unicode White_Space set).
const WHITE_SPACE = /[\t\n\x0B\x0C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

const keyword = ($, word) => alias($[`_kw_${word}`], word);

// A word in any ASCII case (sift compares keywords ASCII-case-insensitively).
const anyCase = word => new RegExp(
  [...word].map(c => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join(''),
);

module.exports = grammar({
  name: 'sift',

  extras: $ => [WHITE_SPACE, $.comment],

  // Read by src/scanner.c, which quotes the rules of sift.ebnf it implements (`number`,
  // `date`, `date_time`, `duration`, `limit_clause`'s digits, `string`, `quoted_segment`,
  // `comment`).
  externals: $ => [
    $.number,
    $.date,
    $.date_time,
    $.duration,
    $._limit_count,
    // A segment right after the `.` of a path, with no blank between: a word token of its
    // own would hide the keywords from tree-sitter's keyword extraction.
    $._immediate_name,
    $._immediate_quoted_name,
    // Strings, quoted names and comments may hold any character but a line break, U+0000
    // included, which tree-sitter's generated lexer reads only as the end of the input.
    $.string,
    $.quoted_name,
    $.comment,
    // Never valid in a parse state: tells the scanner that the parser is recovering.
    $._error_recovery,
  ],

  word: $ => $.identifier,

  // The first set applies wherever no other is named: `and` and `or` are no field names
  // where a condition starts.
  reserved: {
    condition: $ => [$._kw_and, $._kw_or],
    entity: $ => NOT_ENTITIES.map(word => $[`_kw_${word}`]),
    name: _ => [],
  },

  rules: {
    // document = [ query_item , { ";" , query_item } , [ ";" ] ] ;
    // A document of nothing but blanks and comments is sift's `empty_input` error: here too
    // at least one item is required.
    document: $ => seq(
      $._query_item,
      repeat(seq(';', $._query_item)),
      optional(';'),
    ),

    // query_item = query | filter ;
    _query_item: $ => choice($.query, $.filter),

    // filter = or_expr ;
    filter: $ => $._or_expr,

    // query = from_clause , [ semantic_clause ] , [ where_clause ] , [ sort_clause ] ,
    //         [ limit_clause ] , [ fields_clause ] ;
    query: $ => seq(
      $.from_clause,
      optional($.semantic_clause),
      optional($.where_clause),
      optional($.sort_clause),
      optional($.limit_clause),
      optional($.fields_clause),
    ),

    // from_clause = "from" , entity ;
    from_clause: $ => seq(keyword($, 'from'), field('entity', $.entity)),

    // entity = segment ;
    entity: $ => reserved('entity', choice($.identifier, $.quoted_name)),

    // semantic_clause = "similar" , "to" , value , [ "in" , path ] , [ "min" , value ] ,
    //                   [ "context_size" , value ] , [ "dedup" , dedup_mode ] ;
    semantic_clause: $ => seq(
      keyword($, 'similar'),
      keyword($, 'to'),
      field('prompt', $._value),
      optional(seq(keyword($, 'in'), field('field', $._name_path))),
      optional(seq(keyword($, 'min'), field('min', $._value))),
      optional(seq(keyword($, 'context_size'), field('context_size', $._value))),
      optional(seq(keyword($, 'dedup'), field('dedup', $.dedup_mode))),
    ),

    // dedup_mode = "max" | "none" ;
    dedup_mode: $ => choice(keyword($, 'max'), keyword($, 'none')),

    // where_clause = "where" , or_expr ;
    where_clause: $ => seq(keyword($, 'where'), $._or_expr),

    // sort_clause = "sort" , sort_key , { "," , sort_key } ;
    sort_clause: $ => seq(keyword($, 'sort'), $.sort_key, repeat(seq(',', $.sort_key))),

    // sort_key = path , [ "asc" | "desc" ] ;
    sort_key: $ => seq(
      field('field', $._name_path),
      optional(field('direction', choice(keyword($, 'asc'), keyword($, 'desc')))),
    ),

    // limit_clause = "limit" , digit , { digit } ;
    limit_clause: $ => seq(keyword($, 'limit'), field('count', alias($._limit_count, $.number))),

    // fields_clause = "fields" , path , { "," , path } ;
    fields_clause: $ => seq(
      keyword($, 'fields'),
      $._name_path,
      repeat(seq(',', $._name_path)),
    ),

    // or_expr = and_expr , { "or" , and_expr } ;
    _or_expr: $ => choice($.or_expression, $._and_expr),
    or_expression: $ => seq($._and_expr, repeat1(seq(keyword($, 'or'), $._and_expr))),

    // and_expr = not_expr , { "and" , not_expr } ;
    _and_expr: $ => choice($.and_expression, $._not_expr),
    and_expression: $ => seq($._not_expr, repeat1(seq(keyword($, 'and'), $._not_expr))),

    // not_expr = "not" , not_expr | primary ;
    _not_expr: $ => choice($.not_expression, $._primary),
    not_expression: $ => seq(keyword($, 'not'), $._not_expr),

    // primary = "(" , or_expr , ")" | condition ;
    _primary: $ => choice($.parenthesized_expression, $.condition),
    parenthesized_expression: $ => seq('(', $._or_expr, ')'),

    // condition = path , predicate ;
    // predicate = compare_op , value | text_op , value | "has" , value
    //           | [ "not" ] , "in" , list | "is" , [ "not" ] , "null"
    //           | "between" , value , "and" , value | "any" , "(" , or_expr , ")" ;
    condition: $ => seq(field('field', $.path), choice(
      seq(
        field('operator', choice(
          ...VALUE_OPERATORS,
          ...VALUE_OPERATOR_WORDS.map(word => keyword($, word)),
        )),
        field('value', $._value),
      ),
      seq(
        optional(field('operator', keyword($, 'not'))),
        field('operator', keyword($, 'in')),
        field('list', $.list),
      ),
      seq(
        field('operator', keyword($, 'is')),
        optional(field('operator', keyword($, 'not'))),
        field('operator', keyword($, 'null')),
      ),
      seq(
        field('operator', keyword($, 'between')),
        field('low', $._value),
        keyword($, 'and'),
        field('high', $._value),
      ),
      seq(
        field('operator', keyword($, 'any')),
        '(',
        field('condition', $._or_expr),
        ')',
      ),
    )),

    // list = "[" , [ values ] , "]" | "(" , [ values ] , ")" ;
    list: $ => choice(
      seq('[', optional($._values), ']'),
      seq('(', optional($._values), ')'),
    ),

    // values = value , { "," , value } , [ "," ] ;
    _values: $ => seq($._value, repeat(seq(',', $._value)), optional(',')),

    // value = string | number | date_time | date | relative_time | "true" | "false" | "null" ;
    _value: $ => choice(
      $.string,
      $.number,
      $.date_time,
      $.date,
      $.relative_time,
      $.boolean,
      $.null,
    ),

    boolean: $ => choice(keyword($, 'true'), keyword($, 'false')),
    null: $ => keyword($, 'null'),

    // relative_time = time_anchor , { ( "+" | "-" ) , duration } ;
    relative_time: $ => seq(
      field('anchor', $.time_anchor),
      repeat(seq(field('sign', choice('+', '-')), field('offset', $.duration))),
    ),

    // time_anchor = ( "now" | "today" | "start_of_week" | "start_of_month" | "start_of_year" ) ,
    //               "(" , ")" ;
    time_anchor: $ => seq(
      field('function', choice(...TIME_FUNCTIONS.map(word => keyword($, word)))),
      '(',
      ')',
    ),

    // path = segment , { "." , segment } ;   (no blanks around ".")
    // Where a condition starts `from` is a field too: at the start of an item it begins a
    // query unless what follows makes it a field.
    path: $ => seq(
      choice($._segment, alias($._kw_from, $.identifier)),
      repeat($._dotted_segment),
    ),

    // A path where one is required (sort keys, fields, `similar to … in`): every word is a name.
    _name_path: $ => alias($._required_path, $.path),
    _required_path: $ => seq(
      reserved('name', choice($.identifier, $.quoted_name)),
      repeat($._dotted_segment),
    ),

    _dotted_segment: $ => seq(
      alias(token.immediate('.'), '.'),
      choice(
        alias($._immediate_name, $.identifier),
        alias($._immediate_quoted_name, $.quoted_name),
      ),
    ),

    // segment = bare_segment | quoted_segment ;
    _segment: $ => choice($.identifier, $.quoted_name),

    // bare_segment = ( letter | "_" ) , { letter | digit | "_" } ;
    identifier: _ => /[A-Za-z_][A-Za-z0-9_]*/,

    ...Object.fromEntries(KEYWORDS.map(word => [
      `_kw_${word}`,
      _ => token(prec(1, anyCase(word))),
    ])),
  },
});
