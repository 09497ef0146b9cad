/* budget-table-editor.c: the editor of a form drawn as a table: title, row commands, grid, notes
 *
 * Fixed-layout tables (T1, T4, T9, FA), coded tables (T2, T3, T5–T8, NF) and list tables (ORG, GP) all
 * use this editor; the performance editor embeds one for its indicator rows. Which row commands it
 * offers follows the form's definition: coded tables whose rows officers add get "Insert Row…", list
 * tables get "Add Row", fixed tables neither.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-form-view.h"
#include "budget-insert-row-dialog.h"
#include "budget-table-editor.h"

struct _BudgetTableEditor
{
  GtkWidget       parent_instance;

  BudgetForm     *form;
  BudgetDocument *document;
  gulong          text_changed_id;
  gulong          meta_changed_id;
  gulong          rows_changed_id;

  GtkWidget      *title_label;
  GtkWidget      *toolbar;
  GtkWidget      *insert_row_button;
  GtkWidget      *add_row_button;
  GtkWidget      *delete_rows_button;
  GtkWidget      *legend;
  GtkWidget      *scrolled;
  BudgetGrid     *grid;
  GtkWidget      *notes_label;
  GMenuModel     *row_menu;
};

static void budget_table_editor_form_view_init (BudgetFormViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudgetTableEditor, budget_table_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BUDGET_TYPE_FORM_VIEW, budget_table_editor_form_view_init))

enum {
  PROP_0,
  PROP_FORM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
form_adds_code_rows (BudgetForm *form)
{
  return budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED &&
         budget_form_def_has_own_rows (budget_form_get_def (form));
}

static gboolean
form_adds_list_rows (BudgetForm *form)
{
  BudgetFormKind kind = budget_form_get_kind (form);

  return kind == BUDGET_FORM_KIND_LIST || kind == BUDGET_FORM_KIND_PERFORMANCE;
}

/* Whether any cell of the form is computed, so that the typed/computed legend means something. */
static gboolean
form_has_computed_cells (BudgetForm *form)
{
  BudgetFormDef *def = budget_form_get_def (form);

  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    return TRUE;
  for (guint c = 0; c < budget_form_def_get_n_columns (def); c++)
    {
      if (budget_form_def_get_column (def, c)->formula != NULL)
        return TRUE;
      for (guint r = 0; r < budget_form_def_get_n_fixed_rows (def); r++)
        if (budget_form_def_get_fixed_row (def, r)->cells[c].kind == BUDGET_CELL_DEF_FORMULA)
          return TRUE;
    }
  return FALSE;
}

static gboolean
row_deletable (BudgetForm *form,
               guint       row)
{
  switch (budget_form_get_row_kind (form, row))
    {
    case BUDGET_ROW_LIST:
      return TRUE;
    case BUDGET_ROW_LEAF:
      return budget_form_row_is_own (form, row);
    case BUDGET_ROW_PARENT:
      return form_adds_code_rows (form);
    case BUDGET_ROW_TOTAL:
    case BUDGET_ROW_FIXED:
    default:
      return FALSE;
    }
}

static void
update_actions (BudgetTableEditor *self)
{
  gboolean deletable = FALSE;
  guint r1, r2;

  if (self->form != NULL && budget_form_get_n_rows (self->form) > 0)
    {
      budget_grid_get_selection (self->grid, &r1, NULL, &r2, NULL);
      for (guint r = r1; r <= r2 && r < budget_form_get_n_rows (self->form) && !deletable; r++)
        deletable = row_deletable (self->form, r);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.delete-rows", deletable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.insert-row",
                                 self->form != NULL && form_adds_code_rows (self->form));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.add-row",
                                 self->form != NULL && form_adds_list_rows (self->form));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.new-row",
                                 self->form != NULL && (form_adds_list_rows (self->form) ||
                                                        form_adds_code_rows (self->form)));
}

static void
update_title (BudgetTableEditor *self)
{
  g_autofree char *title = NULL;

  if (self->form == NULL)
    return;
  /* The caption line under the title (department, year, unit) is the grid's: it comes from the
   * same table layout as the PDF's. */
  title = budget_form_dup_title (self->form);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
}

static void
update_notes (BudgetTableEditor *self)
{
  BudgetFormDef *def;
  const char * const *notes;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->form == NULL)
    return;
  def = budget_form_get_def (self->form);
  if (budget_form_is_empty (self->form) && budget_form_def_get_empty_note (def) != NULL)
    g_string_append (text, budget_form_def_get_empty_note (def));
  notes = budget_form_def_get_notes (def);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    {
      g_autofree char *expanded = budget_document_expand (self->document, notes[i]);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, expanded);
    }
  gtk_label_set_text (GTK_LABEL (self->notes_label), text->str);
  gtk_widget_set_visible (self->notes_label, text->len > 0);
}

