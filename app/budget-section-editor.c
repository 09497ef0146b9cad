/* budget-section-editor.c: the editor of an explanatory text section (部门预算公开 说明)
 *
 * One multi-line text under the section's title. Titles such as "{department}{year}年…" follow the
 * document's properties.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-form-view.h"
#include "budget-section-editor.h"

struct _BudgetSectionEditor
{
  GtkWidget        parent_instance;

  BudgetForm      *form;
  BudgetDocument  *document;
  gulong           meta_changed_id;

  GtkWidget       *title_label;
  BudgetTextField *field;
};

static void budget_section_editor_form_view_init (BudgetFormViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudgetSectionEditor, budget_section_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (BUDGET_TYPE_FORM_VIEW, budget_section_editor_form_view_init))

static void
update_title (BudgetSectionEditor *self)
{
  g_autofree char *title = budget_form_dup_title (self->form);

  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (budget_text_field_get_view (self->field)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
meta_changed (BudgetDocument      *document,
              const char          *key,
              BudgetSectionEditor *self)
{
  update_title (self);
}

/**
 * budget_section_editor_get_field:
 * @self: a section editor
 *
 * Returns: (transfer none): its text field
 */
BudgetTextField *
budget_section_editor_get_field (BudgetSectionEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_SECTION_EDITOR (self), NULL);

  return self->field;
}

/**
 * budget_section_editor_select_range:
 * @self: a section editor
 * @start: a character offset in the section's text
 * @end: the character offset after the words to select
 *
 * Selects words of the text (the sentence a finding quotes), scrolls them into view and gives the
 * text the keyboard focus.
 */
void
budget_section_editor_select_range (BudgetSectionEditor *self,
                                    int                  start,
                                    int                  end)
{
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter from, to;

  g_return_if_fail (BUDGET_IS_SECTION_EDITOR (self));

  view = budget_text_field_get_view (self->field);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &from, MAX (start, 0));
  gtk_text_buffer_get_iter_at_offset (buffer, &to, MAX (end, start));
  gtk_text_buffer_select_range (buffer, &to, &from);
  gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static BudgetForm *
section_get_form (BudgetFormView *view)
{
  return BUDGET_SECTION_EDITOR (view)->form;
}

static gboolean
section_commit_pending (BudgetFormView  *view,
                        GError         **error)
{
  return budget_text_field_commit (BUDGET_SECTION_EDITOR (view)->field, error);
}

static void
section_focus_location (BudgetFormView *view,
                        const char     *row_key,
                        int             col)
{
  gtk_widget_grab_focus (GTK_WIDGET (BUDGET_SECTION_EDITOR (view)->field));
}

static void
budget_section_editor_form_view_init (BudgetFormViewInterface *iface)
{
  iface->get_form = section_get_form;
  iface->commit_pending = section_commit_pending;
  iface->focus_location = section_focus_location;
}

static gboolean
budget_section_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (BUDGET_SECTION_EDITOR (widget)->field));
}

static void
budget_section_editor_dispose (GObject *object)
{
  BudgetSectionEditor *self = BUDGET_SECTION_EDITOR (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_clear_signal_handler (&self->meta_changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_SECTION_EDITOR);
  /* dispose_template() only unparents the children bound to fields; the others go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (budget_section_editor_parent_class)->dispose (object);
}

static void
budget_section_editor_class_init (BudgetSectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_section_editor_dispose;
  widget_class->grab_focus = budget_section_editor_grab_focus;

  g_type_ensure (BUDGET_TYPE_TEXT_FIELD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-section-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, field);
  gtk_widget_class_set_css_name (widget_class, "budget-section-editor");
}

static void
budget_section_editor_init (BudgetSectionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * budget_section_editor_new:
 * @form: a text section
 *
 * Returns: (transfer floating): a new section editor
 */
GtkWidget *
budget_section_editor_new (BudgetForm *form)
{
  BudgetSectionEditor *self;

  g_return_val_if_fail (BUDGET_IS_FORM (form), NULL);

  self = g_object_new (BUDGET_TYPE_SECTION_EDITOR, NULL);
  self->form = g_object_ref (form);
  self->document = g_object_ref (budget_form_get_document (form));
  self->meta_changed_id = g_signal_connect (self->document, "meta-changed", G_CALLBACK (meta_changed), self);
  budget_text_field_bind (self->field, form, "text");
  update_title (self);
  return GTK_WIDGET (self);
}
