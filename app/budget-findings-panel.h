/* budget-findings-panel.h: the consistency checks' findings of a document, under the form editor */
#pragma once

#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_FINDINGS_PANEL (budget_findings_panel_get_type ())

G_DECLARE_FINAL_TYPE (BudgetFindingsPanel, budget_findings_panel, BUDGET, FINDINGS_PANEL, GtkWidget)

GtkWidget     *budget_findings_panel_new                    (void);
BudgetChecker *budget_findings_panel_get_checker            (BudgetFindingsPanel *self);
void           budget_findings_panel_set_checker            (BudgetFindingsPanel *self,
                                                             BudgetChecker       *checker);
GListModel    *budget_findings_panel_get_model              (BudgetFindingsPanel *self);
gboolean       budget_findings_panel_get_show_rounding      (BudgetFindingsPanel *self);
void           budget_findings_panel_set_show_rounding      (BudgetFindingsPanel *self,
                                                             gboolean             show_rounding);
void           budget_findings_panel_activate               (BudgetFindingsPanel *self,
                                                             guint                position);
void           budget_findings_panel_acknowledge            (BudgetFindingsPanel *self,
                                                             BudgetFinding       *finding);
gboolean       budget_findings_panel_unacknowledge          (BudgetFindingsPanel *self,
                                                             BudgetFinding       *finding);
GtkWindow     *budget_findings_panel_get_acknowledge_dialog (BudgetFindingsPanel *self);
GtkEditable   *budget_findings_panel_get_reason_entry       (BudgetFindingsPanel *self);

G_END_DECLS
