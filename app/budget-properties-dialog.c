/* budget-properties-dialog.c: edits a document's properties: department, year, unit, prior-year figures
 *
 * The prior-year figures (上年预算数) are what the explanatory text compares this year's budget with
 * ("比上年增加…"); they are typed here because no form holds them. Every answer is checked before any is
 * applied, so a dialog with a mistake changes nothing; each changed property is one undoable command.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-properties-dialog.h"

struct _BudgetPropertiesDialog
{
  GtkWindow       parent_instance;

  BudgetDocument *document;
  GHashTable     *fields;       /* meta key → GtkEditable */

  GtkWidget      *code_entry;
  GtkWidget      *name_entry;
  GtkWidget      *year_entry;
  GtkWidget      *unit_entry;
  GtkWidget      *entry_unit_dropdown;
  GtkWidget      *scheme_dropdown;
  GtkWidget      *prior_grid;
  GtkWidget      *error_label;
};

G_DEFINE_FINAL_TYPE (BudgetPropertiesDialog, budget_properties_dialog, GTK_TYPE_WINDOW)

/* Next to each figure the text explains a change of, the reason the generated sentences quote
 * ("主要为增加车辆编制"); left empty, they print "主要为……", which the checks flag. */
static const struct
{
  const char *key;
  const char *label;
  guint       indent;
  const char *reason_key;
} prior_fields[] = {
  { "prior-total", N_("Total budget"), 0, NULL },
  { "prior-basic", N_("Basic expenditure"), 1, "reason-basic" },
  { "prior-project", N_("Project expenditure"), 1, "reason-project" },
  { "prior-sangong", N_("“Three public” expenses"), 0, NULL },
  { "prior-sangong-abroad", N_("Official travel abroad"), 1, "reason-sangong-abroad" },
  { "prior-sangong-car-purchase", N_("Official vehicle purchase"), 1, "reason-sangong-car-purchase" },
  { "prior-sangong-car-running", N_("Official vehicle running costs"), 1, "reason-sangong-car-running" },
  { "prior-sangong-reception", N_("Official reception"), 1, "reason-sangong-reception" },
};

static const char *schemes[] = { "A", "B" };

/* The prior-year rows follow the department rows and their heading in the same grid. */
#define PRIOR_FIRST_ROW 8

/**
 * budget_properties_dialog_get_field:
 * @self: the dialog
 * @key: a metadata key ("department-name", "prior-total", …)
 *
 * Returns: (transfer none) (nullable): the field that edits @key
 */
GtkEditable *
budget_properties_dialog_get_field (BudgetPropertiesDialog *self,
                                    const char             *key)
{
  g_return_val_if_fail (BUDGET_IS_PROPERTIES_DIALOG (self), NULL);

  return g_hash_table_lookup (self->fields, key);
}

