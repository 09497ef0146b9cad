/* budget-command.h: one undoable change to a document. Each command type does and undoes itself, in the
 * way of gnumeric's GnmCommand; the undo stack only calls them. */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_COMMAND (budget_command_get_type ())

G_DECLARE_DERIVABLE_TYPE (BudgetCommand, budget_command, BUDGET, COMMAND, GObject)

struct _BudgetCommandClass
{
  GObjectClass parent_class;

  /* Changes @document forwards (do, redo) or backwards (undo), between begin and end of a change. */
  void   (*apply)    (BudgetCommand  *self,
                      BudgetDocument *document,
                      gboolean        forward);
  /* Roughly the memory the command holds, for the history's size bound. */
  gsize  (*get_size) (BudgetCommand  *self);
  /* Whether the command changes anything at all (an empty command is not recorded). */
  gboolean (*is_empty) (BudgetCommand *self);
};

const char     *budget_command_get_label        (BudgetCommand  *self);
void            budget_command_set_label        (BudgetCommand  *self,
                                                 const char     *label);
gsize           budget_command_get_size         (BudgetCommand  *self);
gboolean        budget_command_is_empty         (BudgetCommand  *self);
void            budget_command_apply            (BudgetCommand  *self,
                                                 BudgetDocument *document,
                                                 gboolean        forward);
guint64         budget_command_get_state_before (BudgetCommand  *self);
guint64         budget_command_get_state_after  (BudgetCommand  *self);
void            budget_command_set_states       (BudgetCommand  *self,
                                                 guint64         before,
                                                 guint64         after);

/* The cell an editor brings into view after undo or redo. */
const char     *budget_command_get_focus_form   (BudgetCommand  *self);
const char     *budget_command_get_focus_row    (BudgetCommand  *self);
int             budget_command_get_focus_col    (BudgetCommand  *self);
void            budget_command_set_focus        (BudgetCommand  *self,
                                                 const char     *form_id,
                                                 const char     *row_key,
                                                 int             col);

G_END_DECLS
