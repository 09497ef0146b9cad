/* budget-finding.h: one result of the consistency checks: which rule, how serious, where, and by how much */
#pragma once

#include <glib-object.h>

#include "model/budget-amount.h"

G_BEGIN_DECLS

/**
 * BudgetSeverity:
 * @BUDGET_SEVERITY_ERROR: must be fixed before export (a 基本平衡公式 of the official software)
 * @BUDGET_SEVERITY_WARNING: shown, and can be acknowledged with a reason (a 核实性公式)
 * @BUDGET_SEVERITY_INFO: a remark
 *
 * Ordered from the most to the least serious.
 */
typedef enum
{
  BUDGET_SEVERITY_ERROR,
  BUDGET_SEVERITY_WARNING,
  BUDGET_SEVERITY_INFO,
} BudgetSeverity;

#define BUDGET_TYPE_SEVERITY (budget_severity_get_type ())

GType           budget_severity_get_type        (void) G_GNUC_CONST;
const char     *budget_severity_to_string       (BudgetSeverity  severity);

#define BUDGET_TYPE_FINDING (budget_finding_get_type ())

G_DECLARE_FINAL_TYPE (BudgetFinding, budget_finding, BUDGET, FINDING, GObject)

const char     *budget_finding_get_rule_id      (BudgetFinding  *self);
BudgetSeverity  budget_finding_get_severity     (BudgetFinding  *self);
gboolean        budget_finding_get_rounding     (BudgetFinding  *self);
const char     *budget_finding_get_message      (BudgetFinding  *self);

const char     *budget_finding_get_form_id      (BudgetFinding  *self);
const char     *budget_finding_get_row_key      (BudgetFinding  *self);
int             budget_finding_get_column       (BudgetFinding  *self);
const char     *budget_finding_get_column_id    (BudgetFinding  *self);
const char     *budget_finding_get_subject      (BudgetFinding  *self);
int             budget_finding_get_text_start   (BudgetFinding  *self);
int             budget_finding_get_text_end     (BudgetFinding  *self);

const char     *budget_finding_get_other_form_id (BudgetFinding *self);
const char     *budget_finding_get_other_row_key (BudgetFinding *self);
int             budget_finding_get_other_column (BudgetFinding  *self);

gboolean        budget_finding_has_values       (BudgetFinding  *self);
BudgetAmount    budget_finding_get_value        (BudgetFinding  *self);
BudgetAmount    budget_finding_get_other_value  (BudgetFinding  *self);
BudgetAmount    budget_finding_get_difference   (BudgetFinding  *self);

gboolean        budget_finding_get_acknowledged (BudgetFinding  *self);
const char     *budget_finding_get_ack_reason   (BudgetFinding  *self);
gboolean        budget_finding_can_acknowledge  (BudgetFinding  *self);
gboolean        budget_finding_is_blocking      (BudgetFinding  *self);

const char     *budget_finding_get_key          (BudgetFinding  *self);
char           *budget_finding_dup_ack_meta_key (BudgetFinding  *self);
gboolean        budget_finding_equal            (BudgetFinding  *a,
                                                 BudgetFinding  *b);

G_END_DECLS
