/*
 * The external scanner of the sift grammar: the tokens whose end depends on what follows
 * them or on their value, and those that may hold U+0000, which tree-sitter's generated
 * lexer reads only as the end of the input.
 *
 * - number (sift.ebnf `number`): JSON's syntax; it may not run on into a letter, a digit,
 *   `_` or `.` (`7d`, `07`, `1.`, `7and` are errors), and an integer must fit in i64.
 * - date, date_time: in a value position, four digits and `-` start a date, which runs over
 *   letters, digits and `- : . + _`; the run must have the shape of `date` or `date_time`
 *   (the calendar is sift's to check).
 * - duration: digits and a unit (`7d`, `3mo`), the amount below 2^63, no word character after.
 * - limit count: a whole number up to 2^64 - 1, not running on.
 * - immediate name: a segment right after the `.` of a path (no blank before it).
 * - string, quoted name, comment: up to the closing quote or the end of the line; only the
 *   escapes of sift.ebnf's `escape`, a surrogate only in a pair; a quoted name not empty.
 *
 * The scanner keeps no state.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

enum TokenType {
  NUMBER,
  DATE,
  DATE_TIME,
  DURATION,
  LIMIT_COUNT,
  IMMEDIATE_NAME,
  IMMEDIATE_QUOTED_NAME,
  STRING,
  QUOTED_NAME,
  COMMENT,
  ERROR_RECOVERY,
};

void *tree_sitter_sift_external_scanner_create(void) { return NULL; }

void tree_sitter_sift_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_sift_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_sift_external_scanner_deserialize(void *payload, const char *buffer,
                                                   unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_word_start(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_word(int32_t c) { return is_word_start(c) || is_digit(c); }

/* The characters a date literal runs over (sift's `date_run`). */
static bool is_date_run(int32_t c) {
  return is_word(c) || c == '-' || c == ':' || c == '.' || c == '+';
}

/* White space as the grammar's extras read it: Unicode White_Space, Rust's
 * `char::is_whitespace`. */
static bool is_space(int32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static bool accept(TSLexer *lexer, enum TokenType token) {
  lexer->mark_end(lexer);
  lexer->result_symbol = token;
  return true;
}

/* A run of digits read into `value`; `overflow` once it passes u64. Returns its length. */
static unsigned digits(TSLexer *lexer, uint64_t *value, bool *overflow) {
  unsigned count = 0;
  while (is_digit(lexer->lookahead)) {
    uint64_t digit = (uint64_t)(lexer->lookahead - '0');
    if (*value > (UINT64_MAX - digit) / 10) {
      *overflow = true;
    } else {
      *value = *value * 10 + digit;
    }
    count++;
    advance(lexer);
  }
  return count;
}

/* Exactly `n` digits. */
static bool exact_digits(TSLexer *lexer, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    if (!is_digit(lexer->lookahead)) return false;
    advance(lexer);
  }
  return true;
}

static bool expect(TSLexer *lexer, int32_t c) {
  if (lexer->lookahead != c) return false;
  advance(lexer);
  return true;
}

/* At least one digit, then any more. */
static bool some_digits(TSLexer *lexer) {
  if (!is_digit(lexer->lookahead)) return false;
  while (is_digit(lexer->lookahead)) advance(lexer);
  return true;
}

/*
 * date      = digit4 , "-" , digit2 , "-" , digit2 ;
 * date_time = date , "T" , digit2 , ":" , digit2 , ":" , digit2 ,
 *             [ "." , digit , { digit } ] , zone ;
 * zone      = "Z" | ( "+" | "-" ) , digit2 , ":" , digit2 ;
 * Called after the four digits of the year, at the `-`.
 */
static bool date_after_year(TSLexer *lexer) {
  if (!expect(lexer, '-') || !exact_digits(lexer, 2) || !expect(lexer, '-') ||
      !exact_digits(lexer, 2)) {
    return false;
  }
  enum TokenType token = DATE;
  if (lexer->lookahead == 'T') {
    advance(lexer);
    if (!exact_digits(lexer, 2) || !expect(lexer, ':') || !exact_digits(lexer, 2) ||
        !expect(lexer, ':') || !exact_digits(lexer, 2)) {
      return false;
    }
    if (lexer->lookahead == '.') {
      advance(lexer);
      if (!some_digits(lexer)) return false;
    }
    if (lexer->lookahead == 'Z') {
      advance(lexer);
    } else if (lexer->lookahead == '+' || lexer->lookahead == '-') {
      advance(lexer);
      if (!exact_digits(lexer, 2) || !expect(lexer, ':') || !exact_digits(lexer, 2)) {
        return false;
      }
    } else {
      return false;
    }
    token = DATE_TIME;
  }
  // The literal is the whole run: anything of it left over spoils the shape.
  if (is_date_run(lexer->lookahead)) return false;
  return accept(lexer, token);
}

