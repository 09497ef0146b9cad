/* test-catalog.c: catalogues by budget year: the bundled one, an officer's imported list, the newest
 * older one for a later year, the fields an imported list lacks, and what a project of that year accepts */

#include <string.h>

#include "budget-core.h"
#include "checks/budget-checker.h"

static void
test_bundled_by_year (void)
{
  BudgetCatalog *exact = budget_catalog_get_for_year ("function", 2023);
  BudgetCatalog *later = budget_catalog_get_for_year ("function", 2026);
  BudgetCatalog *earlier = budget_catalog_get_for_year ("economic", 2019);

  g_assert_cmpint (budget_catalog_get_year (exact), ==, 2023);
  g_assert_false (budget_catalog_is_imported (exact));
  /* A later year without its own catalogue uses the newest older one; an earlier year the oldest. */
  g_assert_true (later == exact);
  g_assert_cmpint (budget_catalog_get_year (earlier), ==, 2023);
  g_assert_cmpstr (budget_catalog_lookup_name (exact, "2060101"), ==, "行政运行");
}

static void
test_import (void)
{
  const char *tsv = "科目编码\t科目名称\n201\t一般公共服务支出\n20106\t财政事务\n2010601\t行政运行\n"
                    "206\t科学技术支出\n20601\t科学技术管理事务\n2060101\t行政运行\n";
  g_autoptr(GError) error = NULL;
  guint n = 0;
  BudgetCatalog *imported;

  g_assert_true (budget_catalog_import ("function", 2025, tsv, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);

  imported = budget_catalog_get_for_year ("function", 2025);
  g_assert_true (budget_catalog_is_imported (imported));
  g_assert_cmpint (budget_catalog_get_year (imported), ==, 2025);
  g_assert_cmpstr (budget_catalog_lookup_name (imported, "2010601"), ==, "行政运行");
  g_assert_cmpint (budget_catalog_level_of (imported, "2010601"), ==, 3);
  /* The official list has codes and names; the fixed row of a 类 still comes from the bundled one. */
  g_assert_cmpstr (budget_catalog_lookup_field (imported, "206", "fixed_row"), ==, "6");
  /* 2024 has nothing of its own: the bundled 2023; 2026 takes the imported 2025. */
  g_assert_false (budget_catalog_is_imported (budget_catalog_get_for_year ("function", 2024)));
  g_assert_true (budget_catalog_get_for_year ("function", 2026) == imported);

  /* A project of 2025 knows 2010601 from the imported list; one of 2023 needs its name typed. */
  {
    g_autoptr(BudgetDocument) doc2025 = budget_document_new_for_department (2025, "401", "测试局");
    g_autoptr(BudgetDocument) doc2023 = budget_document_new_for_department (2023, "401", "测试局");
    BudgetForm *t5 = budget_document_lookup_form (doc2025, "T5");
    int row;

    g_assert_true (budget_document_insert_code_row (doc2025, t5, "2010601", NULL, &error));
    g_assert_no_error (error);
    row = budget_form_find_row (t5, "2010601");
    g_assert_cmpint (row, >=, 0);
    g_assert_cmpstr (budget_form_get_row_name (t5, (guint) row), ==, "行政运行");
    g_assert_cmpstr (budget_form_get_row_name (t5, (guint) budget_form_find_row (t5, "20106")), ==, "财政事务");

    g_assert_false (budget_document_insert_code_row (doc2023, budget_document_lookup_form (doc2023, "T5"), "2010601",
                                                     NULL, &error));
    g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);
    g_clear_error (&error);
  }

  /* Importing again replaces the list. */
  g_assert_true (budget_catalog_import ("function", 2025, "2010602\t一般行政管理事务\n", &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_null (budget_catalog_lookup_name (budget_catalog_get_for_year ("function", 2025), "2010601"));
}

static void
test_import_refused (void)
{
  static const struct { const char *tsv; const char *message; } cases[] = {
    { "201\t一般公共服务支出\n2010\t四位编码\n", "Line 2" },
    { "201\t一般公共服务支出\n201A1\t字母\n", "Line 2" },
    { "201\n", "Line 1" },
    { "201\t甲\n201\t乙\n", "twice" },
    { "编码\t名称\n", "no codes" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (budget_catalog_import ("function", 2027, cases[i].tsv, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);
    }
  g_assert_false (budget_catalog_import ("agency", 2027, "201\t甲\n", NULL, &error));
  g_clear_error (&error);
  g_assert_false (budget_catalog_import ("function", 1999, "201\t甲\n", NULL, &error));
  g_clear_error (&error);
  g_assert_false (budget_catalog_import ("function", 2027, "201\t\xb2\xe2\n", NULL, &error));
  g_clear_error (&error);
  /* Nothing was kept. */
  g_assert_false (budget_catalog_is_imported (budget_catalog_get_for_year ("function", 2027)));
}

/* The command line keeps the list where the window finds it. */
static void
test_cli_import (void)
{
  const char *exe = g_getenv ("BUDGET_EXE");
  g_autofree char *dir = g_dir_make_tmp ("budget-catalog-XXXXXX", NULL);
  g_autofree char *tsv = g_build_filename (dir, "economic.tsv", NULL);
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *kept = g_build_filename (data_home, "budget-editor", "catalogs", "2026", "economic.tsv", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  g_autofree char *out = NULL;
  int status;
  const char *argv[] = { exe, "--import-catalog", "economic", "2026", tsv, NULL };

  if (exe == NULL)
    {
      g_test_skip ("BUDGET_EXE is not set");
      return;
    }
  g_assert_true (g_file_set_contents (tsv, "301\t工资福利支出\n30101\t基本工资\n", -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "2"));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
}

/* A real code the bundled catalogue lacks (2010601 财政事务·行政运行), typed with its name in a 2025 project: a
 * warning that says which catalogue was used, and that the officer can acknowledge. */
static void
test_missing_code_is_a_warning (void)
{
  g_autoptr(BudgetDocument) doc = budget_document_new_for_department (2025, "401", "测试局");
  g_autoptr(BudgetChecker) checker = budget_checker_new (doc);
  GListModel *list = budget_checker_get_findings (checker);
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  g_autoptr(GError) error = NULL;
  BudgetFinding *found = NULL;

  g_assert_true (budget_document_insert_code_row (doc, t5, "2010601", "行政运行", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list) && found == NULL; i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (list, i);

      if (g_str_equal (budget_finding_get_rule_id (finding), "CL-01") &&
          g_strcmp0 (budget_finding_get_row_key (finding), "2010601") == 0)
        found = finding;
    }
  g_assert_nonnull (found);
  g_assert_cmpint (budget_finding_get_severity (found), ==, BUDGET_SEVERITY_WARNING);
  g_assert_nonnull (strstr (budget_finding_get_message (found), "2023 (the newest there is for 2025)"));
  g_assert_true (budget_checker_acknowledge (checker, found, "省级目录已核", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (budget_checker_get_n_acknowledged (checker), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/catalog/bundled-by-year", test_bundled_by_year);
  g_test_add_func ("/catalog/import", test_import);
  g_test_add_func ("/catalog/import-refused", test_import_refused);
  g_test_add_func ("/catalog/cli-import", test_cli_import);
  g_test_add_func ("/catalog/missing-code-is-a-warning", test_missing_code_is_a_warning);
  return g_test_run ();
}
