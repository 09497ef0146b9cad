/* budget-group-command.c: commands run in order forwards and in reverse order backwards, inside the one
 * change their group makes, so views hear of it once and undo takes it back in one step */

#include "config.h"

#include "edit/budget-group-command.h"

struct _BudgetGroupCommand
{
  BudgetCommand  parent_instance;

  GPtrArray     *commands;   /* BudgetCommand */
};

G_DEFINE_FINAL_TYPE (BudgetGroupCommand, budget_group_command, BUDGET_TYPE_COMMAND)

static void
budget_group_command_apply (BudgetCommand  *command,
                            BudgetDocument *document,
                            gboolean        forward)
{
  BudgetGroupCommand *self = BUDGET_GROUP_COMMAND (command);
  guint n = self->commands->len;

  for (guint i = 0; i < n; i++)
    {
      BudgetCommand *child = g_ptr_array_index (self->commands, forward ? i : n - 1 - i);

      BUDGET_COMMAND_GET_CLASS (child)->apply (child, document, forward);
    }
}

static gsize
budget_group_command_get_size (BudgetCommand *command)
{
  BudgetGroupCommand *self = BUDGET_GROUP_COMMAND (command);
  gsize size = sizeof *self;

  for (guint i = 0; i < self->commands->len; i++)
    size += budget_command_get_size (g_ptr_array_index (self->commands, i));
  return size;
}

static gboolean
budget_group_command_is_empty (BudgetCommand *command)
{
  BudgetGroupCommand *self = BUDGET_GROUP_COMMAND (command);

  for (guint i = 0; i < self->commands->len; i++)
    if (!budget_command_is_empty (g_ptr_array_index (self->commands, i)))
      return FALSE;
  return TRUE;
}

static void
budget_group_command_finalize (GObject *object)
{
  BudgetGroupCommand *self = BUDGET_GROUP_COMMAND (object);

  g_ptr_array_unref (self->commands);
  G_OBJECT_CLASS (budget_group_command_parent_class)->finalize (object);
}

static void
budget_group_command_class_init (BudgetGroupCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_group_command_finalize;
  BUDGET_COMMAND_CLASS (klass)->apply = budget_group_command_apply;
  BUDGET_COMMAND_CLASS (klass)->get_size = budget_group_command_get_size;
  BUDGET_COMMAND_CLASS (klass)->is_empty = budget_group_command_is_empty;
}

static void
budget_group_command_init (BudgetGroupCommand *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * budget_group_command_new:
 * @label: the undo label
 *
 * Returns: (transfer full): an empty group
 */
BudgetGroupCommand *
budget_group_command_new (const char *label)
{
  BudgetGroupCommand *self = g_object_new (BUDGET_TYPE_GROUP_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  return self;
}

/**
 * budget_group_command_add:
 * @self: a group not yet run
 * @command: (transfer none): a command not yet run; it runs after the ones added before
 */
void
budget_group_command_add (BudgetGroupCommand *self,
                          BudgetCommand      *command)
{
  if (self->commands->len == 0 && budget_command_get_focus_form (command) != NULL)
    budget_command_set_focus (BUDGET_COMMAND (self), budget_command_get_focus_form (command),
                              budget_command_get_focus_row (command), budget_command_get_focus_col (command));
  g_ptr_array_add (self->commands, g_object_ref (command));
}

guint
budget_group_command_get_n_commands (BudgetGroupCommand *self)
{
  return self->commands->len;
}
