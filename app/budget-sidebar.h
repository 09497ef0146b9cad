/* budget-sidebar.h: the list of a document's forms, grouped as the disclosure groups them */
#pragma once

#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_SIDEBAR (budget_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSidebar, budget_sidebar, BUDGET, SIDEBAR, GtkWidget)

GtkWidget      *budget_sidebar_new               (void);
void            budget_sidebar_set_document      (BudgetSidebar  *self,
                                                  BudgetDocument *document);
BudgetForm     *budget_sidebar_get_selected_form (BudgetSidebar  *self);
void            budget_sidebar_select_form       (BudgetSidebar  *self,
                                                  BudgetForm     *form);
char           *budget_sidebar_dup_form_label    (BudgetForm     *form);
guint           budget_sidebar_get_n_rows        (BudgetSidebar  *self);
void            budget_sidebar_set_checker       (BudgetSidebar  *self,
                                                  BudgetChecker  *checker);
const char     *budget_sidebar_get_form_mark     (BudgetSidebar  *self,
                                                  BudgetForm     *form);

G_END_DECLS
