/* budget-document-private.h: what the core's own files share about documents and forms: the row type,
 * the functions the project reader fills a document with, and the form functions the document uses.
 * The form's own data is private to budget-form.c. */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

typedef struct _BudgetRow BudgetRow;

struct _BudgetRow
{
  char           *key;         /* code, fixed row id, list row id ("n3"), or "total" */
  char           *name;        /* coded rows: the name shown (catalog or custom) */
  BudgetRowKind   kind;
  guint           level;       /* coded: 0 total, 1 类, 2 款, 3 项 */
  guint           index;       /* position in the form's rows */
  guint           own : 1;     /* coded: added by the officer (saved in the file) */
  guint           custom_name : 1;
  BudgetRow      *parent;
  GPtrArray      *children;    /* coded parents and total */
  gint64         *values;      /* one per column */
  char          **texts;       /* one per column, or NULL when the form has no text columns */
  guint           n_texts;
};


BudgetForm *budget_form_new               (BudgetDocument  *document,
                                           BudgetFormDef   *def,
                                           const char      *id);
BudgetRow  *budget_form_lookup_row        (BudgetForm      *form,
                                           const char      *key);
BudgetRow  *budget_form_row_at            (BudgetForm      *form,
                                           guint            index);
BudgetRow  *budget_row_new                (BudgetForm      *form,
                                           const char      *key,
                                           BudgetRowKind    kind);
void        budget_row_free               (BudgetRow       *row);
void        budget_form_append_row        (BudgetForm      *form,
                                           BudgetRow       *row);
void        budget_form_insert_row        (BudgetForm      *form,
                                           BudgetRow       *row,
                                           guint            position);
void        budget_form_remove_row        (BudgetForm      *form,
                                           guint            position);
void        budget_form_reindex           (BudgetForm      *form);
char       *budget_form_next_list_key     (BudgetForm      *form);
void        budget_form_rebuild_code_rows (BudgetForm      *form,
                                           GHashTable      *leaves);
void        budget_form_set_engine        (BudgetForm      *form,
                                           gpointer         engine,
                                           GDestroyNotify   engine_free);
gpointer    budget_form_get_engine        (BudgetForm      *form);
void        budget_form_detach            (BudgetForm      *form);
void        budget_form_set_text_property (BudgetForm      *form,
                                           const char      *property,
                                           const char      *value);

/* Loading: the project reader fills a fresh document directly (no commands), then calls finish. */
void        budget_document_set_meta_internal   (BudgetDocument *self,
                                                 const char     *key,
                                                 const char     *value);
BudgetRow  *budget_document_add_code_row_internal (BudgetDocument *self,
                                                 BudgetForm     *form,
                                                 const char     *code,
                                                 const char     *name);
BudgetForm *budget_document_add_form_internal   (BudgetDocument *self,
                                                 const char     *def_id,
                                                 const char     *id,
                                                 int             position);
void        budget_document_finish_load         (BudgetDocument *self,
                                                 const char     *path);
void        budget_document_mark_saved          (BudgetDocument *self,
                                                 const char     *path);
GHashTable *budget_document_get_meta_table      (BudgetDocument *self);

G_END_DECLS
