/* budget-performance-table.h: a 项目绩效目标表: a list of indicators with the project's name and goal */
#pragma once

#include "model/budget-form.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_PERFORMANCE_TABLE (budget_performance_table_get_type ())

G_DECLARE_FINAL_TYPE (BudgetPerformanceTable, budget_performance_table, BUDGET, PERFORMANCE_TABLE, BudgetForm)

G_END_DECLS
