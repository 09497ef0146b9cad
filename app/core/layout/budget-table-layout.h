/* budget-table-layout.h: what a form's table looks like above its rows (caption lines, the official
 * header with merged cells, the 栏次 row) and what its columns are, shared by the grid and the renderer */
#pragma once

#include <glib-object.h>

#include "model/budget-form.h"

G_BEGIN_DECLS

/* The three places of the line between a form's title and its table. */
typedef enum
{
  BUDGET_CAPTION_START,   /* the department (350科技和工信部门) */
  BUDGET_CAPTION_CENTER,  /* 预算年度：2023 */
  BUDGET_CAPTION_END,     /* 单位：万元, or 截止时间：2022-12-31 */
} BudgetCaptionPart;

#define BUDGET_N_CAPTION_PARTS 3

typedef enum
{
  BUDGET_LAYOUT_HEADING,  /* a heading of the form definition (本年收入, 小计 …) */
  BUDGET_LAYOUT_NUMBER,   /* a cell of the 栏次 row */
} BudgetLayoutCellKind;

/* One cell of the header, in table columns (the 序号 column, when there is one, is column 0). */
typedef struct
{
  BudgetLayoutCellKind  kind;
  guint                 row;
  guint                 col;
  guint                 row_span;  /* at least 1; never past the heading rows */
  guint                 col_span;  /* at least 1; never past the last column */
  char                 *text;      /* placeholders such as {year} filled in */
} BudgetLayoutCell;

#define BUDGET_TYPE_TABLE_LAYOUT (budget_table_layout_get_type ())

G_DECLARE_FINAL_TYPE (BudgetTableLayout, budget_table_layout, BUDGET, TABLE_LAYOUT, GObject)

BudgetTableLayout      *budget_table_layout_new                (BudgetForm        *form);
BudgetTableLayout      *budget_table_layout_new_for_editor     (BudgetForm        *form);

BudgetForm             *budget_table_layout_get_form           (BudgetTableLayout *self);
const char             *budget_table_layout_get_title          (BudgetTableLayout *self);
const char             *budget_table_layout_get_subtitle       (BudgetTableLayout *self);
const char             *budget_table_layout_get_caption        (BudgetTableLayout *self,
                                                                BudgetCaptionPart  part);
gboolean                budget_table_layout_has_caption        (BudgetTableLayout *self);

guint                   budget_table_layout_get_n_columns      (BudgetTableLayout *self);
gboolean                budget_table_layout_has_serial         (BudgetTableLayout *self);
int                     budget_table_layout_get_form_column    (BudgetTableLayout *self,
                                                                guint              col);
guint                   budget_table_layout_get_column         (BudgetTableLayout *self,
                                                                guint              form_col);
BudgetColumnType        budget_table_layout_get_column_type    (BudgetTableLayout *self,
                                                                guint              col);
guint                   budget_table_layout_get_column_width   (BudgetTableLayout *self,
                                                                guint              col);
gboolean                budget_table_layout_column_wraps       (BudgetTableLayout *self,
                                                                guint              col);
guint                   budget_table_layout_get_n_key_columns  (BudgetTableLayout *self);

guint                   budget_table_layout_get_n_heading_rows (BudgetTableLayout *self);
guint                   budget_table_layout_get_n_header_rows  (BudgetTableLayout *self);
guint                   budget_table_layout_get_n_cells        (BudgetTableLayout *self);
const BudgetLayoutCell *budget_table_layout_get_cell           (BudgetTableLayout *self,
                                                                guint              index);
gboolean                budget_table_layout_straddles          (BudgetTableLayout *self,
                                                                guint              col);

G_END_DECLS
