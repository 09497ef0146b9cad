/* budget-test-gtk.h: what the widget tests share: flushing the main loop, opening a form's grid */
#pragma once

#include <gtk/gtk.h>

#include "budget-grid.h"
#include "budget-window.h"

G_BEGIN_DECLS

/* The fixture of the window tests: a window on a document, and a scratch folder. */
typedef struct
{
  BudgetDocument *document;
  BudgetWindow   *window;
  char           *dir;
} BudgetTestWindow;

void        budget_test_window_open     (BudgetTestWindow *fixture,
                                         BudgetDocument   *document);
void        budget_test_window_setup    (BudgetTestWindow *fixture,
                                         gconstpointer     data);
void        budget_test_window_teardown (BudgetTestWindow *fixture,
                                         gconstpointer     data);
guint       budget_test_row_of      (BudgetForm   *form,
                                     const char   *key);
guint       budget_test_col_of      (BudgetForm   *form,
                                     const char   *column);

void        budget_test_flush       (GtkWidget    *widget);
void        budget_test_iterate     (void);
void        budget_test_remove_dir  (const char   *dir);
void        budget_test_destroy_all_windows (void);
BudgetGrid *budget_test_show_grid   (BudgetWindow *window,
                                     const char   *form_id);

G_END_DECLS
