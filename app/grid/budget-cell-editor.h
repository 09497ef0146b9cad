/* budget-cell-editor.h: the one text field the grid moves over the cell being edited, with the list of
 * allowed values of a choice cell */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BUDGET_TYPE_CELL_EDITOR (budget_cell_editor_get_type ())

G_DECLARE_FINAL_TYPE (BudgetCellEditor, budget_cell_editor, BUDGET, CELL_EDITOR, GtkWidget)

GtkWidget          *budget_cell_editor_new                 (void);
void                budget_cell_editor_begin               (BudgetCellEditor   *self,
                                                            const char         *text,
                                                            gboolean            numeric);
void                budget_cell_editor_end                 (BudgetCellEditor   *self);
gboolean            budget_cell_editor_has_focus           (BudgetCellEditor   *self);
gboolean            budget_cell_editor_is_root_focus       (BudgetCellEditor   *self);
gboolean            budget_cell_editor_is_composing        (BudgetCellEditor   *self);
void                budget_cell_editor_select_all          (BudgetCellEditor   *self);
void                budget_cell_editor_append              (BudgetCellEditor   *self,
                                                            const char         *text);
void                budget_cell_editor_set_cell_name       (BudgetCellEditor   *self,
                                                            const char         *name);
void                budget_cell_editor_set_cell_area       (BudgetCellEditor   *self,
                                                            const GdkRectangle *area);

void                budget_cell_editor_show_choices        (BudgetCellEditor   *self,
                                                            char              **choices,
                                                            gboolean            filter);
const char * const *budget_cell_editor_get_choices         (BudgetCellEditor   *self);
gboolean            budget_cell_editor_get_choices_visible (BudgetCellEditor   *self);
void                budget_cell_editor_hide_choices        (BudgetCellEditor   *self);
void                budget_cell_editor_move_choice         (BudgetCellEditor   *self,
                                                            int                 step);
const char         *budget_cell_editor_get_selected_choice (BudgetCellEditor   *self);

G_END_DECLS
