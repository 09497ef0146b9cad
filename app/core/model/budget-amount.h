/* budget-amount.h: exact fixed-point money and quantities, parsed and formatted in one place.
 *
 * Money is kept as an integer number of 分 (0.01 元). Forms show 万元, so 1 万元 = 1 000 000 units and a
 * displayed 2-decimal 万元 value is the exact value rounded half-up to 10 000 units.
 * Quantities (数量, 面积) are kept as integer hundredths.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 BudgetAmount;

#define BUDGET_AMOUNT_PER_WANYUAN   G_GINT64_CONSTANT (1000000)
/* Largest value an officer may type: 9 999 999 999.999999 万元 (far above any department budget). */
#define BUDGET_AMOUNT_MAX           G_GINT64_CONSTANT (9999999999999999)
#define BUDGET_AMOUNT_DECIMALS      6   /* decimals of 万元 that can be entered (down to 分) */
#define BUDGET_AMOUNT_SHOWN_DECIMALS 2

#define BUDGET_QUANTITY_SCALE       G_GINT64_CONSTANT (100)
#define BUDGET_QUANTITY_DECIMALS    2
#define BUDGET_QUANTITY_MAX         G_GINT64_CONSTANT (99999999999999)

#define BUDGET_AMOUNT_ERROR (budget_amount_error_quark ())

typedef enum
{
  BUDGET_AMOUNT_ERROR_INVALID,        /* letters or other characters that are not part of a number */
  BUDGET_AMOUNT_ERROR_DECIMAL_POINTS, /* more than one decimal point */
  BUDGET_AMOUNT_ERROR_DECIMALS,       /* more decimals than allowed */
  BUDGET_AMOUNT_ERROR_NEGATIVE,       /* a minus sign: budgets have no negative amounts */
  BUDGET_AMOUNT_ERROR_RANGE,          /* larger than the maximum */
  BUDGET_AMOUNT_ERROR_GROUPING,       /* thousands separators in the wrong place */
} BudgetAmountError;

GQuark   budget_amount_error_quark     (void);

gboolean budget_amount_parse           (const char    *text,
                                        BudgetAmount  *out_value,
                                        GError       **error);
gboolean budget_quantity_parse         (const char    *text,
                                        gint64        *out_value,
                                        GError       **error);

char    *budget_amount_format          (BudgetAmount   value);
char    *budget_amount_format_cell     (BudgetAmount   value);
char    *budget_amount_format_exact    (BudgetAmount   value);
BudgetAmount budget_amount_round_shown (BudgetAmount   value);
char    *budget_quantity_format        (gint64         value);

BudgetAmount budget_amount_add_saturating (BudgetAmount a,
                                           BudgetAmount b);
gboolean budget_amount_add_checked     (BudgetAmount   a,
                                        BudgetAmount   b,
                                        BudgetAmount  *out_sum);

/* The unit figures are typed and shown in, in the editor (published forms are always in 万元). */
typedef enum
{
  BUDGET_UNIT_WANYUAN,
  BUDGET_UNIT_YUAN,
} BudgetUnit;

BudgetUnit budget_unit_from_name            (const char    *name);
gboolean budget_amount_parse_in             (const char    *text,
                                             BudgetUnit     unit,
                                             BudgetAmount  *out_value,
                                             GError       **error);
char    *budget_amount_format_cell_in       (BudgetAmount   value,
                                             BudgetUnit     unit);
char    *budget_amount_format_exact_in      (BudgetAmount   value,
                                             BudgetUnit     unit);
gboolean budget_amount_is_finer_than_shown  (BudgetAmount   value,
                                             BudgetUnit     unit);

G_END_DECLS
