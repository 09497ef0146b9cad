/* budget-table-editor.h: the editor of a form drawn as a table: title, row commands, grid, notes */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-grid.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_TABLE_EDITOR (budget_table_editor_get_type ())

G_DECLARE_FINAL_TYPE (BudgetTableEditor, budget_table_editor, BUDGET, TABLE_EDITOR, GtkWidget)

GtkWidget  *budget_table_editor_new           (BudgetForm        *form);
BudgetForm *budget_table_editor_get_form      (BudgetTableEditor *self);
void        budget_table_editor_set_form      (BudgetTableEditor *self,
                                               BudgetForm        *form);
BudgetGrid *budget_table_editor_get_grid      (BudgetTableEditor *self);
void        budget_table_editor_set_show_title (BudgetTableEditor *self,
                                               gboolean           show_title);

G_END_DECLS
