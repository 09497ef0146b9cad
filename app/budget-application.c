/* budget-application.c: the Budget Editor application: windows, command line files, app actions
 *
 * Started without files it opens the bundled sample project, so that an officer sees a complete
 * disclosure at once; files given on the command line (or opened from the desktop) open in their own
 * windows. A file that does not load is reported over a window with its message.
 *
 * The application keeps the recovery folder its windows write to; on the first start after a crash
 * it offers each document left there, one after the other, to restore or discard.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-application.h"
#include "budget-window.h"

struct _BudgetApplication
{
  GtkApplication  parent_instance;

  BudgetRecovery *recovery;
  GPtrArray      *recovered;          /* BudgetRecoveryEntry still to offer */
  gboolean        recovered_offered;
};

G_DEFINE_FINAL_TYPE (BudgetApplication, budget_application, GTK_TYPE_APPLICATION)

static BudgetWindow *
pristine_window (BudgetApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (BUDGET_IS_WINDOW (l->data) && budget_window_is_pristine (l->data))
      return l->data;
  return NULL;
}

/**
 * budget_application_open_file:
 * @self: the application
 * @file: a project file, or "sample" for the bundled sample project
 *
 * Opens @file in a window that holds nothing the officer would miss, or in a new one. When the file
 * does not load, its message (with the line) is shown over a window and nothing else changes.
 */
void
budget_application_open_file (BudgetApplication *self,
                              GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) document = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  BudgetWindow *window = NULL;
  gboolean sample = path != NULL && g_str_equal (name, "sample") && !g_file_test (path, G_FILE_TEST_EXISTS);

  /* A project the application shows already: its window comes up, rather than a second version. */
  if (path != NULL && !sample && (window = budget_window_find_for_path (path)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = pristine_window (self);

  /* As on the command line, "sample" is the bundled sample project. */
  if (sample)
    document = budget_project_load_sample ();
  else if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("“%s” is not a local file"), name);
  else
    document = budget_project_load_file (path, &error);

  if (window == NULL)
    {
      g_autoptr(BudgetDocument) empty = budget_document_new ();

      window = budget_window_new (GTK_APPLICATION (self), empty);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (document == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

      budget_window_show_error (window, primary, error->message);
      return;
    }
  if (budget_document_get_path (document) != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  /* The window asks first when someone else has the project open. */
  budget_window_open_document (window, document);
}

/**
 * budget_application_get_recovery:
 * @self: the application
 *
 * Returns: (transfer none): the recovery folder the windows write their copies to
 */
BudgetRecovery *
budget_application_get_recovery (BudgetApplication *self)
{
  g_return_val_if_fail (BUDGET_IS_APPLICATION (self), NULL);

  if (self->recovery == NULL)
    self->recovery = budget_recovery_new (NULL);
  return self->recovery;
}

static void offer_next (BudgetApplication *self,
                        GtkWindow         *parent);

static void
recovered_response (GtkDialog         *dialog,
                    int                response,
                    BudgetApplication *self)
{
  BudgetRecoveryEntry *entry = g_object_get_data (G_OBJECT (dialog), "budget-entry");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetDocument) document = budget_recovery_load (self->recovery, entry, &error);
      BudgetWindow *window;

      if (document == NULL)
        {
          g_autofree char *primary = g_strdup_printf (_("Could not restore “%s”"), entry->display_name);

          budget_recovery_discard (self->recovery, entry->id);
          if (BUDGET_IS_WINDOW (parent))
            budget_window_show_error (BUDGET_WINDOW (parent), primary, error->message);
        }
      else
        {
          window = pristine_window (self);
          if (window == NULL)
            window = budget_window_new (GTK_APPLICATION (self), document);
          budget_window_restore_recovered (window, document, entry->id);
          gtk_window_present (GTK_WINDOW (window));
          parent = GTK_WINDOW (window);
        }
    }
  else if (response == GTK_RESPONSE_REJECT)
    budget_recovery_discard (self->recovery, entry->id);
  /* Closed without an answer: the copy stays for the next start. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  offer_next (self, parent);
}

static void
offer_next (BudgetApplication *self,
            GtkWindow         *parent)
{
  BudgetRecoveryEntry *entry;
  g_autofree char *when = NULL;
  GtkWidget *dialog;

  if (self->recovered == NULL || self->recovered->len == 0)
    {
      g_clear_pointer (&self->recovered, g_ptr_array_unref);
      return;
    }
  entry = g_ptr_array_steal_index (self->recovered, 0);
  when = g_date_time_format (entry->edited, "%x %H:%M");
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Restore the unsaved changes to “%s”?"), entry->display_name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Budget Editor closed before they were saved. They were last edited "
                                              "at %s."), when);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Discard Them"), GTK_RESPONSE_REJECT,
                          _("_Restore"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  g_object_set_data_full (G_OBJECT (dialog), "budget-entry", entry, (GDestroyNotify) budget_recovery_entry_free);
  g_signal_connect (dialog, "response", G_CALLBACK (recovered_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * budget_application_offer_recovered:
 * @self: the application
 * @parent: the window to ask over
 *
 * Once per run: offers each document a crashed editor left in the recovery folder (its name and the
 * time of its last edit), one after the other, to restore or discard.
 */
void
budget_application_offer_recovered (BudgetApplication *self,
                                    GtkWindow         *parent)
{
  g_return_if_fail (BUDGET_IS_APPLICATION (self));

  if (self->recovered_offered)
    return;
  self->recovered_offered = TRUE;
  self->recovered = budget_recovery_list (budget_application_get_recovery (self), TRUE);
  offer_next (self, parent);
}

static void
budget_application_activate (GApplication *application)
{
  BudgetApplication *self = BUDGET_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(BudgetDocument) sample = budget_project_load_sample ();

      window = GTK_WINDOW (budget_window_new (GTK_APPLICATION (self), sample));
    }
  gtk_window_present (window);
  budget_application_offer_recovered (self, window);
}