static void
form_text_changed (BudgetDocument    *document,
                   BudgetForm        *form,
                   const char        *property,
                   BudgetTableEditor *self)
{
  /* A performance table's title carries its project name and its number. */
  if (BUDGET_IS_PERFORMANCE_TABLE (self->form))
    update_title (self);
}

static void
meta_changed (BudgetDocument    *document,
              const char        *key,
              BudgetTableEditor *self)
{
  update_title (self);
  update_notes (self);
}

static void
rows_changed (BudgetDocument    *document,
              BudgetForm        *form,
              BudgetTableEditor *self)
{
  if (form != self->form)
    return;
  update_notes (self);
  update_actions (self);
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_table_editor_grid_cursor_moved (BudgetGrid        *grid,
                                       BudgetTableEditor *self)
{
  update_actions (self);
}

/**
 * budget_table_editor_set_form:
 * @self: a table editor
 * @form: (nullable): the form to edit
 */
void
budget_table_editor_set_form (BudgetTableEditor *self,
                              BudgetForm        *form)
{
  g_return_if_fail (BUDGET_IS_TABLE_EDITOR (self));

  if (self->form == form)
    return;
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->text_changed_id, self->document);
      g_clear_signal_handler (&self->meta_changed_id, self->document);
      g_clear_signal_handler (&self->rows_changed_id, self->document);
    }
  g_clear_object (&self->document);
  g_set_object (&self->form, form);
  if (form != NULL)
    {
      self->document = g_object_ref (budget_form_get_document (form));
      self->text_changed_id = g_signal_connect (self->document, "form-text-changed", G_CALLBACK (form_text_changed), self);
      self->meta_changed_id = g_signal_connect (self->document, "meta-changed", G_CALLBACK (meta_changed), self);
      self->rows_changed_id = g_signal_connect (self->document, "rows-changed", G_CALLBACK (rows_changed), self);
      gtk_widget_set_visible (self->insert_row_button, form_adds_code_rows (form));
      gtk_widget_set_visible (self->add_row_button, form_adds_list_rows (form));
      gtk_widget_set_visible (self->delete_rows_button, form_adds_code_rows (form) || form_adds_list_rows (form));
      gtk_widget_set_visible (self->legend, form_has_computed_cells (form));
    }
  budget_grid_set_form (self->grid, form);
  update_title (self);
  update_notes (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
}

/**
 * budget_table_editor_get_form:
 * @self: a table editor
 *
 * Returns: (transfer none) (nullable): the form edited
 */
BudgetForm *
budget_table_editor_get_form (BudgetTableEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_EDITOR (self), NULL);

  return self->form;
}

/**
 * budget_table_editor_get_grid:
 * @self: a table editor
 *
 * Returns: (transfer none): the editor's grid
 */
BudgetGrid *
budget_table_editor_get_grid (BudgetTableEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_EDITOR (self), NULL);

  return self->grid;
}

/**
 * budget_table_editor_set_show_title:
 * @self: a table editor
 * @show_title: whether to show the form's title above the table
 *
 * The performance editor shows the title above the project's name and goal instead.
 */
void
budget_table_editor_set_show_title (BudgetTableEditor *self,
                                    gboolean           show_title)
{
  g_return_if_fail (BUDGET_IS_TABLE_EDITOR (self));

  gtk_widget_set_visible (self->title_label, show_title);
}

/* ------------------------------------------------------------------------------------------------ */
/* Row commands                                                                                      */

static void
row_inserted (BudgetInsertRowDialog *dialog,
              const char            *code,
              BudgetTableEditor     *self)
{
  int row = budget_form_find_row (self->form, code);
  guint col;

  if (row < 0)
    return;
  budget_grid_get_cursor (self->grid, NULL, &col);
  /* Put the cursor on the new row's first typed cell, ready for its amounts. */
  for (guint c = 0; c < budget_form_get_n_columns (self->form); c++)
    if (budget_form_get_cell_kind (self->form, (guint) row, c) == BUDGET_CELL_ENTERED)
      {
        col = c;
        break;
      }
  budget_grid_focus_cell (self->grid, (guint) row, col);
}

static void
insert_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (widget);
  GtkWidget *dialog;

  if (!budget_grid_commit_edit (self->grid, NULL))
    return;
  dialog = budget_insert_row_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->form);
  g_signal_connect_object (dialog, "inserted", G_CALLBACK (row_inserted), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint n = budget_form_get_n_rows (self->form);
  guint row, col, position;

  if (!budget_grid_commit_edit (self->grid, NULL))
    return;
  budget_grid_get_selection (self->grid, NULL, NULL, &row, NULL);
  budget_grid_get_cursor (self->grid, NULL, &col);
  position = n == 0 ? 0 : row + 1;
  if (!budget_document_insert_list_row (self->document, self->form, position, &error))
    {
      budget_grid_show_message (self->grid, row, col, error->message);
      return;
    }
  budget_grid_focus_cell (self->grid, position, n == 0 ? 0 : col);
}

