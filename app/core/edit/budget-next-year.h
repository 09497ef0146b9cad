/* budget-next-year.h: next year's disclosure from this year's: the year moves on, this year's figures become
 * last year's, the text and tables are carried over */
#pragma once

#include "edit/budget-command.h"

G_BEGIN_DECLS

BudgetCommand *budget_next_year_command_new (BudgetDocument *document,
                                             gboolean        clear_amounts,
                                             GPtrArray      *report);

G_END_DECLS
