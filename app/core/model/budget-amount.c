/* budget-amount.c: exact fixed-point money and quantities, parsed and formatted in one place.
 *
 * Everything is integer arithmetic: an amount is a count of 分 (1 万元 = 1 000 000 units) and a
 * quantity is a count of hundredths. Text is parsed digit by digit with overflow checks, and
 * formatted from the integer quotient and remainder, so no value is ever approximated.
 */

#include <glib/gi18n-lib.h>

#include "model/budget-amount.h"

G_DEFINE_QUARK (budget-amount-error-quark, budget_amount_error)

/* The shown (2-decimal) step of an amount: 0.01 万元. */
#define SHOWN_STEP G_GINT64_CONSTANT (10000)

typedef enum
{
  NUMBER_AMOUNT,
  NUMBER_QUANTITY,
} NumberKind;

typedef struct
{
  NumberKind kind;
  gint64     scale;     /* units per whole number: 10^decimals */
  guint      decimals;  /* decimals that may be typed */
  gint64     max;       /* largest accepted value, in units */
} NumberSpec;

static const NumberSpec amount_spec = {
  NUMBER_AMOUNT, BUDGET_AMOUNT_PER_WANYUAN, BUDGET_AMOUNT_DECIMALS, BUDGET_AMOUNT_MAX,
};

/* Figures typed in 元: 2 decimals (分), 100 units per 元. */
static const NumberSpec yuan_spec = {
  NUMBER_AMOUNT, 100, 2, BUDGET_AMOUNT_MAX,
};

static const NumberSpec quantity_spec = {
  NUMBER_QUANTITY, BUDGET_QUANTITY_SCALE, BUDGET_QUANTITY_DECIMALS, BUDGET_QUANTITY_MAX,
};

typedef enum
{
  CHAR_DIGIT,
  CHAR_POINT,
  CHAR_SEPARATOR,
  CHAR_PLUS,
  CHAR_MINUS,
  CHAR_SPACE,
  CHAR_OTHER,
} CharClass;

static gboolean
is_blank (gunichar c)
{
  switch (c)
    {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case 0x00A0: /* NO-BREAK SPACE */
    case 0x3000: /* IDEOGRAPHIC SPACE */
      return TRUE;
    default:
      return FALSE;
    }
}

static CharClass
classify (gunichar  c,
          guint    *digit)
{
  if (c >= '0' && c <= '9')
    {
      *digit = c - '0';
      return CHAR_DIGIT;
    }
  if (c >= 0xFF10 && c <= 0xFF19) /* FULLWIDTH DIGIT ZERO … NINE */
    {
      *digit = c - 0xFF10;
      return CHAR_DIGIT;
    }

  switch (c)
    {
    case '.':
    case 0xFF0E: /* FULLWIDTH FULL STOP */
      return CHAR_POINT;
    case ',':
    case 0xFF0C: /* FULLWIDTH COMMA */
      return CHAR_SEPARATOR;
    case '+':
    case 0xFF0B: /* FULLWIDTH PLUS SIGN */
      return CHAR_PLUS;
    case '-':
    case 0x2212: /* MINUS SIGN */
    case 0xFF0D: /* FULLWIDTH HYPHEN-MINUS */
      return CHAR_MINUS;
    default:
      return is_blank (c) ? CHAR_SPACE : CHAR_OTHER;
    }
}

static void
set_invalid_char_error (GError     **error,
                        const char  *p)
{
  gunichar c = g_utf8_get_char (p);

  if (g_unichar_isgraph (c))
    {
      g_autofree char *shown = g_strndup (p, g_utf8_next_char (p) - p);

      /* Translators: %s is the character that was typed, e.g. “a” is not part of a number */
      g_set_error (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_INVALID,
                   _("“%s” is not part of a number"), shown);
    }
  else
    {
      /* Invisible characters (control, format, zero-width) are named by their code point. */
      g_set_error (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_INVALID,
                   _("The invisible character U+%04X is not part of a number"), (guint) c);
    }
}

