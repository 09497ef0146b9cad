/* budget-tsv.h: a form as tab-separated text */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

char *budget_form_to_tsv (BudgetForm *form);

G_END_DECLS
