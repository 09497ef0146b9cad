/* budget-application.h: the Budget Editor application: windows, command line files, app actions */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"
#include "io/budget-recovery.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_APPLICATION (budget_application_get_type ())

G_DECLARE_FINAL_TYPE (BudgetApplication, budget_application, BUDGET, APPLICATION, GtkApplication)

BudgetApplication *budget_application_new       (void);
void               budget_application_open_file (BudgetApplication *self,
                                                 GFile             *file);
BudgetRecovery    *budget_application_get_recovery (BudgetApplication *self);
void               budget_application_offer_recovered (BudgetApplication *self,
                                                       GtkWindow         *parent);

G_END_DECLS
