/* budget-import-dialog.h: what a workbook would import, shown before anything changes */
#pragma once

#include <gtk/gtk.h>

#include "budget-window.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_IMPORT_DIALOG (budget_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BudgetImportDialog, budget_import_dialog, BUDGET, IMPORT_DIALOG, GtkWindow)

GtkWidget *budget_import_dialog_new    (BudgetWindow       *window,
                                        const char         *path,
                                        GError            **error);
gboolean   budget_import_dialog_import (BudgetImportDialog *self,
                                        gboolean            into_new);

G_END_DECLS
