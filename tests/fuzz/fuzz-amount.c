/* fuzz-amount.c: the amount and quantity parsers
 *
 * Whatever the text, parsing either fails with a message or gives a value within the limits, whose
 * exact formatting parses back to the same value; the display formats never crash.
 */

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  BudgetAmount amount;
  gint64 quantity;

  if (budget_amount_parse (text, &amount, &error))
    {
      g_autofree char *exact = budget_amount_format_exact (amount);
      g_autofree char *shown = budget_amount_format (amount);
      g_autofree char *cell = budget_amount_format_cell (amount);
      BudgetAmount back;

      FUZZ_ASSERT (amount >= -BUDGET_AMOUNT_MAX && amount <= BUDGET_AMOUNT_MAX);
      FUZZ_ASSERT (g_utf8_validate (shown, -1, NULL) && g_utf8_validate (cell, -1, NULL));
      FUZZ_ASSERT (budget_amount_parse (exact, &back, NULL));
      FUZZ_ASSERT (back == amount);
      (void) budget_amount_round_shown (amount);
    }
  else
    FUZZ_ASSERT (error != NULL && g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  if (budget_quantity_parse (text, &quantity, &error))
    {
      g_autofree char *exact = budget_quantity_format (quantity);
      gint64 back;

      FUZZ_ASSERT (quantity >= -BUDGET_QUANTITY_MAX && quantity <= BUDGET_QUANTITY_MAX);
      FUZZ_ASSERT (budget_quantity_parse (exact, &back, NULL));
      FUZZ_ASSERT (back == quantity);
    }
  else
    FUZZ_ASSERT (error != NULL && g_utf8_validate (error->message, -1, NULL));
  return 0;
}
