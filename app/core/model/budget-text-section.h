/* budget-text-section.h: a section of the explanatory text (情况说明): a form holding text */
#pragma once

#include "model/budget-form.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_TEXT_SECTION (budget_text_section_get_type ())

G_DECLARE_FINAL_TYPE (BudgetTextSection, budget_text_section, BUDGET, TEXT_SECTION, BudgetForm)

G_END_DECLS
