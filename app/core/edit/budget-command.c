/* budget-command.c: the base of every command: a label, the document states before and after it (so
 * that the document knows when it is back at its saved state), and where to look after undo. */

#include "config.h"

#include <string.h>

#include "edit/budget-command.h"

typedef struct
{
  char    *label;
  guint64  state_before;
  guint64  state_after;
  char    *focus_form;
  char    *focus_row;
  int      focus_col;
} BudgetCommandPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BudgetCommand, budget_command, G_TYPE_OBJECT)

static void
budget_command_finalize (GObject *object)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (BUDGET_COMMAND (object));

  g_free (priv->label);
  g_free (priv->focus_form);
  g_free (priv->focus_row);

  G_OBJECT_CLASS (budget_command_parent_class)->finalize (object);
}

static gsize
budget_command_real_get_size (BudgetCommand *self)
{
  return sizeof (BudgetCommandPrivate);
}

static gboolean
budget_command_real_is_empty (BudgetCommand *self)
{
  return FALSE;
}

static void
budget_command_class_init (BudgetCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_command_finalize;
  klass->get_size = budget_command_real_get_size;
  klass->is_empty = budget_command_real_is_empty;
}

static void
budget_command_init (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  priv->focus_col = -1;
}

/**
 * budget_command_get_label:
 * @self: a command
 *
 * Returns: what the command does, for the Undo menu item ("编辑 支出总表 2060101 基本支出")
 */
const char *
budget_command_get_label (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->label;
}

void
budget_command_set_label (BudgetCommand *self,
                          const char    *label)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  g_free (priv->label);
  priv->label = g_strdup (label);
}

gsize
budget_command_get_size (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);
  gsize size = BUDGET_COMMAND_GET_CLASS (self)->get_size (self);

  return size + (priv->label != NULL ? strlen (priv->label) + 1 : 0);
}

gboolean
budget_command_is_empty (BudgetCommand *self)
{
  return BUDGET_COMMAND_GET_CLASS (self)->is_empty (self);
}

/**
 * budget_command_apply:
 * @self: a command
 * @document: the document it was made for
 * @forward: %TRUE to do or redo it, %FALSE to undo it
 *
 * Runs the command as one change of @document: derived cells are recomputed and views told once.
 */
void
budget_command_apply (BudgetCommand  *self,
                      BudgetDocument *document,
                      gboolean        forward)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  budget_document_begin_change (document);
  BUDGET_COMMAND_GET_CLASS (self)->apply (self, document, forward);
  budget_document_end_change (document, forward ? priv->state_after : priv->state_before, G_OBJECT (self), forward);
}

guint64
budget_command_get_state_before (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->state_before;
}

guint64
budget_command_get_state_after (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->state_after;
}

void
budget_command_set_states (BudgetCommand *self,
                           guint64        before,
                           guint64        after)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  priv->state_before = before;
  priv->state_after = after;
}

const char *
budget_command_get_focus_form (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->focus_form;
}

const char *
budget_command_get_focus_row (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->focus_row;
}

int
budget_command_get_focus_col (BudgetCommand *self)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  return priv->focus_col;
}

/* Set by a command type when it is built: its first cell, row or form. */
void
budget_command_set_focus (BudgetCommand *self,
                          const char    *form_id,
                          const char    *row_key,
                          int            col)
{
  BudgetCommandPrivate *priv = budget_command_get_instance_private (self);

  g_free (priv->focus_form);
  g_free (priv->focus_row);
  priv->focus_form = g_strdup (form_id);
  priv->focus_row = g_strdup (row_key);
  priv->focus_col = col;
}
