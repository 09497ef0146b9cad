/* test-next-year.c: next year's project from this year's: the year in metadata and text, this year's figures
 * as last year's (totals, 三公 items, every cell), reasons and acknowledgements forgotten, amounts kept or
 * cleared, codes the new catalogue lacks reported, one undoable step, and the command line */

#include <string.h>

#include "budget-core.h"

static char *
serialize (BudgetDocument *doc)
{
  g_autoptr(GBytes) bytes = budget_project_serialize (doc);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_sample_next_year (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BudgetCommand) command = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *s2 = budget_document_lookup_form (doc, "S2");
  g_autofree char *t5_value = NULL;
  g_autofree char *total = NULL;
  const char *text;

  /* A law's title keeps its year; an acknowledgement is for this year's figures. */
  g_assert_true (budget_document_set_form_text (doc, budget_document_lookup_form (doc, "S9"), "text",
                                                "依据《2023年预算管理办法》，2023年无其他事项。", NULL));
  g_assert_true (budget_document_set_meta (doc, "ack:X-05:T2:2060101:c3", "已核实", NULL));
  t5_value = budget_amount_format_exact (budget_form_lookup_value (t5, "2060101", "c4"));
  total = budget_amount_format_exact (budget_form_lookup_value (budget_document_lookup_form (doc, "T3"), "total", "c3"));
  before = serialize (doc);

  command = budget_next_year_command_new (doc, FALSE, report);
  g_assert_true (budget_document_execute (doc, command));
  g_assert_cmpint (budget_document_get_year (doc), ==, 2024);
  g_assert_cmpstr (budget_document_get_meta (doc, "prior-total"), ==, total);
  g_assert_cmpstr (budget_document_get_meta (doc, "prior-basic"), ==, "258.8762");
  g_assert_cmpstr (budget_document_get_meta (doc, "prior-sangong-car-running"), ==, "1.00");
  /* Every cell of the tables keeps last year's figure, typed and computed. */
  g_assert_cmpstr (budget_document_get_meta (doc, "prior:T5/2060101/c4"), ==, t5_value);
  g_assert_cmpstr (budget_document_get_meta (doc, "prior:T3/total/c3"), ==, total);
  g_assert_cmpstr (budget_document_get_meta (doc, "prior:T1/r34/c2"), ==, total);
  /* Last year's reasons and acknowledgements go. */
  g_assert_null (budget_document_get_meta (doc, "reason-basic"));
  g_assert_null (budget_document_get_meta (doc, "ack:X-05:T2:2060101:c3"));
  /* Amounts are kept. */
  g_assert_cmpstr (budget_amount_format_exact (budget_form_lookup_value (t5, "2060101", "c4")), ==, t5_value);
  /* The years of the text move on; titles in 《》 do not. */
  text = budget_form_get_text (s2);
  g_assert_nonnull (strstr (text, "2024年预算收入"));
  g_assert_nonnull (strstr (text, "较2023年预算"));
  g_assert_null (strstr (text, "2022年"));
  g_assert_cmpstr (budget_form_get_text (budget_document_lookup_form (doc, "S9")), ==,
                   "依据《2023年预算管理办法》，2024年无其他事项。");
  g_assert_nonnull (strstr (budget_form_get_text (budget_document_lookup_form (doc, "S0")), "2024年部门预算公开"));

  /* One step back gives this year's project exactly; redo gives next year's again. */
  after = serialize (doc);
  g_assert_true (budget_undo_stack_undo (budget_document_get_undo_stack (doc)));
  undone = serialize (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (budget_undo_stack_redo (budget_document_get_undo_stack (doc)));
  {
    g_autofree char *redone = serialize (doc);

    g_assert_cmpstr (redone, ==, after);
  }
}

static void
test_clear_amounts_and_codes (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BudgetCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *t6 = budget_document_lookup_form (doc, "T6");
  guint n_rows;
  gboolean reported = FALSE, renamed = FALSE;

  /* A code of this year's own that the 2024 catalogue (imported) no longer has, and one it renames. */
  g_assert_true (budget_document_insert_code_row (doc, t5, "2069901", "旧科目", &error));
  g_assert_no_error (error);
  n_rows = budget_form_get_n_rows (t5);
  g_assert_true (budget_catalog_import ("function", 2024,
                                        "206\t科学技术支出\n20601\t科学技术管理事务\n2060101\t行政运行（新）\n", NULL, &error));
  g_assert_no_error (error);

  command = budget_next_year_command_new (doc, TRUE, report);
  budget_document_execute (doc, command);
  /* Rows stay, typed amounts are 0, last year's figures are kept. */
  g_assert_cmpuint (budget_form_get_n_rows (t5), ==, n_rows);
  g_assert_cmpint (budget_form_lookup_value (t5, "2060101", "c4"), ==, 0);
  g_assert_cmpint (budget_form_lookup_value (t6, "total", "c3"), ==, 0);
  g_assert_cmpstr (budget_document_get_meta (doc, "prior:T5/2060101/c4"), !=, NULL);
  for (guint i = 0; i < report->len; i++)
    {
      const char *line = g_ptr_array_index (report, i);

      /* No longer in the catalogue: the officer's own code and one the official list dropped. */
      reported |= strstr (line, "2069901") != NULL && strstr (line, "2060102") == NULL;
      renamed |= strstr (line, "2060101") != NULL && strstr (line, "行政运行（新）") != NULL;
    }
  g_assert_true (reported);
  g_assert_true (renamed);
}

static void
test_cli (void)
{
  const char *exe = g_getenv ("BUDGET_EXE");
  g_autofree char *dir = g_dir_make_tmp ("budget-next-year-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "next.budget", NULL);
  g_autofree char *stdout_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) loaded = NULL;
  int status;
  const char *argv[] = { exe, "--new-year", "sample", out, NULL };

  if (exe == NULL)
    {
      g_test_skip ("BUDGET_EXE is not set");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (stdout_text, "2024"));
  loaded = budget_project_load_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (budget_document_get_year (loaded), ==, 2024);
  g_assert_cmpstr (budget_document_get_meta (loaded, "prior-basic"), ==, "258.8762");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/next-year/sample", test_sample_next_year);
  g_test_add_func ("/next-year/clear-amounts-and-codes", test_clear_amounts_and_codes);
  g_test_add_func ("/next-year/command-line", test_cli);
  return g_test_run ();
}
