/* budget-window-guards.c: what keeps the window's work from being lost: the recovery copy, the lock
 * beside the project file, and changes someone else makes to that file
 *
 * Recovery: the first edit after a save starts a timer; when it fires (RECOVERY_DELAY_MS later) the
 * document is serialized here on the main thread and the BudgetRecovery worker writes the copy, so a
 * crash loses at most the edits of the last few seconds. Saving, undoing back to the saved state, and
 * closing the window cleanly (with Save or Discard) remove the copy.
 *
 * Lock: a project file the window shows is locked (BudgetLockFile, LibreOffice's ".~lock.NAME#");
 * opening a project someone else holds asks first: read-only, open anyway, or cancel.
 *
 * Changes on disk: a GFileMonitor watches the file; the file's etag at load and save time tells a
 * change of ours from someone else's. The window offers to reload or keep editing, and Save asks
 * before it replaces a newer file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-application.h"
#include "budget-window-private.h"

/* At most this long after an edit its recovery copy is on disk (the brief allows 5 s). */
#define RECOVERY_DELAY_MS 2000
/* File monitors report a save as several events: one look at the file after they settle. */
#define DISK_CHECK_DELAY_MS 300

static void watch_file (BudgetWindow *self);

/* ------------------------------------------------------------------------------------------------ */
/* Recovery copies                                                                                   */

static BudgetRecovery *
recovery_for (BudgetWindow *self)
{
  GtkApplication *application;

  if (self->recovery != NULL)
    return self->recovery;
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (BUDGET_IS_APPLICATION (application))
    g_set_object (&self->recovery, budget_application_get_recovery (BUDGET_APPLICATION (application)));
  return self->recovery;
}

/**
 * budget_window_set_recovery:
 * @self: a window
 * @recovery: (nullable): where the window writes recovery copies; by default its application's
 *
 * Sets the recovery folder (windows without a #BudgetApplication write none unless given one).
 */
void
budget_window_set_recovery (BudgetWindow   *self,
                            BudgetRecovery *recovery)
{
  g_return_if_fail (BUDGET_IS_WINDOW (self));

  g_set_object (&self->recovery, recovery);
}

/**
 * budget_window_get_recovery_id:
 * @self: a window
 *
 * Returns: (nullable): the name of the document's recovery copy, once one was written
 */
const char *
budget_window_get_recovery_id (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->recovery_id;
}

