/* budget-document.h: the budget disclosure being edited: its forms, metadata, undo stack and file */
#pragma once

#include <glib-object.h>

#include "model/budget-amount.h"
#include "model/budget-form.h"
#include "model/budget-snapshot.h"

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
BudgetDocument  *budget_document_new_for_department (int             year,
                                                    const char      *department_code,
                                                    const char      *department_name);
const char      *budget_document_get_path          (BudgetDocument  *self);
gboolean         budget_document_get_modified      (BudgetDocument  *self);
void             budget_document_mark_recovered    (BudgetDocument  *self,
                                                    const char      *path);

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
BudgetUnit       budget_document_get_entry_unit    (BudgetDocument  *self);
gboolean         budget_document_validate_meta     (const char      *key,
                                                    const char      *value,
                                                    GError         **error);
char            *budget_document_expand            (BudgetDocument  *self,
                                                    const char      *text);

/* Changing the content. Edits go through commands (edit/budget-document-edit.h), which call these between
 * begin and end; the project reader fills a fresh document without them. */
typedef struct _BudgetChange BudgetChange;

void             budget_document_begin_change      (BudgetDocument  *self);
void             budget_document_end_change        (BudgetDocument  *self,
                                                    guint64          state,
                                                    GObject         *command,
                                                    gboolean         forward);
guint64          budget_document_new_state_id      (BudgetDocument  *self);
guint64          budget_document_get_state_id      (BudgetDocument  *self);
guint64          budget_document_get_change_serial (BudgetDocument  *self);
void             budget_document_store_value       (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *key,
                                                    guint            col,
                                                    gint64           value,
                                                    gboolean         own);
void             budget_document_store_text        (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *key,
                                                    guint            col,
                                                    const char      *text);
void             budget_document_store_row         (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const BudgetRowSnapshot *snapshot);
void             budget_document_remove_row        (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *key);
void             budget_document_store_meta        (BudgetDocument  *self,
                                                    const char      *key,
                                                    const char      *value);
void             budget_document_store_form_text   (BudgetDocument  *self,
                                                    BudgetForm      *form,
                                                    const char      *property,
                                                    const char      *value);
void             budget_document_store_form        (BudgetDocument  *self,
                                                    const BudgetFormSnapshot *snapshot,
                                                    guint            position);
void             budget_document_remove_form_at    (BudgetDocument  *self,
                                                    guint            position);
void             budget_document_relocate_form     (BudgetDocument  *self,
                                                    guint            from,
                                                    guint            to);
char            *budget_document_find_free_form_id (BudgetDocument  *self,
                                                    const char      *prefix);
int              budget_document_get_performance_position (BudgetDocument *self,
                                                    int              position);

void             budget_document_recompute_all     (BudgetDocument  *self);
guint64          budget_document_get_recompute_count (BudgetDocument *self);

G_END_DECLS
