/* test-formula.c: the formula language of form definitions, and the definitions themselves */

#include "budget-core.h"

static void
test_parse (void)
{
  g_autoptr(BudgetFormula) f = budget_formula_parse ("c4+c5 - T5.c3 + [r32].c5 + T3[206].c3 + [r1:r9] - T2[total].c6", NULL);
  const BudgetFormulaTerm *t;

  g_assert_nonnull (f);
  g_assert_cmpuint (budget_formula_get_n_terms (f), ==, 7);
  t = budget_formula_get_term (f, 0);
  g_assert_cmpint (t->sign, ==, 1);
  g_assert_null (t->form);
  g_assert_null (t->key);
  g_assert_cmpstr (t->column, ==, "c4");
  t = budget_formula_get_term (f, 2);
  g_assert_cmpint (t->sign, ==, -1);
  g_assert_cmpstr (t->form, ==, "T5");
  g_assert_null (t->key);
  g_assert_cmpstr (t->column, ==, "c3");
  t = budget_formula_get_term (f, 3);
  g_assert_cmpstr (t->key, ==, "r32");
  g_assert_cmpstr (t->column, ==, "c5");
  t = budget_formula_get_term (f, 4);
  g_assert_cmpstr (t->form, ==, "T3");
  g_assert_cmpstr (t->key, ==, "206");
  t = budget_formula_get_term (f, 5);
  g_assert_cmpstr (t->key, ==, "r1");
  g_assert_cmpstr (t->key_end, ==, "r9");
  g_assert_null (t->column);
  t = budget_formula_get_term (f, 6);
  g_assert_cmpint (t->sign, ==, -1);
  g_assert_cmpstr (t->key, ==, "total");
}

static void
test_parse_errors (void)
{
  const char *bad[] = { "", "c4+", "T5", "T5[", "[r1", "[r1:]", "c4*c5", "C4", "[].c3", "T5.", "c4 c5" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetFormula) f = budget_formula_parse (bad[i], &error);

      if (f != NULL)
        g_test_message ("accepted: “%s”", bad[i]);
      g_assert_null (f);
      g_assert_error (error, BUDGET_FORM_DEF_ERROR, BUDGET_FORM_DEF_ERROR_FORMULA);
    }
}

/* Every bundled definition loads, and the header grid of each covers every cell exactly once. */
static void
test_definitions (void)
{
  GPtrArray *defs = budget_form_defs_get_all ();
  const char *ids[] = { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "ORG", "GP", "FA", "PF", "NF",
                        "S0", "S1", "S2", "S3", "S4", "S5", "PE", "SF", "S6", "S7", "S8", "S9" };

  g_assert_cmpuint (defs->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (budget_form_defs_lookup (ids[i]));

  for (guint i = 0; i < defs->len; i++)
    {
      BudgetFormDef *def = g_ptr_array_index (defs, i);
      guint rows = budget_form_def_get_n_header_rows (def);
      guint cols = budget_form_def_get_n_columns (def) + (budget_form_def_has_serial (def) ? 1 : 0);
      g_autofree guint8 *covered = g_new0 (guint8, MAX (rows * cols, 1));

      if (budget_form_def_get_kind (def) == BUDGET_FORM_KIND_TEXT)
        continue;
      for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
        {
          const BudgetHeaderCell *cell = budget_form_def_get_header_cell (def, h);

          for (guint r = cell->row; r < cell->row + cell->row_span; r++)
            for (guint c = cell->col; c < cell->col + cell->col_span; c++)
              {
                g_assert_cmpuint (r, <, rows);
                g_assert_cmpuint (c, <, cols);
                covered[r * cols + c]++;
              }
        }
      for (guint k = 0; k < rows * cols; k++)
        g_assert_cmpuint (covered[k], ==, 1);
    }
}

static void
test_catalog (void)
{
  BudgetCatalog *function = budget_catalog_get ("function");
  BudgetCatalog *economic = budget_catalog_get ("economic");
  g_autofree char *parent = budget_catalog_parent_code (function, "2060101");
  g_autofree char *grandparent = budget_catalog_parent_code (function, parent);
  g_autofree char *normalized = budget_normalize_name ("维修(护)费");
  g_auto(GStrv) level1 = budget_performance_level1 ("A");
  g_auto(GStrv) level2 = budget_performance_level2 ("B", "成本指标");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (budget_catalog_lookup_name (function, "2060101"), ==, "行政运行");
  g_assert_cmpstr (budget_catalog_lookup_name (function, "215"), ==, "资源勘探工业信息等支出");
  g_assert_cmpstr (budget_catalog_lookup_field (function, "215", "fixed_row"), ==, "15");
  g_assert_cmpstr (parent, ==, "20601");
  g_assert_cmpstr (grandparent, ==, "206");
  g_assert_null (budget_catalog_parent_code (function, "206"));
  g_assert_cmpint (budget_catalog_level_of (function, "2060101"), ==, 3);
  g_assert_cmpint (budget_catalog_level_of (economic, "30101"), ==, 2);
  g_assert_cmpint (budget_catalog_level_of (economic, "3010101"), ==, -1);
  g_assert_cmpstr (budget_catalog_lookup_name (economic, "30213"), ==, "维修（护）费");
  g_assert_cmpstr (normalized, ==, "维修（护）费");
  g_assert_true (budget_catalog_check_code (economic, "30213", TRUE, NULL));
  g_assert_false (budget_catalog_check_code (economic, "302", TRUE, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);

  g_assert_cmpuint (g_strv_length (level1), ==, 3);
  g_assert_cmpstr (level1[0], ==, "产出指标");
  g_assert_true (g_strv_contains ((const char * const *) level2, "经济成本指标"));
  g_assert_true (budget_performance_pair_allowed ("A", "效益指标", "社会效益指标"));
  g_assert_false (budget_performance_pair_allowed ("A", "产出指标", "社会效益指标"));
}

/* Found by tests/fuzz/fuzz-formula: a byte that is not UTF-8 reached the message. */
static void
test_error_is_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetFormula) formula = budget_formula_parse ("c5+c6+\x93" "9+c10", &error);

  g_assert_null (formula);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/formula/parse", test_parse);
  g_test_add_func ("/formula/parse-errors", test_parse_errors);
  g_test_add_func ("/formula/definitions", test_definitions);
  g_test_add_func ("/formula/catalog", test_catalog);
  g_test_add_func ("/formula/error-is-utf8", test_error_is_utf8);
  return g_test_run ();
}
