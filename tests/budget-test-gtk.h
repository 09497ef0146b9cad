/* budget-test-gtk.h: what the widget tests share: flushing the main loop, opening a form's grid */
#pragma once

#include <gtk/gtk.h>

#include "budget-grid.h"
#include "budget-window.h"

G_BEGIN_DECLS

void        budget_test_flush       (GtkWidget    *widget);
void        budget_test_iterate     (void);
void        budget_test_remove_dir  (const char   *dir);
void        budget_test_destroy_all_windows (void);
BudgetGrid *budget_test_show_grid   (BudgetWindow *window,
                                     const char   *form_id);

G_END_DECLS
