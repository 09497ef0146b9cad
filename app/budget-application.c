/* budget-application.c: the Budget Editor application: windows, command line files, app actions
 *
 * Started without files it opens the bundled sample project, so that an officer sees a complete
 * disclosure at once; files given on the command line (or opened from the desktop) open in their own
 * windows. A file that does not load is reported over a window with its message.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-application.h"
#include "budget-window.h"

struct _BudgetApplication
{
  GtkApplication parent_instance;
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
  BudgetWindow *window = pristine_window (self);

  /* As on the command line, "sample" is the bundled sample project. */
  if (path != NULL && g_str_equal (name, "sample") && !g_file_test (path, G_FILE_TEST_EXISTS))
    document = budget_project_load_sample ();
  else if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("“%s” is not a local file"), name);
  else
    document = budget_project_load_file (path, &error);

  if (document == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

      if (window == NULL)
        {
          g_autoptr(BudgetDocument) empty = budget_document_new ();

          window = budget_window_new (GTK_APPLICATION (self), empty);
        }
      gtk_window_present (GTK_WINDOW (window));
      budget_window_show_error (window, primary, error->message);
      return;
    }
  if (window == NULL)
    window = budget_window_new (GTK_APPLICATION (self), document);
  else
    budget_window_set_document (window, document);
  if (path != NULL && budget_document_get_path (document) != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  gtk_window_present (GTK_WINDOW (window));
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
}

static void
budget_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    budget_application_open_file (BUDGET_APPLICATION (application), files[i]);
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

static void
budget_application_class_init (BudgetApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

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
