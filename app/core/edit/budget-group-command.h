/* budget-group-command.h: several commands done and undone as one step (an import, a fill across forms) */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_GROUP_COMMAND (budget_group_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetGroupCommand, budget_group_command, BUDGET, GROUP_COMMAND, BudgetCommand)

BudgetGroupCommand *budget_group_command_new    (const char         *label);
void                budget_group_command_add    (BudgetGroupCommand *self,
                                                 BudgetCommand      *command);
guint               budget_group_command_get_n_commands (BudgetGroupCommand *self);

G_END_DECLS
