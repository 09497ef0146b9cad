/* budget-rows-command.h: code rows or list rows added or deleted, with their content */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_ROWS_COMMAND (budget_rows_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetRowsCommand, budget_rows_command, BUDGET, ROWS_COMMAND, BudgetCommand)

BudgetRowsCommand *budget_rows_command_new      (const char        *label,
                                                 BudgetForm        *form,
                                                 gboolean           insert);
void               budget_rows_command_add_row  (BudgetRowsCommand *self,
                                                 BudgetRowSnapshot *snapshot);

G_END_DECLS