static void
write_recovery (BudgetWindow *self)
{
  BudgetRecovery *recovery = recovery_for (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_clear_handle_id (&self->recovery_source, g_source_remove);
  if (recovery == NULL || self->document == NULL || !budget_document_get_modified (self->document))
    return;
  if (self->recovery_id == NULL)
    self->recovery_id = budget_recovery_new_id ();
  /* The model is not thread-safe: serialize here, write in the worker. */
  bytes = budget_project_serialize (self->document);
  name = budget_window_dup_display_name (self);
  budget_recovery_write (recovery, self->recovery_id, budget_document_get_path (self->document), name,
                         self->last_edit > 0 ? self->last_edit : g_get_real_time (), bytes);
}

static gboolean
recovery_timeout (gpointer data)
{
  BudgetWindow *self = data;

  self->recovery_source = 0;
  write_recovery (self);
  return G_SOURCE_REMOVE;
}

static void
discard_recovery (BudgetWindow *self)
{
  g_clear_handle_id (&self->recovery_source, g_source_remove);
  if (self->recovery_id != NULL && recovery_for (self) != NULL)
    budget_recovery_discard (self->recovery, self->recovery_id);
  g_clear_pointer (&self->recovery_id, g_free);
}

/* Every edit, undo and redo: the copy follows within RECOVERY_DELAY_MS. The timer is not restarted
 * by later edits, so steady typing is saved too. */
static void
document_edited (BudgetDocument *document,
                 BudgetCommand  *command,
                 gboolean        forward,
                 BudgetWindow   *self)
{
  self->last_edit = g_get_real_time ();
  if (self->recovery_source == 0 && recovery_for (self) != NULL)
    self->recovery_source = g_timeout_add (RECOVERY_DELAY_MS, recovery_timeout, self);
}

static void
modified_changed (BudgetDocument *document,
                  GParamSpec     *pspec,
                  BudgetWindow   *self)
{
  /* Saved, or undone back to the saved state: nothing left to recover. */
  if (!budget_document_get_modified (document))
    discard_recovery (self);
}

/**
 * budget_window_restore_recovered:
 * @self: a window
 * @document: a document loaded from a recovery copy (budget_recovery_load())
 * @recovery_id: the copy's name
 *
 * Shows a restored document; the window takes the copy over, rewriting it at once as its own so that
 * it is no longer left behind by a crash, and removing it on save or a clean close.
 */
void
budget_window_restore_recovered (BudgetWindow   *self,
                                 BudgetDocument *document,
                                 const char     *recovery_id)
{
  g_return_if_fail (BUDGET_IS_WINDOW (self));
  g_return_if_fail (BUDGET_IS_DOCUMENT (document));

  budget_window_set_document (self, document);
  g_free (self->recovery_id);
  self->recovery_id = g_strdup (recovery_id);
  write_recovery (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* Changes on disk                                                                                   */

static char *
query_etag (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (path == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_etag (info) == NULL)
    return NULL;
  return g_strdup (g_file_info_get_etag (info));
}

static void
disk_dialog_response (GtkDialog    *dialog,
                      int           response,
                      BudgetWindow *self)
{
  gboolean saving = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "budget-saving"));
  g_autofree char *etag = g_strdup (g_object_get_data (G_OBJECT (dialog), "budget-etag"));

  if (self->disk_dialog == GTK_WIDGET (dialog))
    self->disk_dialog = NULL;
  /* Reloading may free the window's document, not the window; see close_response for why. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case BUDGET_DISK_RESPONSE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_strdup (budget_document_get_path (self->document));
        g_autoptr(BudgetDocument) document = budget_project_load_file (path, &error);

        if (document == NULL)
          {
            g_autofree char *name = g_filename_display_basename (path);
            g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

            budget_window_show_error (self, primary, error->message);
            return;
          }
        budget_window_adopt_document (self, document, NULL, self->read_only);
      }
      break;
    case BUDGET_DISK_RESPONSE_REPLACE:
      self->overwrite_confirmed = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
      self->overwrite_confirmed = FALSE;
      break;
    case BUDGET_DISK_RESPONSE_SAVE_AS:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
      break;
    case BUDGET_DISK_RESPONSE_KEEP:
    default:
      /* Keep editing: this change is not announced again; the next Save still asks. */
      if (!saving)
        {
          g_free (self->ignored_etag);
          self->ignored_etag = g_steal_pointer (&etag);
        }
      else
        self->after_save = BUDGET_AFTER_SAVE_NOTHING;
      break;
    }
}

static void
show_disk_dialog (BudgetWindow *self,
                  const char   *etag,
                  gboolean      saving)
{
  g_autofree char *name = budget_window_dup_display_name (self);
  GtkWidget *dialog;

  if (self->disk_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->disk_dialog));
  if (saving)
    {
      dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                       _("“%s” was changed by someone else since you opened it"), name);
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                _("Saving replaces their version with yours, and their changes are "
                                                  "lost. Save under another name to keep both."));
      gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                              _("_Cancel"), BUDGET_DISK_RESPONSE_KEEP,
                              _("Save _As…"), BUDGET_DISK_RESPONSE_SAVE_AS,
                              _("_Replace"), BUDGET_DISK_RESPONSE_REPLACE,
                              NULL);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_SAVE_AS);
      gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_REPLACE),
                                "destructive-action");
    }
  else
    {
      gboolean modified = budget_document_get_modified (self->document);

      dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                       _("“%s” was changed by someone else"), name);
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                modified
                                                ? _("The file is newer than the version you are editing. Reload it to "
                                                    "see their changes (your unsaved changes are lost), or keep editing "
                                                    "yours: saving then asks before replacing theirs.")
                                                : _("The file is newer than the version shown. Reload it to see their "
                                                    "changes."));
      gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                              _("_Keep Editing"), BUDGET_DISK_RESPONSE_KEEP,
                              _("_Reload"), BUDGET_DISK_RESPONSE_RELOAD,
                              NULL);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), modified ? BUDGET_DISK_RESPONSE_KEEP
                                                                     : BUDGET_DISK_RESPONSE_RELOAD);
      if (modified)
        gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_RELOAD),
                                  "destructive-action");
    }
  g_object_set_data (G_OBJECT (dialog), "budget-saving", GINT_TO_POINTER (saving));
  g_object_set_data_full (G_OBJECT (dialog), "budget-etag", g_strdup (etag), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (disk_dialog_response), self);
  self->disk_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * budget_window_get_disk_dialog:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the prompt about the file changed on disk (reload or keep
 * editing, or before saving: replace, save as or cancel), answered with a #BudgetDiskResponse
 */