/*
 * number = [ "-" ] , int , [ frac ] , [ exp ] ;  (or a date, where one may stand)
 */
static bool value_literal(TSLexer *lexer, const bool *valid) {
  bool negative = false;
  if (lexer->lookahead == '-') {
    negative = true;
    advance(lexer);
  }
  if (!is_digit(lexer->lookahead)) return false;
  bool leading_zero = lexer->lookahead == '0';
  uint64_t value = 0;
  bool overflow = false;
  unsigned count = digits(lexer, &value, &overflow);
  if (!negative && count == 4 && lexer->lookahead == '-' && (valid[DATE] || valid[DATE_TIME])) {
    return date_after_year(lexer);
  }
  if (!valid[NUMBER]) return false;
  // int = "0" | digit19 , { digit } : a digit after a leading 0 runs on.
  if (leading_zero && count > 1) return false;
  bool integer = true;
  if (lexer->lookahead == '.') {
    advance(lexer);
    if (!some_digits(lexer)) return false;
    integer = false;
  }
  if (lexer->lookahead == 'e' || lexer->lookahead == 'E') {
    advance(lexer);
    if (lexer->lookahead == '+' || lexer->lookahead == '-') advance(lexer);
    if (!some_digits(lexer)) return false;
    integer = false;
  }
  if (is_word(lexer->lookahead) || lexer->lookahead == '.') return false;
  // Without fraction and exponent, an integer: it must fit in i64.
  if (integer && (overflow || value > (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX))) {
    return false;
  }
  return accept(lexer, NUMBER);
}

/*
 * duration  = digit , { digit } , time_unit ;
 * time_unit = "s" | "m" | "h" | "d" | "w" | "mo" | "y" ;
 */
static bool duration(TSLexer *lexer) {
  uint64_t value = 0;
  bool overflow = false;
  if (digits(lexer, &value, &overflow) == 0 || overflow || value > (uint64_t)INT64_MAX) {
    return false;
  }
  switch (lexer->lookahead) {
    case 's':
    case 'h':
    case 'd':
    case 'w':
    case 'y':
      advance(lexer);
      break;
    case 'm':
      advance(lexer);
      if (lexer->lookahead == 'o') advance(lexer);
      break;
    default:
      return false;
  }
  if (is_word(lexer->lookahead)) return false;
  return accept(lexer, DURATION);
}

/* limit_clause = "limit" , digit , { digit } ;  (0 .. 2^64-1) */
static bool limit_count(TSLexer *lexer) {
  if (!is_digit(lexer->lookahead)) return false;
  bool leading_zero = lexer->lookahead == '0';
  uint64_t value = 0;
  bool overflow = false;
  unsigned count = digits(lexer, &value, &overflow);
  if ((leading_zero && count > 1) || overflow) return false;
  if (is_word(lexer->lookahead) || lexer->lookahead == '.') return false;
  return accept(lexer, LIMIT_COUNT);
}

static bool is_line_break(int32_t c) { return c == '\n' || c == '\r'; }

/* Whether the next character belongs to the current line: not a line break, not the end. */
static bool on_line(TSLexer *lexer) {
  return !lexer->eof(lexer) && !is_line_break(lexer->lookahead);
}

