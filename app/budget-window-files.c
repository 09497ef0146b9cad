/* budget-window-files.c: the window's files: new, open, save, save as, recent projects, drag and drop,
 * the unsaved-changes prompt, the properties dialog, PDF export and printing
 *
 * Nothing typed is lost: every path that replaces or drops a document (closing, quitting) asks first
 * when there are unsaved changes, and a file that fails to load is reported with its message (which
 * names the line) while the window keeps what it had. File choosers are GtkFileChooserNative (GTK 4.8
 * has no GtkFileDialog), the prompt a GtkMessageDialog with named responses.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-findings-panel.h"
#include "budget-form-view.h"
#include "budget-new-dialog.h"
#include "budget-properties-dialog.h"
#include "budget-window-private.h"

#include "budget-print-operation.h"
#include "render/budget-renderer.h"

#define PROJECT_SUFFIX ".budget"

/* ------------------------------------------------------------------------------------------------ */
/* Messages                                                                                          */

static void
error_dialog_response (GtkDialog    *dialog,
                       int           response,
                       BudgetWindow *self)
{
  if (self->error_dialog == GTK_WIDGET (dialog))
    self->error_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * budget_window_show_error:
 * @self: a window
 * @primary: what failed
 * @secondary: (nullable): why (the model's message)
 *
 * Shows an error in a dialog over the window.
 */
void
budget_window_show_error (BudgetWindow *self,
                          const char   *primary,
                          const char   *secondary)
{
  GtkWidget *dialog;

  g_return_if_fail (BUDGET_IS_WINDOW (self));

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (error_dialog_response), self);
  self->error_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * budget_window_get_error_dialog:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the error dialog shown over the window, if any
 */
GtkWindow *
budget_window_get_error_dialog (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->error_dialog != NULL ? GTK_WINDOW (self->error_dialog) : NULL;
}

/* Commits what is being typed; a rejected cell keeps its message next to it and stops the caller. */
static gboolean
commit_or_complain (BudgetWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (budget_window_commit_pending (self, &error))
    return TRUE;
  gtk_widget_error_bell (GTK_WIDGET (self));
  return FALSE;
}

/* ------------------------------------------------------------------------------------------------ */
/* Recent projects and the last folder                                                               */

static void
remember_file (BudgetWindow *self,
               const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (self->settings != NULL && folder != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "last-folder", folder_path);
    }
}

static void
rebuild_recent_menu (BudgetWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!g_str_has_suffix (uri, PROJECT_SUFFIX) || !gtk_recent_info_exists (info))
        continue;
      label = g_strdup (gtk_recent_info_get_display_name (info));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
recent_changed (GtkRecentManager *manager,
                BudgetWindow     *self)
{
  rebuild_recent_menu (self);
}

static GFile *
last_folder (BudgetWindow *self)
{
  g_autofree char *folder = NULL;
  const char *path = self->document != NULL ? budget_document_get_path (self->document) : NULL;

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return g_file_get_parent (file);
    }
  if (self->settings == NULL)
    return NULL;
  folder = g_settings_get_string (self->settings, "last-folder");
  if (folder[0] == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_file_new_for_path (folder);
}

/* ------------------------------------------------------------------------------------------------ */
/* Opening                                                                                           */

/* The window a newly opened or created document goes to: this one when it holds nothing the officer
 * would miss, a new one otherwise. */
BudgetWindow *
budget_window_for_new_document (BudgetWindow *self)
{
  GtkApplication *application;
  BudgetWindow *window;

  if (budget_window_is_pristine (self))
    return self;
  application = gtk_window_get_application (GTK_WINDOW (self));
  window = g_object_new (BUDGET_TYPE_WINDOW, "application", application, NULL);
  return window;
}

/**
 * budget_window_open_path:
 * @self: a window
 * @path: a project file
 * @error: return location for the reason the file does not load (it names the line)
 *
 * Opens a project: in this window when it holds nothing the officer would miss, in a new window
 * otherwise. A file that does not load changes nothing. A project the instance shows already raises
 * its window; one someone else has open asks first (budget_window_get_lock_dialog()).
 *
 * Returns: whether the file was opened, or the question about its lock asked
 */
gboolean
budget_window_open_path (BudgetWindow  *self,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(BudgetDocument) document = NULL;
  BudgetWindow *shown;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  /* A project opened twice would be two versions racing to be saved: show the window it is in. */
  shown = budget_window_find_for_path (path);
  if (shown != NULL)
    {
      gtk_window_present (GTK_WINDOW (shown));
      return TRUE;
    }
  document = budget_project_load_file (path, error);
  if (document == NULL)
    return FALSE;
  remember_file (self, path);
  budget_window_open_document (self, document);
  return TRUE;
}

/**
 * budget_window_open_file:
 * @self: a window
 * @file: a project file
 *
 * Opens @file like budget_window_open_path(); a file that does not load is reported in a dialog over
 * the window with its message, and the window keeps its document.
 */
void
budget_window_open_file (BudgetWindow *self,
                         GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *primary = NULL;

  if (path == NULL)
    {
      primary = g_strdup_printf (_("“%s” is not a local file"), name);
      budget_window_show_error (self, primary, NULL);
      return;
    }
  if (budget_window_open_path (self, path, &error))
    return;
  primary = g_strdup_printf (_("Could not open “%s”"), name);
  budget_window_show_error (self, primary, error->message);
}

static void
open_response (GtkNativeDialog *chooser,
               int              response,
               BudgetWindow    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    budget_window_open_file (self, file);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (projects, _("Budget projects"));
  gtk_file_filter_add_pattern (projects, "*" PROJECT_SUFFIX);
  gtk_file_filter_add_mime_type (projects, "application/x-budget-project");
  gtk_file_chooser_add_filter (chooser, projects);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  g_autoptr(GFile) folder = last_folder (self);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Budget Project"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (self->chooser));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  budget_window_open_file (BUDGET_WINDOW (widget), file);
}

static gboolean
drop_files (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            BudgetWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    budget_window_open_file (self, l->data);
  g_slist_free (files);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------ */
/* New                                                                                               */

static void
new_document_created (BudgetNewDialog *dialog,
                      BudgetDocument  *document,
                      BudgetWindow    *self)
{
  BudgetWindow *target = budget_window_for_new_document (self);

  budget_window_set_document (target, document);
  gtk_window_present (GTK_WINDOW (target));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkWidget *dialog = budget_new_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "created", G_CALLBACK (new_document_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------------ */
/* Saving                                                                                            */

static void
after_save (BudgetWindow *self)
{
  BudgetAfterSave next = self->after_save;

  self->after_save = BUDGET_AFTER_SAVE_NOTHING;
  if (next == BUDGET_AFTER_SAVE_CLOSE)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/**
 * budget_window_save_to:
 * @self: a window
 * @path: where to save
 * @error: return location for the reason saving failed
 *
 * Saves the document (atomically; the previous file is kept as FILE~), after committing what is being
 * typed, and remembers the file among the recent projects.
 *
 * Returns: whether the document was saved
 */
gboolean
budget_window_save_to (BudgetWindow  *self,
                       const char    *path,
                       GError       **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  guint n_backups = BUDGET_SAFE_SAVE_DEFAULT_BACKUPS;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  /* An older installed schema may lack the key. */
  if (self->settings != NULL)
    g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, "backup-count"))
    n_backups = g_settings_get_uint (self->settings, "backup-count");
  if (!budget_window_commit_pending (self, error))
    return FALSE;
  if (!budget_project_save_full (self->document, path, n_backups, error))
    return FALSE;
  budget_window_guards_saved (self);
  remember_file (self, path);
  return TRUE;
}

static void
save_and_report (BudgetWindow *self,
                 const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *primary = NULL;

  /* Someone else saved the file since: ask before replacing their version. */
  if (!budget_window_guards_may_save (self, path))
    return;
  if (budget_window_save_to (self, path, &error))
    {
      after_save (self);
      return;
    }
  self->after_save = BUDGET_AFTER_SAVE_NOTHING;
  primary = g_strdup_printf (_("Could not save “%s”"), name);
  budget_window_show_error (self, primary, error->message);
}

static void
save_as_response (GtkNativeDialog *chooser,
                  int              response,
                  BudgetWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    {
      self->after_save = BUDGET_AFTER_SAVE_NOTHING;
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      self->after_save = BUDGET_AFTER_SAVE_NOTHING;
      budget_window_show_error (self, _("Projects can only be saved to local files"), NULL);
      return;
    }
  /* The project format's suffix lets the desktop open the file with the editor again. */
  if (!g_str_has_suffix (path, PROJECT_SUFFIX))
    {
      char *with_suffix = g_strconcat (path, PROJECT_SUFFIX, NULL);

      g_free (path);
      path = with_suffix;
    }
  save_and_report (self, path);
}

static char *
suggested_name (BudgetWindow *self)
{
  const char *department = budget_document_get_meta (self->document, "department-name");
  int year = budget_document_get_year (self->document);

  if (department != NULL && year > 0)
    return g_strdup_printf ("%s-%d" PROJECT_SUFFIX, department, year);
  return g_strconcat (_("Untitled"), PROJECT_SUFFIX, NULL);
}

static void
save_as (BudgetWindow *self)
{
  g_autoptr(GFile) folder = last_folder (self);
  const char *path = budget_document_get_path (self->document);
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  if (!commit_or_complain (self))
    {
      self->after_save = BUDGET_AFTER_SAVE_NOTHING;
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Save the Budget Project"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (self->chooser));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  name = path != NULL ? g_path_get_basename (path) : suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save (BudgetWindow *self)
{
  const char *path = budget_document_get_path (self->document);

  if (!commit_or_complain (self))
    {
      self->after_save = BUDGET_AFTER_SAVE_NOTHING;
      return;
    }
  /* Read-only (someone else holds the file): Save keeps their file and asks for a new name. */
  if (path == NULL || self->read_only)
    save_as (self);
  else
    save_and_report (self, path);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (BUDGET_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (BUDGET_WINDOW (widget));
}

/* ------------------------------------------------------------------------------------------------ */
/* Closing                                                                                           */

static void
close_response (GtkDialog    *dialog,
                int           response,
                BudgetWindow *self)
{
  self->close_dialog = NULL;
  /* The response's emission keeps the prompt alive past this handler, and a GtkWindow unsets its
   * transient parent when finalized: by then Save or Discard may have freed this window. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case BUDGET_CLOSE_RESPONSE_SAVE:
      self->after_save = BUDGET_AFTER_SAVE_CLOSE;
      save (self);
      break;
    case BUDGET_CLOSE_RESPONSE_DISCARD:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    case BUDGET_CLOSE_RESPONSE_CANCEL:
    default:
      break;
    }
}

/**
 * budget_window_get_close_dialog:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the unsaved-changes prompt while it is shown; answer it with
 * gtk_dialog_response() and a #BudgetCloseResponse
 */
GtkWindow *
budget_window_get_close_dialog (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->close_dialog != NULL ? GTK_WINDOW (self->close_dialog) : NULL;
}

/* The window's close-request: TRUE while closing waits for the officer's answer about unsaved
 * changes (the prompt closes the window itself once answered). */
gboolean
budget_window_files_close_request (BudgetWindow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || self->document == NULL)
    return FALSE;
  /* A cell being typed counts as a change; one the model rejects cannot be kept anyway. */
  if (!budget_window_commit_pending (self, NULL))
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        budget_form_view_cancel_pending (BUDGET_FORM_VIEW (value));
    }
  if (!budget_document_get_modified (self->document))
    return FALSE;
  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return TRUE;
    }

  name = budget_window_dup_display_name (self);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save the changes to “%s” before closing?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("If you close without saving, the changes since the last save are lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("Close _without Saving"), BUDGET_CLOSE_RESPONSE_DISCARD,
                          _("_Cancel"), BUDGET_CLOSE_RESPONSE_CANCEL,
                          _("_Save"), BUDGET_CLOSE_RESPONSE_SAVE,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_SAVE);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_DISCARD),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_SAVE),
                            "suggested-action");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
  self->close_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------ */
/* Properties                                                                                        */

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkWidget *dialog;

  if (!commit_or_complain (self))
    return;
  dialog = budget_properties_dialog_new (GTK_WINDOW (self), self->document);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------------ */
/* PDF export and printing                                                                           */

/**
 * budget_window_export_pdf_to:
 * @self: a window
 * @path: the PDF file to write
 * @error: return location for the reason the export failed
 *
 * Commits what is being typed and exports every published form as one PDF, through the renderer
 * that printing uses.
 *
 * Returns: whether the PDF was written
 */
gboolean
budget_window_export_pdf_to (BudgetWindow  *self,
                             const char    *path,
                             GError       **error)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  if (!budget_window_commit_pending (self, error))
    return FALSE;
  return budget_renderer_export_pdf (self->document, path, NULL, error);
}

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 BudgetWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      budget_window_show_error (self, _("The PDF can only be saved to a local file"), NULL);
      return;
    }
  if (!g_str_has_suffix (path, ".pdf"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (!budget_window_export_pdf_to (self, path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);

      budget_window_show_error (self, primary, error->message);
    }
}

/* Responses of the "errors remain" prompt besides Cancel. */
enum
{
  CONFIRM_RESPONSE_SHOW = 1,
  CONFIRM_RESPONSE_GO_ON = 2,
};

static void
confirm_response (GtkDialog    *dialog,
                  int           response,
                  BudgetWindow *self)
{
  g_autofree char *action = g_strdup (g_object_get_data (G_OBJECT (dialog), "budget-action"));

  if (self->confirm_dialog == GTK_WIDGET (dialog))
    self->confirm_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == CONFIRM_RESPONSE_SHOW)
    {
      budget_findings_panel_set_show_rounding (BUDGET_FINDINGS_PANEL (self->findings_panel), FALSE);
      budget_window_set_findings_visible (self, TRUE);
      if (g_list_model_get_n_items (budget_findings_panel_get_model (BUDGET_FINDINGS_PANEL (self->findings_panel))) > 0)
        budget_findings_panel_activate (BUDGET_FINDINGS_PANEL (self->findings_panel), 0);
    }
  else if (response == CONFIRM_RESPONSE_GO_ON)
    {
      self->errors_confirmed = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
      self->errors_confirmed = FALSE;
    }
}

