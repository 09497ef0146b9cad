/* budget-text-field.h: a multi-line text of a form (a text section, a 绩效目标) that commits in bursts */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_TEXT_FIELD (budget_text_field_get_type ())

G_DECLARE_FINAL_TYPE (BudgetTextField, budget_text_field, BUDGET, TEXT_FIELD, GtkWidget)

GtkWidget   *budget_text_field_new         (void);
void         budget_text_field_bind        (BudgetTextField  *self,
                                            BudgetForm       *form,
                                            const char       *property);
gboolean     budget_text_field_commit      (BudgetTextField  *self,
                                            GError          **error);
gboolean     budget_text_field_has_pending (BudgetTextField  *self);
GtkTextView *budget_text_field_get_view    (BudgetTextField  *self);

G_END_DECLS
