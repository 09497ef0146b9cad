/* budget-document.h: the budget disclosure being edited: its forms, metadata, undo stack and file */
#pragma once

#include <glib-object.h>

#include "model/budget-amount.h"
#include "model/budget-form.h"
#include "edit/budget-undo-stack.h"

G_BEGIN_DECLS

#define BUDGET_DOCUMENT_ERROR (budget_document_error_quark ())

typedef enum
{
  BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,   /* a derived or static cell */
  BUDGET_DOCUMENT_ERROR_INVALID_VALUE,  /* rejected by the amount parser (the message says why) */
  BUDGET_DOCUMENT_ERROR_INVALID_CODE,
  BUDGET_DOCUMENT_ERROR_EXISTS,
  BUDGET_DOCUMENT_ERROR_NOT_FOUND,
  BUDGET_DOCUMENT_ERROR_PASTE,
  BUDGET_DOCUMENT_ERROR_LOAD,           /* the file could not be loaded (message has the line) */
  BUDGET_DOCUMENT_ERROR_VERSION,        /* the file was written by a newer version */
  BUDGET_DOCUMENT_ERROR_SAVE,
} BudgetDocumentError;

/* One changed cell, as reported by BudgetDocument::cells-changed. */
typedef struct
{
  BudgetForm *form;
  guint       row;
  guint       col;
} BudgetCellRef;

#define BUDGET_TYPE_DOCUMENT (budget_document_get_type ())

G_DECLARE_FINAL_TYPE (BudgetDocument, budget_document, BUDGET, DOCUMENT, GObject)

GQuark           budget_document_error_quark       (void);

BudgetDocument  *budget_document_new               (void);
BudgetDocument  *budget_document_new_sample        (void);
BudgetDocument  *budget_document_new_for_department (int             year,
                                                    const char      *department_code,
                                                    const char      *department_name);
BudgetDocument  *budget_document_new_from_file     (const char      *path,
                                                    GError         **error);
BudgetDocument  *budget_document_new_from_bytes    (GBytes          *bytes,
                                                    const char      *name,
                                                    GError         **error);
gboolean         budget_document_save              (BudgetDocument  *self,
                                                    const char      *path,
                                                    GError         **error);
GBytes          *budget_document_serialize         (BudgetDocument  *self);

const char      *budget_document_get_path          (BudgetDocument  *self);
gboolean         budget_document_get_modified      (BudgetDocument  *self);
BudgetUndoStack *budget_document_get_undo_stack    (BudgetDocument  *self);

guint            budget_document_get_n_forms       (BudgetDocument  *self);
BudgetForm      *budget_document_get_form          (BudgetDocument  *self,
                                                    guint            index);
BudgetForm      *budget_document_lookup_form       (BudgetDocument  *self,
                                                    const char      *id);
int              budget_document_get_form_index    (BudgetDocument  *self,
                                                    BudgetForm      *form);

const char      *budget_document_get_meta          (BudgetDocument  *self,
                                                    const char      *key);
GStrv            budget_document_list_meta_keys    (BudgetDocument  *self);
int              budget_document_get_year          (BudgetDocument  *self);
char            *budget_document_expand            (BudgetDocument  *self,
                                                    const char      *text);

/* Edits: each one is a command on the undo stack. */
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

void             budget_document_recompute_all     (BudgetDocument  *self);
guint64          budget_document_get_recompute_count (BudgetDocument *self);

G_END_DECLS
