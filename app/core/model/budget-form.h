/* budget-form.h: one form of a document: its rows and cells, as the model computed them */
#pragma once

#include <glib-object.h>

#include "model/budget-amount.h"
#include "model/budget-form-def.h"

G_BEGIN_DECLS

typedef enum
{
  BUDGET_ROW_TOTAL,    /* the 合计 row of a coded form */
  BUDGET_ROW_PARENT,   /* a generated 类 or 款 row */
  BUDGET_ROW_LEAF,     /* a code row with entered or derived values */
  BUDGET_ROW_FIXED,    /* a row of a fixed-layout form */
  BUDGET_ROW_LIST,     /* a row the officer added to a list or performance form */
} BudgetRowKind;

typedef enum
{
  BUDGET_CELL_BLANK,   /* nothing: printed empty, not editable */
  BUDGET_CELL_LABEL,   /* static text: a code, a name, a fixed label */
  BUDGET_CELL_ENTERED, /* typed by the officer */
  BUDGET_CELL_DERIVED, /* computed by the model */
} BudgetCellKind;

#define BUDGET_TYPE_FORM (budget_form_get_type ())

G_DECLARE_DERIVABLE_TYPE (BudgetForm, budget_form, BUDGET, FORM, GObject)

/* A form of a document. Tables (fixed, coded and list layouts, from the definition) are BudgetForms; a
 * text section is a BudgetTextSection, a 项目绩效目标表 a BudgetPerformanceTable. */
struct _BudgetFormClass
{
  GObjectClass parent_class;

  const char *(*get_text_property) (BudgetForm *self,
                                    const char *property);
  void        (*set_text_property) (BudgetForm *self,
                                    const char *property,
                                    const char *value);
};

BudgetFormDef  *budget_form_get_def          (BudgetForm  *self);
struct _BudgetDocument *budget_form_get_document (BudgetForm *self);
const char     *budget_form_get_id           (BudgetForm  *self);
BudgetFormKind  budget_form_get_kind         (BudgetForm  *self);
char           *budget_form_dup_title        (BudgetForm  *self);
const char     *budget_form_get_short_title  (BudgetForm  *self);
const char     *budget_form_get_name         (BudgetForm  *self);
const char     *budget_form_get_goal         (BudgetForm  *self);
const char     *budget_form_get_text         (BudgetForm  *self);
guint           budget_form_get_number       (BudgetForm  *self);

guint           budget_form_get_n_rows       (BudgetForm  *self);
guint           budget_form_get_n_columns    (BudgetForm  *self);
int             budget_form_find_row         (BudgetForm  *self,
                                              const char  *key);
const char     *budget_form_get_row_key      (BudgetForm  *self,
                                              guint        row);
BudgetRowKind   budget_form_get_row_kind     (BudgetForm  *self,
                                              guint        row);
guint           budget_form_get_row_level    (BudgetForm  *self,
                                              guint        row);
guint           budget_form_get_row_n_children (BudgetForm *self,
                                              guint        row);
int             budget_form_get_row_parent   (BudgetForm  *self,
                                              guint        row);
guint           budget_form_get_row_child    (BudgetForm  *self,
                                              guint        row,
                                              guint        i);
const char     *budget_form_get_row_code     (BudgetForm  *self,
                                              guint        row);
const char     *budget_form_get_row_name     (BudgetForm  *self,
                                              guint        row);
gboolean        budget_form_row_is_own       (BudgetForm  *self,
                                              guint        row);
gboolean        budget_form_row_in_catalog   (BudgetForm  *self,
                                              guint        row);
gboolean        budget_form_row_has_custom_name (BudgetForm *self,
                                              guint        row);
gboolean        budget_form_column_is_entered (BudgetForm *self,
                                              guint        col);
gboolean        budget_form_has_text_columns (BudgetForm  *self);
char           *budget_form_dup_free_list_key (BudgetForm *self);
char           *budget_form_dup_row_label    (BudgetForm  *self,
                                              guint        row);

BudgetCellKind  budget_form_get_cell_kind    (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
BudgetFormula  *budget_form_get_cell_formula (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
gint64          budget_form_get_value        (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
const char     *budget_form_get_cell_text    (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
char           *budget_form_dup_display      (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
char           *budget_form_dup_entry_display (BudgetForm *self,
                                              guint        row,
                                              guint        col);
char           *budget_form_dup_display_in   (BudgetForm  *self,
                                              guint        row,
                                              guint        col,
                                              BudgetUnit   unit);
char           *budget_form_dup_edit_text    (BudgetForm  *self,
                                              guint        row,
                                              guint        col);
gint64          budget_form_lookup_value     (BudgetForm  *self,
                                              const char  *key,
                                              const char  *column);
gboolean        budget_form_is_empty         (BudgetForm  *self);
struct _BudgetCatalog *budget_form_get_catalog (BudgetForm *self);

G_END_DECLS

/* The form types, so that every user of forms can tell them apart. */
#include "model/budget-performance-table.h"
#include "model/budget-text-section.h"
