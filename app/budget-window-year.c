/* budget-window-year.c: the year around a disclosure, in the window: start next year from this project (one
 * undoable step), import the province's official catalogue of a year */

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "budget-window-private.h"

typedef struct
{
  BudgetWindow *window;
  char         *text;
  char         *file_name;
  GtkWidget    *kind_dropdown;
  GtkWidget    *year_spin;
} CatalogImport;

static void
catalog_import_free (CatalogImport *import)
{
  g_free (import->text);
  g_free (import->file_name);
  g_free (import);
}

/* A list of 3xx codes is the 经济分类, of 2xx codes the 支出功能分类. */
static guint
guess_kind (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((p == text || p[-1] == '\n') && g_ascii_isdigit (*p))
      return *p == '3' ? 1 : 0;
  return 0;
}

static void
show_message (BudgetWindow   *self,
              GtkMessageType  type,
              const char     *primary,
              const char     *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
catalog_import_response (GtkDialog     *dialog,
                         int            response,
                         CatalogImport *import)
{
  static const char *kinds[] = { "function", "economic" };
  g_autoptr(GError) error = NULL;
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (import->kind_dropdown));
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (import->year_spin));
  guint n_codes = 0;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    {
      catalog_import_free (import);
      return;
    }
  if (!budget_catalog_import (kinds[MIN (kind, 1)], year, import->text, &n_codes, &error))
    {
      g_autofree char *primary = g_strdup_printf (_("Could not import the catalogue %s"), import->file_name);

      budget_window_show_error (import->window, primary, error->message);
    }
  else
    {
      g_autofree char *primary = g_strdup_printf (_("Imported %u codes as the %d catalogue"), n_codes, year);

      show_message (import->window, GTK_MESSAGE_INFO, primary,
                    _("Projects of that year, and of later years without a catalogue of their own, check their codes "
                      "and take their names from it."));
    }
  catalog_import_free (import);
}

static void
catalog_file_response (GtkNativeDialog *chooser,
                       int              response,
                       BudgetWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CatalogImport *import;
  GtkWidget *dialog, *grid, *label;
  int year;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!g_file_load_contents (file, NULL, &text, NULL, NULL, &error))
    {
      budget_window_show_error (self, _("Could not read the catalogue"), error->message);
      return;
    }
  import = g_new0 (CatalogImport, 1);
  import->window = self;
  import->text = g_steal_pointer (&text);
  import->file_name = g_file_get_basename (file);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, _("Import %s as the catalogue of"),
                                   import->file_name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Each line holds a code and its name, separated by a tab."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Import"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  label = gtk_label_new (_("Classification"));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  import->kind_dropdown = gtk_drop_down_new_from_strings ((const char * const[]) { _("Functional (支出功能分类)"),
                                                                                  _("Economic (经济分类)"), NULL });
  gtk_drop_down_set_selected (GTK_DROP_DOWN (import->kind_dropdown), guess_kind (import->text));
  gtk_grid_attach (GTK_GRID (grid), import->kind_dropdown, 1, 0, 1, 1);
  label = gtk_label_new (_("Budget year"));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  year = self->document != NULL ? budget_document_get_year (self->document) : 0;
  import->year_spin = gtk_spin_button_new_with_range (2000, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (import->year_spin), year > 0 ? year : 2024);
  gtk_grid_attach (GTK_GRID (grid), import->year_spin, 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))), grid);
  g_signal_connect (dialog, "response", G_CALLBACK (catalog_import_response), import);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_catalog_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import a Catalogue"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Code lists (TSV, text)"));
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (catalog_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * budget_window_start_next_year:
 * @self: a window
 * @clear_amounts: whether the typed amounts are cleared
 *
 * Turns the window's project into next year's as one undoable step and tells the officer what to review.
 *
 * Returns: (transfer full): the lines of the report
 */
GPtrArray *
budget_window_start_next_year (BudgetWindow *self,
                               gboolean      clear_amounts)
{
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BudgetCommand) command = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *primary = NULL;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self) && self->document != NULL, NULL);
  command = budget_next_year_command_new (self->document, clear_amounts, report);
  budget_document_execute (self->document, command);
  primary = g_strdup_printf (_("The project is now the %d budget"), budget_document_get_year (self->document));
  g_string_append (text, _("This year's figures are kept as last year's: the text compares with them, and the checks "
                           "report every sentence that still gives last year's changes. Undo takes it all back."));
  for (guint i = 0; i < report->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (report, i));
  show_message (self, GTK_MESSAGE_INFO, primary, text->str);
  return g_steal_pointer (&report);
}

static void
next_year_response (GtkDialog    *dialog,
                    int           response,
                    BudgetWindow *self)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (dialog), "clear-amounts");
  gboolean clear = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    g_ptr_array_unref (budget_window_start_next_year (self, clear));
}

static void
new_year_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkWidget *dialog, *check;
  int year;

  if (self->document == NULL)
    return;
  year = budget_document_get_year (self->document);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, _("Start %d from this project?"), year + 1);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("The year moves on to %d everywhere the project names it; this year's "
                                              "figures become last year's (上年数); the text, 机构设置 and performance "
                                              "tables are carried over. Save the result under a new name."),
                                            year + 1);
  check = gtk_check_button_new_with_mnemonic (_("_Clear this year's typed amounts"));
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))), check);
  g_object_set_data (G_OBJECT (dialog), "clear-amounts", check);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Start"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (next_year_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
budget_window_year_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-year", NULL, new_year_action);
  gtk_widget_class_install_action (widget_class, "win.import-catalog", NULL, import_catalog_action);
}
