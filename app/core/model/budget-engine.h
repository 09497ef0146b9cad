/* budget-engine.h: the recomputation engine the document runs at the end of every change (model-internal:
 * a document without it would hand out stale totals) */
#pragma once

#include "model/budget-document-private.h"

G_BEGIN_DECLS

typedef struct _BudgetEngine BudgetEngine;

BudgetEngine *budget_engine_new                  (GPtrArray    *forms,
                                                  GHashTable   *form_by_id);
void          budget_engine_free                 (BudgetEngine *self);
void          budget_engine_resolve              (BudgetEngine *self);
void          budget_engine_add_performance_form (BudgetEngine *self,
                                                  BudgetForm   *form);
void          budget_engine_recompute_all        (BudgetEngine *self,
                                                  GArray       *changes);
void          budget_engine_recompute_from       (BudgetEngine *self,
                                                  GArray       *entered,
                                                  GArray       *changes);
guint64       budget_engine_get_recompute_count  (BudgetEngine *self);

G_END_DECLS
