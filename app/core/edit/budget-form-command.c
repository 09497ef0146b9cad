/* budget-form-command.c: adding and removing a performance table are one command type run in opposite
 * directions; the snapshot holds the whole table so that undo restores it with its rows. */

#include "config.h"

#include "edit/budget-form-command.h"

struct _BudgetFormCommand
{
  BudgetCommand       parent_instance;

  BudgetFormSnapshot *snapshot;
  guint               position;   /* among all forms */
  gboolean            add;
};

G_DEFINE_FINAL_TYPE (BudgetFormCommand, budget_form_command, BUDGET_TYPE_COMMAND)

static void
budget_form_command_apply (BudgetCommand  *command,
                           BudgetDocument *document,
                           gboolean        forward)
{
  BudgetFormCommand *self = BUDGET_FORM_COMMAND (command);

  if (self->add == forward)
    budget_document_store_form (document, self->snapshot, self->position);
  else
    budget_document_remove_form_at (document, self->position);
}

static gsize
budget_form_command_get_size (BudgetCommand *command)
{
  BudgetFormCommand *self = BUDGET_FORM_COMMAND (command);

  return sizeof *self + budget_form_snapshot_get_size (self->snapshot);
}

static void
budget_form_command_finalize (GObject *object)
{
  budget_form_snapshot_free (BUDGET_FORM_COMMAND (object)->snapshot);

  G_OBJECT_CLASS (budget_form_command_parent_class)->finalize (object);
}

static void
budget_form_command_class_init (BudgetFormCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_form_command_finalize;
  BUDGET_COMMAND_CLASS (klass)->apply = budget_form_command_apply;
  BUDGET_COMMAND_CLASS (klass)->get_size = budget_form_command_get_size;
}

static void
budget_form_command_init (BudgetFormCommand *self)
{
}

/**
 * budget_form_command_new:
 * @label: the undo label
 * @snapshot: (transfer full): the table
 * @position: its index among all forms
 * @add: %TRUE to add it, %FALSE to remove it
 *
 * Returns: (transfer full): the command
 */
BudgetFormCommand *
budget_form_command_new (const char         *label,
                         BudgetFormSnapshot *snapshot,
                         guint               position,
                         gboolean            add)
{
  BudgetFormCommand *self = g_object_new (BUDGET_TYPE_FORM_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  self->snapshot = snapshot;
  self->position = position;
  self->add = add;
  budget_command_set_focus (BUDGET_COMMAND (self), snapshot->id, NULL, -1);
  return self;
}
