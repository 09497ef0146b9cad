/* budget-undo-stack.h: a history of commands bounded by count and size; the clean state follows the save point */
#pragma once

#include <glib-object.h>

#include "edit/budget-command.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_UNDO_STACK (budget_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (BudgetUndoStack, budget_undo_stack, BUDGET, UNDO_STACK, GObject)

BudgetUndoStack *budget_undo_stack_new            (BudgetDocument      *document);
gboolean         budget_undo_stack_execute        (BudgetUndoStack     *self,
                                                   BudgetCommand       *command);
void             budget_undo_stack_push           (BudgetUndoStack     *self,
                                                   BudgetCommand       *command);
gboolean         budget_undo_stack_undo           (BudgetUndoStack     *self);
gboolean         budget_undo_stack_redo           (BudgetUndoStack     *self);
gboolean         budget_undo_stack_can_undo       (BudgetUndoStack     *self);
gboolean         budget_undo_stack_can_redo       (BudgetUndoStack     *self);
const char      *budget_undo_stack_get_undo_label (BudgetUndoStack     *self);
const char      *budget_undo_stack_get_redo_label (BudgetUndoStack     *self);
BudgetCommand   *budget_undo_stack_peek_undo      (BudgetUndoStack     *self);
BudgetCommand   *budget_undo_stack_peek_redo      (BudgetUndoStack     *self);
guint            budget_undo_stack_get_limit      (BudgetUndoStack     *self);
gsize            budget_undo_stack_get_max_size   (BudgetUndoStack     *self);
void             budget_undo_stack_set_max_size   (BudgetUndoStack     *self,
                                                   gsize                max_size);
gsize            budget_undo_stack_get_size       (BudgetUndoStack     *self);
void             budget_undo_stack_set_limit      (BudgetUndoStack     *self,
                                                   guint                limit);
guint            budget_undo_stack_get_n_undo     (BudgetUndoStack     *self);
guint            budget_undo_stack_get_n_redo     (BudgetUndoStack     *self);
void             budget_undo_stack_clear          (BudgetUndoStack     *self);

G_END_DECLS
