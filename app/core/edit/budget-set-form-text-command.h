/* budget-set-form-text-command.h: the text of a section, or a performance table's name or goal */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_SET_FORM_TEXT_COMMAND (budget_set_form_text_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSetFormTextCommand, budget_set_form_text_command, BUDGET, SET_FORM_TEXT_COMMAND,
                      BudgetCommand)

BudgetSetFormTextCommand *budget_set_form_text_command_new (const char *label,
                                                           BudgetForm *form,
                                                           const char *property,
                                                           const char *old_value,
                                                           const char *new_value);

G_END_DECLS
