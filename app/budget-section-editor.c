/* budget-section-editor.c: the editor of an explanatory text section (部门预算公开 说明)
 *
 * One multi-line text under the section's title. Titles such as "{department}{year}年…" follow the
 * document's properties. The numeric sentences of a section (收入说明, 三公 …) can be live: a token
 * such as {{income}} in the text stands for the sentence generated from the tables, and the preview
 * under the text shows the section as printed, following every edit of the tables.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-form-view.h"
#include "budget-section-editor.h"
#include "text/budget-text-generator.h"

struct _BudgetSectionEditor
{
  GtkWidget        parent_instance;

  BudgetForm      *form;
  BudgetDocument  *document;
  gulong           meta_changed_id;
  gulong           cells_changed_id;
  gulong           rows_changed_id;
  gulong           text_changed_id;

  GtkWidget       *title_label;
  GtkWidget       *live_toolbar;
  GtkWidget       *insert_button;
  BudgetTextField *field;
  GtkWidget       *preview_box;
  GtkWidget       *preview_label;
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

/* Live-sentence tokens stand out in the text, so that they read as placeholders for the generated
 * sentences rather than as words typed by mistake. */
static void
highlight_tokens (GtkTextBuffer       *buffer,
                  BudgetSectionEditor *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "budget-live-token");
  GtkTextIter start, end, from, match_start, match_end;

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "budget-live-token",
                                      "foreground", "#1a5fb4", "background", "#e3edfa",
                                      "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  from = start;
  while (gtk_text_iter_forward_search (&from, "{{", 0, &match_start, &match_end, NULL))
    {
      GtkTextIter close_start, close_end;

      if (!gtk_text_iter_forward_search (&match_end, "}}", 0, &close_start, &close_end, NULL))
        break;
      gtk_text_buffer_apply_tag (buffer, tag, &match_start, &close_end);
      from = close_end;
    }
}

/* The preview is shown while the text holds live sentences: it is the text as printed. */
static void
update_preview (BudgetSectionEditor *self)
{
  const char *text = budget_form_get_text (self->form);
  gboolean live = text != NULL && strstr (text, "{{") != NULL;

  gtk_widget_set_visible (self->preview_box, live);
  if (live)
    gtk_label_set_text (GTK_LABEL (self->preview_label), budget_form_get_rendered_text (self->form));
  else
    gtk_label_set_text (GTK_LABEL (self->preview_label), "");
}

static void
meta_changed (BudgetDocument      *document,
              const char          *key,
              BudgetSectionEditor *self)
{
  update_title (self);
  /* The prior-year figures and the reasons for changes are in the sentences. */
  update_preview (self);
}

static void
cells_changed (BudgetDocument      *document,
               GArray              *cells,
               BudgetSectionEditor *self)
{
  update_preview (self);
}

static void
rows_changed (BudgetDocument      *document,
              BudgetForm          *form,
              BudgetSectionEditor *self)
{
  update_preview (self);
}

static void
form_text_changed (BudgetDocument      *document,
                   BudgetForm          *form,
                   const char          *property,
                   BudgetSectionEditor *self)
{
  if (form == self->form)
    update_preview (self);
}

/**
 * budget_section_editor_get_preview:
 * @self: a section editor
 *
 * Returns: the preview's text: the section as printed (empty while the text has no live sentence)
 */
const char *
budget_section_editor_get_preview (BudgetSectionEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_SECTION_EDITOR (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->preview_label));
}

/* section.insert-sentence("income"): the token at the caret, as one undo step. */
static void
insert_sentence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BudgetSectionEditor *self = BUDGET_SECTION_EDITOR (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GtkTextView *view = budget_text_field_get_view (self->field);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *token = g_strdup_printf ("{{%s}}", id);
  g_autoptr(GError) error = NULL;

  if (budget_text_sentence_get_title (id) == NULL)
    return;
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, token, -1);
  if (!budget_text_field_commit (self->field, &error))
    g_warning ("The sentence was not inserted: %s", error->message);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* section.use-live-numbers: every numeric sentence typed in the section becomes its token. */
static void
use_live_numbers_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BudgetSectionEditor *self = BUDGET_SECTION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;
  const char *text;

  if (!budget_text_field_commit (self->field, &error))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  text = budget_form_get_text (self->form);
  live = budget_text_make_live (self->document, budget_form_get_id (self->form), text != NULL ? text : "");
  if (g_strcmp0 (live, text) == 0)
    {
      /* Nothing typed looks like a generated sentence. */
      gtk_widget_error_bell (widget);
      return;
    }
  if (!budget_document_set_form_text (self->document, self->form, "text", live, &error))
    g_warning ("The live numbers were not applied: %s", error->message);
}

/* The sentences that belong in this section, for the Insert menu. */
static void
build_insert_menu (BudgetSectionEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char * const *ids = budget_text_sentence_ids ();
  guint n = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (budget_text_sentence_get_section (ids[i]), budget_form_get_id (self->form)) != 0)
        continue;
      item = g_menu_item_new (budget_text_sentence_get_title (ids[i]), NULL);
      g_menu_item_set_action_and_target (item, "section.insert-sentence", "s", ids[i]);
      g_menu_append_item (menu, item);
      n++;
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->insert_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->live_toolbar, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.use-live-numbers", n > 0);
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
    {
      g_clear_signal_handler (&self->meta_changed_id, self->document);
      g_clear_signal_handler (&self->cells_changed_id, self->document);
      g_clear_signal_handler (&self->rows_changed_id, self->document);
      g_clear_signal_handler (&self->text_changed_id, self->document);
    }
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
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, live_toolbar);
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, insert_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, field);
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, preview_box);
  gtk_widget_class_bind_template_child (widget_class, BudgetSectionEditor, preview_label);
  gtk_widget_class_install_action (widget_class, "section.insert-sentence", "s", insert_sentence_action);
  gtk_widget_class_install_action (widget_class, "section.use-live-numbers", NULL, use_live_numbers_action);
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
  self->cells_changed_id = g_signal_connect (self->document, "cells-changed", G_CALLBACK (cells_changed), self);
  self->rows_changed_id = g_signal_connect (self->document, "rows-changed", G_CALLBACK (rows_changed), self);
  self->text_changed_id = g_signal_connect (self->document, "form-text-changed", G_CALLBACK (form_text_changed), self);
  budget_text_field_bind (self->field, form, "text");
  g_signal_connect_object (gtk_text_view_get_buffer (budget_text_field_get_view (self->field)), "changed",
                           G_CALLBACK (highlight_tokens), self, 0);
  highlight_tokens (gtk_text_view_get_buffer (budget_text_field_get_view (self->field)), self);
  update_title (self);
  build_insert_menu (self);
  update_preview (self);
  return GTK_WIDGET (self);
}
