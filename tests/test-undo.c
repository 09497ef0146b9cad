/* test-undo.c: randomised edit sequences: undo all gives the start back, redo all the end, and the
 * incremental recomputation always agrees with a full one */

#include <string.h>

#include "budget-core.h"

static char *
dump (BudgetDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = budget_document_serialize (doc);

  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      BudgetForm *form = budget_document_get_form (doc, i);
      g_autofree char *tsv = budget_form_to_tsv (form);
      g_autofree char *title = budget_form_dup_title (form);

      g_string_append_printf (out, "== %s %s\n%s", budget_form_get_id (form), title, tsv);
    }
  g_string_append_len (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return g_string_free (out, FALSE);
}

static void
assert_same (const char *what,
             const char *got,
             const char *expected)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (g_str_equal (got, expected))
    return;
  a = g_strsplit (got, "\n", -1);
  b = g_strsplit (expected, "\n", -1);
  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    if (a[i] == NULL || b[i] == NULL || !g_str_equal (a[i], b[i]))
      {
        if (g_getenv ("BUDGET_TEST_DUMP") != NULL)
          {
            g_file_set_contents ("/tmp/got.txt", got, -1, NULL);
            g_file_set_contents ("/tmp/expected.txt", expected, -1, NULL);
          }
        g_test_message ("%s: line %u differs:\n  got:      %s\n  expected: %s", what, i + 1,
                        a[i] != NULL ? a[i] : "(end)", b[i] != NULL ? b[i] : "(end)");
        break;
      }
  g_test_fail ();
}

static BudgetForm *
random_form (BudgetDocument *doc,
             GRand          *rand)
{
  return budget_document_get_form (doc, (guint) g_rand_int_range (rand, 0, (gint32) budget_document_get_n_forms (doc)));
}

static const char *amounts[] = { "", "0", "1", "0.01", "12.5", "100", "998.77", "0.000001", "1,234.56", "３．５" };
static const char *texts[] = { "", "产出指标", "数量指标", "≥95%", "年度工作计划", "a\nb" };

/* One random edit. Rejected edits are fine: they must change nothing. */
static void
random_edit (BudgetDocument *doc,
             GRand          *rand)
{
  BudgetForm *form = random_form (doc, rand);
  guint n_rows = budget_form_get_n_rows (form);
  guint n_cols = budget_form_get_n_columns (form);
  int what = g_rand_int_range (rand, 0, 100);

  if (what < 55 && n_rows > 0 && n_cols > 0)
    {
      guint row = (guint) g_rand_int_range (rand, 0, (gint32) n_rows);
      guint col = (guint) g_rand_int_range (rand, 0, (gint32) n_cols);
      const BudgetColumnDef *column = budget_form_def_get_column (budget_form_get_def (form), col);
      const char *text = column->type == BUDGET_COLUMN_TEXT
        ? texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]
        : amounts[g_rand_int_range (rand, 0, G_N_ELEMENTS (amounts))];

      budget_document_set_cell (doc, form, row, col, text, NULL);
    }
  else if (what < 65 && budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    {
      BudgetCatalog *catalog = budget_catalog_get (budget_form_def_get_catalog (budget_form_get_def (form)));
      GPtrArray *codes = budget_catalog_list_codes (catalog);
      const char *code = g_ptr_array_index (codes, g_rand_int_range (rand, 0, (gint32) codes->len));

      budget_document_insert_code_row (doc, form, code, NULL, NULL);
    }
  else if (what < 70)
    {
      budget_document_insert_list_row (doc, form, (guint) g_rand_int_range (rand, 0, (gint32) n_rows + 1), NULL);
    }
  else if (what < 78 && n_rows > 0)
    {
      guint first = (guint) g_rand_int_range (rand, 0, (gint32) n_rows);

      budget_document_delete_rows (doc, form, first, (guint) g_rand_int_range (rand, 1, (gint32) MIN (3, n_rows - first) + 1), NULL);
    }
  else if (what < 83 && n_rows > 0 && n_cols > 1)
    {
      budget_document_paste (doc, form, (guint) g_rand_int_range (rand, 0, (gint32) n_rows),
                             (guint) g_rand_int_range (rand, 0, (gint32) n_cols), "1\t2\n3\t\n", NULL);
    }
  else if (what < 87)
    {
      const char *keys[] = { "department-name", "prior-total", "year" };
      const char *values[] = { "某部门", "12.5", "2024" };
      guint k = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (keys));

      budget_document_set_meta (doc, keys[k], g_rand_boolean (rand) ? values[k] : NULL, NULL);
    }
  else if (what < 91)
    {
      budget_document_set_form_text (doc, form, budget_form_get_kind (form) == BUDGET_FORM_KIND_TEXT ? "text" : "goal",
                                     texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))], NULL);
    }
  else if (what < 94)
    budget_document_add_performance_form (doc, "随机项目", g_rand_int_range (rand, -1, 5), NULL);
  else if (what < 97)
    budget_document_remove_form (doc, form, NULL);
  else
    budget_document_move_form (doc, form, g_rand_boolean (rand) ? 1 : -1, NULL);
}

static void
test_random_sequences (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20231229);
  g_autoptr(BudgetDocument) doc = budget_document_new_sample ();
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autofree char *start = dump (doc);
  guint n_sequences = g_test_slow () ? 3000 : 1000;
  guint n_edits = 0;

  budget_undo_stack_set_limit (stack, 100000);
  for (guint s = 0; s < n_sequences; s++)
    {
      guint length = (guint) g_rand_int_range (rand, 1, 25);
      guint depth;
      g_autofree char *end = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;
      g_autofree char *recomputed = NULL;

      for (guint i = 0; i < length; i++)
        {
          random_edit (doc, rand);
          /* Some undo and redo in the middle of the sequence too. */
          if (g_rand_int_range (rand, 0, 10) == 0)
            budget_undo_stack_undo (stack);
          else if (g_rand_int_range (rand, 0, 10) == 0)
            budget_undo_stack_redo (stack);
        }
      /* The end state may itself have steps to redo: redoing "all" means as many steps as were done. */
      depth = budget_undo_stack_get_n_undo (stack);
      n_edits += depth;
      end = dump (doc);

      /* Incremental recomputation agrees with a full pass. */
      budget_document_recompute_all (doc);
      recomputed = dump (doc);
      assert_same ("full recomputation", recomputed, end);

      while (budget_undo_stack_undo (stack))
        ;
      undone = dump (doc);
      assert_same ("undo all", undone, start);
      g_assert_false (budget_document_get_modified (doc));

      for (guint i = 0; i < depth; i++)
        g_assert_true (budget_undo_stack_redo (stack));
      redone = dump (doc);
      assert_same ("redo all", redone, end);

      while (budget_undo_stack_undo (stack))
        ;
      if (g_test_failed ())
        {
          g_test_message ("sequence %u failed", s);
          return;
        }
    }
  g_test_message ("%u sequences, %u edits applied", n_sequences, n_edits);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/undo/random-sequences", test_random_sequences);
  return g_test_run ();
}