static void
set_range_error (GError           **error,
                 const NumberSpec  *spec)
{
  if (spec->kind == NUMBER_AMOUNT)
    {
      g_autofree char *max = budget_amount_format_exact (spec->max);

      g_set_error (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_RANGE,
                   _("The amount is too large (the largest amount is %s 万元)"), max);
    }
  else
    {
      g_autofree char *max = budget_quantity_format (spec->max);

      g_set_error (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_RANGE,
                   _("The quantity is too large (the largest quantity is %s)"), max);
    }
}

static void
set_decimals_error (GError           **error,
                    const NumberSpec  *spec)
{
  if (spec->kind == NUMBER_AMOUNT && spec->decimals == 2)
    g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_DECIMALS,
                         _("At most 2 decimals are allowed (amounts are in 元: the last decimal is 分)"));
  else if (spec->kind == NUMBER_AMOUNT)
    g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_DECIMALS,
                         _("At most 6 decimals are allowed (amounts are in 万元)"));
  else
    g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_DECIMALS,
                         _("At most 2 decimals are allowed in a quantity"));
}

static void
set_grouping_error (GError **error)
{
  g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_GROUPING,
                       _("Thousands separators must separate groups of 3 digits before the decimal point"));
}

/*
 * parse_number:
 *
 * The shared parser. Works in three passes over the trimmed text: characters (so a minus sign
 * anywhere reports NEGATIVE and a stray character reports INVALID), structure (decimal points,
 * separator groups, decimal count), then value (digit accumulation with overflow checks).
 */
static gboolean
parse_number (const char        *text,
              const NumberSpec  *spec,
              gint64            *out_value,
              GError           **error)
{
  const char *trimmed;
  const char *start;
  const char *end;
  const char *p;
  const char *first_other = NULL;
  const char *first_space = NULL;
  gboolean seen_minus = FALSE;
  gboolean seen_point = FALSE;
  guint n_int_digits = 0;
  guint n_frac_digits = 0;
  guint group_digits = 0;       /* digits since the last separator, or since the start */
  gboolean grouped = FALSE;     /* a separator has been seen */
  gboolean group_leading_zero = FALSE;
  gint64 int_part = 0;
  gint64 frac_part = 0;
  gint64 value;
  guint ignored_digit;
  guint i;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_INVALID,
                           _("The text is not valid UTF-8"));
      return FALSE;
    }

  /* Trim blanks at both ends. */
  start = text;
  while (*start != '\0' && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  /* A blank cell is zero. */
  if (start == end)
    {
      *out_value = 0;
      return TRUE;
    }

  /* Pass 1: characters. */
  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      guint digit;

      switch (classify (g_utf8_get_char (p), &digit))
        {
        case CHAR_MINUS:
          seen_minus = TRUE;
          break;
        case CHAR_PLUS:
          if (p != start && first_other == NULL)
            first_other = p;
          break;
        case CHAR_SPACE:
          if (first_space == NULL)
            first_space = p;
          break;
        case CHAR_OTHER:
          if (first_other == NULL)
            first_other = p;
          break;
        case CHAR_DIGIT:
        case CHAR_POINT:
        case CHAR_SEPARATOR:
        default:
          break;
        }
    }

  if (seen_minus)
    {
      if (spec->kind == NUMBER_AMOUNT)
        g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_NEGATIVE,
                             _("Budget amounts cannot be negative"));
      else
        g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_NEGATIVE,
                             _("Quantities cannot be negative"));
      return FALSE;
    }

  if (first_other != NULL && (first_space == NULL || first_other < first_space))
    {
      set_invalid_char_error (error, first_other);
      return FALSE;
    }

  if (first_space != NULL)
    {
      g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_INVALID,
                           _("Spaces are not allowed inside a number"));
      return FALSE;
    }

  /* Pass 2: structure. Only digits, points, separators and a leading plus remain. */
  trimmed = start;
  if (classify (g_utf8_get_char (start), &ignored_digit) == CHAR_PLUS)
    start = g_utf8_next_char (start);

  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      guint digit = 0;

      switch (classify (g_utf8_get_char (p), &digit))
        {
        case CHAR_DIGIT:
          if (seen_point)
            {
              n_frac_digits++;
            }
          else
            {
              if (group_digits == 0 && !grouped)
                group_leading_zero = (digit == 0);
              n_int_digits++;
              group_digits++;
            }
          break;

        case CHAR_POINT:
          if (seen_point)
            {
              g_set_error_literal (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_DECIMAL_POINTS,
                                   _("A number can have only one decimal point"));
              return FALSE;
            }
          /* The group before the point must be complete when separators are used. */
          if (grouped && group_digits != 3)
            {
              set_grouping_error (error);
              return FALSE;
            }
          seen_point = TRUE;
          break;

        case CHAR_SEPARATOR:
          /* Separators belong to the integer part only; the first group has 1-3 digits
           * (not starting with 0, so a European "0,5" is not read as 5) and the others 3. */
          if (seen_point ||
              group_digits == 0 ||
              (grouped && group_digits != 3) ||
              (!grouped && (group_digits > 3 || group_leading_zero)))
            {
              set_grouping_error (error);
              return FALSE;
            }
          grouped = TRUE;
          group_digits = 0;
          break;

        case CHAR_PLUS:
        case CHAR_MINUS:
        case CHAR_SPACE:
        case CHAR_OTHER:
        default:
          g_assert_not_reached ();
        }
    }

  if (grouped && !seen_point && group_digits != 3)
    {
      set_grouping_error (error);
      return FALSE;
    }

  if (n_int_digits == 0 && n_frac_digits == 0)
    {
      g_autofree char *shown = g_strndup (trimmed, end - trimmed);

      g_set_error (error, BUDGET_AMOUNT_ERROR, BUDGET_AMOUNT_ERROR_INVALID,
                   _("“%s” is not a number"), shown);
      return FALSE;
    }

  if (n_frac_digits > spec->decimals)
    {
      set_decimals_error (error, spec);
      return FALSE;
    }

  /* Pass 3: value. The integer part is checked against the maximum while it is accumulated,
   * so arbitrarily long digit strings report RANGE instead of wrapping. */
  seen_point = FALSE;
  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      guint digit = 0;
      CharClass cls = classify (g_utf8_get_char (p), &digit);

      if (cls == CHAR_POINT)
        {
          seen_point = TRUE;
        }
      else if (cls == CHAR_DIGIT)
        {
          if (seen_point)
            {
              frac_part = frac_part * 10 + digit;
            }
          else
            {
              if (int_part > (spec->max / spec->scale - (gint64) digit) / 10)
                {
                  set_range_error (error, spec);
                  return FALSE;
                }
              int_part = int_part * 10 + digit;
            }
        }
    }

  for (i = n_frac_digits; i < spec->decimals; i++)
    frac_part *= 10;

  /* int_part <= max / scale, so int_part * scale + frac_part < max + scale: no overflow. */
  value = int_part * spec->scale + frac_part;
  if (value > spec->max)
    {
      set_range_error (error, spec);
      return FALSE;
    }

  *out_value = value;
  return TRUE;
}

