/* fuzz-formula.c: the formula language of form definitions
 *
 * Whatever the text, parsing either fails with a message or gives terms with a sign of ±1, and
 * parsing twice gives the same terms.
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
  g_autoptr(BudgetFormula) formula = budget_formula_parse (text, &error);
  g_autoptr(BudgetFormula) again = NULL;

  if (formula == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  again = budget_formula_parse (text, NULL);
  FUZZ_ASSERT (again != NULL);
  FUZZ_ASSERT (budget_formula_get_n_terms (formula) == budget_formula_get_n_terms (again));
  for (guint i = 0; i < budget_formula_get_n_terms (formula); i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (formula, i);
      const BudgetFormulaTerm *same = budget_formula_get_term (again, i);

      FUZZ_ASSERT (term->sign == 1 || term->sign == -1);
      FUZZ_ASSERT (term->sign == same->sign);
      FUZZ_ASSERT (g_strcmp0 (term->form, same->form) == 0);
      FUZZ_ASSERT (g_strcmp0 (term->key, same->key) == 0);
      FUZZ_ASSERT (g_strcmp0 (term->key_end, same->key_end) == 0);
      FUZZ_ASSERT (g_strcmp0 (term->column, same->column) == 0);
    }
  return 0;
}
