/* budget-text-field.c: a multi-line text of a form (a text section, a 绩效目标) that commits in bursts
 *
 * Every keystroke as its own undo step would make undo useless for prose, and committing only on
 * focus-out would lose the text of an officer who types and then quits. So the field pushes one
 * "set form text" command per burst of typing: after a short pause, when the focus leaves, and
 * whenever the window asks (before saving, printing or undoing).
 */

#include "config.h"

#include "budget-text-field.h"

#define COMMIT_DELAY_MS 1000

struct _BudgetTextField
{
  GtkWidget       parent_instance;

  GtkWidget      *scrolled;
  GtkWidget      *view;
  GtkTextBuffer  *buffer;

  BudgetForm     *form;
  BudgetDocument *document;
  char           *property;
  gulong          text_changed_id;
  guint           commit_source;
  guint           updating : 1;
  guint           committing : 1;
};

G_DEFINE_FINAL_TYPE (BudgetTextField, budget_text_field, GTK_TYPE_WIDGET)

static const char *
model_text (BudgetTextField *self)
{
  const char *text = NULL;

  if (self->form == NULL)
    return "";
  if (g_str_equal (self->property, "name"))
    text = budget_form_get_name (self->form);
  else if (g_str_equal (self->property, "goal"))
    text = budget_form_get_goal (self->form);
  else
    text = budget_form_get_text (self->form);
  return text != NULL ? text : "";
}

static char *
buffer_text (BudgetTextField *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* Shows the model's text, keeping the caret where it was as far as the new text allows. */
static void
load (BudgetTextField *self)
{
  g_autofree char *current = buffer_text (self);
  const char *text = model_text (self);
  GtkTextIter iter;
  int offset;

  if (g_str_equal (current, text))
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  offset = gtk_text_iter_get_offset (&iter);
  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  self->updating = FALSE;
}

/**
 * budget_text_field_has_pending:
 * @self: a text field
 *
 * Returns: whether typed text waits for the pause that commits it
 */
gboolean
budget_text_field_has_pending (BudgetTextField *self)
{
  g_return_val_if_fail (BUDGET_IS_TEXT_FIELD (self), FALSE);

  return self->commit_source != 0;
}

/**
 * budget_text_field_commit:
 * @self: a text field
 * @error: return location for an error
 *
 * Pushes the text typed since the last commit as one undoable command.
 *
 * Returns: whether the text was accepted
 */
gboolean
budget_text_field_commit (BudgetTextField  *self,
                          GError          **error)
{
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (BUDGET_IS_TEXT_FIELD (self), FALSE);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  if (self->form == NULL || self->document == NULL)
    return TRUE;
  text = buffer_text (self);
  if (g_str_equal (text, model_text (self)))
    return TRUE;
  self->committing = TRUE;
  ok = budget_document_set_form_text (self->document, self->form, self->property, text, error);
  self->committing = FALSE;
  return ok;
}

static gboolean
commit_timeout (gpointer user_data)
{
  BudgetTextField *self = user_data;
  g_autoptr(GError) error = NULL;

  self->commit_source = 0;
  if (!budget_text_field_commit (self, &error))
    g_warning ("The text of %s was not accepted: %s", budget_form_get_id (self->form), error->message);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed (GtkTextBuffer   *buffer,
                BudgetTextField *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->commit_source = g_timeout_add (COMMIT_DELAY_MS, commit_timeout, self);
}

static void
focus_leave (GtkEventControllerFocus *controller,
             BudgetTextField         *self)
{
  if (self->commit_source != 0)
    commit_timeout (self);
}

static void
form_text_changed (BudgetDocument  *document,
                   BudgetForm      *form,
                   const char      *property,
                   BudgetTextField *self)
{
  if (form != self->form || !g_str_equal (property, self->property) || self->committing)
    return;
  /* Undo or redo changed the text: what was typed since is dropped with it. */
  g_clear_handle_id (&self->commit_source, g_source_remove);
  load (self);
}

/**
 * budget_text_field_bind:
 * @self: a text field
 * @form: (nullable): a text section or a performance table
 * @property: "text", "goal" or "name"
 *
 * Shows and edits one text of @form.
 */
void
budget_text_field_bind (BudgetTextField *self,
                        BudgetForm      *form,
                        const char      *property)
{
  g_return_if_fail (BUDGET_IS_TEXT_FIELD (self));

  if (self->commit_source != 0)
    budget_text_field_commit (self, NULL);
  if (self->document != NULL)
    g_clear_signal_handler (&self->text_changed_id, self->document);
  g_clear_object (&self->document);
  g_set_object (&self->form, form);
  g_free (self->property);
  self->property = g_strdup (property != NULL ? property : "text");
  if (form != NULL)
    {
      self->document = g_object_ref (budget_form_get_document (form));
      self->text_changed_id = g_signal_connect (self->document, "form-text-changed",
                                                G_CALLBACK (form_text_changed), self);
    }
  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, model_text (self), -1);
  self->updating = FALSE;
}

/**
 * budget_text_field_get_view:
 * @self: a text field
 *
 * Returns: (transfer none): the text view
 */
GtkTextView *
budget_text_field_get_view (BudgetTextField *self)
{
  g_return_val_if_fail (BUDGET_IS_TEXT_FIELD (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}

static gboolean
budget_text_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (BUDGET_TEXT_FIELD (widget)->view);
}

static void
budget_text_field_dispose (GObject *object)
{
  BudgetTextField *self = BUDGET_TEXT_FIELD (object);

  /* Whatever was typed last is not lost when the page goes away. */
  if (self->commit_source != 0)
    budget_text_field_commit (self, NULL);
  budget_text_field_bind (self, NULL, NULL);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (budget_text_field_parent_class)->dispose (object);
}

static void
budget_text_field_finalize (GObject *object)
{
  BudgetTextField *self = BUDGET_TEXT_FIELD (object);

  g_free (self->property);

  G_OBJECT_CLASS (budget_text_field_parent_class)->finalize (object);
}

static void
budget_text_field_class_init (BudgetTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_text_field_dispose;
  object_class->finalize = budget_text_field_finalize;
  widget_class->grab_focus = budget_text_field_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "budget-text-field");
}

static void
budget_text_field_init (BudgetTextField *self)
{
  GtkEventController *controller;

  self->property = g_strdup ("text");
  self->view = gtk_text_view_new ();
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  /* Undo belongs to the document (one step per burst), not to the buffer. */
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 10);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self->view), 4);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (self->view), 6);
  gtk_widget_add_css_class (self->view, "budget-text");
  g_signal_connect (self->buffer, "changed", G_CALLBACK (buffer_changed), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave), self);
  gtk_widget_add_controller (self->view, controller);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->view);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/**
 * budget_text_field_new:
 *
 * Returns: (transfer floating): a new text field; bind it with budget_text_field_bind()
 */
GtkWidget *
budget_text_field_new (void)
{
  return g_object_new (BUDGET_TYPE_TEXT_FIELD, NULL);
}
