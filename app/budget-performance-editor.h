/* budget-performance-editor.h: the editor of one 项目绩效目标表: project name, goal, indicator rows */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-table-editor.h"
#include "budget-text-field.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_PERFORMANCE_EDITOR (budget_performance_editor_get_type ())

G_DECLARE_FINAL_TYPE (BudgetPerformanceEditor, budget_performance_editor, BUDGET, PERFORMANCE_EDITOR, GtkWidget)

GtkWidget         *budget_performance_editor_new              (BudgetForm              *form);
GtkEditable       *budget_performance_editor_get_name_entry   (BudgetPerformanceEditor *self);
BudgetTextField   *budget_performance_editor_get_goal_field   (BudgetPerformanceEditor *self);
BudgetTableEditor *budget_performance_editor_get_table_editor (BudgetPerformanceEditor *self);

G_END_DECLS
