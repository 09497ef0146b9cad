/* budget-set-meta-command.h: a document property changed (year, department, prior-year figures, an
 * acknowledged finding …) */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_SET_META_COMMAND (budget_set_meta_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSetMetaCommand, budget_set_meta_command, BUDGET, SET_META_COMMAND, BudgetCommand)

BudgetSetMetaCommand *budget_set_meta_command_new (const char     *label,
                                                   BudgetDocument *document,
                                                   const char     *key,
                                                   const char     *value);

G_END_DECLS
