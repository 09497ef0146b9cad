/* budget-move-form-command.h: a performance table moved among the others */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_MOVE_FORM_COMMAND (budget_move_form_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetMoveFormCommand, budget_move_form_command, BUDGET, MOVE_FORM_COMMAND, BudgetCommand)

BudgetMoveFormCommand *budget_move_form_command_new (const char *label,
                                                     BudgetForm *form,
                                                     guint       from,
                                                     guint       to);

G_END_DECLS