/**
 * budget_amount_parse:
 * @text: the text an officer typed or pasted, in 万元
 * @out_value: (out): return location for the amount in 分
 * @error: return location for a #GError, or %NULL
 *
 * Parses an amount in 万元 with up to %BUDGET_AMOUNT_DECIMALS decimals into an exact count of
 * 分 (1 万元 = %BUDGET_AMOUNT_PER_WANYUAN).
 *
 * Blanks (ASCII whitespace, U+00A0 and U+3000) around the number are ignored, and blank text is
 * a blank cell, which is 0. Full-width digits, the full-width point “．”, a leading plus sign and
 * thousands separators (“,” or “，”, in groups of 3 before the decimal point) are accepted.
 *
 * On failure @error is set in the %BUDGET_AMOUNT_ERROR domain and @out_value is left untouched.
 *
 * Returns: %TRUE if @text is a valid amount
 */
gboolean
budget_amount_parse (const char    *text,
                     BudgetAmount  *out_value,
                     GError       **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_number (text, &amount_spec, out_value, error);
}

/**
 * budget_quantity_parse:
 * @text: the text an officer typed or pasted
 * @out_value: (out): return location for the quantity in hundredths
 * @error: return location for a #GError, or %NULL
 *
 * Parses a quantity (数量, 面积) with up to %BUDGET_QUANTITY_DECIMALS decimals into an exact count
 * of hundredths. The accepted forms and the errors are those of budget_amount_parse(); the
 * largest quantity is %BUDGET_QUANTITY_MAX hundredths.
 *
 * Returns: %TRUE if @text is a valid quantity
 */
