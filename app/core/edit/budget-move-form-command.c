/* budget-move-form-command.c: a form index before and after */

#include "config.h"

#include "edit/budget-move-form-command.h"

struct _BudgetMoveFormCommand
{
  BudgetCommand  parent_instance;

  guint          from;
  guint          to;
};

G_DEFINE_FINAL_TYPE (BudgetMoveFormCommand, budget_move_form_command, BUDGET_TYPE_COMMAND)

static void
budget_move_form_command_apply (BudgetCommand  *command,
                                BudgetDocument *document,
                                gboolean        forward)
{
  BudgetMoveFormCommand *self = BUDGET_MOVE_FORM_COMMAND (command);

  if (forward)
    budget_document_relocate_form (document, self->from, self->to);
  else
    budget_document_relocate_form (document, self->to, self->from);
}

static void
budget_move_form_command_class_init (BudgetMoveFormCommandClass *klass)
{
  BUDGET_COMMAND_CLASS (klass)->apply = budget_move_form_command_apply;
}

static void
budget_move_form_command_init (BudgetMoveFormCommand *self)
{
}

BudgetMoveFormCommand *
budget_move_form_command_new (const char *label,
                              BudgetForm *form,
                              guint       from,
                              guint       to)
{
  BudgetMoveFormCommand *self = g_object_new (BUDGET_TYPE_MOVE_FORM_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  self->from = from;
  self->to = to;
  budget_command_set_focus (BUDGET_COMMAND (self), budget_form_get_id (form), NULL, -1);
  return self;
}
