/* budget-form-command.h: a performance table added or removed, with its content */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_FORM_COMMAND (budget_form_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetFormCommand, budget_form_command, BUDGET, FORM_COMMAND, BudgetCommand)

BudgetFormCommand *budget_form_command_new (const char         *label,
                                            BudgetFormSnapshot *snapshot,
                                            guint               position,
                                            gboolean            add);

G_END_DECLS
