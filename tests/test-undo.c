/* test-undo.c: randomised edit sequences: undo all gives the start back, redo all the end, and the
 * incremental recomputation always agrees with a full one */

#include <string.h>

#include "budget-core.h"

static char *
dump (BudgetDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = budget_project_serialize (doc);

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
      budget_document_set_form_text (doc, form, BUDGET_IS_TEXT_SECTION (form) ? "text" : "goal",
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
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
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

/* Every cell exactly: row keys, kinds, cell kinds, values in 分 with all their digits, texts, and the
 * document's metadata; cheaper than dump() so that it can run after every step. */
static char *
dump_exact (BudgetDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) keys = budget_document_list_meta_keys (doc);

  for (guint k = 0; keys[k] != NULL; k++)
    g_string_append_printf (out, "meta %s=%s\n", keys[k], budget_document_get_meta (doc, keys[k]));
  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      BudgetForm *form = budget_document_get_form (doc, i);
      guint n_cols = budget_form_get_n_columns (form);

      g_string_append_printf (out, "form %s name=%s goal=%s text=%s\n", budget_form_get_id (form),
                              budget_form_get_name (form), budget_form_get_goal (form), budget_form_get_text (form));
      for (guint r = 0; r < budget_form_get_n_rows (form); r++)
        {
          g_string_append_printf (out, "%s k%d o%d n=%s:", budget_form_get_row_key (form, r),
                                  budget_form_get_row_kind (form, r),
                                  budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED && budget_form_row_is_own (form, r),
                                  budget_form_get_row_name (form, r));
          for (guint c = 0; c < n_cols; c++)
            g_string_append_printf (out, " %d/%" G_GINT64_FORMAT "/%s", budget_form_get_cell_kind (form, r, c),
                                    budget_form_get_value (form, r, c), budget_form_get_cell_text (form, r, c));
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* Row keys are unique in every form (the engine and the file both rely on it). */
static void
assert_unique_keys (BudgetDocument *doc)
{
  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      BudgetForm *form = budget_document_get_form (doc, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint r = 0; r < budget_form_get_n_rows (form); r++)
        {
          const char *key = budget_form_get_row_key (form, r);

          if (!g_hash_table_add (seen, (gpointer) key))
            {
              g_test_message ("%s has two rows %s", budget_form_get_id (form), key);
              g_test_fail ();
            }
          g_assert_cmpint (budget_form_find_row (form, key), ==, (int) r);
        }
    }
}

/* After every recorded step, undo goes back exactly one state and redo forward exactly one; a rejected
 * edit or one that changes nothing leaves the document as it was. Several seeds. */
static void
test_every_step (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  guint n_sequences = g_test_slow () ? 200 : 40;
  guint n_rejected = 0;

  budget_undo_stack_set_limit (stack, 100000);
  for (guint s = 0; s < n_sequences && !g_test_failed (); s++)
    {
      guint length = (guint) g_rand_int_range (rand, 1, 20);

      g_ptr_array_set_size (states, 0);
      g_ptr_array_add (states, dump_exact (doc));
      for (guint i = 0; i < length; i++)
        {
          guint n_undo = budget_undo_stack_get_n_undo (stack);
          g_autofree char *after = NULL;

          random_edit (doc, rand);
          after = dump_exact (doc);
          if (budget_undo_stack_get_n_undo (stack) == n_undo)
            {
              n_rejected++;
              assert_same ("rejected or empty edit", after, g_ptr_array_index (states, states->len - 1));
            }
          else
            {
              g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, n_undo + 1);
              g_assert_false (budget_undo_stack_can_redo (stack));
              g_ptr_array_add (states, g_steal_pointer (&after));
            }
          assert_unique_keys (doc);
        }
      for (guint i = states->len - 1; i > 0; i--)
        {
          g_autofree char *now = NULL;

          g_assert_true (budget_undo_stack_undo (stack));
          now = dump_exact (doc);
          assert_same ("one step undone", now, g_ptr_array_index (states, i - 1));
          assert_unique_keys (doc);
        }
      for (guint i = 1; i < states->len; i++)
        {
          g_autofree char *now = NULL;

          g_assert_true (budget_undo_stack_redo (stack));
          now = dump_exact (doc);
          assert_same ("one step redone", now, g_ptr_array_index (states, i));
        }
      /* Continue from the end state with a fresh history, so sequences build on each other. */
      budget_undo_stack_clear (stack);
      if (g_test_failed ())
        g_test_message ("seed %u, sequence %u failed", seed, s);
    }
  g_test_message ("seed %u: %u sequences, %u edits rejected or empty", seed, n_sequences, n_rejected);
}

/* A performance table and a row added, both undone and redone, then another row: the new row must get a
 * key of its own (it used to share the redone row's key, so typing into one changed the other). */
static void
test_list_keys_after_redo (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  BudgetForm *form = budget_document_add_performance_form (doc, "新项目", -1, NULL);
  const char *id = budget_form_get_id (form);
  g_autofree char *form_id = g_strdup (id);
  guint n_rows;
  int col;

  g_assert_true (budget_document_insert_list_row (doc, form, 0, NULL));
  g_assert_true (budget_undo_stack_undo (stack));
  g_assert_true (budget_undo_stack_undo (stack));
  g_assert_true (budget_undo_stack_redo (stack));
  g_assert_true (budget_undo_stack_redo (stack));
  form = budget_document_lookup_form (doc, form_id);
  g_assert_nonnull (form);
  n_rows = budget_form_get_n_rows (form);
  g_assert_true (budget_document_insert_list_row (doc, form, 0, NULL));
  g_assert_cmpuint (budget_form_get_n_rows (form), ==, n_rows + 1);
  assert_unique_keys (doc);

  /* Typing into the new row changes that row only; after deleting it the other still takes edits. */
  n_rows = budget_form_get_n_rows (form);
  col = budget_form_def_find_column (budget_form_get_def (form), "l3");
  g_assert_cmpint (col, >=, 0);
  g_assert_true (budget_document_set_cell (doc, form, 0, (guint) col, "甲", NULL));
  g_assert_cmpstr (budget_form_get_cell_text (form, 1, (guint) col), !=, "甲");
  g_assert_true (budget_document_delete_rows (doc, form, 0, 1, NULL));
  g_assert_cmpuint (budget_form_get_n_rows (form), ==, n_rows - 1);
  g_assert_true (budget_document_set_cell (doc, form, 0, (guint) col, "乙", NULL));
  g_assert_cmpstr (budget_form_get_cell_text (form, 0, (guint) col), ==, "乙");
}

/* The history keeps at most the given number of steps and at most the given memory, but always the
 * newest step; undoing what remains still gives exact earlier states. */
static void
test_history_limits (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  BudgetForm *t6 = budget_document_lookup_form (doc, "T6");
  int col = budget_form_def_find_column (budget_form_get_def (t6), "c4");
  int row = budget_form_find_row (t6, "30101");
  gsize one_step;

  g_assert_cmpint (col, >=, 0);
  g_assert_cmpint (row, >=, 0);
  budget_undo_stack_set_limit (stack, 5);
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u.01", i);

      g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, text, NULL));
    }
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 5);
  while (budget_undo_stack_undo (stack))
    ;
  /* Steps 4 … 8 were kept: undoing them all gives exactly the state after step 3. */
  {
    g_autofree char *now = dump_exact (doc);
    g_autofree char *again = NULL;

    g_assert_cmpint (budget_form_get_value (t6, (guint) row, (guint) col), ==, 3 * BUDGET_AMOUNT_PER_WANYUAN + 10000);
    g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, "2.01", NULL));
    g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, "3.01", NULL));
    again = dump_exact (doc);
    g_assert_cmpstr (again, ==, now);
  }

  /* Size: a paste of many cells weighs more than the bound, so only the newest step stays. */
  budget_undo_stack_clear (stack);
  budget_undo_stack_set_limit (stack, 1000);
  g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, "1", NULL));
  one_step = budget_undo_stack_get_size (stack);
  g_assert_cmpuint (one_step, >, 0);
  budget_undo_stack_set_max_size (stack, one_step * 2 + one_step / 2);
  g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, "2", NULL));
  g_assert_true (budget_document_set_cell (doc, t6, (guint) row, (guint) col, "3", NULL));
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 2);
  g_assert_cmpuint (budget_undo_stack_get_size (stack), <=, budget_undo_stack_get_max_size (stack));
  budget_undo_stack_set_max_size (stack, 1);
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_true (budget_undo_stack_undo (stack));
  g_assert_cmpint (budget_form_get_value (t6, (guint) row, (guint) col), ==, 2 * BUDGET_AMOUNT_PER_WANYUAN);
  g_assert_false (budget_undo_stack_can_undo (stack));
  g_assert_cmpuint (budget_undo_stack_get_size (stack), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/undo/random-sequences", test_random_sequences);
  g_test_add_data_func ("/undo/every-step/seed-1", GUINT_TO_POINTER (1), test_every_step);
  g_test_add_data_func ("/undo/every-step/seed-20231229", GUINT_TO_POINTER (20231229), test_every_step);
  g_test_add_data_func ("/undo/every-step/seed-777", GUINT_TO_POINTER (777), test_every_step);
  g_test_add_func ("/undo/list-keys-after-redo", test_list_keys_after_redo);
  g_test_add_func ("/undo/history-limits", test_history_limits);
  return g_test_run ();
}
