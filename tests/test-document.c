/* test-document.c: edits, live recomputation across forms, change notifications, rows, undo labels */

#include <string.h>
#include <glib/gstdio.h>

#include "budget-core.h"

static gint64
wan (const char *text)
{
  gint64 value = 0;

  g_assert_true (budget_amount_parse (text, &value, NULL));
  return value;
}

static gint64
cell (BudgetDocument *doc,
      const char     *form_id,
      const char     *key,
      const char     *column)
{
  return budget_form_lookup_value (budget_document_lookup_form (doc, form_id), key, column);
}

static int
col_of (BudgetForm *form,
        const char *id)
{
  return budget_form_def_find_column (budget_form_get_def (form), id);
}

/* Everything a reader can see: every form as TSV, the metadata and the file. */
static char *
dump (BudgetDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = budget_project_serialize (doc);

  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      g_autofree char *tsv = budget_form_to_tsv (budget_document_get_form (doc, i));

      g_string_append_printf (out, "== %s\n%s", budget_form_get_id (budget_document_get_form (doc, i)), tsv);
    }
  g_string_append_len (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return g_string_free (out, FALSE);
}

/* Compares two dumps and names the first line that differs (the dumps are long). */
static void
assert_same (const char *got,
             const char *expected)
{
  g_auto(GStrv) a = g_strsplit (got, "\n", -1);
  g_auto(GStrv) b = g_strsplit (expected, "\n", -1);

  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    if (a[i] == NULL || b[i] == NULL || !g_str_equal (a[i], b[i]))
      {
        g_test_message ("line %u differs:\n  got:      %s\n  expected: %s", i + 1,
                        a[i] != NULL ? a[i] : "(end)", b[i] != NULL ? b[i] : "(end)");
        g_test_fail ();
        return;
      }
}

typedef struct
{
  guint   n_signals;
  GArray *cells;
} ChangeLog;

static void
on_cells_changed (BudgetDocument *doc,
                  GArray         *cells,
                  ChangeLog      *log)
{
  log->n_signals++;
  g_array_append_vals (log->cells, cells->data, cells->len);
}

static gboolean
log_has (ChangeLog  *log,
         BudgetForm *form,
         const char *key,
         const char *column)
{
  for (guint i = 0; i < log->cells->len; i++)
    {
      BudgetCellRef *ref = &g_array_index (log->cells, BudgetCellRef, i);

      if (ref->form == form && g_str_equal (budget_form_get_row_key (form, ref->row), key) &&
          (int) ref->col == col_of (form, column))
        return TRUE;
    }
  return FALSE;
}

static void
test_edit_propagates (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *t1 = budget_document_lookup_form (doc, "T1");
  ChangeLog log = { 0, g_array_new (FALSE, FALSE, sizeof (BudgetCellRef)) };
  int row = budget_form_find_row (t5, "2060101");
  guint64 before = budget_document_get_recompute_count (doc);

  g_signal_connect (doc, "cells-changed", G_CALLBACK (on_cells_changed), &log);
  g_assert_cmpint (row, >=, 0);
  g_assert_true (budget_document_set_cell (doc, t5, (guint) row, (guint) col_of (t5, "c4"), "200", &error));
  g_assert_no_error (error);

  /* 124.717 → 200: +75.283 everywhere the figure is summed. */
  g_assert_cmpint (cell (doc, "T5", "2060101", "c3"), ==, wan ("263.96"));
  g_assert_cmpint (cell (doc, "T5", "total", "c4"), ==, wan ("334.1592"));
  g_assert_cmpint (cell (doc, "T3", "2060101", "c4"), ==, wan ("200"));
  g_assert_cmpint (cell (doc, "T3", "206", "c3"), ==, wan ("392.89"));
  g_assert_cmpint (cell (doc, "T2", "2060101", "c5"), ==, wan ("263.96"));
  g_assert_cmpint (cell (doc, "T2", "total", "c3"), ==, wan ("1074.0492"));
  g_assert_cmpint (cell (doc, "T1", "r6", "c4"), ==, wan ("392.89"));
  g_assert_cmpint (cell (doc, "T1", "r34", "c4"), ==, wan ("1074.0492"));
  g_assert_cmpint (cell (doc, "T4", "r6", "c5"), ==, wan ("392.89"));
  g_assert_cmpint (cell (doc, "T4", "r1", "c2"), ==, wan ("1074.0492"));
  g_assert_cmpint (cell (doc, "T1", "r1", "c2"), ==, wan ("1074.0492"));
  g_assert_cmpint (cell (doc, "T1", "r34", "c2"), ==, wan ("1074.0492"));

  /* One notification, naming the cells that changed, across forms. */
  g_assert_cmpuint (log.n_signals, ==, 1);
  g_assert_true (log_has (&log, t5, "2060101", "c4"));
  g_assert_true (log_has (&log, t1, "r6", "c4"));
  g_assert_true (log_has (&log, t1, "r34", "c2"));
  g_assert_false (log_has (&log, t1, "r15", "c4"));

  /* Incremental: far fewer cells than a full pass. */
  {
    guint64 incremental = budget_document_get_recompute_count (doc) - before;
    guint64 full;

    before = budget_document_get_recompute_count (doc);
    budget_document_recompute_all (doc);
    full = budget_document_get_recompute_count (doc) - before;
    g_test_message ("one edit recomputed %" G_GUINT64_FORMAT " cells; a full pass %" G_GUINT64_FORMAT,
                    incremental, full);
    g_assert_cmpuint (incremental * 5, <, full);
  }

  g_assert_cmpstr (budget_undo_stack_get_undo_label (budget_document_get_undo_stack (doc)), ==,
                   "Edit 一般公共预算支出表 2060101 基本支出");
  g_array_unref (log.cells);
}

