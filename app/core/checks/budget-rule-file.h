/* budget-rule-file.h: consistency rules written as data (data/rules/, and a finance bureau's own
 * 审核公式 in the user's data folder); doc/rules.md describes the format */
#pragma once

#include "checks/budget-rule-private.h"

G_BEGIN_DECLS

#define BUDGET_RULE_FILE_ERROR (budget_rule_file_error_quark ())

typedef enum
{
  BUDGET_RULE_FILE_ERROR_INVALID,
} BudgetRuleFileError;

GQuark         budget_rule_file_error_quark        (void);

gboolean       budget_rule_file_parse              (GBytes         *bytes,
                                                    const char     *name,
                                                    GPtrArray      *rules,
                                                    GError        **error);
void           budget_data_rule_free               (BudgetRuleDef  *rule);
const char    *budget_data_rule_get_source         (const BudgetRuleDef *rule);

G_END_DECLS