static void
budget_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  BudgetApplication *self = BUDGET_APPLICATION (application);
  GtkWindow *window;

  for (int i = 0; i < n_files; i++)
    budget_application_open_file (self, files[i]);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    budget_application_offer_recovered (self, window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BudgetApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its unsaved changes; the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BudgetApplication *self = user_data;
  static const char *authors[] = { "The Budget Editor authors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Budget Editor"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Prepare a department’s annual budget disclosure: the nine tables, "
                                       "the performance targets and the explanatory text, with every total "
                                       "computed for you."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
};

static void
budget_application_startup (GApplication *application)
{
  GtkApplication *gtk_application = GTK_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL, NULL } },
    { "win.new", { "<Control>n", NULL, NULL } },
    { "win.open", { "<Control>o", NULL, NULL } },
    { "win.save", { "<Control>s", NULL, NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL, NULL } },
    { "win.undo", { "<Control>z", NULL, NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.print", { "<Control>p", NULL, NULL } },
    { "win.export-pdf", { "<Control>e", NULL, NULL } },
    { "win.properties", { "<Alt>Return", NULL, NULL } },
    { "win.next-form", { "<Control>Page_Down", NULL, NULL } },
    { "win.previous-form", { "<Control>Page_Up", NULL, NULL } },
    { "window.close", { "<Control>w", NULL, NULL } },
  };

  G_APPLICATION_CLASS (budget_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_application, accels[i].action, accels[i].accels);
  gtk_window_set_default_icon_name (APP_ID);
}

/* Recovery copies still being written or removed reach the disk before the process ends. */
static void
budget_application_shutdown (GApplication *application)
{
  BudgetApplication *self = BUDGET_APPLICATION (application);

  if (self->recovery != NULL)
    budget_recovery_wait (self->recovery);
  G_APPLICATION_CLASS (budget_application_parent_class)->shutdown (application);
}

static void
budget_application_finalize (GObject *object)
{
  BudgetApplication *self = BUDGET_APPLICATION (object);

  g_clear_pointer (&self->recovered, g_ptr_array_unref);
  g_clear_object (&self->recovery);

  G_OBJECT_CLASS (budget_application_parent_class)->finalize (object);
}

static void
budget_application_class_init (BudgetApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = budget_application_finalize;
  application_class->shutdown = budget_application_shutdown;

  application_class->activate = budget_application_activate;
  application_class->open = budget_application_open;
  application_class->startup = budget_application_startup;
}

static void
budget_application_init (BudgetApplication *self)
{
  g_set_application_name (_("Budget Editor"));
}

/**
 * budget_application_new:
 *
 * Returns: (transfer full): the application
 */
BudgetApplication *
budget_application_new (void)
{
  return g_object_new (BUDGET_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