/* Publishing a disclosure whose figures disagree has to be a decision: while errors remain, export
 * and print say how many and ask first. Returns TRUE when the caller may go on. */
static gboolean
confirm_despite_errors (BudgetWindow *self,
                        const char   *action,
                        gboolean      print)
{
  guint errors = self->checker != NULL ? budget_checker_get_n_errors (self->checker) : 0;
  GtkWidget *dialog;

  if (errors == 0 || self->errors_confirmed)
    return TRUE;
  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return FALSE;
    }
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   print ? ngettext ("%u error remains. Print anyway?",
                                                     "%u errors remain. Print anyway?", errors)
                                         : ngettext ("%u error remains. Export anyway?",
                                                     "%u errors remain. Export anyway?", errors),
                                   errors);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The consistency checks found figures that do not agree. A disclosure "
                                              "published with errors has to be corrected and published again."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("Show the _Errors"), CONFIRM_RESPONSE_SHOW,
                          print ? _("_Print Anyway") : _("_Export Anyway"), CONFIRM_RESPONSE_GO_ON,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), CONFIRM_RESPONSE_SHOW);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), CONFIRM_RESPONSE_GO_ON),
                            "destructive-action");
  g_object_set_data_full (G_OBJECT (dialog), "budget-action", g_strdup (action), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response), self);
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/**
 * budget_window_get_confirm_dialog:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the "errors remain" prompt of export and printing while it is
 * shown; answer it with gtk_dialog_response() (%GTK_RESPONSE_CANCEL, 1 to show the errors, 2 to go on)
 */
