/* budget-performance-editor.c: the editor of one 项目绩效目标表: project name, goal, indicator rows
 *
 * The project name is the table's title and its name in the sidebar; it is committed when the officer
 * presses Enter, leaves the field or pauses. The 绩效目标 is a multi-line text, and the indicator rows
 * are a table whose 一级/二级指标 cells offer the values the document's scheme allows.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-form-view.h"
#include "budget-performance-editor.h"

#define NAME_COMMIT_DELAY_MS 1000

struct _BudgetPerformanceEditor
{
  GtkWidget          parent_instance;

  BudgetForm        *form;
  BudgetDocument    *document;
  gulong             text_changed_id;
  gulong             forms_changed_id;
  guint              name_source;
  guint              updating : 1;

  GtkWidget         *title_label;
  GtkWidget         *name_entry;
  GtkWidget         *goal_label;
  BudgetTextField   *goal_field;
  BudgetTableEditor *table_editor;
};

static void budget_performance_editor_form_view_init (BudgetFormViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudgetPerformanceEditor, budget_performance_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BUDGET_TYPE_FORM_VIEW, budget_performance_editor_form_view_init))

static void
update_title (BudgetPerformanceEditor *self)
{
  g_autofree char *title = budget_form_dup_title (self->form);

  gtk_label_set_text (GTK_LABEL (self->title_label), title);
}

static void
load_name (BudgetPerformanceEditor *self)
{
  const char *name = budget_form_get_name (self->form);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), name) == 0)
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  self->updating = FALSE;
}

static gboolean
commit_name (BudgetPerformanceEditor  *self,
             GError                  **error)
{
  g_clear_handle_id (&self->name_source, g_source_remove);
  return budget_document_set_form_text (self->document, self->form, "name",
                                        gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), error);
}

static gboolean
name_timeout (gpointer user_data)
{
  BudgetPerformanceEditor *self = user_data;

  self->name_source = 0;
  commit_name (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_performance_editor_name_changed (BudgetPerformanceEditor *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->name_source, g_source_remove);
  self->name_source = g_timeout_add (NAME_COMMIT_DELAY_MS, name_timeout, self);
}

G_MODULE_EXPORT void
budget_performance_editor_name_activate (BudgetPerformanceEditor *self)
{
  commit_name (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->goal_field));
}

G_MODULE_EXPORT void
budget_performance_editor_name_focus_leave (BudgetPerformanceEditor *self)
{
  if (self->name_source != 0)
    commit_name (self, NULL);
}

static void
form_text_changed (BudgetDocument          *document,
                   BudgetForm              *form,
                   const char              *property,
                   BudgetPerformanceEditor *self)
{
  if (form != self->form)
    return;
  if (g_str_equal (property, "name"))
    {
      load_name (self);
      update_title (self);
    }
}

static void
forms_changed (BudgetDocument          *document,
               guint                    position,
               guint                    removed,
               guint                    added,
               BudgetPerformanceEditor *self)
{
  /* Reordering the tables renumbers them ("3、…"). */
  update_title (self);
}

/**
 * budget_performance_editor_get_name_entry:
 * @self: a performance editor
 *
 * Returns: (transfer none): the project name field (committed on Enter, on leaving it, or after a pause)
 */
GtkEditable *
budget_performance_editor_get_name_entry (BudgetPerformanceEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_PERFORMANCE_EDITOR (self), NULL);

  return GTK_EDITABLE (self->name_entry);
}

/**
 * budget_performance_editor_get_goal_field:
 * @self: a performance editor
 *
 * Returns: (transfer none): the 绩效目标 text field
 */
BudgetTextField *
budget_performance_editor_get_goal_field (BudgetPerformanceEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_PERFORMANCE_EDITOR (self), NULL);

  return self->goal_field;
}

/**
 * budget_performance_editor_get_table_editor:
 * @self: a performance editor
 *
 * Returns: (transfer none): the table of indicator rows
 */
BudgetTableEditor *
budget_performance_editor_get_table_editor (BudgetPerformanceEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_PERFORMANCE_EDITOR (self), NULL);

  return self->table_editor;
}

/* ------------------------------------------------------------------------------------------------ */
/* BudgetFormView                                                                                    */

static BudgetForm *
performance_get_form (BudgetFormView *view)
{
  return BUDGET_PERFORMANCE_EDITOR (view)->form;
}

