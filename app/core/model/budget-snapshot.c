/* budget-snapshot.c: row and form content for undo, read through the form's public functions */

#include "config.h"

#include <string.h>

#include "model/budget-snapshot.h"

/**
 * budget_row_snapshot_new_empty:
 * @key: the row key
 * @n_columns: the form's columns
 * @with_texts: whether the form has text columns
 *
 * Returns: (transfer full): a row with every value 0 and every text empty
 */
BudgetRowSnapshot *
budget_row_snapshot_new_empty (const char *key,
                               guint       n_columns,
                               gboolean    with_texts)
{
  BudgetRowSnapshot *snapshot = g_new0 (BudgetRowSnapshot, 1);

  snapshot->key = g_strdup (key);
  snapshot->n_columns = n_columns;
  snapshot->values = g_new0 (gint64, MAX (n_columns, 1));
  if (with_texts)
    snapshot->texts = g_new0 (char *, MAX (n_columns, 1));
  return snapshot;
}


/**
 * budget_row_snapshot_new:
 * @form: a form
 * @row: a row index
 *
 * Returns: (transfer full): what the officer typed on the row: its entered values, texts and custom name
 */
BudgetRowSnapshot *
budget_row_snapshot_new (BudgetForm *form,
                         guint       row)
{
  guint n_cols = budget_form_get_n_columns (form);
  BudgetRowSnapshot *snapshot = budget_row_snapshot_new_empty (budget_form_get_row_key (form, row), n_cols,
                                                               budget_form_has_text_columns (form));
  BudgetFormDef *def = budget_form_get_def (form);

  snapshot->name = budget_form_row_has_custom_name (form, row) ? g_strdup (budget_form_get_row_name (form, row)) : NULL;
  snapshot->position = row;
  for (guint c = 0; c < n_cols; c++)
    {
      if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_TEXT)
        {
          if (snapshot->texts != NULL)
            snapshot->texts[c] = g_strdup (budget_form_get_cell_text (form, row, c));
        }
      else if (budget_form_column_is_entered (form, c))
        snapshot->values[c] = budget_form_get_value (form, row, c);
    }
  return snapshot;
}

void
budget_row_snapshot_free (BudgetRowSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->key);
  g_free (snapshot->name);
  g_free (snapshot->values);
  if (snapshot->texts != NULL)
    for (guint i = 0; i < snapshot->n_columns; i++)
      g_free (snapshot->texts[i]);
  g_free (snapshot->texts);
  g_free (snapshot);
}

/* Roughly the memory a snapshot holds, for the undo history's size bound. */
gsize
budget_row_snapshot_get_size (const BudgetRowSnapshot *snapshot)
{
  gsize size = sizeof *snapshot + strlen (snapshot->key) + 1 + snapshot->n_columns * sizeof (gint64);

  if (snapshot->name != NULL)
    size += strlen (snapshot->name) + 1;
  if (snapshot->texts != NULL)
    for (guint c = 0; c < snapshot->n_columns; c++)
      size += sizeof (char *) + (snapshot->texts[c] != NULL ? strlen (snapshot->texts[c]) + 1 : 0);
  return size;
}

/**
 * budget_form_snapshot_new:
 * @form: a performance table
 *
 * Returns: (transfer full): the table's id, definition, name, goal and rows
 */
BudgetFormSnapshot *
budget_form_snapshot_new (BudgetForm *form)
{
  BudgetFormSnapshot *snapshot = g_new0 (BudgetFormSnapshot, 1);

  snapshot->id = g_strdup (budget_form_get_id (form));
  snapshot->def_id = g_strdup (budget_form_def_get_id (budget_form_get_def (form)));
  snapshot->name = g_strdup (budget_form_get_name (form));
  snapshot->goal = g_strdup (budget_form_get_goal (form));
  snapshot->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_snapshot_free);
  for (guint i = 0; i < budget_form_get_n_rows (form); i++)
    g_ptr_array_add (snapshot->rows, budget_row_snapshot_new (form, i));
  return snapshot;
}

void
budget_form_snapshot_free (BudgetFormSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->id);
  g_free (snapshot->def_id);
  g_free (snapshot->name);
  g_free (snapshot->goal);
  g_ptr_array_unref (snapshot->rows);
  g_free (snapshot);
}

gsize
budget_form_snapshot_get_size (const BudgetFormSnapshot *snapshot)
{
  gsize size = sizeof *snapshot + strlen (snapshot->id) + strlen (snapshot->def_id) + 2;

  size += snapshot->name != NULL ? strlen (snapshot->name) + 1 : 0;
  size += snapshot->goal != NULL ? strlen (snapshot->goal) + 1 : 0;
  for (guint i = 0; i < snapshot->rows->len; i++)
    size += budget_row_snapshot_get_size (g_ptr_array_index (snapshot->rows, i));
  return size;
}
