/* budget-formula.h: the small formula language of form definitions.
 *
 *   formula := term { ("+" | "-") term }
 *   term    := [FORM] [ "[" KEY [ ":" KEY ] "]" ] [ "." COL ]  |  COL
 *
 * See doc/form-definitions.md. A formula is parsed once when its form definition loads; the document
 * resolves the names into form, row and column indices.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  int   sign;      /* +1 or -1 */
  char *form;      /* another form's id, or NULL for the formula's own form */
  char *key;       /* a row key, or NULL for "the same row" (or the same code in another form) */
  char *key_end;   /* last key of a range [key:key_end], or NULL */
  char *column;    /* a column id, or NULL for "the cell's own column" */
} BudgetFormulaTerm;

typedef struct _BudgetFormula BudgetFormula;

#define BUDGET_TYPE_FORMULA (budget_formula_get_type ())

GType                    budget_formula_get_type   (void) G_GNUC_CONST;
BudgetFormula           *budget_formula_parse      (const char     *text,
                                                    GError        **error);
BudgetFormula           *budget_formula_ref        (BudgetFormula  *formula);
void                     budget_formula_unref      (BudgetFormula  *formula);
const char              *budget_formula_get_text   (BudgetFormula  *formula);
guint                    budget_formula_get_n_terms (BudgetFormula *formula);
const BudgetFormulaTerm *budget_formula_get_term   (BudgetFormula  *formula,
                                                    guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudgetFormula, budget_formula_unref)

G_END_DECLS