static char *
field_value (GtkEditable *field)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (field)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
validate (BudgetPropertiesDialog  *self,
          GError                 **error)
{
  g_autofree char *year = field_value (GTK_EDITABLE (self->year_entry));
  guint64 number;

  if (year != NULL && !g_ascii_string_to_unsigned (year, 10, 2000, 2100, &number, NULL))
    {
      g_set_error_literal (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                           _("The budget year must be a year between 2000 and 2100"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (prior_fields); i++)
    {
      g_autofree char *value = field_value (g_hash_table_lookup (self->fields, prior_fields[i].key));
      g_autoptr(GError) local_error = NULL;
      BudgetAmount amount;

      if (value != NULL && !budget_amount_parse (value, &amount, &local_error))
        {
          g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                       "%s: %s", _(prior_fields[i].label), local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * budget_properties_dialog_apply:
 * @self: the dialog
 * @error: return location for the reason an answer is refused
 *
 * Checks every answer, then sets the properties that changed and closes the dialog.
 *
 * Returns: whether the properties were applied
 */
gboolean
budget_properties_dialog_apply (BudgetPropertiesDialog  *self,
                                GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint scheme = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->scheme_dropdown));

  if (!validate (self, &local_error))
    goto failed;
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *text = field_value (value);

      if (g_str_has_prefix (key, "prior-") && text != NULL)
        {
          BudgetAmount amount;
          g_autofree char *exact = NULL;

          /* Keep the value the officer typed unless it means the same amount as the stored one. */
          budget_amount_parse (text, &amount, NULL);
          exact = budget_amount_format_exact (amount);
          if (budget_document_get_meta (self->document, key) != NULL)
            {
              BudgetAmount old;

              if (budget_amount_parse (budget_document_get_meta (self->document, key), &old, NULL) && old == amount)
                continue;
            }
          g_free (text);
          text = g_steal_pointer (&exact);
        }
      if (!budget_document_set_meta (self->document, key, text, &local_error))
        goto failed;
    }
  if (scheme < G_N_ELEMENTS (schemes) &&
      !budget_document_set_meta (self->document, "performance-scheme", schemes[scheme], &local_error))
    goto failed;
  /* 万元 is the default and is not written. */
  if (!budget_document_set_meta (self->document, "entry-unit",
                                 gtk_drop_down_get_selected (GTK_DROP_DOWN (self->entry_unit_dropdown)) == 1 ? "元" : NULL,
                                 &local_error))
    goto failed;
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;

failed:
  gtk_label_set_text (GTK_LABEL (self->error_label), local_error->message);
  gtk_widget_set_visible (self->error_label, TRUE);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_properties_dialog_apply_clicked (BudgetPropertiesDialog *self)
{
  budget_properties_dialog_apply (self, NULL);
}

G_MODULE_EXPORT void
budget_properties_dialog_cancel_clicked (BudgetPropertiesDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_prior_fields (BudgetPropertiesDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (prior_fields); i++)
    {
      GtkWidget *label = gtk_label_new (_(prior_fields[i].label));
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *unit = gtk_label_new ("万元");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 18 * (int) prior_fields[i].indent);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_widget_add_css_class (entry, "numeric");
      gtk_widget_add_css_class (unit, "dim-label");
      gtk_grid_attach (GTK_GRID (self->prior_grid), label, 0, PRIOR_FIRST_ROW + (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->prior_grid), entry, 1, PRIOR_FIRST_ROW + (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->prior_grid), unit, 2, PRIOR_FIRST_ROW + (int) i, 1, 1);
      g_hash_table_insert (self->fields, (gpointer) prior_fields[i].key, entry);
      if (prior_fields[i].reason_key != NULL)
        {
          GtkWidget *reason = gtk_entry_new ();
          g_autofree char *name = g_strdup_printf (_("Reason for the change: %s"), _(prior_fields[i].label));

          /* Translators: placeholder of a reason field, in the words the text will print after "主要为" */
          gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason for the change, e.g. 增加车辆编制"));
          gtk_editable_set_width_chars (GTK_EDITABLE (reason), 24);
          gtk_widget_set_hexpand (reason, TRUE);
          gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_grid_attach (GTK_GRID (self->prior_grid), reason, 3, PRIOR_FIRST_ROW + (int) i, 1, 1);
          g_hash_table_insert (self->fields, (gpointer) prior_fields[i].reason_key, reason);
        }
    }
}

static void
load (BudgetPropertiesDialog *self)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *scheme = budget_document_get_meta (self->document, "performance-scheme");

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *text = budget_document_get_meta (self->document, key);

      gtk_editable_set_text (value, text != NULL ? text : "");
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scheme_dropdown), g_strcmp0 (scheme, "B") == 0 ? 1 : 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->entry_unit_dropdown),
                              budget_document_get_entry_unit (self->document) == BUDGET_UNIT_YUAN ? 1 : 0);
}

static void
budget_properties_dialog_dispose (GObject *object)
{
  BudgetPropertiesDialog *self = BUDGET_PROPERTIES_DIALOG (object);

  g_clear_object (&self->document);
  /* No gtk_widget_dispose_template() here: in GTK 4.8 it unparents the window's child behind
   * GtkWindow's back, and GtkWindow's own dispose then unparents it a second time. */

  G_OBJECT_CLASS (budget_properties_dialog_parent_class)->dispose (object);
}

static void
budget_properties_dialog_finalize (GObject *object)
{
  BudgetPropertiesDialog *self = BUDGET_PROPERTIES_DIALOG (object);

  g_hash_table_unref (self->fields);

  G_OBJECT_CLASS (budget_properties_dialog_parent_class)->finalize (object);
}

static void
budget_properties_dialog_class_init (BudgetPropertiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_properties_dialog_dispose;
  object_class->finalize = budget_properties_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-properties-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, year_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, entry_unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, prior_grid);
  gtk_widget_class_bind_template_child (widget_class, BudgetPropertiesDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, budget_properties_dialog_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, budget_properties_dialog_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
budget_properties_dialog_init (BudgetPropertiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->fields, (gpointer) "department-code", self->code_entry);
  g_hash_table_insert (self->fields, (gpointer) "department-name", self->name_entry);
  g_hash_table_insert (self->fields, (gpointer) "year", self->year_entry);
  g_hash_table_insert (self->fields, (gpointer) "unit", self->unit_entry);
  add_prior_fields (self);
}

/**
 * budget_properties_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @document: the document
 *
 * Returns: (transfer floating): a new modal dialog showing @document's properties
 */
GtkWidget *
budget_properties_dialog_new (GtkWindow      *parent,
                              BudgetDocument *document)
{
  BudgetPropertiesDialog *self;

  g_return_val_if_fail (BUDGET_IS_DOCUMENT (document), NULL);

  self = g_object_new (BUDGET_TYPE_PROPERTIES_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  load (self);
  return GTK_WIDGET (self);
}