gboolean
budget_quantity_parse (const char  *text,
                       gint64      *out_value,
                       GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_number (text, &quantity_spec, out_value, error);
}

/* The magnitude of @value, correct for G_MININT64 too. */
static guint64
magnitude (gint64 value)
{
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

/**
 * budget_amount_format:
 * @value: an amount in 分
 *
 * Formats @value in 万元 with exactly 2 decimals, rounded half-up (half away from zero for
 * negative values) and without thousands separators: 1234500000 gives “1234.50”. A negative
 * value that rounds to zero gives “0.00”.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
budget_amount_format (BudgetAmount value)
{
  guint64 shown = (magnitude (value) + SHOWN_STEP / 2) / SHOWN_STEP; /* in 0.01 万元 */

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          value < 0 && shown != 0 ? "-" : "",
                          shown / 100, (guint) (shown % 100));
}

/**
 * budget_amount_format_cell:
 * @value: an amount in 分
 *
 * Formats @value like budget_amount_format(), except that exactly 0 gives an empty string,
 * since tables leave zero cells blank.
 *
 * Returns: (transfer full): the formatted amount, or an empty string
 */
char *
budget_amount_format_cell (BudgetAmount value)
{
  if (value == 0)
    return g_strdup ("");

  return budget_amount_format (value);
}

/**
 * budget_amount_format_exact:
 * @value: an amount in 分
 *
 * Formats @value in 万元 exactly, with at least 2 decimals and as many more as needed (up to
 * %BUDGET_AMOUNT_DECIMALS): 124720000 gives “124.72”, 123456 gives “0.123456”. This is the form
 * used in files and for editing; budget_amount_parse() reads it back to the same value.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
budget_amount_format_exact (BudgetAmount value)
{
  guint64 mag = magnitude (value);
  guint64 whole = mag / (guint64) BUDGET_AMOUNT_PER_WANYUAN;
  guint frac = (guint) (mag % (guint64) BUDGET_AMOUNT_PER_WANYUAN);
  int n_decimals = BUDGET_AMOUNT_DECIMALS;

  while (n_decimals > BUDGET_AMOUNT_SHOWN_DECIMALS && frac % 10 == 0)
    {
      frac /= 10;
      n_decimals--;
    }

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*u",
                          value < 0 ? "-" : "", whole, n_decimals, frac);
}

/**
 * budget_amount_round_shown:
 * @value: an amount in 分
 *
 * Rounds @value half-up (half away from zero for negative values) to a multiple of 0.01 万元,
 * which is the value the 2-decimal display shows. Near the limits of #gint64, where the rounded
 * value cannot be represented, the value is rounded towards zero instead.
 *
 * Returns: the shown value in 分
 */
BudgetAmount
budget_amount_round_shown (BudgetAmount value)
{
  guint64 mag = magnitude (value);
  guint64 limit = value < 0 ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 rounded = (mag + SHOWN_STEP / 2) / SHOWN_STEP * SHOWN_STEP;

  if (rounded > limit)
    rounded -= SHOWN_STEP;

  return value < 0 ? (BudgetAmount) ((guint64) 0 - rounded) : (BudgetAmount) rounded;
}

/**
 * budget_quantity_format:
 * @value: a quantity in hundredths
 *
 * Formats a quantity without trailing zeros: 700 gives “7”, 1250 gives “12.5” and 25 gives
 * “0.25”.
 *
 * Returns: (transfer full): the formatted quantity
 */
char *
budget_quantity_format (gint64 value)
{
  guint64 mag = magnitude (value);
  guint64 whole = mag / (guint64) BUDGET_QUANTITY_SCALE;
  guint frac = (guint) (mag % (guint64) BUDGET_QUANTITY_SCALE);
  const char *sign = value < 0 ? "-" : "";

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, whole);
  if (frac % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%u", sign, whole, frac / 10);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, whole, frac);
}