GtkWindow *
budget_window_get_confirm_dialog (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->confirm_dialog != NULL ? GTK_WINDOW (self->confirm_dialog) : NULL;
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  g_autoptr(GFile) folder = last_folder (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *path = budget_document_get_path (self->document);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || !commit_or_complain (self) || !confirm_despite_errors (self, "win.export-pdf", FALSE))
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Disclosure as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);

      if (g_str_has_suffix (base, PROJECT_SUFFIX))
        base[strlen (base) - strlen (PROJECT_SUFFIX)] = '\0';
      name = g_strconcat (base, ".pdf", NULL);
    }
  else
    {
      g_autofree char *project = suggested_name (self);

      project[strlen (project) - strlen (PROJECT_SUFFIX)] = '\0';
      name = g_strconcat (project, ".pdf", NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);

  if (!commit_or_complain (self) || !confirm_despite_errors (self, "win.print", TRUE))
    return;
  budget_print_operation_run (GTK_WINDOW (self), self->document);
}

/* ------------------------------------------------------------------------------------------------ */
/* Setup                                                                                             */

/* Installs the file actions (win.new, win.open, win.save, …) and their keys. */
void
budget_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.properties", NULL, properties_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
}

/* Drops of project files, and the recent projects menu. */
void
budget_window_files_init (BudgetWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_files), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  self->recent_changed_id = g_signal_connect (gtk_recent_manager_get_default (), "changed",
                                              G_CALLBACK (recent_changed), self);
  rebuild_recent_menu (self);
}

/* Closes what the window's files opened: a file chooser, the prompt, an error dialog. */
void
budget_window_files_dispose (BudgetWindow *self)
{
  g_clear_signal_handler (&self->recent_changed_id, gtk_recent_manager_get_default ());
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer ((GtkWindow **) &self->close_dialog, gtk_window_destroy);
  g_clear_pointer ((GtkWindow **) &self->error_dialog, gtk_window_destroy);
  g_clear_pointer ((GtkWindow **) &self->confirm_dialog, gtk_window_destroy);
}
