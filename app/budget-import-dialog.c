/* budget-import-dialog.c: the preview of a workbook import
 *
 * The workbook is read and checked before the dialog opens: per form, the rows matched and skipped and
 * why, the unit, and every figure of the workbook that disagrees with what its items give. Nothing
 * changes until the officer chooses Import; then the whole import is one undoable step, into the open
 * project or a new one in its own window. A difference row brings its table into view.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-import-dialog.h"
#include "budget-import-command.h"

struct _BudgetImportDialog
{
  GtkWindow         parent_instance;

  BudgetWindow     *window;
  char             *path;
  BudgetXlsxImport *import;

  GtkWidget        *summary_label;
  GtkWidget        *into_open_check;
  GtkWidget        *into_new_check;
  GtkWidget        *report_list;
  GtkWidget        *import_button;
};

G_DEFINE_FINAL_TYPE (BudgetImportDialog, budget_import_dialog, GTK_TYPE_WINDOW)

static void
add_line (BudgetImportDialog *self,
          const char         *text,
          const char         *form_id,
          gboolean            heading,
          gboolean            error)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_start (label, heading ? 6 : 24);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, heading ? 6 : 2);
  gtk_widget_set_margin_bottom (label, 2);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (error)
    gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), form_id != NULL);
  g_object_set_data_full (G_OBJECT (row), "budget-form-id", g_strdup (form_id), g_free);
  gtk_list_box_append (GTK_LIST_BOX (self->report_list), row);
}

static void
fill_report (BudgetImportDialog *self)
{
  GPtrArray *forms = budget_xlsx_import_get_forms (self->import);
  GPtrArray *findings = budget_xlsx_import_get_findings (self->import);
  guint n_imported = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < forms->len; i++)
    {
      BudgetXlsxFormReport *report = g_ptr_array_index (forms, i);
      g_autofree char *line = g_strdup_printf (_("%s — sheet “%s”, %s: %u rows matched, %u skipped, %u differences"),
                                               report->title, report->sheet, report->unit, report->rows_matched,
                                               report->rows_skipped, report->differences);

      n_imported += report->imported ? 1 : 0;
      add_line (self, line, report->form_id, TRUE, FALSE);
      for (guint n = 0; n < report->notes->len; n++)
        add_line (self, g_ptr_array_index (report->notes, n), report->form_id, FALSE, FALSE);
      for (guint f = 0; f < findings->len; f++)
        {
          BudgetXlsxFinding *finding = g_ptr_array_index (findings, f);

          if (g_strcmp0 (finding->form_id, report->form_id) == 0)
            add_line (self, finding->message, finding->form_id, FALSE, finding->blocking);
        }
    }
  if (forms->len == 0)
    summary = g_strdup (_("The workbook has none of the project's tables: their titles were not found on any sheet."));
  else if (!budget_xlsx_import_can_apply (self->import))
    summary = g_strdup (_("Nothing can be imported until the cells marked in red are corrected in the workbook."));
  else if (budget_xlsx_import_get_n_differences (self->import) > 0)
    summary = g_strdup_printf (ngettext ("%u table will be imported. Some totals of the workbook differ from what its items give; the project keeps the items and adds them up.",
                                         "%u tables will be imported. Some totals of the workbook differ from what its items give; the project keeps the items and adds them up.",
                                         n_imported), n_imported);
  else
    summary = g_strdup_printf (ngettext ("%u table will be imported; its totals agree.",
                                         "%u tables will be imported; their totals agree.", n_imported), n_imported);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_widget_set_sensitive (self->import_button, budget_xlsx_import_can_apply (self->import));
}

/**
 * budget_import_dialog_import:
 * @self: the dialog
 * @into_new: %TRUE to import into a new project in its own window
 *
 * Makes the import, as one undoable command, and closes the dialog.
 *
 * Returns: whether anything was imported
 */
gboolean
budget_import_dialog_import (BudgetImportDialog *self,
                             gboolean            into_new)
{
  g_autoptr(BudgetCommand) command = NULL;
  BudgetDocument *doc = budget_window_get_document (self->window);

  if (!budget_xlsx_import_can_apply (self->import))
    return FALSE;
  if (into_new)
    {
      g_autoptr(BudgetDocument) fresh = budget_import_new_document (self->import);
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetXlsxImport) import = budget_xlsx_import_new (fresh, self->path, &error);
      BudgetWindow *window;

      if (import == NULL || !budget_xlsx_import_can_apply (import))
        return FALSE;
      command = budget_import_command_new (fresh, import);
      budget_document_execute (fresh, command);
      window = budget_window_new (gtk_window_get_application (GTK_WINDOW (self->window)), fresh);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    {
      command = budget_import_command_new (doc, self->import);
      budget_document_execute (doc, command);
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
budget_import_dialog_import_clicked (BudgetImportDialog *self)
{
  budget_import_dialog_import (self, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->into_new_check)));
}

void
budget_import_dialog_cancel_clicked (BudgetImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

void
budget_import_dialog_row_activated (BudgetImportDialog *self,
                                    GtkListBoxRow      *row)
{
  const char *form_id = g_object_get_data (G_OBJECT (row), "budget-form-id");
  BudgetForm *form = form_id != NULL
                     ? budget_document_lookup_form (budget_window_get_document (self->window), form_id) : NULL;

  if (form != NULL)
    budget_window_show_form (self->window, form);
}

static void
budget_import_dialog_dispose (GObject *object)
{
  BudgetImportDialog *self = BUDGET_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->import);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (budget_import_dialog_parent_class)->dispose (object);
}

static void
budget_import_dialog_class_init (BudgetImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_import_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetImportDialog, into_open_check);
  gtk_widget_class_bind_template_child (widget_class, BudgetImportDialog, into_new_check);
  gtk_widget_class_bind_template_child (widget_class, BudgetImportDialog, report_list);
  gtk_widget_class_bind_template_child (widget_class, BudgetImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, budget_import_dialog_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_import_dialog_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_import_dialog_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
budget_import_dialog_init (BudgetImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * budget_import_dialog_new:
 * @window: the editor window whose project the workbook would change
 * @path: an .xlsx workbook
 * @error: return location for the reason the workbook cannot be read at all
 *
 * Returns: (transfer floating) (nullable): the preview, not yet shown
 */
GtkWidget *
budget_import_dialog_new (BudgetWindow  *window,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(BudgetXlsxImport) import = budget_xlsx_import_new (budget_window_get_document (window), path, error);
  BudgetImportDialog *self;

  if (import == NULL)
    return NULL;
  self = g_object_new (BUDGET_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  self->window = window;
  self->path = g_strdup (path);
  self->import = g_steal_pointer (&import);
  fill_report (self);
  return GTK_WIDGET (self);
}
