/* budget-insert-row-dialog.h: asks for the classification code of a new row of a coded table */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_INSERT_ROW_DIALOG (budget_insert_row_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BudgetInsertRowDialog, budget_insert_row_dialog, BUDGET, INSERT_ROW_DIALOG, GtkWindow)

GtkWidget *budget_insert_row_dialog_new    (GtkWindow             *parent,
                                            BudgetForm            *form);
gboolean   budget_insert_row_dialog_insert (BudgetInsertRowDialog *self,
                                            const char            *code,
                                            const char            *name,
                                            GError               **error);

G_END_DECLS
