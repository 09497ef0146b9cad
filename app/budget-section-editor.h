/* budget-section-editor.h: the editor of an explanatory text section (部门预算公开 说明) */
#pragma once

#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-text-field.h"

G_BEGIN_DECLS

#define BUDGET_TYPE_SECTION_EDITOR (budget_section_editor_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSectionEditor, budget_section_editor, BUDGET, SECTION_EDITOR, GtkWidget)

GtkWidget       *budget_section_editor_new       (BudgetForm          *form);
BudgetTextField *budget_section_editor_get_field (BudgetSectionEditor *self);
const char      *budget_section_editor_get_preview  (BudgetSectionEditor *self);
void             budget_section_editor_select_range (BudgetSectionEditor *self,
                                                     int                  start,
                                                     int                  end);

G_END_DECLS
