/* budget-snapshot.h: the content of a row or a performance table, kept by commands so that undo restores
 * it exactly */
#pragma once

#include "model/budget-form.h"

G_BEGIN_DECLS

typedef struct
{
  char    *key;
  char    *name;       /* custom name of a code row, or NULL */
  guint    position;   /* index among the form's rows (list forms) */
  guint    n_columns;
  gint64  *values;     /* entered columns only; derived ones are 0 */
  char   **texts;      /* n_columns entries, or NULL when the form has no text columns */
} BudgetRowSnapshot;

typedef struct
{
  char      *id;
  char      *def_id;
  char      *name;
  char      *goal;
  GPtrArray *rows;     /* BudgetRowSnapshot */
} BudgetFormSnapshot;

BudgetRowSnapshot  *budget_row_snapshot_new_empty (const char         *key,
                                                   guint               n_columns,
                                                   gboolean            with_texts);
BudgetRowSnapshot  *budget_row_snapshot_new       (BudgetForm         *form,
                                                   guint               row);
void                budget_row_snapshot_free      (BudgetRowSnapshot  *snapshot);
gsize               budget_row_snapshot_get_size  (const BudgetRowSnapshot *snapshot);

BudgetFormSnapshot *budget_form_snapshot_new      (BudgetForm         *form);
void                budget_form_snapshot_free     (BudgetFormSnapshot *snapshot);
gsize               budget_form_snapshot_get_size (const BudgetFormSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudgetRowSnapshot, budget_row_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudgetFormSnapshot, budget_form_snapshot_free)

G_END_DECLS
