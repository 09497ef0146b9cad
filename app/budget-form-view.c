/* budget-form-view.c: what the window asks of every form editor (tables, performance tables, text)
 *
 * The window keeps one editor per form. Before it saves, prints, undoes or closes, it asks the editors to
 * commit what the officer is typing (a cell being edited, a text burst not yet pushed as a command), and
 * after undo and redo it asks the editor of the changed form to show the changed place.
 */

#include "config.h"

#include "budget-form-view.h"

G_DEFINE_INTERFACE (BudgetFormView, budget_form_view, GTK_TYPE_WIDGET)

static void
budget_form_view_default_init (BudgetFormViewInterface *iface)
{
}

/**
 * budget_form_view_get_form:
 * @self: a form editor
 *
 * Returns: (transfer none): the form it edits
 */
BudgetForm *
budget_form_view_get_form (BudgetFormView *self)
{
  g_return_val_if_fail (BUDGET_IS_FORM_VIEW (self), NULL);

  return BUDGET_FORM_VIEW_GET_IFACE (self)->get_form (self);
}

/**
 * budget_form_view_commit_pending:
 * @self: a form editor
 * @error: return location for the model's reason to reject the pending input
 *
 * Pushes what is being typed as a command. A rejected input stays in the editor, which shows the
 * message next to it.
 *
 * Returns: whether nothing is pending any more
 */
gboolean
budget_form_view_commit_pending (BudgetFormView  *self,
                                 GError         **error)
{
  g_return_val_if_fail (BUDGET_IS_FORM_VIEW (self), FALSE);

  if (BUDGET_FORM_VIEW_GET_IFACE (self)->commit_pending == NULL)
    return TRUE;
  return BUDGET_FORM_VIEW_GET_IFACE (self)->commit_pending (self, error);
}

/**
 * budget_form_view_cancel_pending:
 * @self: a form editor
 *
 * Drops an edit in progress (a cell being typed), so that undo acts on the document, not on it.
 */
void
budget_form_view_cancel_pending (BudgetFormView *self)
{
  g_return_if_fail (BUDGET_IS_FORM_VIEW (self));

  if (BUDGET_FORM_VIEW_GET_IFACE (self)->cancel_pending != NULL)
    BUDGET_FORM_VIEW_GET_IFACE (self)->cancel_pending (self);
}

/**
 * budget_form_view_focus_location:
 * @self: a form editor
 * @row_key: (nullable): a row key, or a text property ("name", "goal", "text")
 * @col: a column index, or -1
 *
 * Brings the place an undone or redone command changed into view and focuses it.
 */
void
budget_form_view_focus_location (BudgetFormView *self,
                                 const char     *row_key,
                                 int             col)
{
  g_return_if_fail (BUDGET_IS_FORM_VIEW (self));

  BUDGET_FORM_VIEW_GET_IFACE (self)->focus_location (self, row_key, col);
}