static gboolean
performance_commit_pending (BudgetFormView  *view,
                            GError         **error)
{
  BudgetPerformanceEditor *self = BUDGET_PERFORMANCE_EDITOR (view);

  if (self->name_source != 0 && !commit_name (self, error))
    return FALSE;
  if (!budget_text_field_commit (self->goal_field, error))
    return FALSE;
  return budget_form_view_commit_pending (BUDGET_FORM_VIEW (self->table_editor), error);
}

static void
performance_cancel_pending (BudgetFormView *view)
{
  budget_form_view_cancel_pending (BUDGET_FORM_VIEW (BUDGET_PERFORMANCE_EDITOR (view)->table_editor));
}

static void
performance_focus_location (BudgetFormView *view,
                            const char     *row_key,
                            int             col)
{
  BudgetPerformanceEditor *self = BUDGET_PERFORMANCE_EDITOR (view);

  if (g_strcmp0 (row_key, "name") == 0)
    gtk_widget_grab_focus (self->name_entry);
  else if (g_strcmp0 (row_key, "goal") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->goal_field));
  else
    budget_form_view_focus_location (BUDGET_FORM_VIEW (self->table_editor), row_key, col);
}

static void
budget_performance_editor_form_view_init (BudgetFormViewInterface *iface)
{
  iface->get_form = performance_get_form;
  iface->commit_pending = performance_commit_pending;
  iface->cancel_pending = performance_cancel_pending;
  iface->focus_location = performance_focus_location;
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static gboolean
budget_performance_editor_grab_focus (GtkWidget *widget)
{
  BudgetPerformanceEditor *self = BUDGET_PERFORMANCE_EDITOR (widget);

  /* A new table starts with its name; an existing one with its indicators. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))[0] == '\0')
    return gtk_widget_grab_focus (self->name_entry);
  return gtk_widget_grab_focus (GTK_WIDGET (self->table_editor));
}

static void
budget_performance_editor_dispose (GObject *object)
{
  BudgetPerformanceEditor *self = BUDGET_PERFORMANCE_EDITOR (object);
  GtkWidget *child;

  if (self->name_source != 0)
    commit_name (self, NULL);
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->text_changed_id, self->document);
      g_clear_signal_handler (&self->forms_changed_id, self->document);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_PERFORMANCE_EDITOR);
  /* dispose_template() only unparents the children bound to fields; the others go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (budget_performance_editor_parent_class)->dispose (object);
}

static void
budget_performance_editor_class_init (BudgetPerformanceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_performance_editor_dispose;
  widget_class->grab_focus = budget_performance_editor_grab_focus;

  g_type_ensure (BUDGET_TYPE_TEXT_FIELD);
  g_type_ensure (BUDGET_TYPE_TABLE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-performance-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetPerformanceEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetPerformanceEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, BudgetPerformanceEditor, goal_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetPerformanceEditor, goal_field);
  gtk_widget_class_bind_template_child (widget_class, BudgetPerformanceEditor, table_editor);
  gtk_widget_class_bind_template_callback (widget_class, budget_performance_editor_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, budget_performance_editor_name_activate);
  gtk_widget_class_bind_template_callback (widget_class, budget_performance_editor_name_focus_leave);
  gtk_widget_class_set_css_name (widget_class, "budget-performance-editor");
}

static void
budget_performance_editor_init (BudgetPerformanceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  budget_table_editor_set_show_title (self->table_editor, FALSE);
}

/**
 * budget_performance_editor_new:
 * @form: a performance table
 *
 * Returns: (transfer floating): a new performance editor
 */
GtkWidget *
budget_performance_editor_new (BudgetForm *form)
{
  BudgetPerformanceEditor *self;
  const char *goal_label;

  g_return_val_if_fail (BUDGET_IS_FORM (form), NULL);

  self = g_object_new (BUDGET_TYPE_PERFORMANCE_EDITOR, NULL);
  self->form = g_object_ref (form);
  self->document = g_object_ref (budget_form_get_document (form));
  self->text_changed_id = g_signal_connect (self->document, "form-text-changed", G_CALLBACK (form_text_changed), self);
  self->forms_changed_id = g_signal_connect (self->document, "forms-changed", G_CALLBACK (forms_changed), self);
  goal_label = budget_form_def_get_goal_label (budget_form_get_def (form));
  if (goal_label != NULL)
    gtk_label_set_text (GTK_LABEL (self->goal_label), goal_label);
  load_name (self);
  budget_text_field_bind (self->goal_field, form, "goal");
  budget_table_editor_set_form (self->table_editor, form);
  update_title (self);
  return GTK_WIDGET (self);
}