GtkWindow *
budget_window_get_disk_dialog (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->disk_dialog != NULL ? GTK_WINDOW (self->disk_dialog) : NULL;
}

static gboolean
check_disk (gpointer data)
{
  BudgetWindow *self = data;
  g_autofree char *etag = NULL;

  self->disk_check_source = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  etag = query_etag (budget_document_get_path (self->document));
  /* Gone (someone renamed or deleted it) or unchanged: nothing to offer; Save writes it again. */
  if (etag == NULL || g_strcmp0 (etag, self->disk_etag) == 0 || g_strcmp0 (etag, self->ignored_etag) == 0)
    return G_SOURCE_REMOVE;
  if (self->disk_dialog == NULL)
    show_disk_dialog (self, etag, FALSE);
  return G_SOURCE_REMOVE;
}

static void
file_changed (GFileMonitor      *monitor,
              GFile             *file,
              GFile             *other,
              GFileMonitorEvent  event,
              BudgetWindow      *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  if (self->disk_check_source == 0)
    self->disk_check_source = g_timeout_add (DISK_CHECK_DELAY_MS, check_disk, self);
}

static void
unwatch_file (BudgetWindow *self)
{
  g_clear_handle_id (&self->disk_check_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->disk_etag, g_free);
  g_clear_pointer (&self->ignored_etag, g_free);
}

static void
watch_file (BudgetWindow *self)
{
  const char *path = budget_document_get_path (self->document);
  g_autoptr(GFile) file = NULL;

  unwatch_file (self);
  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  self->disk_etag = query_etag (path);
  /* Without a monitor (an odd file system) Save still compares the etag. */
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed), self);
}

/* After a save: the file on disk is ours. */
void
budget_window_guards_saved (BudgetWindow *self)
{
  g_free (self->disk_etag);
  self->disk_etag = query_etag (budget_document_get_path (self->document));
  g_clear_pointer (&self->ignored_etag, g_free);
}

/* Before saving over @path: TRUE when the file there is the one the window loaded or saved last;
 * otherwise asks (replace, save as, cancel) and returns FALSE. */
gboolean
budget_window_guards_may_save (BudgetWindow *self,
                               const char   *path)
{
  g_autofree char *etag = NULL;

  if (self->overwrite_confirmed || g_strcmp0 (path, budget_document_get_path (self->document)) != 0)
    return TRUE;
  etag = query_etag (path);
  if (etag == NULL || g_strcmp0 (etag, self->disk_etag) == 0)
    return TRUE;
  show_disk_dialog (self, etag, TRUE);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------------ */
/* The lock                                                                                          */

static void
lock_path (BudgetWindow *self)
{
  const char *path = budget_document_get_path (self->document);
  g_autoptr(GError) error = NULL;

  if (self->lock != NULL)
    {
      budget_lock_file_release (self->lock);
      g_clear_object (&self->lock);
    }
  if (path == NULL || self->read_only)
    return;
  /* A folder the officer cannot write to, or someone else's lock on a file saved over: no lock,
   * and the work goes on. */
  self->lock = budget_lock_file_acquire (path, FALSE, &error);
  if (self->lock == NULL)
    g_debug ("No lock for %s: %s", path, error->message);
}

/* Save As moved the document: lock and watch the new file. */
static void
path_changed (BudgetDocument *document,
              GParamSpec     *pspec,
              BudgetWindow   *self)
{
  self->read_only = FALSE;
  lock_path (self);
  watch_file (self);
  budget_window_update_title (self);
}

static void
lock_dialog_response (GtkDialog    *dialog,
                      int           response,
                      BudgetWindow *self)
{
  BudgetDocument *document = g_object_get_data (G_OBJECT (dialog), "budget-document");
  g_autoptr(BudgetDocument) kept = document != NULL ? g_object_ref (document) : NULL;
  const char *path = kept != NULL ? budget_document_get_path (kept) : NULL;

  if (self->lock_dialog == GTK_WIDGET (dialog))
    self->lock_dialog = NULL;
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (kept == NULL)
    return;

  switch (response)
    {
    case BUDGET_LOCK_RESPONSE_READ_ONLY:
      budget_window_present_document (self, kept, NULL, TRUE);
      break;
    case BUDGET_LOCK_RESPONSE_OPEN_ANYWAY:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(BudgetLockFile) lock = budget_lock_file_acquire (path, TRUE, &error);

        if (lock == NULL)
          g_debug ("No lock for %s: %s", path, error->message);
        budget_window_present_document (self, kept, lock, FALSE);
      }
      break;
    case BUDGET_LOCK_RESPONSE_CANCEL:
    default:
      break;
    }
}