/* Ctrl+Plus: a code row on coded tables (asking for the code), an empty row on list tables. */
static void
new_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (widget);

  if (form_adds_code_rows (self->form))
    insert_row_action (widget, "table.insert-row", NULL);
  else if (form_adds_list_rows (self->form))
    add_row_action (widget, "table.add-row", NULL);
}

static void
delete_rows_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint r1, r2, col;

  budget_grid_cancel_edit (self->grid);
  if (budget_form_get_n_rows (self->form) == 0)
    return;
  budget_grid_get_selection (self->grid, &r1, NULL, &r2, NULL);
  budget_grid_get_cursor (self->grid, NULL, &col);
  if (!budget_document_delete_rows (self->document, self->form, r1, r2 - r1 + 1, &error))
    {
      budget_grid_show_message (self->grid, r1, col, error->message);
      return;
    }
  if (budget_form_get_n_rows (self->form) > 0)
    budget_grid_focus_cell (self->grid, MIN (r1, budget_form_get_n_rows (self->form) - 1), col);
}

/* ------------------------------------------------------------------------------------------------ */
/* BudgetFormView                                                                                    */

static BudgetForm *
table_editor_get_form (BudgetFormView *view)
{
  return BUDGET_TABLE_EDITOR (view)->form;
}

static gboolean
table_editor_commit_pending (BudgetFormView  *view,
                             GError         **error)
{
  return budget_grid_commit_edit (BUDGET_TABLE_EDITOR (view)->grid, error);
}

static void
table_editor_cancel_pending (BudgetFormView *view)
{
  budget_grid_cancel_edit (BUDGET_TABLE_EDITOR (view)->grid);
}

static void
table_editor_focus_location (BudgetFormView *view,
                             const char     *row_key,
                             int             col)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (view);
  int row = row_key != NULL ? budget_form_find_row (self->form, row_key) : -1;
  guint cursor_row, cursor_col;

  budget_grid_get_cursor (self->grid, &cursor_row, &cursor_col);
  if (row < 0)
    row = (int) MIN (cursor_row, MAX (budget_form_get_n_rows (self->form), 1) - 1);
  budget_grid_focus_cell (self->grid, (guint) row, col >= 0 ? (guint) col : cursor_col);
}

static void
budget_table_editor_form_view_init (BudgetFormViewInterface *iface)
{
  iface->get_form = table_editor_get_form;
  iface->commit_pending = table_editor_commit_pending;
  iface->cancel_pending = table_editor_cancel_pending;
  iface->focus_location = table_editor_focus_location;
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static gboolean
budget_table_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (BUDGET_TABLE_EDITOR (widget)->grid));
}

static void
budget_table_editor_dispose (GObject *object)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (object);
  GtkWidget *child;

  budget_table_editor_set_form (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_TABLE_EDITOR);
  /* dispose_template() only unparents the children bound to fields; the others go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (budget_table_editor_parent_class)->dispose (object);
}

static void
budget_table_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FORM:
      g_value_set_object (value, self->form);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_table_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BudgetTableEditor *self = BUDGET_TABLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FORM:
      budget_table_editor_set_form (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_table_editor_class_init (BudgetTableEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_table_editor_dispose;
  object_class->get_property = budget_table_editor_get_property;
  object_class->set_property = budget_table_editor_set_property;
  widget_class->grab_focus = budget_table_editor_grab_focus;

  properties[PROP_FORM] =
    g_param_spec_object ("form", NULL, NULL, BUDGET_TYPE_FORM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BUDGET_TYPE_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-table-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, toolbar);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, insert_row_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, add_row_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, delete_rows_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, legend);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, notes_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetTableEditor, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, budget_table_editor_grid_cursor_moved);

  gtk_widget_class_install_action (widget_class, "table.insert-row", NULL, insert_row_action);
  gtk_widget_class_install_action (widget_class, "table.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "table.delete-rows", NULL, delete_rows_action);
  gtk_widget_class_install_action (widget_class, "table.new-row", NULL, new_row_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "table.new-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "table.new-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "table.new-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "table.new-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "table.delete-rows", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "table.delete-rows", NULL);

  gtk_widget_class_set_css_name (widget_class, "budget-table-editor");
}

static void
budget_table_editor_init (BudgetTableEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  budget_grid_set_extra_menu (self->grid, self->row_menu);
}

/**
 * budget_table_editor_new:
 * @form: (nullable): the form to edit
 *
 * Returns: (transfer floating): a new table editor
 */
GtkWidget *
budget_table_editor_new (BudgetForm *form)
{
  return g_object_new (BUDGET_TYPE_TABLE_EDITOR, "form", form, NULL);
}
