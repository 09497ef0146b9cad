/* budget-form-view.h: what the window asks of every form editor (tables, performance tables, text) */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_FORM_VIEW (budget_form_view_get_type ())

G_DECLARE_INTERFACE (BudgetFormView, budget_form_view, BUDGET, FORM_VIEW, GtkWidget)

struct _BudgetFormViewInterface
{
  GTypeInterface parent_iface;

  BudgetForm *(*get_form)       (BudgetFormView  *self);
  gboolean    (*commit_pending) (BudgetFormView  *self,
                                 GError         **error);
  void        (*cancel_pending) (BudgetFormView  *self);
  void        (*focus_location) (BudgetFormView  *self,
                                 const char      *row_key,
                                 int              col);
};

BudgetForm *budget_form_view_get_form       (BudgetFormView  *self);
gboolean    budget_form_view_commit_pending (BudgetFormView  *self,
                                             GError         **error);
void        budget_form_view_cancel_pending (BudgetFormView  *self);
void        budget_form_view_focus_location (BudgetFormView  *self,
                                             const char      *row_key,
                                             int              col);

G_END_DECLS
