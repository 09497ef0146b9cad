/* budget-checker.h: the consistency checks of a document, kept up to date as it is edited */
#pragma once

#include <gio/gio.h>

#include "model/budget-document.h"
#include "checks/budget-finding.h"
#include "checks/budget-rule.h"

G_BEGIN_DECLS

/**
 * BudgetCheckerSettings:
 * @max_vehicle_value: FA-03: the largest plausible value of one vehicle (default 200 万元)
 * @max_house_value_per_m2: FA-03: the largest plausible value of one m² of building (default 5 万元)
 * @max_assets_budget_ratio: FA-03: 资产总额 may be at most this many times the year's total budget
 *   (T1 收入总计; default 100)
 * @min_house_area: FA-04: a building area below this (in quantity units, hundredths of m²) with a value
 *   is suspicious (default 20 m²)
 * @procurement_tolerance: GP-02: how far 数量 × 单价 may be from 合计 (default 0.01 万元)
 *
 * Thresholds of the heuristic rules. Amounts are in model units (1 万元 = 1 000 000).
 */
typedef struct
{
  BudgetAmount max_vehicle_value;
  BudgetAmount max_house_value_per_m2;
  guint        max_assets_budget_ratio;
  gint64       min_house_area;
  BudgetAmount procurement_tolerance;
} BudgetCheckerSettings;

void budget_checker_settings_init (BudgetCheckerSettings *settings);

#define BUDGET_TYPE_CHECKER (budget_checker_get_type ())

G_DECLARE_FINAL_TYPE (BudgetChecker, budget_checker, BUDGET, CHECKER, GObject)

BudgetChecker  *budget_checker_new                 (BudgetDocument              *document);
BudgetDocument *budget_checker_get_document        (BudgetChecker               *self);

GListModel     *budget_checker_get_findings        (BudgetChecker               *self);
GPtrArray      *budget_checker_dup_cell_findings   (BudgetChecker               *self,
                                                    const char                  *form_id,
                                                    const char                  *row_key,
                                                    int                          column);
GPtrArray      *budget_checker_dup_form_findings   (BudgetChecker               *self,
                                                    const char                  *form_id);
gboolean        budget_checker_get_cell_severity   (BudgetChecker               *self,
                                                    const char                  *form_id,
                                                    const char                  *row_key,
                                                    int                          column,
                                                    BudgetSeverity              *severity,
                                                    gboolean                    *rounding);
gboolean        budget_checker_get_form_severity   (BudgetChecker               *self,
                                                    const char                  *form_id,
                                                    BudgetSeverity              *severity,
                                                    gboolean                    *rounding);

guint           budget_checker_get_n_errors        (BudgetChecker               *self);
guint           budget_checker_get_n_warnings      (BudgetChecker               *self);
guint           budget_checker_get_n_rounding      (BudgetChecker               *self);
guint           budget_checker_get_n_info          (BudgetChecker               *self);
guint           budget_checker_get_n_acknowledged  (BudgetChecker               *self);

gboolean        budget_checker_acknowledge         (BudgetChecker               *self,
                                                    BudgetFinding               *finding,
                                                    const char                  *reason,
                                                    GError                     **error);
gboolean        budget_checker_unacknowledge       (BudgetChecker               *self,
                                                    BudgetFinding               *finding,
                                                    GError                     **error);

void            budget_checker_get_settings        (BudgetChecker               *self,
                                                    BudgetCheckerSettings       *settings);
void            budget_checker_set_settings        (BudgetChecker               *self,
                                                    const BudgetCheckerSettings *settings);

void            budget_checker_evaluate_all        (BudgetChecker               *self);
guint64         budget_checker_get_n_evaluations   (BudgetChecker               *self);
char           *budget_checker_dup_report          (BudgetChecker               *self,
                                                    const char                  *name);

G_END_DECLS
