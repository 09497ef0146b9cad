/* budget-command.c: commands are lists of operations that the document knows how to apply both ways,
 * the way goffice combines undo closures: a paste is one command with many cell operations. */

#include "config.h"

#include "edit/budget-command.h"
#include "model/budget-document-private.h"

struct _BudgetCommand
{
  GObject  parent_instance;

  char    *label;
  GArray  *ops;          /* BudgetOp */
  guint64  state_before;
  guint64  state_after;
};

G_DEFINE_FINAL_TYPE (BudgetCommand, budget_command, G_TYPE_OBJECT)

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

static void
clear_op (gpointer data)
{
  BudgetOp *op = data;

  g_free (op->form_id);
  g_free (op->row_key);
  g_free (op->old_text);
  g_free (op->new_text);
  budget_row_snapshot_free (op->row);
  budget_form_snapshot_free (op->form);
}

static void
budget_command_finalize (GObject *object)
{
  BudgetCommand *self = BUDGET_COMMAND (object);

  g_free (self->label);
  g_array_unref (self->ops);

  G_OBJECT_CLASS (budget_command_parent_class)->finalize (object);
}

static void
budget_command_class_init (BudgetCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_command_finalize;
}

static void
budget_command_init (BudgetCommand *self)
{
  self->ops = g_array_new (FALSE, TRUE, sizeof (BudgetOp));
  g_array_set_clear_func (self->ops, clear_op);
}

/**
 * budget_command_new:
 * @label: what the command does, for the Undo menu item ("编辑 支出总表 2060101 基本支出")
 *
 * Returns: (transfer full): an empty command
 */
BudgetCommand *
budget_command_new (const char *label)
{
  BudgetCommand *self = g_object_new (BUDGET_TYPE_COMMAND, NULL);

  self->label = g_strdup (label);
  return self;
}

const char *
budget_command_get_label (BudgetCommand *self)
{
  return self->label;
}

/**
 * budget_command_add_op:
 * @self: a command
 * @type: the operation
 * @form_id: (nullable): the form it changes
 * @row_key: (nullable): the row it changes
 *
 * Returns: (transfer none): the new operation, to fill in; valid until the next add
 */
BudgetOp *
budget_command_add_op (BudgetCommand *self,
                       BudgetOpType   type,
                       const char    *form_id,
                       const char    *row_key)
{
  BudgetOp op = { 0 };

  op.type = type;
  op.form_id = g_strdup (form_id);
  op.row_key = g_strdup (row_key);
  g_array_append_val (self->ops, op);
  return &g_array_index (self->ops, BudgetOp, self->ops->len - 1);
}

guint
budget_command_get_n_ops (BudgetCommand *self)
{
  return self->ops->len;
}

BudgetOp *
budget_command_get_op (BudgetCommand *self,
                       guint          index)
{
  g_return_val_if_fail (index < self->ops->len, NULL);
  return &g_array_index (self->ops, BudgetOp, index);
}

guint64
budget_command_get_state_before (BudgetCommand *self)
{
  return self->state_before;
}

guint64
budget_command_get_state_after (BudgetCommand *self)
{
  return self->state_after;
}

void
budget_command_set_states (BudgetCommand *self,
                           guint64        before,
                           guint64        after)
{
  self->state_before = before;
  self->state_after = after;
}

/* The cell an editor should bring into view after undo or redo: the first operation's. */
const char *
budget_command_get_focus_form (BudgetCommand *self)
{
  return self->ops->len > 0 ? g_array_index (self->ops, BudgetOp, 0).form_id : NULL;
}

const char *
budget_command_get_focus_row (BudgetCommand *self)
{
  return self->ops->len > 0 ? g_array_index (self->ops, BudgetOp, 0).row_key : NULL;
}

int
budget_command_get_focus_col (BudgetCommand *self)
{
  if (self->ops->len == 0)
    return -1;
  switch (g_array_index (self->ops, BudgetOp, 0).type)
    {
    case BUDGET_OP_SET_VALUE:
    case BUDGET_OP_SET_TEXT:
      return (int) g_array_index (self->ops, BudgetOp, 0).col;
    default:
      return -1;
    }
}
