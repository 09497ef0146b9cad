/* budget-print-operation.h: printing the disclosure through the same renderer as the PDF export */
#pragma once

#include <gtk/gtk.h>

#include "model/budget-document.h"

G_BEGIN_DECLS

void budget_print_operation_run (GtkWindow      *parent,
                                 BudgetDocument *document);

G_END_DECLS
