/* budget-form-def.h: one form's definition (title, header tree, columns, rows), loaded from data/forms */
#pragma once

#include <glib-object.h>

#include "model/budget-formula.h"

G_BEGIN_DECLS

#define BUDGET_FORM_DEF_ERROR (budget_form_def_error_quark ())

typedef enum
{
  BUDGET_FORM_DEF_ERROR_INVALID,
  BUDGET_FORM_DEF_ERROR_FORMULA,
} BudgetFormDefError;

typedef enum
{
  BUDGET_FORM_KIND_FIXED,
  BUDGET_FORM_KIND_CODED,
  BUDGET_FORM_KIND_LIST,
  BUDGET_FORM_KIND_PERFORMANCE,
  BUDGET_FORM_KIND_TEXT,
} BudgetFormKind;

typedef enum
{
  BUDGET_COLUMN_CODE,
  BUDGET_COLUMN_NAME,
  BUDGET_COLUMN_LABEL,
  BUDGET_COLUMN_AMOUNT,
  BUDGET_COLUMN_QUANTITY,
  BUDGET_COLUMN_TEXT,
} BudgetColumnType;

typedef enum
{
  BUDGET_META_STANDARD,
  BUDGET_META_PROCUREMENT,
  BUDGET_META_ASSETS,
  BUDGET_META_NONE,
} BudgetMetaStyle;

typedef enum
{
  BUDGET_CELL_DEF_BLANK,
  BUDGET_CELL_DEF_LABEL,
  BUDGET_CELL_DEF_ENTERED,
  BUDGET_CELL_DEF_FORMULA,
} BudgetCellDefKind;

typedef struct
{
  char             *id;
  BudgetColumnType  type;
  char             *title;
  guint             width;     /* relative print width */
  BudgetFormula    *formula;   /* NULL: entered (amount/quantity/text columns) */
  char             *choices;   /* "performance-level1", "performance-level2" or NULL */
} BudgetColumnDef;

typedef struct
{
  guint  row;
  guint  col;        /* grid column: 序号 is 0 when the form has a serial column */
  guint  row_span;
  guint  col_span;
  char  *text;
} BudgetHeaderCell;

typedef struct
{
  BudgetCellDefKind  kind;
  char              *text;     /* label text */
  BudgetFormula     *formula;
} BudgetCellDef;

typedef struct
{
  char          *id;
  guint          indent;
  BudgetCellDef *cells;        /* one per column */
} BudgetRowDef;

#define BUDGET_TYPE_FORM_DEF (budget_form_def_get_type ())

G_DECLARE_FINAL_TYPE (BudgetFormDef, budget_form_def, BUDGET, FORM_DEF, GObject)

GQuark                  budget_form_def_error_quark      (void);
BudgetFormDef          *budget_form_def_new_from_bytes   (GBytes         *bytes,
                                                          const char     *name,
                                                          GError        **error);
GPtrArray              *budget_form_defs_get_all         (void);
BudgetFormDef          *budget_form_defs_lookup          (const char     *id);

const char             *budget_form_def_get_id           (BudgetFormDef  *self);
BudgetFormKind          budget_form_def_get_kind         (BudgetFormDef  *self);
const char             *budget_form_def_get_title        (BudgetFormDef  *self);
const char             *budget_form_def_get_short_title  (BudgetFormDef  *self);
const char             *budget_form_def_get_subtitle     (BudgetFormDef  *self);
const char             *budget_form_def_get_default_text (BudgetFormDef  *self);
const char             *budget_form_def_get_group        (BudgetFormDef  *self);
gboolean                budget_form_def_is_published     (BudgetFormDef  *self);
gboolean                budget_form_def_has_serial       (BudgetFormDef  *self);
gboolean                budget_form_def_is_landscape     (BudgetFormDef  *self);
BudgetMetaStyle         budget_form_def_get_meta_style   (BudgetFormDef  *self);

guint                   budget_form_def_get_n_header_rows (BudgetFormDef *self);
guint                   budget_form_def_get_n_header_cells (BudgetFormDef *self);
const BudgetHeaderCell *budget_form_def_get_header_cell  (BudgetFormDef  *self,
                                                          guint           index);
gboolean                budget_form_def_has_column_numbers (BudgetFormDef *self);

guint                   budget_form_def_get_n_columns    (BudgetFormDef  *self);
const BudgetColumnDef  *budget_form_def_get_column       (BudgetFormDef  *self,
                                                          guint           index);
int                     budget_form_def_find_column      (BudgetFormDef  *self,
                                                          const char     *id);

const char             *budget_form_def_get_catalog      (BudgetFormDef  *self);
const char             *budget_form_def_get_total_label  (BudgetFormDef  *self);
gboolean                budget_form_def_has_own_rows     (BudgetFormDef  *self);
const char * const     *budget_form_def_get_sources      (BudgetFormDef  *self);
guint                   budget_form_def_get_min_rows     (BudgetFormDef  *self);

guint                   budget_form_def_get_n_fixed_rows (BudgetFormDef  *self);
const BudgetRowDef     *budget_form_def_get_fixed_row    (BudgetFormDef  *self,
                                                          guint           index);
int                     budget_form_def_find_fixed_row   (BudgetFormDef  *self,
                                                          const char     *id);

const char             *budget_form_def_get_empty_note   (BudgetFormDef  *self);
const char * const     *budget_form_def_get_notes        (BudgetFormDef  *self);
const char             *budget_form_def_get_goal_label   (BudgetFormDef  *self);
const char             *budget_form_def_get_part_title   (BudgetFormDef  *self);

G_END_DECLS
