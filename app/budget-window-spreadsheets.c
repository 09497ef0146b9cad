/* budget-window-spreadsheets.c: the window's spreadsheet actions: File → Export → Excel workbook… and
 * File → Import → from a workbook… (the preview is budget-import-dialog.c) */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-import-dialog.h"
#include "budget-window-private.h"

#define CHOOSER_KEY "budget-spreadsheet-chooser"

/* The folder of the project, if it has one: workbooks usually sit beside it. */
static GFile *
project_folder (BudgetWindow *self)
{
  const char *path = budget_document_get_path (budget_window_get_document (self));
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;

  return file != NULL ? g_file_get_parent (file) : NULL;
}

static GtkFileFilter *
workbook_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.XLSX");
  return filter;
}

static char *
chosen_path (BudgetWindow    *self,
             GtkNativeDialog *chooser,
             int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (self), CHOOSER_KEY, NULL);
  if (file == NULL)
    return NULL;
  path = g_file_get_path (file);
  if (path == NULL)
    budget_window_show_error (self, _("Only local files can be used"), NULL);
  return path;
}

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 BudgetWindow    *self)
{
  g_autofree char *path = chosen_path (self, chooser, response);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".xlsx"))
    {
      char *with_suffix = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (!budget_xlsx_export (budget_window_get_document (self), path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);

      budget_window_show_error (self, primary, error->message);
    }
}

static void
import_response (GtkNativeDialog *chooser,
                 int              response,
                 BudgetWindow    *self)
{
  g_autofree char *path = chosen_path (self, chooser, response);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (path == NULL)
    return;
  dialog = budget_import_dialog_new (self, path, &error);
  if (dialog == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *primary = g_strdup_printf (_("Could not import “%s”"), name);

      budget_window_show_error (self, primary, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileChooserNative *
new_chooser (BudgetWindow         *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = workbook_filter ();
  g_autoptr(GFile) folder = project_folder (self);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  /* The window keeps the chooser until it answers (or the window goes). */
  g_object_set_data_full (G_OBJECT (self), CHOOSER_KEY, chooser, g_object_unref);
  return chooser;
}

static void
export_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  BudgetDocument *doc = budget_window_get_document (self);
  const char *path = budget_document_get_path (doc);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (g_object_get_data (G_OBJECT (self), CHOOSER_KEY) != NULL || !budget_window_commit_pending (self, NULL))
    return;
  chooser = new_chooser (self, _("Export the Tables as an Excel Workbook"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".xlsx", NULL);
    }
  else
    name = g_strconcat (_("Untitled"), ".xlsx", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (g_object_get_data (G_OBJECT (self), CHOOSER_KEY) != NULL || !budget_window_commit_pending (self, NULL))
    return;
  chooser = new_chooser (self, _("Import from a Workbook"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect (chooser, "response", G_CALLBACK (import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Installs win.export-xlsx and win.import-xlsx. */
void
budget_window_spreadsheets_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "win.import-xlsx", NULL, import_xlsx_action);
}
