/* test-amount.c: tests for exact amount and quantity parsing and formatting. */

#include <string.h>

#include <glib.h>

#include "model/budget-amount.h"

/* A value parse failures must never overwrite. */
#define SENTINEL G_GINT64_CONSTANT (-4242)

typedef struct
{
  const char *text;
  gint64      expected;
} ParseCase;

typedef struct
{
  const char *text;
  int         code;
  const char *needle;  /* substring the message must contain */
} RejectCase;

static void
check_amount (const char *text,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  BudgetAmount value = SENTINEL;

  if (!budget_amount_parse (text, &value, &error))
    g_error ("“%s” was rejected: %s", text, error->message);
  g_assert_no_error (error);
  if (value != expected)
    g_error ("“%s” parsed as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, value, expected);
}

static void
check_quantity (const char *text,
                gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 value = SENTINEL;

  if (!budget_quantity_parse (text, &value, &error))
    g_error ("quantity “%s” was rejected: %s", text, error->message);
  g_assert_no_error (error);
  if (value != expected)
    g_error ("quantity “%s” parsed as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, value, expected);
}

static void
check_reject_full (gboolean    quantity,
                   const char *text,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  gint64 value = SENTINEL;
  gboolean ok;

  if (quantity)
    ok = budget_quantity_parse (text, &value, &error);
  else
    ok = budget_amount_parse (text, &value, &error);

  if (ok)
    g_error ("“%s” was accepted as %" G_GINT64_FORMAT ", expected error %d", text, value, code);
  g_assert_error (error, BUDGET_AMOUNT_ERROR, code);
  g_assert_cmpint (value, ==, SENTINEL);
  g_assert_nonnull (error->message);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("message for “%s” is “%s”, which does not mention “%s”", text, error->message, needle);
}

static void
check_reject (const char *text,
              int         code,
              const char *needle)
{
  check_reject_full (FALSE, text, code, needle);
}

static void
check_format (char       *formatted,
              const char *expected)
{
  g_autofree char *owned = formatted;

  g_assert_cmpstr (owned, ==, expected);
}

static void
test_error_quark (void)
{
  g_assert_cmpuint (BUDGET_AMOUNT_ERROR, !=, 0);
  g_assert_cmpuint (BUDGET_AMOUNT_ERROR, ==, budget_amount_error_quark ());
  g_assert_cmpstr (g_quark_to_string (BUDGET_AMOUNT_ERROR), ==, "budget-amount-error-quark");
}

static void
test_parse_basic (void)
{
  static const ParseCase cases[] = {
    { "1", 1000000 },
    { "0", 0 },
    { "0.00", 0 },
    { "0.01", 10000 },
    { "0.000001", 1 },
    { "0.123456", 123456 },
    { "124.72", 124720000 },
    { "1234.50", 1234500000 },
    { "1.000000", 1000000 },
    { "12.3", 12300000 },
    { "+5", 5000000 },
    { "+0.5", 500000 },
    { ".5", 500000 },
    { "+.5", 500000 },
    { "5.", 5000000 },
    { "+5.", 5000000 },
    { "007", 7000000 },
    { "000012.30", 12300000 },
    { "0.", 0 },
    { ".0", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_amount (cases[i].text, cases[i].expected);
}

static void
test_parse_blank (void)
{
  static const char *blanks[] = {
    "",
    " ",
    "    ",
    "\t",
    "\t \n\r\v\f",
    "\u00a0",
    "\u3000",
    " \u3000\u00a0\t ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      check_amount (blanks[i], 0);
      check_quantity (blanks[i], 0);
    }
}

static void
test_parse_whitespace (void)
{
  static const ParseCase cases[] = {
    { " 12 ", 12000000 },
    { "\t12.5\n", 12500000 },
    { "  +3  ", 3000000 },
    { "\u00a012\u00a0", 12000000 },
    { "\u300012\u3000", 12000000 },
    { "\u3000 \t1,234.50\u00a0\r\n", 1234500000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_amount (cases[i].text, cases[i].expected);
}

static void
test_parse_fullwidth (void)
{
  static const ParseCase cases[] = {
    { "１２３．４", 123400000 },
    { "０．０１", 10000 },
    { "１２３.４", 123400000 },
    { "123．4", 123400000 },
    { "９８７６５４３２１０", G_GINT64_CONSTANT (9876543210000000) },
    { "１，２３４．５", 1234500000 },
    { "1，234，567", G_GINT64_CONSTANT (1234567000000) },
    { "\u3000１２３．４\u3000", 123400000 },
    { "＋１２", 12000000 },
    { "．５", 500000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_amount (cases[i].text, cases[i].expected);
}

static void
test_parse_grouping (void)
{
  static const ParseCase accepted[] = {
    { "1,234.50", 1234500000 },
    { "1,234", 1234000000 },
    { "12,345", 12345000000 },
    { "123,456", 123456000000 },
    { "1,234,567", G_GINT64_CONSTANT (1234567000000) },
    { "1,234,567.123456", G_GINT64_CONSTANT (1234567123456) },
    { "1,000.", 1000000000 },
    { "+1,234", 1234000000 },
    { "9,999,999,999.999999", BUDGET_AMOUNT_MAX },
    { "1,234，567", G_GINT64_CONSTANT (1234567000000) },
  };
  static const char *rejected[] = {
    "12,34",
    "1,2345",
    ",123",
    "1,23",
    "1234,567",
    "1,234,56",
    "1,234,5678",
    "1,,234",
    "1,234,",
    "1,",
    ",",
    "+,123",
    "1,.5",
    "1,234,.5",
    "12,34.5",
    "1.234,5",
    ".5,",
    "0,5",
    "0,123",
    "01,234",
    "，１２３",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    check_amount (accepted[i].text, accepted[i].expected);

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    check_reject (rejected[i], BUDGET_AMOUNT_ERROR_GROUPING, "separator");
}

static void
test_parse_invalid (void)
{
  static const RejectCase cases[] = {
    { "a", BUDGET_AMOUNT_ERROR_INVALID, "“a” is not part of a number" },
    { "12a", BUDGET_AMOUNT_ERROR_INVALID, "“a”" },
    { "a12", BUDGET_AMOUNT_ERROR_INVALID, "“a”" },
    { "1e5", BUDGET_AMOUNT_ERROR_INVALID, "“e”" },
    { "0x10", BUDGET_AMOUNT_ERROR_INVALID, "“x”" },
    { "12元", BUDGET_AMOUNT_ERROR_INVALID, "“元”" },
    { "1。5", BUDGET_AMOUNT_ERROR_INVALID, "“。”" },
    { "1;5", BUDGET_AMOUNT_ERROR_INVALID, "“;”" },
    { "1'234", BUDGET_AMOUNT_ERROR_INVALID, "“'”" },
    { "$5", BUDGET_AMOUNT_ERROR_INVALID, "“$”" },
    { "1+", BUDGET_AMOUNT_ERROR_INVALID, "“+”" },
    { "++1", BUDGET_AMOUNT_ERROR_INVALID, "“+”" },
    { "1.5.x", BUDGET_AMOUNT_ERROR_INVALID, "“x”" },
    { "1\u200b2", BUDGET_AMOUNT_ERROR_INVALID, "U+200B" },
    { "1\x01", BUDGET_AMOUNT_ERROR_INVALID, "U+0001" },
    { "1 234", BUDGET_AMOUNT_ERROR_INVALID, "Spaces" },
    { "1\u30002", BUDGET_AMOUNT_ERROR_INVALID, "Spaces" },
    { "+ 5", BUDGET_AMOUNT_ERROR_INVALID, "Spaces" },
    { "1 a", BUDGET_AMOUNT_ERROR_INVALID, "Spaces" },
    { "a 1", BUDGET_AMOUNT_ERROR_INVALID, "“a”" },
    { "\xff", BUDGET_AMOUNT_ERROR_INVALID, "UTF-8" },
    { "1\xe4\xb8", BUDGET_AMOUNT_ERROR_INVALID, "UTF-8" },
    { ".", BUDGET_AMOUNT_ERROR_INVALID, "“.” is not a number" },
    { "+", BUDGET_AMOUNT_ERROR_INVALID, "“+” is not a number" },
    { " + ", BUDGET_AMOUNT_ERROR_INVALID, "“+” is not a number" },
    { "+.", BUDGET_AMOUNT_ERROR_INVALID, "“+.” is not a number" },
    { "．", BUDGET_AMOUNT_ERROR_INVALID, "“．” is not a number" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_reject (cases[i].text, cases[i].code, cases[i].needle);
}

static void
test_parse_decimal_points (void)
{
  static const char *cases[] = {
    "1.2.3",
    "1..2",
    "..",
    "1.2.",
    "．.5",
    "１．２．３",
    "1,234.5.6",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_reject (cases[i], BUDGET_AMOUNT_ERROR_DECIMAL_POINTS, "decimal point");
}

static void
test_parse_decimals (void)
{
  static const char *cases[] = {
    "0.0000001",
    "1.1234567",
    "1.0000000",
    ".1234567",
    "9999999999.9999991",
    "０．０００００００１",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      check_reject (cases[i], BUDGET_AMOUNT_ERROR_DECIMALS, "6 decimals");
      check_reject (cases[i], BUDGET_AMOUNT_ERROR_DECIMALS, "万元");
    }
}

static void
test_parse_negative (void)
{
  static const char *cases[] = {
    "-1",
    "-0",
    "-",
    " -0.01 ",
    "\u22121",
    "\uff0d1",
    "1-",
    "1,234-",
    "+-1",
    "-+1",
    "1-2",
    "-a",
    "a-",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      check_reject (cases[i], BUDGET_AMOUNT_ERROR_NEGATIVE, "Budget amounts cannot be negative");
      check_reject_full (TRUE, cases[i], BUDGET_AMOUNT_ERROR_NEGATIVE, "negative");
    }
}

static void
test_parse_range (void)
{
  static const char *too_large[] = {
    "10000000000",
    "10000000000.000000",
    "10000000000.",
    "10,000,000,000",
    "99999999999",
    "99999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551617",
    "1234567890123456789012345678901234567890",
    "9999999999999999999999999999999999999999.5",
    "１２３４５６７８９０１２３４５６７８９０",
  };
  g_autofree char *max_text = budget_amount_format_exact (BUDGET_AMOUNT_MAX);
  g_autofree char *many_zeros = NULL;
  g_autofree char *huge = NULL;
  GString *builder;

  /* Exactly the maximum is accepted; one unit more is not. */
  g_assert_cmpstr (max_text, ==, "9999999999.999999");
  check_amount ("9999999999.999999", BUDGET_AMOUNT_MAX);
  check_amount ("9999999999.99999", BUDGET_AMOUNT_MAX - 9);
  check_amount ("9999999999", BUDGET_AMOUNT_MAX - 999999);
  check_reject ("10000000000", BUDGET_AMOUNT_ERROR_RANGE, "too large");
  check_reject ("10000000000", BUDGET_AMOUNT_ERROR_RANGE, "9999999999.999999");

  for (gsize i = 0; i < G_N_ELEMENTS (too_large); i++)
    check_reject (too_large[i], BUDGET_AMOUNT_ERROR_RANGE, "too large");

  /* Leading zeros never overflow. */
  builder = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append_c (builder, '0');
  g_string_append (builder, "1.5");
  many_zeros = g_string_free (builder, FALSE);
  check_amount (many_zeros, 1500000);

  /* A very long number is RANGE, not garbage. */
  builder = g_string_new ("1");
  for (int i = 0; i < 5000; i++)
    g_string_append_c (builder, '0');
  huge = g_string_free (builder, FALSE);
  check_reject (huge, BUDGET_AMOUNT_ERROR_RANGE, "too large");
}

static void
test_parse_accepted_roundtrip_of_text (void)
{
  /* Every digit position, with and without grouping, parses to the same value. */
  static const ParseCase cases[] = {
    { "9876543210.123456", G_GINT64_CONSTANT (9876543210123456) },
    { "9,876,543,210.123456", G_GINT64_CONSTANT (9876543210123456) },
    { "１，２３４，５６７，８９０．１２３４５６", G_GINT64_CONSTANT (1234567890123456) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_amount (cases[i].text, cases[i].expected);
}

static void
test_quantity_parse (void)
{
  static const ParseCase accepted[] = {
    { "7", 700 },
    { "12.5", 1250 },
    { "0.25", 25 },
    { "0.01", 1 },
    { "1,234.5", 123450 },
    { "１２．５", 1250 },
    { " +3 ", 300 },
    { ".5", 50 },
    { "5.", 500 },
    { "999999999999.99", BUDGET_QUANTITY_MAX },
    { "999,999,999,999.99", BUDGET_QUANTITY_MAX },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    check_quantity (accepted[i].text, accepted[i].expected);

  check_reject_full (TRUE, "1.234", BUDGET_AMOUNT_ERROR_DECIMALS, "2 decimals");
  check_reject_full (TRUE, "0.001", BUDGET_AMOUNT_ERROR_DECIMALS, "2 decimals");
  check_reject_full (TRUE, "1000000000000", BUDGET_AMOUNT_ERROR_RANGE, "999999999999.99");
  check_reject_full (TRUE, "99999999999999999999999999", BUDGET_AMOUNT_ERROR_RANGE, "too large");
  check_reject_full (TRUE, "-1", BUDGET_AMOUNT_ERROR_NEGATIVE, "negative");
  check_reject_full (TRUE, "12,34", BUDGET_AMOUNT_ERROR_GROUPING, "separator");
  check_reject_full (TRUE, "1.2.3", BUDGET_AMOUNT_ERROR_DECIMAL_POINTS, "decimal point");
  check_reject_full (TRUE, "3 个", BUDGET_AMOUNT_ERROR_INVALID, "Spaces");
  check_reject_full (TRUE, "3个", BUDGET_AMOUNT_ERROR_INVALID, "“个”");
  check_reject_full (TRUE, "+", BUDGET_AMOUNT_ERROR_INVALID, "not a number");
}

static void
test_format (void)
{
  check_format (budget_amount_format (1234500000), "1234.50");
  check_format (budget_amount_format (124720000), "124.72");
  check_format (budget_amount_format (0), "0.00");
  check_format (budget_amount_format (1), "0.00");
  check_format (budget_amount_format (4999), "0.00");
  check_format (budget_amount_format (5000), "0.01");
  check_format (budget_amount_format (10000), "0.01");
  check_format (budget_amount_format (14999), "0.01");
  check_format (budget_amount_format (15000), "0.02");
  check_format (budget_amount_format (995000), "1.00");
  check_format (budget_amount_format (1000000), "1.00");
  check_format (budget_amount_format (1234567890000), "1234567.89");
  check_format (budget_amount_format (BUDGET_AMOUNT_MAX), "10000000000.00");
  check_format (budget_amount_format (-10000), "-0.01");
  check_format (budget_amount_format (-5000), "-0.01");
  check_format (budget_amount_format (-4999), "0.00");
  check_format (budget_amount_format (-1), "0.00");
  check_format (budget_amount_format (-1234500000), "-1234.50");
  check_format (budget_amount_format (-15000), "-0.02");
  check_format (budget_amount_format (G_MAXINT64), "9223372036854.78");
  check_format (budget_amount_format (G_MININT64), "-9223372036854.78");
}

static void
test_format_cell (void)
{
  check_format (budget_amount_format_cell (0), "");
  check_format (budget_amount_format_cell (1234500000), "1234.50");
  check_format (budget_amount_format_cell (10000), "0.01");
  check_format (budget_amount_format_cell (4999), "0.00");
  check_format (budget_amount_format_cell (-10000), "-0.01");
}

static void
test_format_exact (void)
{
  check_format (budget_amount_format_exact (124720000), "124.72");
  check_format (budget_amount_format_exact (123456), "0.123456");
  check_format (budget_amount_format_exact (5000000), "5.00");
  check_format (budget_amount_format_exact (1), "0.000001");
  check_format (budget_amount_format_exact (0), "0.00");
  check_format (budget_amount_format_exact (300000), "0.30");
  check_format (budget_amount_format_exact (310000), "0.31");
  check_format (budget_amount_format_exact (312000), "0.312");
  check_format (budget_amount_format_exact (1234500000), "1234.50");
  check_format (budget_amount_format_exact (1000001), "1.000001");
  check_format (budget_amount_format_exact (1000010), "1.00001");
  check_format (budget_amount_format_exact (BUDGET_AMOUNT_MAX), "9999999999.999999");
  check_format (budget_amount_format_exact (-1), "-0.000001");
  check_format (budget_amount_format_exact (-5000000), "-5.00");
  check_format (budget_amount_format_exact (G_MAXINT64), "9223372036854.775807");
  check_format (budget_amount_format_exact (G_MININT64), "-9223372036854.775808");
}

static void
test_round_shown (void)
{
  g_assert_cmpint (budget_amount_round_shown (0), ==, 0);
  g_assert_cmpint (budget_amount_round_shown (1), ==, 0);
  g_assert_cmpint (budget_amount_round_shown (4999), ==, 0);
  g_assert_cmpint (budget_amount_round_shown (5000), ==, 10000);
  g_assert_cmpint (budget_amount_round_shown (10000), ==, 10000);
  g_assert_cmpint (budget_amount_round_shown (14999), ==, 10000);
  g_assert_cmpint (budget_amount_round_shown (15000), ==, 20000);
  g_assert_cmpint (budget_amount_round_shown (1234567), ==, 1230000);
  g_assert_cmpint (budget_amount_round_shown (124720000), ==, 124720000);
  g_assert_cmpint (budget_amount_round_shown (BUDGET_AMOUNT_MAX), ==, BUDGET_AMOUNT_MAX + 1);
  g_assert_cmpint (budget_amount_round_shown (-1), ==, 0);
  g_assert_cmpint (budget_amount_round_shown (-4999), ==, 0);
  g_assert_cmpint (budget_amount_round_shown (-5000), ==, -10000);
  g_assert_cmpint (budget_amount_round_shown (-15000), ==, -20000);
  g_assert_cmpint (budget_amount_round_shown (-1234567), ==, -1230000);
  /* At the ends of gint64 the rounded value cannot be represented: rounded towards zero. */
  g_assert_cmpint (budget_amount_round_shown (G_MAXINT64), ==, G_GINT64_CONSTANT (9223372036854770000));
  g_assert_cmpint (budget_amount_round_shown (G_MININT64), ==, G_GINT64_CONSTANT (-9223372036854770000));
}

static void
test_quantity_format (void)
{
  check_format (budget_quantity_format (700), "7");
  check_format (budget_quantity_format (1250), "12.5");
  check_format (budget_quantity_format (25), "0.25");
  check_format (budget_quantity_format (0), "0");
  check_format (budget_quantity_format (1), "0.01");
  check_format (budget_quantity_format (10), "0.1");
  check_format (budget_quantity_format (101), "1.01");
  check_format (budget_quantity_format (BUDGET_QUANTITY_MAX), "999999999999.99");
  check_format (budget_quantity_format (-1250), "-12.5");
  check_format (budget_quantity_format (-5), "-0.05");
  check_format (budget_quantity_format (G_MININT64), "-92233720368547758.08");
}

/* A value in [0, max] from @rand, spread over every magnitude. */
static gint64
random_value (GRand  *rand,
              gint64  max)
{
  guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
  int kind = g_rand_int_range (rand, 0, 4);

  switch (kind)
    {
    case 0:
      /* Uniform over the whole range. */
      return (gint64) (bits % ((guint64) max + 1));
    case 1:
      /* Uniform over a random number of digits, so small values are common too. */
      {
        guint64 limit = 1;
        int digits = g_rand_int_range (rand, 1, 17);

        for (int i = 0; i < digits; i++)
          limit *= 10;
        return MIN ((gint64) (bits % limit), max);
      }
    case 2:
      /* Whole 0.01 万元 values, as most entered amounts are. */
      return (gint64) (bits % ((guint64) max / 10000 + 1)) * 10000;
    default:
      /* Close to the ends of the range. */
      return g_rand_boolean (rand) ? (gint64) (bits % 100000) : max - (gint64) (bits % 100000);
    }
}

static void
test_roundtrip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  static const gint64 fixed[] = {
    0, 1, 9, 10, 99, 100, 9999, 10000, 99999, 999999, 1000000, 1000001,
    BUDGET_AMOUNT_MAX - 1, BUDGET_AMOUNT_MAX,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fixed) + 100000; i++)
    {
      gint64 x = i < G_N_ELEMENTS (fixed) ? fixed[i] : random_value (rand, BUDGET_AMOUNT_MAX);
      g_autofree char *exact = budget_amount_format_exact (x);
      g_autofree char *shown = budget_amount_format (x);
      g_autoptr(GError) error = NULL;
      BudgetAmount parsed = SENTINEL;
      BudgetAmount parsed_shown = SENTINEL;

      g_assert_cmpint (x, >=, 0);
      g_assert_cmpint (x, <=, BUDGET_AMOUNT_MAX);

      if (!budget_amount_parse (exact, &parsed, &error))
        g_error ("format_exact (%" G_GINT64_FORMAT ") = “%s” was rejected: %s", x, exact, error->message);
      if (parsed != x)
        g_error ("format_exact (%" G_GINT64_FORMAT ") = “%s” parsed as %" G_GINT64_FORMAT, x, exact, parsed);

      /* The 2-decimal form shows exactly the rounded value. Within 0.005 万元 of the maximum
       * it rounds up to 10000000000.00, which is above the maximum and cannot be typed back. */
      if (budget_amount_round_shown (x) > BUDGET_AMOUNT_MAX)
        {
          g_assert_cmpstr (shown, ==, "10000000000.00");
          continue;
        }
      if (!budget_amount_parse (shown, &parsed_shown, &error))
        g_error ("format (%" G_GINT64_FORMAT ") = “%s” was rejected: %s", x, shown, error->message);
      g_assert_cmpint (parsed_shown, ==, budget_amount_round_shown (x));
    }

  for (int i = 0; i < 100000; i++)
    {
      gint64 q = random_value (rand, BUDGET_QUANTITY_MAX);
      g_autofree char *text = budget_quantity_format (q);
      g_autoptr(GError) error = NULL;
      gint64 parsed = SENTINEL;

      if (!budget_quantity_parse (text, &parsed, &error))
        g_error ("quantity_format (%" G_GINT64_FORMAT ") = “%s” was rejected: %s", q, text, error->message);
      g_assert_cmpint (parsed, ==, q);
    }
}

static void
test_add_checked (void)
{
  BudgetAmount sum = SENTINEL;

  g_assert_true (budget_amount_add_checked (1, 2, &sum));
  g_assert_cmpint (sum, ==, 3);
  g_assert_true (budget_amount_add_checked (-10000, 4000, &sum));
  g_assert_cmpint (sum, ==, -6000);
  g_assert_true (budget_amount_add_checked (BUDGET_AMOUNT_MAX, BUDGET_AMOUNT_MAX, &sum));
  g_assert_cmpint (sum, ==, 2 * BUDGET_AMOUNT_MAX);
  g_assert_true (budget_amount_add_checked (G_MAXINT64, 0, &sum));
  g_assert_cmpint (sum, ==, G_MAXINT64);
  g_assert_true (budget_amount_add_checked (G_MAXINT64, G_MININT64, &sum));
  g_assert_cmpint (sum, ==, -1);
  g_assert_true (budget_amount_add_checked (G_MININT64, 0, &sum));
  g_assert_cmpint (sum, ==, G_MININT64);

  sum = SENTINEL;
  g_assert_false (budget_amount_add_checked (G_MAXINT64, 1, &sum));
  g_assert_false (budget_amount_add_checked (1, G_MAXINT64, &sum));
  g_assert_false (budget_amount_add_checked (G_MAXINT64, G_MAXINT64, &sum));
  g_assert_false (budget_amount_add_checked (G_MININT64, -1, &sum));
  g_assert_false (budget_amount_add_checked (G_MININT64, G_MININT64, &sum));
  g_assert_cmpint (sum, ==, SENTINEL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/amount/error-quark", test_error_quark);
  g_test_add_func ("/amount/parse/basic", test_parse_basic);
  g_test_add_func ("/amount/parse/blank", test_parse_blank);
  g_test_add_func ("/amount/parse/whitespace", test_parse_whitespace);
  g_test_add_func ("/amount/parse/fullwidth", test_parse_fullwidth);
  g_test_add_func ("/amount/parse/grouping", test_parse_grouping);
  g_test_add_func ("/amount/parse/invalid", test_parse_invalid);
  g_test_add_func ("/amount/parse/decimal-points", test_parse_decimal_points);
  g_test_add_func ("/amount/parse/decimals", test_parse_decimals);
  g_test_add_func ("/amount/parse/negative", test_parse_negative);
  g_test_add_func ("/amount/parse/range", test_parse_range);
  g_test_add_func ("/amount/parse/long-values", test_parse_accepted_roundtrip_of_text);
  g_test_add_func ("/amount/quantity/parse", test_quantity_parse);
  g_test_add_func ("/amount/format/shown", test_format);
  g_test_add_func ("/amount/format/cell", test_format_cell);
  g_test_add_func ("/amount/format/exact", test_format_exact);
  g_test_add_func ("/amount/format/round-shown", test_round_shown);
  g_test_add_func ("/amount/quantity/format", test_quantity_format);
  g_test_add_func ("/amount/roundtrip", test_roundtrip);
  g_test_add_func ("/amount/add-checked", test_add_checked);

  return g_test_run ();
}
