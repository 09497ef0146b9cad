/* budget-rule.h: the consistency rules (审核公式) of forms-and-rules.md §4, as a read-only catalogue */
#pragma once

#include <glib.h>

#include "checks/budget-finding.h"

G_BEGIN_DECLS

/**
 * BudgetRuleInfo:
 * @id: the rule id of the reference (`T1-01`, `X-10`, `TX-07` …)
 * @severity: the severity of a violation (a rounding-level difference is a warning whatever this says)
 * @title: the untranslated one-line description; use budget_rule_info_get_title() to show it
 * @by_construction: whether the rule holds by construction in this model (the model derives the
 *   figure the rule checks); such rules are still evaluated, as a guard
 */
typedef struct
{
  const char     *id;
  BudgetSeverity  severity;
  const char     *title;
  gboolean        by_construction;
} BudgetRuleInfo;

guint                 budget_rules_get_n_rules   (void);
const BudgetRuleInfo *budget_rules_get_rule      (guint                 index);
const BudgetRuleInfo *budget_rules_lookup        (const char           *id);
const char           *budget_rule_info_get_title (const BudgetRuleInfo *info);

G_END_DECLS
