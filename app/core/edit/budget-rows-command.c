/* budget-rows-command.c: inserting and deleting rows are one command type run in opposite directions: the
 * rows' snapshots let undo put back exactly what was there. */

#include "config.h"

#include "edit/budget-rows-command.h"

struct _BudgetRowsCommand
{
  BudgetCommand  parent_instance;

  char          *form_id;
  gboolean       insert;
  GPtrArray     *rows;   /* BudgetRowSnapshot, in the order they are inserted or deleted */
};

G_DEFINE_FINAL_TYPE (BudgetRowsCommand, budget_rows_command, BUDGET_TYPE_COMMAND)

static void
budget_rows_command_apply (BudgetCommand  *command,
                           BudgetDocument *document,
                           gboolean        forward)
{
  BudgetRowsCommand *self = BUDGET_ROWS_COMMAND (command);
  BudgetForm *form = budget_document_lookup_form (document, self->form_id);
  guint n = self->rows->len;

  g_return_if_fail (form != NULL);
  for (guint i = 0; i < n; i++)
    {
      BudgetRowSnapshot *row = g_ptr_array_index (self->rows, forward ? i : n - 1 - i);

      if (self->insert == forward)
        budget_document_store_row (document, form, row);
      else
        budget_document_remove_row (document, form, row->key);
    }
}

static gsize
budget_rows_command_get_size (BudgetCommand *command)
{
  BudgetRowsCommand *self = BUDGET_ROWS_COMMAND (command);
  gsize size = sizeof *self;

  for (guint i = 0; i < self->rows->len; i++)
    size += budget_row_snapshot_get_size (g_ptr_array_index (self->rows, i));
  return size;
}

static gboolean
budget_rows_command_is_empty (BudgetCommand *command)
{
  return BUDGET_ROWS_COMMAND (command)->rows->len == 0;
}

static void
budget_rows_command_finalize (GObject *object)
{
  BudgetRowsCommand *self = BUDGET_ROWS_COMMAND (object);

  g_free (self->form_id);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (budget_rows_command_parent_class)->finalize (object);
}

static void
budget_rows_command_class_init (BudgetRowsCommandClass *klass)
{
  BudgetCommandClass *command_class = BUDGET_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = budget_rows_command_finalize;
  command_class->apply = budget_rows_command_apply;
  command_class->get_size = budget_rows_command_get_size;
  command_class->is_empty = budget_rows_command_is_empty;
}

static void
budget_rows_command_init (BudgetRowsCommand *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_snapshot_free);
}

/**
 * budget_rows_command_new:
 * @label: the undo label
 * @form: the form
 * @insert: %TRUE to insert the rows, %FALSE to delete them
 *
 * Returns: (transfer full): a command without rows yet
 */
BudgetRowsCommand *
budget_rows_command_new (const char *label,
                         BudgetForm *form,
                         gboolean    insert)
{
  BudgetRowsCommand *self = g_object_new (BUDGET_TYPE_ROWS_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  self->form_id = g_strdup (budget_form_get_id (form));
  self->insert = insert;
  return self;
}

/**
 * budget_rows_command_add_row:
 * @self: a command not yet run
 * @snapshot: (transfer full): a row: its key, position (list rows) and content
 */
void
budget_rows_command_add_row (BudgetRowsCommand *self,
                             BudgetRowSnapshot *snapshot)
{
  if (self->rows->len == 0)
    budget_command_set_focus (BUDGET_COMMAND (self), self->form_id, snapshot->key, -1);
  g_ptr_array_add (self->rows, snapshot);
}
