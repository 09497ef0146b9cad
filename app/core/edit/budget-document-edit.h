/* budget-document-edit.h: the edits an officer makes to a document. Each one validates its input, builds a
 * command (edit/budget-*-command.h) and runs it through the document's undo stack. */
#pragma once

#include "model/budget-document.h"
#include "edit/budget-undo-stack.h"

G_BEGIN_DECLS

BudgetUndoStack *budget_document_get_undo_stack    (BudgetDocument  *self);
gboolean         budget_document_execute           (BudgetDocument  *self,
                                                    BudgetCommand   *command);

gboolean         budget_document_set_cell          (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    guint            row,
                                                    guint            col,
                                                    const char      *text,
                                                    GError         **error);
gboolean         budget_document_paste             (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    guint            row,
                                                    guint            col,
                                                    const char      *tsv,
                                                    GError         **error);
gboolean         budget_document_insert_code_row   (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *code,
                                                    const char      *name,
                                                    GError         **error);
gboolean         budget_document_insert_list_row   (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    guint            position,
                                                    GError         **error);
gboolean         budget_document_delete_rows       (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    guint            first,
                                                    guint            n_rows,
                                                    GError         **error);
gboolean         budget_document_set_meta          (BudgetDocument  *self,
                                                    const char      *key,
                                                    const char      *value,
                                                    GError         **error);
gboolean         budget_document_set_form_text     (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *property,
                                                    const char      *value,
                                                    GError         **error);
BudgetForm      *budget_document_add_performance_form (BudgetDocument *self,
                                                    const char      *name,
                                                    int              position,
                                                    GError         **error);
gboolean         budget_document_remove_form       (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    GError         **error);
gboolean         budget_document_move_form         (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    int              offset,
                                                    GError         **error);

G_END_DECLS
