/* budget-new-dialog.c: asks for the budget year, department and unit of a new project
 *
 * The answers become the new document's metadata; they fill the title lines of every form
 * ("350科技和工信部门", "预算年度：2024") and can be changed later in the properties dialog.
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "budget-new-dialog.h"

struct _BudgetNewDialog
{
  GtkWindow  parent_instance;

  GtkWidget *year_spin;
  GtkWidget *code_entry;
  GtkWidget *name_entry;
  GtkWidget *unit_entry;
  GtkWidget *error_label;
};

G_DEFINE_FINAL_TYPE (BudgetNewDialog, budget_new_dialog, GTK_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
entry_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/**
 * budget_new_dialog_create:
 * @self: the dialog
 * @error: return location for the reason an answer is refused
 *
 * Creates the project from the dialog's answers, emits #BudgetNewDialog::created and closes the
 * dialog. The answers are the document's starting point, not edits: they are not on the undo stack.
 *
 * Returns: (transfer full) (nullable): the new document
 */
BudgetDocument *
budget_new_dialog_create (BudgetNewDialog  *self,
                          GError          **error)
{
  g_autoptr(BudgetDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *year = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year_spin)));
  g_autofree char *code = entry_text (self->code_entry);
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *unit = entry_text (self->unit_entry);

  if (name[0] == '\0')
    {
      g_set_error_literal (&local_error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Type the department’s name: every form’s title carries it"));
    }
  else if (budget_document_validate_meta ("year", year, &local_error))
    {
      /* A complete project: the standard paragraphs with this department and year, its 机构设置 row. */
      document = budget_document_new_for_department (atoi (year), code[0] != '\0' ? code : NULL, name);
      if (unit[0] != '\0' && !g_str_equal (unit, "万元"))
        budget_document_set_meta (document, "unit", unit, NULL);
      budget_undo_stack_clear (budget_document_get_undo_stack (document));
      g_signal_emit (self, signals[CREATED], 0, document);
      gtk_window_destroy (GTK_WINDOW (self));
      return g_steal_pointer (&document);
    }
  gtk_label_set_text (GTK_LABEL (self->error_label), local_error->message);
  gtk_widget_set_visible (self->error_label, TRUE);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_new_dialog_create_clicked (BudgetNewDialog *self)
{
  g_autoptr(BudgetDocument) document = budget_new_dialog_create (self, NULL);
}

G_MODULE_EXPORT void
budget_new_dialog_cancel_clicked (BudgetNewDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
budget_new_dialog_class_init (BudgetNewDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * BudgetNewDialog::created:
   * @dialog: the dialog
   * @document: the new document
   */
  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BUDGET_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-new-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetNewDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, BudgetNewDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetNewDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetNewDialog, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetNewDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, budget_new_dialog_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_new_dialog_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
budget_new_dialog_init (BudgetNewDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Budgets are prepared in the autumn for the coming year. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), g_date_time_get_year (now) + 1);
}

/**
 * budget_new_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer floating): a new modal dialog
 */
GtkWidget *
budget_new_dialog_new (GtkWindow *parent)
{
  return g_object_new (BUDGET_TYPE_NEW_DIALOG, "transient-for", parent, NULL);
}
