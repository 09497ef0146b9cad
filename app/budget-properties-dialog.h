/* budget-properties-dialog.h: edits a document's properties: department, year, unit, prior-year figures */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_PROPERTIES_DIALOG (budget_properties_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BudgetPropertiesDialog, budget_properties_dialog, BUDGET, PROPERTIES_DIALOG, GtkWindow)

GtkWidget *budget_properties_dialog_new       (GtkWindow               *parent,
                                               BudgetDocument          *document);
GtkEditable *budget_properties_dialog_get_field (BudgetPropertiesDialog *self,
                                               const char              *key);
gboolean   budget_properties_dialog_apply     (BudgetPropertiesDialog  *self,
                                               GError                 **error);

G_END_DECLS