static void
show_lock_dialog (BudgetWindow   *self,
                  BudgetDocument *document,
                  BudgetLockFile *lock)
{
  g_autofree char *name = g_filename_display_basename (budget_document_get_path (document));
  g_autoptr(GDateTime) since = lock != NULL ? budget_lock_file_dup_date_time (lock) : NULL;
  g_autofree char *when = since != NULL ? g_date_time_format (since, "%x %H:%M")
                                        : g_strdup (lock != NULL ? budget_lock_file_get_time (lock) : "");
  const char *user = lock != NULL ? budget_lock_file_get_user (lock) : "";
  const char *host = lock != NULL ? budget_lock_file_get_host (lock) : "";
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;

  if (user[0] == '\0')
    user = _("another user");
  primary = g_strdup_printf (_("“%s” is already open elsewhere"), name);
  /* Translators: "zhangsan opened it on the computer “office-7” at 2026-12-08 09:05. …" */
  secondary = g_strdup_printf (_("%s opened it on the computer “%s” at %s. If you both edit it, whoever saves last "
                                 "overwrites the other’s changes. Open it read-only to look without changing it."),
                               user, host, when);
  if (self->lock_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->lock_dialog));
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), BUDGET_LOCK_RESPONSE_CANCEL,
                          _("Open _Anyway"), BUDGET_LOCK_RESPONSE_OPEN_ANYWAY,
                          _("Open _Read-Only"), BUDGET_LOCK_RESPONSE_READ_ONLY,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), BUDGET_LOCK_RESPONSE_READ_ONLY);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_LOCK_RESPONSE_OPEN_ANYWAY),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), BUDGET_LOCK_RESPONSE_READ_ONLY),
                            "suggested-action");
  g_object_set_data_full (G_OBJECT (dialog), "budget-document", g_object_ref (document), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (lock_dialog_response), self);
  self->lock_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * budget_window_get_lock_dialog:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the prompt about a project someone else has open, answered
 * with a #BudgetLockResponse
 */
GtkWindow *
budget_window_get_lock_dialog (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->lock_dialog != NULL ? GTK_WINDOW (self->lock_dialog) : NULL;
}

/**
 * budget_window_get_read_only:
 * @self: a window
 *
 * Returns: whether the window shows a project someone else holds, read-only (Save asks for a new name)
 */
gboolean
budget_window_get_read_only (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  return self->read_only;
}

/* Shows @document in this window with @lock (already taken) or read-only. */
void
budget_window_adopt_document (BudgetWindow   *self,
                              BudgetDocument *document,
                              BudgetLockFile *lock,
                              gboolean        read_only)
{
  g_set_object (&self->incoming_lock, lock);
  self->incoming_read_only = read_only;
  budget_window_set_document (self, document);
  g_clear_object (&self->incoming_lock);
  self->incoming_read_only = FALSE;
}

/* Shows a loaded project in this window when it holds nothing the officer would miss, in a new one
 * otherwise. */