/**
 * budget_amount_add_checked:
 * @a: an amount in 分
 * @b: an amount in 分
 * @out_sum: (out): return location for @a + @b
 *
 * Adds two amounts, detecting #gint64 overflow. On overflow @out_sum is left untouched.
 *
 * Returns: %TRUE if the sum fits, %FALSE on overflow
 */
gboolean
budget_amount_add_checked (BudgetAmount  a,
                           BudgetAmount  b,
                           BudgetAmount *out_sum)
{
  BudgetAmount sum;

  g_return_val_if_fail (out_sum != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    return FALSE;

  *out_sum = sum;
  return TRUE;
}

/**
 * budget_amount_add_saturating:
 * @a: an amount in 分
 * @b: an amount in 分
 *
 * Sums for comparisons: an overflow gives the largest (or smallest) amount, which no sane figure
 * equals, so the comparison reports it instead of wrapping around.
 *
 * Returns: @a + @b, or %G_MAXINT64 / %G_MININT64 on overflow
 */
BudgetAmount
budget_amount_add_saturating (BudgetAmount a,
                              BudgetAmount b)
{
  BudgetAmount sum;

  if (budget_amount_add_checked (a, b, &sum))
    return sum;
  return b > 0 ? G_MAXINT64 : G_MININT64;
}

/**
 * budget_amount_parse_in:
 * @text: what the officer typed or pasted
 * @unit: the unit it is in (the project's entry unit)
 * @out_value: (out): the amount in 分
 * @error: return location for an error
 *
 * Like budget_amount_parse(), for figures typed in 万元 (up to 6 decimals) or in 元 (up to 2): both
 * convert exactly.
 *
 * Returns: whether @text is an amount
 */
gboolean
budget_amount_parse_in (const char    *text,
                        BudgetUnit     unit,
                        BudgetAmount  *out_value,
                        GError       **error)
{
  g_return_val_if_fail (text != NULL && out_value != NULL, FALSE);
  return parse_number (text, unit == BUDGET_UNIT_YUAN ? &yuan_spec : &amount_spec, out_value, error);
}

/**
 * budget_amount_format_cell_in:
 * @value: an amount in 分
 * @unit: the unit to show it in
 *
 * Returns: (transfer full): @value as the editor shows it: in 万元 rounded to 2 decimals, in 元 exactly
 *   with 2 decimals; zero is blank
 */
char *
budget_amount_format_cell_in (BudgetAmount value,
                              BudgetUnit   unit)
{
  guint64 mag = magnitude (value);

  if (unit != BUDGET_UNIT_YUAN)
    return budget_amount_format_cell (value);
  if (value == 0)
    return g_strdup ("");
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", value < 0 ? "-" : "", mag / 100, (guint) (mag % 100));
}

/**
 * budget_amount_format_exact_in:
 * @value: an amount in 分
 * @unit: the unit to write it in
 *
 * Returns: (transfer full): @value exactly, for editing: in 万元 with as many decimals as it has, in 元
 *   with 2
 */
char *
budget_amount_format_exact_in (BudgetAmount value,
                               BudgetUnit   unit)
{
  guint64 mag = magnitude (value);

  if (unit != BUDGET_UNIT_YUAN)
    return budget_amount_format_exact (value);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", value < 0 ? "-" : "", mag / 100, (guint) (mag % 100));
}

/**
 * budget_amount_is_finer_than_shown:
 * @value: an amount in 分
 * @unit: the unit it is shown in
 *
 * Returns: whether @value has more precision than the 2 decimals shown (only possible in 万元: 12.345
 *   万元 shows as 12.35), so that the editor can mark it
 */
gboolean
budget_amount_is_finer_than_shown (BudgetAmount value,
                                   BudgetUnit   unit)
{
  return unit != BUDGET_UNIT_YUAN && value % SHOWN_STEP != 0;
}

/**
 * budget_unit_from_name:
 * @name: (nullable): "元" or "万元" (the project's entry-unit)
 *
 * Returns: the unit; 万元 unless @name is "元"
 */
BudgetUnit
budget_unit_from_name (const char *name)
{
  return g_strcmp0 (name, "元") == 0 ? BUDGET_UNIT_YUAN : BUDGET_UNIT_WANYUAN;
}