static void
test_rejected_input (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *t3 = budget_document_lookup_form (doc, "T3");
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  guint row = (guint) budget_form_find_row (t5, "2060101");
  guint c4 = (guint) col_of (t5, "c4");

  g_assert_false (budget_document_set_cell (doc, t5, row, c4, "12a", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "a"));
  g_clear_error (&error);
  g_assert_false (budget_document_set_cell (doc, t5, row, c4, "-5", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (cell (doc, "T5", "2060101", "c4"), ==, wan ("124.717"));

  /* Derived cells cannot be typed. */
  g_assert_false (budget_document_set_cell (doc, t5, row, (guint) col_of (t5, "c3"), "1", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE);
  g_clear_error (&error);
  g_assert_false (budget_document_set_cell (doc, t3, (guint) budget_form_find_row (t3, "2060101"),
                                            (guint) col_of (t3, "c4"), "1", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE);
  g_clear_error (&error);

  /* An edit that changes nothing is not recorded. */
  g_assert_true (budget_document_set_cell (doc, t5, row, c4, "124.7170", &error));
  g_assert_false (budget_undo_stack_can_undo (stack));
  g_assert_false (budget_document_get_modified (doc));
}

static void
test_code_rows (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *t3 = budget_document_lookup_form (doc, "T3");
  guint n_rows = budget_form_get_n_rows (t5);
  int row;

  /* A code from the catalog: name filled in, parents generated, in every form that shows T5's codes. */
  g_assert_true (budget_document_insert_code_row (doc, t5, "2010301", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (budget_form_get_n_rows (t5), ==, n_rows + 3);
  row = budget_form_find_row (t5, "2010301");
  g_assert_cmpint (row, ==, 3);   /* after the total, 201 and 20103 */
  g_assert_cmpstr (budget_form_get_row_name (t5, (guint) row), ==, "行政运行");
  g_assert_cmpstr (budget_form_get_row_name (t5, 1), ==, "一般公共服务支出");
  g_assert_cmpint (budget_form_find_row (t3, "2010301"), >, 0);
  g_assert_cmpint (budget_form_find_row (budget_document_lookup_form (doc, "T2"), "20103"), >, 0);

  g_assert_true (budget_document_set_cell (doc, t5, (guint) row, (guint) col_of (t5, "c5"), "10", &error));
  g_assert_cmpint (cell (doc, "T1", "r1", "c4"), ==, wan ("10"));
  g_assert_cmpint (cell (doc, "T4", "r1", "c5"), ==, wan ("10"));
  g_assert_cmpint (cell (doc, "T1", "r34", "c4"), ==, wan ("1008.7662"));

  /* The same code twice, a malformed code, an unknown code without a name. */
  g_assert_false (budget_document_insert_code_row (doc, t5, "2010301", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (budget_document_insert_code_row (doc, t5, "20103", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (budget_document_insert_code_row (doc, t5, "20a0301", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (budget_document_insert_code_row (doc, t5, "2069998", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);
  g_clear_error (&error);

  /* A code the catalog does not know yet is allowed with a name, and flagged. */
  g_assert_true (budget_document_insert_code_row (doc, t5, "2069998", "新设科目", &error));
  row = budget_form_find_row (t5, "2069998");
  g_assert_cmpstr (budget_form_get_row_name (t5, (guint) row), ==, "新设科目");
  g_assert_false (budget_form_row_in_catalog (t5, (guint) row));
  g_assert_cmpstr (budget_form_get_row_name (t3, (guint) budget_form_find_row (t3, "2069998")), ==, "新设科目");

  /* Deleting the 类 row deletes its codes; the parents go with them, here and in T3. */
  g_assert_true (budget_document_delete_rows (doc, t5, 1, 1, &error));
  g_assert_cmpint (budget_form_find_row (t5, "201"), ==, -1);
  g_assert_cmpint (budget_form_find_row (t3, "2010301"), ==, -1);
  g_assert_cmpint (cell (doc, "T1", "r1", "c4"), ==, 0);

  /* Fixed and total rows cannot be deleted; T3's rows come from other forms. */
  g_assert_false (budget_document_delete_rows (doc, t5, 0, 1, &error));
  g_clear_error (&error);
  g_assert_false (budget_document_insert_code_row (doc, t3, "2010301", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE);
  g_clear_error (&error);

  /* Undo everything: back to the sample exactly. */
  {
    g_autoptr(BudgetDocument) fresh = budget_project_load_sample ();
    g_autofree char *expected = dump (fresh);
    g_autofree char *now = NULL;

    while (budget_undo_stack_undo (budget_document_get_undo_stack (doc)))
      ;
    now = dump (doc);
    assert_same (now, expected);
  }
}

static void
test_paste (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  guint row = (guint) budget_form_find_row (t5, "2060101");
  guint c3 = (guint) col_of (t5, "c3");
  g_autofree char *before = dump (doc);

  /* A block copied from a spreadsheet: computed column included, unchanged values, CRLF, full-width. */
  g_assert_true (budget_document_paste (doc, t5, row, c3, "188.68\t100\t63.96\r\n24.30\t\t２４．５\r\n", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cell (doc, "T5", "2060101", "c4"), ==, wan ("100"));
  g_assert_cmpint (cell (doc, "T5", "2060102", "c5"), ==, wan ("24.5"));
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 1);
  budget_undo_stack_undo (stack);
  {
    g_autofree char *after = dump (doc);
    assert_same (after, before);
  }

  /* Too wide, too long, a bad value, a changed computed cell: refused, nothing changes. */
  g_assert_false (budget_document_paste (doc, t5, row, c3, "1\t2\t3\t4\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_PASTE);
  g_clear_error (&error);
  g_assert_false (budget_document_paste (doc, t5, budget_form_get_n_rows (t5) - 1, c3, "1\n2\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_PASTE);
  g_clear_error (&error);
  g_assert_false (budget_document_paste (doc, t5, row, c3 + 1, "5\tx\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (budget_document_paste (doc, t5, row, c3, "1\t2\t3\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE);
  g_clear_error (&error);
  {
    g_autofree char *after = dump (doc);
    assert_same (after, before);
  }
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 0);
}

static void
test_modified_follows_save_point (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetForm *t9 = budget_document_lookup_form (doc, "T9");
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autofree char *dir = g_dir_make_tmp ("budget-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  guint r6 = (guint) budget_form_find_row (t9, "r6");
  guint c3 = (guint) col_of (t9, "c3");

  g_assert_false (budget_document_get_modified (doc));
  budget_document_set_cell (doc, t9, r6, c3, "1", NULL);
  g_assert_true (budget_document_get_modified (doc));
  g_assert_cmpint (cell (doc, "T9", "r1", "c2"), ==, wan ("2"));
  budget_undo_stack_undo (stack);
  g_assert_false (budget_document_get_modified (doc));
  budget_undo_stack_redo (stack);
  g_assert_true (budget_document_get_modified (doc));
  g_assert_true (budget_project_save (doc, path, NULL));
  g_assert_false (budget_document_get_modified (doc));
  budget_document_set_cell (doc, t9, r6, c3, "3", NULL);
  g_assert_true (budget_document_get_modified (doc));
  budget_undo_stack_undo (stack);
  g_assert_false (budget_document_get_modified (doc));
  budget_undo_stack_undo (stack);
  g_assert_true (budget_document_get_modified (doc));
  budget_undo_stack_redo (stack);
  g_assert_false (budget_document_get_modified (doc));
  /* A new edit after undo drops the redo branch: the save point is not reachable any more. */
  budget_undo_stack_undo (stack);
  budget_document_set_cell (doc, t9, r6, c3, "4", NULL);
  g_assert_true (budget_document_get_modified (doc));
  g_assert_false (budget_undo_stack_can_redo (stack));

  g_unlink (path);
  g_rmdir (dir);
}

/* A document restored from a recovery copy stands for its file and stays modified until saved. */
static void
test_mark_recovered (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetForm *t9 = budget_document_lookup_form (doc, "T9");
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autofree char *dir = g_dir_make_tmp ("budget-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "recovered.budget", NULL);

  budget_document_mark_recovered (doc, path);
  g_assert_cmpstr (budget_document_get_path (doc), ==, path);
  g_assert_true (budget_document_get_modified (doc));
  budget_document_set_cell (doc, t9, (guint) budget_form_find_row (t9, "r6"), (guint) col_of (t9, "c3"), "1", NULL);
  budget_undo_stack_undo (stack);
  g_assert_true (budget_document_get_modified (doc));
  g_assert_true (budget_project_save (doc, path, NULL));
  g_assert_false (budget_document_get_modified (doc));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_performance_tables (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autofree char *before = dump (doc);
  BudgetForm *form;
  g_autofree char *title = NULL;
  BudgetForm *pf1 = budget_document_lookup_form (doc, "PF1");

  form = budget_document_add_performance_form (doc, "新项目", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (budget_form_get_id (form), ==, "PF22");
  g_assert_cmpuint (budget_form_get_number (form), ==, 1);
  title = budget_form_dup_title (form);
  g_assert_cmpstr (title, ==, "1、新项目绩效目标表");
  g_assert_cmpuint (budget_form_get_number (pf1), ==, 2);
  /* Scheme A skeleton: 产出 × 4, one 效益, one 满意度. */
  g_assert_cmpuint (budget_form_get_n_rows (form), ==, 6);
  g_assert_cmpstr (budget_form_get_cell_text (form, 0, 0), ==, "产出指标");
  g_assert_cmpstr (budget_form_get_cell_text (form, 3, 1), ==, "成本指标");

  g_assert_true (budget_document_set_form_text (doc, form, "goal", "1.目标", &error));
  g_assert_true (budget_document_set_cell (doc, form, 0, 4, "≥95%", &error));
  g_assert_true (budget_document_move_form (doc, form, 1, &error));
  g_assert_cmpuint (budget_form_get_number (form), ==, 2);
  g_assert_false (budget_document_move_form (doc, pf1, -1, &error));
  g_clear_error (&error);
  g_assert_true (budget_document_remove_form (doc, form, &error));
  g_assert_null (budget_document_lookup_form (doc, "PF22"));
  g_assert_false (budget_document_remove_form (doc, budget_document_lookup_form (doc, "T1"), &error));
  g_clear_error (&error);

  /* Undo restores the table with its content and place. */
  budget_undo_stack_undo (stack);
  form = budget_document_lookup_form (doc, "PF22");
  g_assert_nonnull (form);
  g_assert_cmpstr (budget_form_get_goal (form), ==, "1.目标");
  g_assert_cmpstr (budget_form_get_cell_text (form, 0, 4), ==, "≥95%");
  g_assert_cmpuint (budget_form_get_number (form), ==, 2);
  while (budget_undo_stack_undo (stack))
    ;
  {
    g_autofree char *after = dump (doc);
    assert_same (after, before);
  }
}

static void
test_list_rows_and_meta (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetForm *gp = budget_document_lookup_form (doc, "GP");
  int total = col_of (gp, "total");

  g_assert_true (budget_document_insert_list_row (doc, gp, 0, &error));
  g_assert_cmpuint (budget_form_get_n_rows (gp), ==, 1);
  g_assert_true (budget_document_set_cell (doc, gp, 0, (guint) col_of (gp, "item"), "台式计算机", &error));
  g_assert_true (budget_document_set_cell (doc, gp, 0, (guint) col_of (gp, "gen"), "0.5", &error));
  g_assert_true (budget_document_set_cell (doc, gp, 0, (guint) col_of (gp, "own"), "0.25", &error));
  g_assert_cmpint (budget_form_get_value (gp, 0, (guint) total), ==, wan ("0.75"));
  g_assert_cmpint (budget_form_get_cell_kind (gp, 0, (guint) total), ==, BUDGET_CELL_DERIVED);

  g_assert_true (budget_document_set_meta (doc, "department-name", "测试部门", &error));
  {
    g_autofree char *title = budget_form_dup_title (budget_document_lookup_form (doc, "S0"));
    g_assert_cmpstr (title, ==, "测试部门2023年部门预算信息公开情况说明");
  }
  g_assert_false (budget_document_set_meta (doc, "year", "23", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (budget_document_delete_rows (doc, gp, 0, 1, &error));
  g_assert_cmpuint (budget_form_get_n_rows (gp), ==, 0);
  budget_undo_stack_undo (budget_document_get_undo_stack (doc));
  g_assert_cmpstr (budget_form_get_cell_text (gp, 0, (guint) col_of (gp, "item")), ==, "台式计算机");
  g_assert_cmpint (budget_form_get_value (gp, 0, (guint) total), ==, wan ("0.75"));
}

static void
test_history_bounded (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  BudgetForm *t9 = budget_document_lookup_form (doc, "T9");

  budget_undo_stack_set_limit (stack, 10);
  for (guint i = 1; i <= 25; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      g_assert_true (budget_document_set_cell (doc, t9, 1, 2, text, NULL));
    }
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 10);
  while (budget_undo_stack_undo (stack))
    ;
  g_assert_cmpint (budget_form_get_value (t9, 1, 2), ==, wan ("15"));
  g_assert_true (budget_document_get_modified (doc));
}

/* Text pasted from Word carries U+000B (manual line break), other controls and non-characters that XML
 * cannot hold: the model maps or drops them where text enters, so every saved file opens again. */
static void
test_text_xml_safe (void)
{
  static const struct { const char *typed, *stored; } cases[] = {
    { "第一行\v第二行", "第一行\n第二行" },
    { "a\r\nb\rc", "a\nb\nc" },
    { "x\u2028y\u2029z\xc2\x85w", "x\ny\nz\nw" },
    { "\x01\x02\x1f\x7f\xc2\x80控制字符\t保留制表符", "控制字符\t保留制表符" },
    { "非字符\xef\xbf\xbe\xef\xbf\xbf\xef\xb7\x90\xf4\x8f\xbf\xbe止", "非字符止" },
    { "\x0c分页符", "\n分页符" },
  };
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetForm *s1 = budget_document_lookup_form (doc, "S1");
  BudgetForm *org = budget_document_lookup_form (doc, "ORG");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(BudgetDocument) loaded = NULL;
      int col = budget_form_def_find_column (budget_form_get_def (org), "name");
      g_autofree char *meta = g_strconcat ("部门", cases[i].typed, NULL);
      g_autofree char *meta_stored = g_strconcat ("部门", cases[i].stored, NULL);

      g_assert_true (budget_document_set_form_text (doc, s1, "text", cases[i].typed, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (budget_form_get_text (s1), ==, cases[i].stored);
      g_assert_true (budget_document_set_meta (doc, "department-name", meta, &error));
      g_assert_no_error (error);
      g_assert_cmpint (col, >=, 0);
      g_assert_true (budget_document_set_cell (doc, org, 0, (guint) col, cases[i].typed, &error));
      g_assert_no_error (error);

      bytes = budget_project_serialize (doc);
      loaded = budget_project_load_bytes (bytes, "round-trip.budget", &error);
      g_assert_no_error (error);
      g_assert_nonnull (loaded);
      g_assert_cmpstr (budget_form_get_text (budget_document_lookup_form (loaded, "S1")), ==, cases[i].stored);
      g_assert_cmpstr (budget_document_get_meta (loaded, "department-name"), ==, meta_stored);
      g_assert_cmpstr (budget_form_get_cell_text (budget_document_lookup_form (loaded, "ORG"), 0, (guint) col), ==,
                       budget_form_get_cell_text (org, 0, (guint) col));
    }

  /* Text that is not UTF-8 is refused and changes nothing. */
  {
    g_autofree char *before = g_strdup (budget_form_get_text (s1));

    g_assert_false (budget_document_set_form_text (doc, s1, "text", "GBK \xb2\xe2\xca\xd4", &error));
    g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
    g_assert_cmpstr (budget_form_get_text (s1), ==, before);
  }
}

/* A new project has everything a disclosure needs before the first figure: the standard paragraphs with
 * the department and year filled in, the live sentences of the tables, 名词解释, the department's own row
 * in 机构设置, the 部门整体绩效目标 in the 绩效目标 part; and it is not modified. */
static void
test_new_project_complete (void)
{
  g_autoptr(BudgetDocument) doc = budget_document_new_for_department (2025, "401", "测试局");
  BudgetForm *org = budget_document_lookup_form (doc, "ORG");
  const char *s0 = budget_form_get_text (budget_document_lookup_form (doc, "S0"));
  const char *s8 = budget_form_get_text (budget_document_lookup_form (doc, "S8"));
  const char *s2 = budget_form_get_text (budget_document_lookup_form (doc, "S2"));
  BudgetForm *pe = budget_document_lookup_form (doc, "PE");

  g_assert_false (budget_document_get_modified (doc));
  g_assert_nonnull (strstr (s0, "现将测试局2025年部门预算公开如下"));
  g_assert_nonnull (strstr (s8, "一般公共预算拨款收入"));
  g_assert_nonnull (strstr (s2, "{{income}}"));
  g_assert_null (strstr (s2, "{department}"));
  g_assert_cmpstr (budget_form_get_text (budget_document_lookup_form (doc, "S9")), ==, "我部门无其他需要说明的事项。");
  g_assert_cmpuint (budget_form_get_n_rows (org), ==, 1);
  g_assert_cmpstr (budget_form_get_cell_text (org, 0, (guint) budget_form_def_find_column (budget_form_get_def (org), "name")),
                   ==, "测试局");
  g_assert_nonnull (pe);
  g_assert_cmpstr (budget_form_def_get_group (budget_form_get_def (pe)), ==, "performance");
  g_assert_cmpstr (budget_form_def_get_group (budget_form_get_def (budget_document_lookup_form (doc, "SF"))), ==, "performance");

  /* What it starts with survives a save and a load, and a new row in 机构设置 gets a key of its own. */
  {
    g_autoptr(GBytes) bytes = budget_project_serialize (doc);
    g_autoptr(GError) error = NULL;
    g_autoptr(BudgetDocument) loaded = budget_project_load_bytes (bytes, "new.budget", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (budget_form_get_text (budget_document_lookup_form (loaded, "S0")), ==, s0);
    g_assert_cmpuint (budget_form_get_n_rows (budget_document_lookup_form (loaded, "ORG")), ==, 1);
  }
  g_assert_true (budget_document_insert_list_row (doc, org, 1, NULL));
  g_assert_cmpstr (budget_form_get_row_key (org, 0), !=, budget_form_get_row_key (org, 1));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/document/edit-propagates", test_edit_propagates);
  g_test_add_func ("/document/rejected-input", test_rejected_input);
  g_test_add_func ("/document/code-rows", test_code_rows);
  g_test_add_func ("/document/paste", test_paste);
  g_test_add_func ("/document/modified-follows-save-point", test_modified_follows_save_point);
  g_test_add_func ("/document/mark-recovered", test_mark_recovered);
  g_test_add_func ("/document/performance-tables", test_performance_tables);
  g_test_add_func ("/document/list-rows-and-meta", test_list_rows_and_meta);
  g_test_add_func ("/document/history-bounded", test_history_bounded);
  g_test_add_func ("/document/text-xml-safe", test_text_xml_safe);
  g_test_add_func ("/document/new-project-complete", test_new_project_complete);
  return g_test_run ();
}
