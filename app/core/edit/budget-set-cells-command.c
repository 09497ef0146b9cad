/* budget-set-cells-command.c: a set of entered cells with their old and new contents. Rows are named by
 * key, not index, because structural commands between do and undo may move them. */

#include "config.h"

#include <string.h>

#include "edit/budget-set-cells-command.h"

typedef struct
{
  char     *form_id;
  char     *row_key;
  guint     col;
  gboolean  is_text;
  gboolean  was_own;   /* coded forms: whether the row was the officer's own before */
  gint64    old_value;
  gint64    new_value;
  char     *old_text;
  char     *new_text;
} CellChange;

struct _BudgetSetCellsCommand
{
  BudgetCommand  parent_instance;

  GArray        *cells;   /* CellChange */
};

G_DEFINE_FINAL_TYPE (BudgetSetCellsCommand, budget_set_cells_command, BUDGET_TYPE_COMMAND)

static void
cell_change_clear (gpointer data)
{
  CellChange *change = data;

  g_free (change->form_id);
  g_free (change->row_key);
  g_free (change->old_text);
  g_free (change->new_text);
}

static void
budget_set_cells_command_apply (BudgetCommand  *command,
                                BudgetDocument *document,
                                gboolean        forward)
{
  BudgetSetCellsCommand *self = BUDGET_SET_CELLS_COMMAND (command);
  guint n = self->cells->len;

  for (guint i = 0; i < n; i++)
    {
      CellChange *change = &g_array_index (self->cells, CellChange, forward ? i : n - 1 - i);
      BudgetForm *form = budget_document_lookup_form (document, change->form_id);

      if (change->is_text)
        budget_document_store_text (document, form, change->row_key, change->col,
                                    forward ? change->new_text : change->old_text);
      else
        budget_document_store_value (document, form, change->row_key, change->col,
                                     forward ? change->new_value : change->old_value,
                                     forward ? TRUE : change->was_own);
    }
}

static gsize
budget_set_cells_command_get_size (BudgetCommand *command)
{
  BudgetSetCellsCommand *self = BUDGET_SET_CELLS_COMMAND (command);
  gsize size = sizeof *self;

  for (guint i = 0; i < self->cells->len; i++)
    {
      CellChange *change = &g_array_index (self->cells, CellChange, i);

      size += sizeof *change + strlen (change->form_id) + strlen (change->row_key) + 2;
      size += change->old_text != NULL ? strlen (change->old_text) + 1 : 0;
      size += change->new_text != NULL ? strlen (change->new_text) + 1 : 0;
    }
  return size;
}

static gboolean
budget_set_cells_command_is_empty (BudgetCommand *command)
{
  return BUDGET_SET_CELLS_COMMAND (command)->cells->len == 0;
}

static void
budget_set_cells_command_finalize (GObject *object)
{
  g_array_unref (BUDGET_SET_CELLS_COMMAND (object)->cells);

  G_OBJECT_CLASS (budget_set_cells_command_parent_class)->finalize (object);
}

static void
budget_set_cells_command_class_init (BudgetSetCellsCommandClass *klass)
{
  BudgetCommandClass *command_class = BUDGET_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = budget_set_cells_command_finalize;
  command_class->apply = budget_set_cells_command_apply;
  command_class->get_size = budget_set_cells_command_get_size;
  command_class->is_empty = budget_set_cells_command_is_empty;
}

static void
budget_set_cells_command_init (BudgetSetCellsCommand *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (CellChange));
  g_array_set_clear_func (self->cells, cell_change_clear);
}

BudgetSetCellsCommand *
budget_set_cells_command_new (const char *label)
{
  BudgetSetCellsCommand *self = g_object_new (BUDGET_TYPE_SET_CELLS_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  return self;
}

static CellChange *
add_change (BudgetSetCellsCommand *self,
            BudgetForm            *form,
            guint                  row,
            guint                  col)
{
  CellChange change = { 0 };

  change.form_id = g_strdup (budget_form_get_id (form));
  change.row_key = g_strdup (budget_form_get_row_key (form, row));
  change.col = col;
  if (self->cells->len == 0)
    budget_command_set_focus (BUDGET_COMMAND (self), change.form_id, change.row_key, (int) col);
  g_array_append_val (self->cells, change);
  return &g_array_index (self->cells, CellChange, self->cells->len - 1);
}

/**
 * budget_set_cells_command_add_value:
 * @self: a command not yet run
 * @form: a form
 * @row: a row index
 * @col: an entered amount or quantity column
 * @value: the new value (the old one is read now)
 */
void
budget_set_cells_command_add_value (BudgetSetCellsCommand *self,
                                    BudgetForm            *form,
                                    guint                  row,
                                    guint                  col,
                                    gint64                 value)
{
  CellChange *change = add_change (self, form, row, col);

  change->old_value = budget_form_get_value (form, row, col);
  change->new_value = value;
  change->was_own = budget_form_row_is_own (form, row);
}

/**
 * budget_set_cells_command_add_text:
 * @self: a command not yet run
 * @form: a form
 * @row: a row index
 * @col: an entered text column
 * @text: the new text (the old one is read now)
 */
void
budget_set_cells_command_add_text (BudgetSetCellsCommand *self,
                                   BudgetForm            *form,
                                   guint                  row,
                                   guint                  col,
                                   const char            *text)
{
  CellChange *change = add_change (self, form, row, col);
  const char *old = budget_form_get_cell_text (form, row, col);

  change->is_text = TRUE;
  change->old_text = g_strdup (old != NULL ? old : "");
  change->new_text = g_strdup (text);
}

guint
budget_set_cells_command_get_n_cells (BudgetSetCellsCommand *self)
{
  return self->cells->len;
}
