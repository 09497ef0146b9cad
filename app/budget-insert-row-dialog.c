/* budget-insert-row-dialog.c: asks for the classification code of a new row of a coded table
 *
 * Officers rarely know every code by heart, so the dialog lists the catalog's codes of the level on
 * which amounts are typed (功能分类 项, 经济分类 款) and filters them by code or name as they type. A
 * code that is not in the bundled catalog is allowed with a name (catalogs change every year).
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-insert-row-dialog.h"

struct _BudgetInsertRowDialog
{
  GtkWindow      parent_instance;

  BudgetForm    *form;
  BudgetCatalog *catalog;

  GtkWidget     *search_entry;
  GtkWidget     *code_list;
  GtkWidget     *code_entry;
  GtkWidget     *name_entry;
  GtkWidget     *catalog_name_label;
  GtkWidget     *error_label;
  GtkWidget     *add_button;
};

G_DEFINE_FINAL_TYPE (BudgetInsertRowDialog, budget_insert_row_dialog, GTK_TYPE_WINDOW)

enum {
  INSERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BudgetInsertRowDialog *self,
            const char            *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/**
 * budget_insert_row_dialog_insert:
 * @self: the dialog
 * @code: the code
 * @name: (nullable): the name, or %NULL (or empty) for the catalog's
 * @error: return location for the model's reason to refuse the code
 *
 * Adds the row as one undoable command and closes the dialog.
 *
 * Returns: whether the row was added
 */
gboolean
budget_insert_row_dialog_insert (BudgetInsertRowDialog  *self,
                                 const char             *code,
                                 const char             *name,
                                 GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (code));
  BudgetDocument *document = budget_form_get_document (self->form);

  if (!budget_document_insert_code_row (document, self->form, clean,
                                        name != NULL && name[0] != '\0' ? name : NULL, &local_error))
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_signal_emit (self, signals[INSERTED], 0, clean);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_insert_row_dialog_add_clicked (BudgetInsertRowDialog *self)
{
  budget_insert_row_dialog_insert (self, gtk_editable_get_text (GTK_EDITABLE (self->code_entry)),
                                   gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), NULL);
}

G_MODULE_EXPORT void
budget_insert_row_dialog_cancel_clicked (BudgetInsertRowDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

G_MODULE_EXPORT void
budget_insert_row_dialog_code_changed (BudgetInsertRowDialog *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  const char *name = code[0] != '\0' ? budget_catalog_lookup_name (self->catalog, code) : NULL;

  show_error (self, NULL);
  gtk_label_set_text (GTK_LABEL (self->catalog_name_label),
                      name != NULL ? name : code[0] != '\0' ? _("Not in the catalog: type the name below") : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry),
                                  name != NULL ? name : _("Required for a code that is not in the catalog"));
  gtk_widget_set_sensitive (self->add_button, code[0] != '\0');
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  BudgetInsertRowDialog *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *code = g_object_get_data (G_OBJECT (row), "budget-code");
  const char *name = g_object_get_data (G_OBJECT (row), "budget-name");

  if (query[0] == '\0')
    return TRUE;
  return g_str_has_prefix (code, query) || (name != NULL && strstr (name, query) != NULL);
}

G_MODULE_EXPORT void
budget_insert_row_dialog_search_changed (BudgetInsertRowDialog *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->code_list));
}

static GtkListBoxRow *
first_visible_row (BudgetInsertRowDialog *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->code_list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

G_MODULE_EXPORT void
budget_insert_row_dialog_search_activate (BudgetInsertRowDialog *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (self->code_list), row);
      gtk_widget_grab_focus (self->add_button);
    }
}

G_MODULE_EXPORT void
budget_insert_row_dialog_row_selected (BudgetInsertRowDialog *self,
                                       GtkListBoxRow         *row)
{
  if (row == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), g_object_get_data (G_OBJECT (row), "budget-code"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
}

G_MODULE_EXPORT void
budget_insert_row_dialog_row_activated (BudgetInsertRowDialog *self,
                                        GtkListBoxRow         *row)
{
  budget_insert_row_dialog_row_selected (self, row);
  budget_insert_row_dialog_add_clicked (self);
}

static void
fill_codes (BudgetInsertRowDialog *self)
{
  GPtrArray *codes = budget_catalog_list_codes (self->catalog);
  guint n_levels = budget_catalog_get_n_levels (self->catalog);
  gsize leaf = budget_catalog_get_level_length (self->catalog, n_levels - 1);

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      const char *name = budget_catalog_lookup_name (self->catalog, code);
      gboolean present = budget_form_find_row (self->form, code) >= 0 &&
                         budget_form_row_is_own (self->form, (guint) budget_form_find_row (self->form, code));
      GtkWidget *row, *box, *code_label, *name_label;

      if (strlen (code) != leaf)
        continue;
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      code_label = gtk_label_new (code);
      gtk_widget_add_css_class (code_label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (code_label), (int) leaf + 1);
      gtk_label_set_xalign (GTK_LABEL (code_label), 0);
      name_label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (name_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name_label, TRUE);
      gtk_box_append (GTK_BOX (box), code_label);
      gtk_box_append (GTK_BOX (box), name_label);
      if (present)
        {
          GtkWidget *mark = gtk_label_new (_("in the table"));

          gtk_widget_add_css_class (mark, "dim-label");
          gtk_box_append (GTK_BOX (box), mark);
        }
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "budget-code", g_strdup (code), g_free);
      g_object_set_data_full (G_OBJECT (row), "budget-name", g_strdup (name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->code_list), row);
    }
}

static void
budget_insert_row_dialog_dispose (GObject *object)
{
  BudgetInsertRowDialog *self = BUDGET_INSERT_ROW_DIALOG (object);

  g_clear_object (&self->form);
  /* No gtk_widget_dispose_template() here: in GTK 4.8 it unparents the window's child behind
   * GtkWindow's back, and GtkWindow's own dispose then unparents it a second time. */

  G_OBJECT_CLASS (budget_insert_row_dialog_parent_class)->dispose (object);
}

static void
budget_insert_row_dialog_class_init (BudgetInsertRowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_insert_row_dialog_dispose;

  /**
   * BudgetInsertRowDialog::inserted:
   * @dialog: the dialog
   * @code: the code of the new row
   */
  signals[INSERTED] =
    g_signal_new ("inserted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-insert-row-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, code_list);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, catalog_name_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetInsertRowDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_code_changed);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, budget_insert_row_dialog_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
budget_insert_row_dialog_init (BudgetInsertRowDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->code_list), filter_row, self, NULL);
}

/**
 * budget_insert_row_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @form: a coded form whose rows officers add
 *
 * Returns: (transfer floating): a new modal dialog
 */
GtkWidget *
budget_insert_row_dialog_new (GtkWindow  *parent,
                              BudgetForm *form)
{
  BudgetInsertRowDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (BUDGET_IS_FORM (form), NULL);

  self = g_object_new (BUDGET_TYPE_INSERT_ROW_DIALOG, "transient-for", parent, NULL);
  self->form = g_object_ref (form);
  self->catalog = budget_form_get_catalog (form);
  /* Translators: the title of the dialog that adds a code row, e.g. "Insert a Row into 一般公共预算支出表" */
  title = g_strdup_printf (_("Insert a Row into %s"), budget_form_get_short_title (form));
  gtk_window_set_title (GTK_WINDOW (self), title);
  fill_codes (self);
  budget_insert_row_dialog_code_changed (self);
  gtk_widget_grab_focus (self->search_entry);
  return GTK_WIDGET (self);
}
