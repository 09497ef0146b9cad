/* budget-grid.h: a drawn, virtualized table of one form with a single overlay cell editor */
#pragma once

#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "budget-core.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_GRID (budget_grid_get_type ())

G_DECLARE_FINAL_TYPE (BudgetGrid, budget_grid, BUDGET, GRID, GtkWidget)

GtkWidget   *budget_grid_new                  (void);
BudgetForm  *budget_grid_get_form             (BudgetGrid    *self);
void         budget_grid_set_form             (BudgetGrid    *self,
                                               BudgetForm    *form);
void         budget_grid_set_extra_menu       (BudgetGrid    *self,
                                               GMenuModel    *model);
void         budget_grid_set_checker          (BudgetGrid    *self,
                                               BudgetChecker *checker);
gboolean     budget_grid_get_cell_mark        (BudgetGrid    *self,
                                               guint          row,
                                               int            col,
                                               BudgetSeverity *severity,
                                               gboolean      *rounding);

void         budget_grid_get_cursor           (BudgetGrid    *self,
                                               guint         *row,
                                               guint         *col);
void         budget_grid_set_cursor           (BudgetGrid    *self,
                                               guint          row,
                                               guint          col);
void         budget_grid_get_selection        (BudgetGrid    *self,
                                               guint         *first_row,
                                               guint         *first_col,
                                               guint         *last_row,
                                               guint         *last_col);
void         budget_grid_select               (BudgetGrid    *self,
                                               guint          first_row,
                                               guint          first_col,
                                               guint          last_row,
                                               guint          last_col);
void         budget_grid_focus_cell           (BudgetGrid    *self,
                                               guint          row,
                                               guint          col);

gboolean     budget_grid_start_editing        (BudgetGrid    *self,
                                               const char    *text);
gboolean     budget_grid_is_editing           (BudgetGrid    *self);
GtkEditable *budget_grid_get_editor           (BudgetGrid    *self);
gboolean     budget_grid_commit_edit          (BudgetGrid    *self,
                                               GError       **error);
void         budget_grid_cancel_edit          (BudgetGrid    *self);
gboolean     budget_grid_move                 (BudgetGrid    *self,
                                               int            drow,
                                               int            dcol,
                                               gboolean       extend);

char        *budget_grid_dup_selection_text   (BudgetGrid    *self);
gboolean     budget_grid_paste_text           (BudgetGrid    *self,
                                               const char    *tsv,
                                               GError       **error);
gboolean     budget_grid_clear_selection      (BudgetGrid    *self,
                                               GError       **error);

void         budget_grid_show_message         (BudgetGrid    *self,
                                               guint          row,
                                               guint          col,
                                               const char    *message);
void         budget_grid_hide_message         (BudgetGrid    *self);
const char  *budget_grid_get_message          (BudgetGrid    *self);

char        *budget_grid_dup_cell_name        (BudgetGrid    *self,
                                               guint          row,
                                               guint          col);
char        *budget_grid_dup_cell_tooltip     (BudgetGrid    *self,
                                               guint          row,
                                               guint          col);
gboolean     budget_grid_get_cell_area        (BudgetGrid    *self,
                                               guint          row,
                                               guint          col,
                                               graphene_rect_t *area);
guint        budget_grid_get_n_visible_rows   (BudgetGrid    *self);
guint        budget_grid_get_first_visible_row (BudgetGrid   *self);
const char * const *budget_grid_get_choices   (BudgetGrid    *self);
guint64      budget_grid_get_redraw_count     (BudgetGrid    *self);
BudgetTableLayout *budget_grid_get_table_layout (BudgetGrid  *self);

gboolean        budget_grid_cell_is_finer_than_shown (BudgetGrid *self,
                                                      guint       row,
                                                      guint       col);

G_END_DECLS