void
budget_window_present_document (BudgetWindow   *self,
                                BudgetDocument *document,
                                BudgetLockFile *lock,
                                gboolean        read_only)
{
  BudgetWindow *target = budget_window_for_new_document (self);

  budget_window_adopt_document (target, document, lock, read_only);
  gtk_window_present (GTK_WINDOW (target));
}

/**
 * budget_window_find_for_path:
 * @path: a project file
 *
 * Returns: (transfer none) (nullable): the window that shows @path already
 */
BudgetWindow *
budget_window_find_for_path (const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      BudgetDocument *document;

      if (!BUDGET_IS_WINDOW (window) || (document = budget_window_get_document (BUDGET_WINDOW (window))) == NULL ||
          budget_document_get_path (document) == NULL)
        continue;
      {
        g_autoptr(GFile) shown = g_file_new_for_path (budget_document_get_path (document));

        if (g_file_equal (file, shown))
          return BUDGET_WINDOW (window);
      }
    }
  return NULL;
}

/**
 * budget_window_open_document:
 * @self: a window
 * @document: a loaded project
 *
 * Shows @document like budget_window_open_path(): first asking, over @self, when someone else has its
 * file open.
 */
void
budget_window_open_document (BudgetWindow   *self,
                             BudgetDocument *document)
{
  const char *path = budget_document_get_path (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetLockFile) lock = NULL;

  g_return_if_fail (BUDGET_IS_WINDOW (self));
  g_return_if_fail (BUDGET_IS_DOCUMENT (document));

  if (path == NULL)
    {
      budget_window_present_document (self, document, NULL, FALSE);
      return;
    }
  lock = budget_lock_file_acquire (path, FALSE, &error);
  if (lock == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autoptr(BudgetLockFile) holder = budget_lock_file_read (path, NULL);

      show_lock_dialog (self, document, holder);
      return;
    }
  if (lock == NULL)
    g_debug ("No lock for %s: %s", path, error->message);
  budget_window_present_document (self, document, lock, FALSE);
}

/* ------------------------------------------------------------------------------------------------ */
/* The window's document                                                                             */

/* A document arrives: watch it for edits, lock and watch its file. */
void
budget_window_guards_attach (BudgetWindow *self)
{
  self->edited_id = g_signal_connect (self->document, "command-applied", G_CALLBACK (document_edited), self);
  self->saved_id = g_signal_connect (self->document, "notify::modified", G_CALLBACK (modified_changed), self);
  self->moved_id = g_signal_connect (self->document, "notify::path", G_CALLBACK (path_changed), self);
  self->read_only = self->incoming_read_only;
  if (self->incoming_lock != NULL)
    self->lock = g_object_ref (self->incoming_lock);
  else
    lock_path (self);
  watch_file (self);
  self->last_edit = 0;
  /* A restored document is modified from the start. */
  if (budget_document_get_modified (self->document) && recovery_for (self) != NULL)
    self->recovery_source = g_timeout_add (RECOVERY_DELAY_MS, recovery_timeout, self);
}

/* The document leaves (another one replaces it, or the window closes after the officer answered
 * about unsaved changes): its copy, lock and watch go. */
void
budget_window_guards_detach (BudgetWindow *self)
{
  if (self->document == NULL)
    return;
  g_clear_signal_handler (&self->edited_id, self->document);
  g_clear_signal_handler (&self->saved_id, self->document);
  g_clear_signal_handler (&self->moved_id, self->document);
  budget_window_guards_closed (self);
  self->read_only = FALSE;
  g_clear_pointer ((GtkWindow **) &self->disk_dialog, gtk_window_destroy);
}

/* The window closes cleanly (nothing unsaved, or the officer answered Save or Discard): its copy
 * and lock go now, not when the last reference to the window does. */
void
budget_window_guards_closed (BudgetWindow *self)
{
  discard_recovery (self);
  unwatch_file (self);
  if (self->lock != NULL)
    {
      budget_lock_file_release (self->lock);
      g_clear_object (&self->lock);
    }
}

void
budget_window_guards_dispose (BudgetWindow *self)
{
  g_clear_pointer ((GtkWindow **) &self->lock_dialog, gtk_window_destroy);
  g_clear_pointer ((GtkWindow **) &self->disk_dialog, gtk_window_destroy);
  g_clear_object (&self->recovery);
}