static int hex_value(int32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

/* hex4 = hex , hex , hex , hex ;  Its value, or -1. */
static long hex4(TSLexer *lexer) {
  long value = 0;
  for (int i = 0; i < 4; i++) {
    int digit = hex_value(lexer->lookahead);
    if (digit < 0 || lexer->eof(lexer)) return -1;
    value = value * 16 + digit;
    advance(lexer);
  }
  return value;
}

/*
 * escape  = "\" , ( '"' | "'" | "`" | "\" | "/" | "b" | "f" | "n" | "r" | "t" | unicode ) ;
 * unicode = "u" , hex4 , [ "\u" , hex4 ] ;  (a high surrogate D800-DBFF and a low one
 *           DC00-DFFF only as a pair)
 * Called at the `\`.
 */
static bool escape(TSLexer *lexer) {
  advance(lexer);
  if (lexer->eof(lexer)) return false;
  switch (lexer->lookahead) {
    case '"':
    case '\'':
    case '`':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      advance(lexer);
      return true;
    case 'u':
      break;
    default:
      return false;
  }
  advance(lexer);
  long high = hex4(lexer);
  if (high < 0 || (high >= 0xDC00 && high <= 0xDFFF)) return false;
  if (high < 0xD800 || high > 0xDBFF) return true;
  if (!expect(lexer, '\\') || !expect(lexer, 'u')) return false;
  long low = hex4(lexer);
  return low >= 0xDC00 && low <= 0xDFFF;
}

/* string = '"' , { character - ( '"' | "\" ) | escape } , '"' | "'" , … , "'" ; */
static bool string(TSLexer *lexer) {
  int32_t quote = lexer->lookahead;
  advance(lexer);
  while (on_line(lexer)) {
    if (lexer->lookahead == quote) {
      advance(lexer);
      return accept(lexer, STRING);
    }
    if (lexer->lookahead == '\\') {
      if (!escape(lexer)) return false;
    } else {
      advance(lexer);
    }
  }
  return false;
}

/*
 * quoted_segment = "`" , { any_char - ( "`" | "\" | newline | carriage_return ) | "``" | escape } , "`" ;
 * (not empty). A backtick followed by another is one backtick of the name; any other closes.
 */
static bool quoted_name(TSLexer *lexer, enum TokenType token) {
  advance(lexer);
  bool empty = true;
  while (on_line(lexer)) {
    if (lexer->lookahead == '`') {
      advance(lexer);
      lexer->mark_end(lexer);
      if (lexer->lookahead != '`') {
        if (empty) return false;
        lexer->result_symbol = token;
        return true;
      }
      advance(lexer);
    } else if (lexer->lookahead == '\\') {
      if (!escape(lexer)) return false;
    } else {
      advance(lexer);
    }
    empty = false;
  }
  return false;
}

/* comment = "#" , { any_char - ( newline | carriage_return ) } ; */
static bool comment(TSLexer *lexer) {
  advance(lexer);
  while (on_line(lexer)) advance(lexer);
  return accept(lexer, COMMENT);
}

bool tree_sitter_sift_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid) {
  (void)payload;
  if (valid[ERROR_RECOVERY]) {
    // Recovering: literals and comments are still read, so that what follows an error keeps
    // its highlighting; everything else is the internal lexer's.
    while (is_space(lexer->lookahead)) lexer->advance(lexer, true);
    switch (lexer->lookahead) {
      case '#':
        return comment(lexer);
      case '"':
      case '\'':
        return string(lexer);
      case '`':
        return quoted_name(lexer, QUOTED_NAME);
      default: {
        const bool values[] = {[NUMBER] = true, [DATE] = true, [DATE_TIME] = true};
        return value_literal(lexer, values);
      }
    }
  }
  // No blank may come between the `.` of a path and its next segment: none is skipped.
  if (valid[IMMEDIATE_NAME] && is_word_start(lexer->lookahead)) {
    while (is_word(lexer->lookahead)) advance(lexer);
    return accept(lexer, IMMEDIATE_NAME);
  }
  if (valid[IMMEDIATE_QUOTED_NAME] && lexer->lookahead == '`') {
    return quoted_name(lexer, IMMEDIATE_QUOTED_NAME);
  }
  while (is_space(lexer->lookahead)) lexer->advance(lexer, true);
  int32_t c = lexer->lookahead;
  if (c == '#' && valid[COMMENT]) return comment(lexer);
  if ((c == '"' || c == '\'') && valid[STRING]) return string(lexer);
  if (c == '`' && valid[QUOTED_NAME]) return quoted_name(lexer, QUOTED_NAME);
  if (valid[NUMBER] || valid[DATE] || valid[DATE_TIME]) return value_literal(lexer, valid);
  if (valid[DURATION]) return duration(lexer);
  if (valid[LIMIT_COUNT]) return limit_count(lexer);
  return false;
}
