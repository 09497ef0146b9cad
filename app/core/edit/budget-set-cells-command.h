/* budget-set-cells-command.h: typing into cells, pasting, filling: entered cells set to new values */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_SET_CELLS_COMMAND (budget_set_cells_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSetCellsCommand, budget_set_cells_command, BUDGET, SET_CELLS_COMMAND, BudgetCommand)

BudgetSetCellsCommand *budget_set_cells_command_new       (const char            *label);
void                   budget_set_cells_command_add_value (BudgetSetCellsCommand *self,
                                                           BudgetForm            *form,
                                                           guint                  row,
                                                           guint                  col,
                                                           gint64                 value);
void                   budget_set_cells_command_add_text  (BudgetSetCellsCommand *self,
                                                           BudgetForm            *form,
                                                           guint                  row,
                                                           guint                  col,
                                                           const char            *text);
guint                  budget_set_cells_command_get_n_cells (BudgetSetCellsCommand *self);

G_END_DECLS
