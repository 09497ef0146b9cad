/* budget-new-dialog.h: asks for the budget year, department and unit of a new project */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_NEW_DIALOG (budget_new_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BudgetNewDialog, budget_new_dialog, BUDGET, NEW_DIALOG, GtkWindow)

GtkWidget      *budget_new_dialog_new    (GtkWindow        *parent);
BudgetDocument *budget_new_dialog_create (BudgetNewDialog  *self,
                                          GError          **error);

G_END_DECLS
