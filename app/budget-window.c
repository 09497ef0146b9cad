/* budget-window.c: the editor window: a document, its forms in a sidebar, the selected form's editor
 *
 * The window presents one BudgetDocument. The sidebar lists its forms; each form gets its editor the
 * first time it is shown (a table, a performance table or a text section) and keeps it, with its cursor,
 * while the window lives. Editors turn input into the document's commands; the window only follows the
 * document: its title follows "modified", Undo and Redo follow the undo stack, and after an undo or redo
 * it shows the form and cell that changed. Opening, saving, closing and the dialogs live in
 * budget-window-files.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-findings-panel.h"
#include "budget-form-view.h"
#include "budget-performance-editor.h"
#include "budget-section-editor.h"
#include "budget-settings.h"
#include "budget-table-editor.h"
#include "text/budget-text-generator.h"
#include "budget-window-private.h"

G_DEFINE_FINAL_TYPE (BudgetWindow, budget_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_form_actions (BudgetWindow *self);
static void update_findings_button (BudgetWindow *self);

/* ------------------------------------------------------------------------------------------------ */
/* Title                                                                                             */

/**
 * budget_window_dup_display_name:
 * @self: a window
 *
 * Returns: (transfer full): the file name of the document, or "Untitled" before it is first saved
 */
char *
budget_window_dup_display_name (BudgetWindow *self)
{
  const char *path;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  path = self->document != NULL ? budget_document_get_path (self->document) : NULL;
  if (path == NULL)
    return g_strdup (_("Untitled"));
  return g_filename_display_basename (path);
}

/* The title is the file name, with a * while there are unsaved changes; the subtitle names the
 * department and the budget year. */
void
budget_window_update_title (BudgetWindow *self)
{
  g_autofree char *name = budget_window_dup_display_name (self);
  g_autofree char *shown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *department;
  int year;

  if (self->document == NULL)
    return;
  shown = budget_document_get_modified (self->document) ? g_strdup_printf ("*%s", name) : g_strdup (name);
  if (self->read_only)
    {
      char *read_only = g_strdup_printf (_("%s (read-only)"), shown);

      g_free (shown);
      shown = read_only;
    }
  /* Translators: the window title, e.g. "*sample.budget — Budget Editor" */
  title = g_strdup_printf (_("%s — Budget Editor"), shown);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (GTK_LABEL (self->title_label), shown);

  department = budget_document_get_meta (self->document, "department-name");
  year = budget_document_get_year (self->document);
  if (department != NULL && year > 0)
    /* Translators: the window subtitle: the department and the budget year */
    subtitle = g_strdup_printf (_("%s · Budget %d"), department, year);
  else if (department != NULL)
    subtitle = g_strdup (department);
  else if (year > 0)
    subtitle = g_strdup_printf (_("Budget %d"), year);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->subtitle_label, subtitle != NULL);
}

static void
modified_changed (BudgetDocument *document,
                  GParamSpec     *pspec,
                  BudgetWindow   *self)
{
  budget_window_update_title (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* Undo and redo                                                                                     */

static void
update_undo_redo (BudgetWindow *self)
{
  BudgetUndoStack *stack = budget_document_get_undo_stack (self->document);
  const char *undo_label = budget_undo_stack_get_undo_label (stack);
  const char *redo_label = budget_undo_stack_get_redo_label (stack);
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;
  g_autoptr(GMenuItem) undo_item = NULL;
  g_autoptr(GMenuItem) redo_item = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", budget_undo_stack_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", budget_undo_stack_can_redo (stack));

  /* Translators: the Undo button's tooltip and menu item, e.g. "Undo “Edit 支出总表 2060101 基本支出”" */
  undo_text = undo_label != NULL ? g_strdup_printf (_("Undo “%s”"), undo_label) : g_strdup (_("Undo"));
  redo_text = redo_label != NULL ? g_strdup_printf (_("Redo “%s”"), redo_label) : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_text);
  gtk_widget_set_tooltip_text (self->redo_button, redo_text);

  g_menu_remove_all (self->edit_section);
  undo_item = g_menu_item_new (undo_text, "win.undo");
  redo_item = g_menu_item_new (redo_text, "win.redo");
  g_menu_append_item (self->edit_section, undo_item);
  g_menu_append_item (self->edit_section, redo_item);
}

static void
stack_changed (BudgetUndoStack *stack,
               GParamSpec      *pspec,
               BudgetWindow    *self)
{
  update_undo_redo (self);
}

static GtkWidget *
current_view (BudgetWindow *self)
{
  return self->current != NULL ? g_hash_table_lookup (self->pages, self->current) : NULL;
}

static void
undo_redo (BudgetWindow *self,
           gboolean      redo)
{
  BudgetUndoStack *stack = budget_document_get_undo_stack (self->document);
  GtkWidget *view = current_view (self);

  /* A cell being typed is not yet a command: Ctrl+Z drops it. Text typed in a burst is committed
   * first so that Undo takes back exactly that burst. */
  if (view != NULL)
    {
      BudgetForm *form = budget_form_view_get_form (BUDGET_FORM_VIEW (view));

      if (BUDGET_IS_TEXT_SECTION (form) || BUDGET_IS_PERFORMANCE_TABLE (form))
        budget_form_view_commit_pending (BUDGET_FORM_VIEW (view), NULL);
      budget_form_view_cancel_pending (BUDGET_FORM_VIEW (view));
    }
  self->undoing = TRUE;
  if (redo)
    budget_undo_stack_redo (stack);
  else
    budget_undo_stack_undo (stack);
  self->undoing = FALSE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (BUDGET_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (BUDGET_WINDOW (widget), TRUE);
}

/* After undo and redo, show where the change happened. */
static void
command_applied (BudgetDocument *document,
                 BudgetCommand  *command,
                 gboolean        forward,
                 BudgetWindow   *self)
{
  const char *form_id;
  BudgetForm *form;
  GtkWidget *view;

  if (!self->undoing)
    return;
  form_id = budget_command_get_focus_form (command);
  form = form_id != NULL ? budget_document_lookup_form (document, form_id) : NULL;
  if (form == NULL)
    return;
  budget_window_show_form (self, form);
  view = budget_window_get_form_view (self, form);
  budget_form_view_focus_location (BUDGET_FORM_VIEW (view), budget_command_get_focus_row (command),
                                   budget_command_get_focus_col (command));
}

/* ------------------------------------------------------------------------------------------------ */
/* Forms                                                                                             */

/**
 * budget_window_get_form_view:
 * @self: a window
 * @form: a form of the window's document
 *
 * Returns: (transfer none): the form's editor (a #BudgetFormView), created when first asked for
 */
GtkWidget *
budget_window_get_form_view (BudgetWindow *self,
                             BudgetForm   *form)
{
  GtkWidget *view;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);
  g_return_val_if_fail (BUDGET_IS_FORM (form), NULL);

  view = g_hash_table_lookup (self->pages, form);
  if (view != NULL)
    return view;
  switch (budget_form_get_kind (form))
    {
    case BUDGET_FORM_KIND_TEXT:
      view = budget_section_editor_new (form);
      break;
    case BUDGET_FORM_KIND_PERFORMANCE:
      view = budget_performance_editor_new (form);
      budget_grid_set_checker (budget_table_editor_get_grid (budget_performance_editor_get_table_editor (BUDGET_PERFORMANCE_EDITOR (view))),
                               self->checker);
      break;
    case BUDGET_FORM_KIND_FIXED:
    case BUDGET_FORM_KIND_CODED:
    case BUDGET_FORM_KIND_LIST:
    default:
      view = budget_table_editor_new (form);
      budget_grid_set_checker (budget_table_editor_get_grid (BUDGET_TABLE_EDITOR (view)), self->checker);
      break;
    }
  gtk_widget_add_css_class (view, "form-page");
  gtk_stack_add_child (GTK_STACK (self->form_stack), view);
  g_hash_table_insert (self->pages, g_object_ref (form), view);
  return view;
}

/**
 * budget_window_get_current_form:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the form shown
 */
BudgetForm *
budget_window_get_current_form (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->current;
}

static void
show_form (BudgetWindow *self,
           BudgetForm   *form,
           gboolean      focus)
{
  GtkWidget *previous;
  GtkWidget *view;

  if (form == self->current)
    return;
  previous = current_view (self);
  if (previous != NULL && !budget_form_view_commit_pending (BUDGET_FORM_VIEW (previous), NULL))
    budget_form_view_cancel_pending (BUDGET_FORM_VIEW (previous));
  g_set_object (&self->current, form);
  view = budget_window_get_form_view (self, form);
  gtk_stack_set_visible_child (GTK_STACK (self->form_stack), view);
  budget_sidebar_select_form (self->sidebar, form);
  update_form_actions (self);
  if (focus && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (view);
}

/**
 * budget_window_show_form:
 * @self: a window
 * @form: a form of the window's document
 *
 * Shows the form's editor, selects it in the sidebar and gives it the keyboard focus. A cell being
 * typed on the previous form is committed first (or dropped, with its message, when the model
 * rejects it).
 */
void
budget_window_show_form (BudgetWindow *self,
                         BudgetForm   *form)
{
  g_return_if_fail (BUDGET_IS_WINDOW (self));
  g_return_if_fail (BUDGET_IS_FORM (form));

  show_form (self, form, TRUE);
}

static gboolean
focus_current_view (gpointer user_data)
{
  BudgetWindow *self = user_data;
  GtkWidget *view = current_view (self);

  if (view != NULL)
    gtk_widget_grab_focus (view);
  return G_SOURCE_REMOVE;
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py).
 *
 * A click (or Enter) on a form in the sidebar goes on into the form; the list box takes the focus
 * for itself while it handles the click, hence the idle. Browsing with the arrow keys stays in the
 * sidebar. */
G_MODULE_EXPORT void
budget_window_sidebar_form_activated (BudgetSidebar *sidebar,
                                      BudgetForm    *form,
                                      BudgetWindow  *self)
{
  show_form (self, form, FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_current_view, g_object_ref (self), g_object_unref);
}

G_MODULE_EXPORT void
budget_window_sidebar_selection_changed (BudgetSidebar *sidebar,
                                         GParamSpec    *pspec,
                                         BudgetWindow  *self)
{
  BudgetForm *form = budget_sidebar_get_selected_form (sidebar);

  if (form != NULL)
    show_form (self, form, FALSE);
}

/* The forms changed (a performance table added, removed, moved, or brought back by undo): editors
 * of forms that left the document go, and a removed current form is replaced by its neighbour. */
static void
forms_changed (BudgetDocument *document,
               guint           position,
               guint           removed,
               guint           added,
               BudgetWindow   *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean current_gone = FALSE;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      BudgetForm *form = key;

      if (budget_document_get_form_index (document, form) >= 0)
        continue;
      if (form == self->current)
        current_gone = TRUE;
      gtk_stack_remove (GTK_STACK (self->form_stack), value);
      g_hash_table_iter_remove (&iter);
    }
  if (current_gone || (self->current != NULL && budget_document_get_form_index (document, self->current) < 0))
    {
      BudgetForm *next = NULL;
      guint n_performance = 0;

      g_clear_object (&self->current);
      for (guint i = 0; i < budget_document_get_n_forms (document); i++)
        {
          BudgetForm *form = budget_document_get_form (document, i);

          if (!BUDGET_IS_PERFORMANCE_TABLE (form))
            continue;
          if (next == NULL || (int) n_performance <= self->removed_performance_index)
            next = form;
          n_performance++;
        }
      if (next == NULL)
        next = budget_document_get_form (document, 0);
      budget_window_show_form (self, next);
    }
  update_form_actions (self);
}

static void
meta_changed (BudgetDocument *document,
              const char     *key,
              BudgetWindow   *self)
{
  budget_window_update_title (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* Performance tables                                                                                */

static BudgetForm *
current_performance (BudgetWindow *self)
{
  if (self->current == NULL || !BUDGET_IS_PERFORMANCE_TABLE (self->current))
    return NULL;
  return self->current;
}

static gboolean
performance_neighbour (BudgetWindow *self,
                       int           offset)
{
  BudgetForm *form = current_performance (self);
  int index;

  if (form == NULL)
    return FALSE;
  index = budget_document_get_form_index (self->document, form) + offset;
  return index >= 0 && (guint) index < budget_document_get_n_forms (self->document) &&
         budget_form_get_kind (budget_document_get_form (self->document, (guint) index)) == BUDGET_FORM_KIND_PERFORMANCE;
}

static void
update_form_actions (BudgetWindow *self)
{
  gboolean performance = current_performance (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-performance-table", performance);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-performance-table", performance);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-performance-up", performance_neighbour (self, -1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-performance-down", performance_neighbour (self, 1));
}

static void
add_performance_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BudgetForm *current = current_performance (self);
  int position = current != NULL ? (int) budget_form_get_number (current) : -1;
  BudgetForm *form;
  GtkWidget *view;

  if (!budget_window_commit_pending (self, NULL))
    return;
  form = budget_document_add_performance_form (self->document, "", position, &error);
  if (form == NULL)
    {
      budget_window_show_error (self, _("The performance table could not be added"), error->message);
      return;
    }
  budget_window_show_form (self, form);
  view = budget_window_get_form_view (self, form);
  gtk_widget_grab_focus (GTK_WIDGET (budget_performance_editor_get_name_entry (BUDGET_PERFORMANCE_EDITOR (view))));
}

static void
remove_performance_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BudgetForm *form = current_performance (self);

  if (form == NULL)
    return;
  budget_form_view_cancel_pending (BUDGET_FORM_VIEW (current_view (self)));
  budget_form_view_commit_pending (BUDGET_FORM_VIEW (current_view (self)), NULL);
  self->removed_performance_index = (int) budget_form_get_number (form) - 1;
  if (!budget_document_remove_form (self->document, form, &error))
    budget_window_show_error (self, _("The performance table could not be removed"), error->message);
}

static void
rename_performance_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkWidget *view;
  GtkEditable *entry;

  if (current_performance (self) == NULL)
    return;
  view = current_view (self);
  entry = budget_performance_editor_get_name_entry (BUDGET_PERFORMANCE_EDITOR (view));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_select_region (entry, 0, -1);
}

static void
move_performance (BudgetWindow *self,
                  int           offset)
{
  g_autoptr(GError) error = NULL;
  BudgetForm *form = current_performance (self);

  if (form == NULL || !budget_window_commit_pending (self, NULL))
    return;
  if (!budget_document_move_form (self->document, form, offset, &error))
    budget_window_show_error (self, _("The performance table could not be moved"), error->message);
  budget_sidebar_select_form (self->sidebar, form);
  update_form_actions (self);
}

static void
move_performance_up_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  move_performance (BUDGET_WINDOW (widget), -1);
}

static void
move_performance_down_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  move_performance (BUDGET_WINDOW (widget), 1);
}

/* Ctrl+Page Down / Up: the next or previous form in the sidebar's (grouped) order. */
static void
step_form (BudgetWindow *self,
           int           step)
{
  static const char *groups[] = { "tables", "other", "performance", "text", "input" };
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint index = 0;

  if (self->document == NULL)
    return;
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < budget_document_get_n_forms (self->document); i++)
      {
        BudgetForm *form = budget_document_get_form (self->document, i);

        if (g_strcmp0 (budget_form_def_get_group (budget_form_get_def (form)), groups[g]) == 0)
          g_ptr_array_add (order, form);
      }
  if (order->len == 0 || !g_ptr_array_find (order, self->current, &index))
    return;
  index = (guint) CLAMP ((int) index + step, 0, (int) order->len - 1);
  budget_window_show_form (self, g_ptr_array_index (order, index));
}

static void
next_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step_form (BUDGET_WINDOW (widget), 1);
}

static void
previous_form_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_form (BUDGET_WINDOW (widget), -1);
}

/* ------------------------------------------------------------------------------------------------ */
/* Document                                                                                          */

/**
 * budget_window_commit_pending:
 * @self: a window
 * @error: return location for the model's reason to reject what is being typed
 *
 * Commits what the officer is typing in the current editor, as saving, printing or closing need.
 *
 * Returns: whether nothing is pending any more
 */
gboolean
budget_window_commit_pending (BudgetWindow  *self,
                              GError       **error)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  /* Other pages may hold a text burst waiting for its pause. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != current_view (self) && !budget_form_view_commit_pending (BUDGET_FORM_VIEW (value), NULL))
      budget_form_view_cancel_pending (BUDGET_FORM_VIEW (value));
  if (current_view (self) == NULL)
    return TRUE;
  return budget_form_view_commit_pending (BUDGET_FORM_VIEW (current_view (self)), error);
}

/**
 * budget_window_is_pristine:
 * @self: a window
 *
 * Returns: whether the window holds nothing the officer would miss (an untouched new document or the
 * sample), so that opening a file can reuse it
 */
gboolean
budget_window_is_pristine (BudgetWindow *self)
{
  BudgetUndoStack *stack;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  if (self->document == NULL)
    return TRUE;
  stack = budget_document_get_undo_stack (self->document);
  return !budget_document_get_modified (self->document) && budget_document_get_path (self->document) == NULL &&
         !budget_undo_stack_can_undo (stack) && !budget_undo_stack_can_redo (stack);
}

static void
disconnect_document (BudgetWindow *self)
{
  GtkWidget *child;

  if (self->document == NULL)
    return;
  budget_window_guards_detach (self);
  g_clear_signal_handler (&self->modified_id, self->document);
  g_clear_signal_handler (&self->path_id, self->document);
  g_clear_signal_handler (&self->forms_changed_id, self->document);
  g_clear_signal_handler (&self->command_applied_id, self->document);
  g_clear_signal_handler (&self->meta_changed_id, self->document);
  g_clear_signal_handler (&self->can_undo_id, budget_document_get_undo_stack (self->document));
  g_clear_signal_handler (&self->can_redo_id, budget_document_get_undo_stack (self->document));
  g_clear_pointer ((GtkWindow **) &self->confirm_dialog, gtk_window_destroy);
  budget_sidebar_set_checker (self->sidebar, NULL);
  budget_sidebar_set_document (self->sidebar, NULL);
  g_clear_object (&self->current);
  g_hash_table_remove_all (self->pages);
  while ((child = gtk_widget_get_first_child (self->form_stack)) != NULL)
    {
      if (child == self->empty_page)
        {
          child = gtk_widget_get_next_sibling (child);
          if (child == NULL)
            break;
        }
      gtk_stack_remove (GTK_STACK (self->form_stack), child);
    }
  if (self->checker != NULL)
    {
      g_clear_signal_handler (&self->n_errors_id, self->checker);
      g_clear_signal_handler (&self->n_warnings_id, self->checker);
    }
  if (self->findings_panel != NULL)
    budget_findings_panel_set_checker (BUDGET_FINDINGS_PANEL (self->findings_panel), NULL);
  g_clear_object (&self->checker);
  g_clear_object (&self->document);
}

/**
 * budget_window_set_document:
 * @self: a window
 * @document: the document to present
 *
 * Presents @document, starting on its first form. The previous document is dropped: callers ask
 * about unsaved changes first.
 */
void
budget_window_set_document (BudgetWindow   *self,
                            BudgetDocument *document)
{
  BudgetUndoStack *stack;

  g_return_if_fail (BUDGET_IS_WINDOW (self));
  g_return_if_fail (BUDGET_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  disconnect_document (self);
  self->document = g_object_ref (document);
  stack = budget_document_get_undo_stack (document);
  self->modified_id = g_signal_connect (document, "notify::modified", G_CALLBACK (modified_changed), self);
  self->path_id = g_signal_connect (document, "notify::path", G_CALLBACK (modified_changed), self);
  self->forms_changed_id = g_signal_connect (document, "forms-changed", G_CALLBACK (forms_changed), self);
  self->command_applied_id = g_signal_connect (document, "command-applied", G_CALLBACK (command_applied), self);
  self->meta_changed_id = g_signal_connect (document, "meta-changed", G_CALLBACK (meta_changed), self);
  self->can_undo_id = g_signal_connect (stack, "notify::undo-label", G_CALLBACK (stack_changed), self);
  self->can_redo_id = g_signal_connect (stack, "notify::redo-label", G_CALLBACK (stack_changed), self);
  /* One checker per document: the panel, the sidebar's marks and the grids' marks all follow it. */
  self->checker = budget_checker_new (document);
  self->n_errors_id = g_signal_connect_swapped (self->checker, "notify::n-errors", G_CALLBACK (update_findings_button), self);
  self->n_warnings_id = g_signal_connect_swapped (self->checker, "notify::n-warnings", G_CALLBACK (update_findings_button), self);
  budget_findings_panel_set_checker (BUDGET_FINDINGS_PANEL (self->findings_panel), self->checker);
  budget_sidebar_set_document (self->sidebar, document);
  budget_sidebar_set_checker (self->sidebar, self->checker);
  update_findings_button (self);
  if (budget_document_get_n_forms (document) > 0)
    budget_window_show_form (self, budget_document_get_form (document, 0));
  budget_window_guards_attach (self);
  update_undo_redo (self);
  budget_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * budget_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none): the document
 */
BudgetDocument *
budget_window_get_document (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * budget_window_get_sidebar:
 * @self: a window
 *
 * Returns: (transfer none): the list of forms
 */
BudgetSidebar *
budget_window_get_sidebar (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->sidebar;
}

/* ------------------------------------------------------------------------------------------------ */
/* Findings panel                                                                                    */

/**
 * budget_window_set_findings_panel:
 * @self: a window
 * @panel: (nullable): the consistency checks' findings, shown under the form
 *
 * Puts a panel in the area under the form editor; the officer resizes it with the handle above it.
 * The window puts its #BudgetFindingsPanel there itself.
 */
void
budget_window_set_findings_panel (BudgetWindow *self,
                                  GtkWidget    *panel)
{
  GtkWidget *child;

  g_return_if_fail (BUDGET_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (self->findings_area)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_area), child);
  if (panel != NULL)
    gtk_box_append (GTK_BOX (self->findings_area), panel);
  else
    budget_window_set_findings_visible (self, FALSE);
}

/**
 * budget_window_set_findings_visible:
 * @self: a window
 * @visible: whether to show the findings area
 */
void
budget_window_set_findings_visible (BudgetWindow *self,
                                    gboolean      visible)
{
  g_return_if_fail (BUDGET_IS_WINDOW (self));

  visible = visible && gtk_widget_get_first_child (self->findings_area) != NULL;
  gtk_widget_set_visible (self->findings_area, visible);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->findings_button), visible);
  if (visible)
    {
      /* The panel opens at a third of the window's height (a dozen findings), the form keeping the
       * rest; a height the officer dragged is kept. */
      int height = gtk_widget_get_height (self->content_paned);
      int panel = MAX (240, height / 3);

      int position = gtk_paned_get_position (GTK_PANED (self->content_paned));

      if (height > 0 && (position <= 0 || position > height - 200))
        gtk_paned_set_position (GTK_PANED (self->content_paned), MAX (height / 3, height - panel));
    }
}

/**
 * budget_window_get_findings_visible:
 * @self: a window
 *
 * Returns: whether the findings are shown
 */
gboolean
budget_window_get_findings_visible (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (self->findings_area);
}

/**
 * budget_window_get_checker:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the consistency checker of the window's document
 */
BudgetChecker *
budget_window_get_checker (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->checker;
}

/**
 * budget_window_get_findings_panel:
 * @self: a window
 *
 * Returns: (transfer none): the window's #BudgetFindingsPanel
 */
GtkWidget *
budget_window_get_findings_panel (BudgetWindow *self)
{
  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  return self->findings_panel;
}

/**
 * budget_window_dup_findings_summary:
 * @self: a window
 *
 * Returns: (transfer full): what the header bar's findings button says, e.g. "2 errors · 16 warnings"
 */
char *
budget_window_dup_findings_summary (BudgetWindow *self)
{
  guint errors, warnings;

  g_return_val_if_fail (BUDGET_IS_WINDOW (self), NULL);

  if (self->checker == NULL)
    return g_strdup ("");
  errors = budget_checker_get_n_errors (self->checker);
  warnings = budget_checker_get_n_warnings (self->checker);
  if (errors > 0 && warnings > 0)
    {
      g_autofree char *e = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
      g_autofree char *w = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);

      /* Translators: the findings button: "2 errors · 16 warnings" */
      return g_strdup_printf (_("%s · %s"), e, w);
    }
  if (errors > 0)
    return g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
  if (warnings > 0)
    return g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);
  return g_strdup (_("Checks passed"));
}

static void
update_findings_button (BudgetWindow *self)
{
  g_autofree char *summary = budget_window_dup_findings_summary (self);
  g_autofree char *tooltip = NULL;
  guint errors = self->checker != NULL ? budget_checker_get_n_errors (self->checker) : 0;
  guint warnings = self->checker != NULL ? budget_checker_get_n_warnings (self->checker) : 0;

  gtk_label_set_text (GTK_LABEL (self->findings_label), summary);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->findings_icon),
                                errors > 0 ? "dialog-error-symbolic"
                                : warnings > 0 ? "dialog-warning-symbolic" : "object-select-symbolic");
  gtk_widget_remove_css_class (self->findings_button, "has-errors");
  gtk_widget_remove_css_class (self->findings_button, "has-warnings");
  if (errors > 0)
    gtk_widget_add_css_class (self->findings_button, "has-errors");
  else if (warnings > 0)
    gtk_widget_add_css_class (self->findings_button, "has-warnings");
  if (self->checker != NULL)
    /* Translators: the findings button's tooltip */
    tooltip = g_strdup_printf (_("Consistency checks: %u errors, %u warnings, %u rounding differences, %u acknowledged (F8)"),
                               errors, warnings, budget_checker_get_n_rounding (self->checker),
                               budget_checker_get_n_acknowledged (self->checker));
  gtk_widget_set_tooltip_text (self->findings_button, tooltip);
}

G_MODULE_EXPORT void
budget_window_findings_button_toggled (GtkToggleButton *button,
                                       BudgetWindow    *self)
{
  if (gtk_toggle_button_get_active (button) != gtk_widget_get_visible (self->findings_area))
    budget_window_set_findings_visible (self, gtk_toggle_button_get_active (button));
}

static void
toggle_findings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);

  budget_window_set_findings_visible (self, !gtk_widget_get_visible (self->findings_area));
}

/**
 * budget_window_show_finding:
 * @self: a window
 * @finding: a finding of the window's checker
 *
 * Shows where @finding is: its form, selected in the sidebar, with the cursor on its cell, or the text
 * section with the quoted words selected.
 */
void
budget_window_show_finding (BudgetWindow  *self,
                            BudgetFinding *finding)
{
  const char *form_id;
  BudgetForm *form;
  GtkWidget *view;

  g_return_if_fail (BUDGET_IS_WINDOW (self));
  g_return_if_fail (BUDGET_IS_FINDING (finding));

  form_id = budget_finding_get_form_id (finding);
  form = form_id != NULL ? budget_document_lookup_form (self->document, form_id) : NULL;
  if (form == NULL)
    return;
  budget_window_show_form (self, form);
  view = budget_window_get_form_view (self, form);
  if (BUDGET_IS_SECTION_EDITOR (view) && budget_finding_get_text_start (finding) >= 0)
    {
      /* Findings quote the text as printed; the editor holds it as typed, with live-sentence tokens. */
      const char *typed = budget_form_get_text (form);

      budget_section_editor_select_range (BUDGET_SECTION_EDITOR (view),
                                          budget_text_map_to_typed (self->document, typed,
                                                                    budget_finding_get_text_start (finding), FALSE),
                                          budget_text_map_to_typed (self->document, typed,
                                                                    budget_finding_get_text_end (finding), TRUE));
    }
  else
    budget_form_view_focus_location (BUDGET_FORM_VIEW (view), budget_finding_get_row_key (finding),
                                     budget_finding_get_column (finding));
}

static void
finding_activated (BudgetFindingsPanel *panel,
                   BudgetFinding       *finding,
                   BudgetWindow        *self)
{
  budget_window_show_finding (self, finding);
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static gboolean
budget_window_close_request (GtkWindow *window)
{
  BudgetWindow *self = BUDGET_WINDOW (window);

  if (budget_window_files_close_request (self))
    return TRUE;
  budget_window_guards_closed (self);
  budget_window_save_state (self);
  return GTK_WINDOW_CLASS (budget_window_parent_class)->close_request (window);
}

/**
 * budget_window_save_state:
 * @self: a window
 *
 * Remembers the window's size and the sidebar's width for the next window.
 */
void
budget_window_save_state (BudgetWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  /* The key's range is 120…800; GSettings refuses anything outside it. */
  if (gtk_paned_get_position (GTK_PANED (self->paned)) > 0)
    g_settings_set_int (self->settings, "sidebar-width", CLAMP (gtk_paned_get_position (GTK_PANED (self->paned)), 120, 800));
}

static void
load_state (BudgetWindow *self)
{
  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 820);
      gtk_paned_set_position (GTK_PANED (self->paned), 250);
      return;
    }
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (640, g_settings_get_int (self->settings, "window-width")),
                               MAX (480, g_settings_get_int (self->settings, "window-height")));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (GTK_PANED (self->paned),
                          CLAMP (g_settings_get_int (self->settings, "sidebar-width"), 120, 800));
}

static void
budget_window_map (GtkWidget *widget)
{
  BudgetWindow *self = BUDGET_WINDOW (widget);
  GtkWidget *view;

  GTK_WIDGET_CLASS (budget_window_parent_class)->map (widget);
  /* The keyboard starts in the form, not on the first header bar button. */
  view = current_view (self);
  if (view != NULL)
    gtk_widget_grab_focus (view);
}

static void
budget_window_dispose (GObject *object)
{
  BudgetWindow *self = BUDGET_WINDOW (object);

  budget_window_files_dispose (self);
  disconnect_document (self);
  budget_window_guards_dispose (self);
  if (self->findings_panel != NULL)
    g_signal_handlers_disconnect_by_data (self->findings_panel, self);
  g_clear_object (&self->findings_panel);
  /* No gtk_widget_dispose_template() here: in GTK 4.8 it unparents the window's child behind
   * GtkWindow's back, and GtkWindow's own dispose then unparents it a second time. */

  G_OBJECT_CLASS (budget_window_parent_class)->dispose (object);
}

static void
budget_window_finalize (GObject *object)
{
  BudgetWindow *self = BUDGET_WINDOW (object);

  g_hash_table_unref (self->pages);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (budget_window_parent_class)->finalize (object);
}

static void
budget_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BudgetWindow *self = BUDGET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BudgetWindow *self = BUDGET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      if (g_value_get_object (value) != NULL)
        budget_window_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_window_class_init (BudgetWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = budget_window_dispose;
  object_class->finalize = budget_window_finalize;
  object_class->get_property = budget_window_get_property;
  object_class->set_property = budget_window_set_property;
  window_class->close_request = budget_window_close_request;
  widget_class->map = budget_window_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BUDGET_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BUDGET_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, findings_icon);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, findings_label);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, content_paned);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, form_stack);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, findings_area);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, edit_section);
  gtk_widget_class_bind_template_child (widget_class, BudgetWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, budget_window_sidebar_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, budget_window_sidebar_form_activated);
  gtk_widget_class_bind_template_callback (widget_class, budget_window_findings_button_toggled);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-performance-table", NULL, add_performance_action);
  gtk_widget_class_install_action (widget_class, "win.remove-performance-table", NULL, remove_performance_action);
  gtk_widget_class_install_action (widget_class, "win.rename-performance-table", NULL, rename_performance_action);
  gtk_widget_class_install_action (widget_class, "win.move-performance-up", NULL, move_performance_up_action);
  gtk_widget_class_install_action (widget_class, "win.move-performance-down", NULL, move_performance_down_action);
  gtk_widget_class_install_action (widget_class, "win.next-form", NULL, next_form_action);
  gtk_widget_class_install_action (widget_class, "win.previous-form", NULL, previous_form_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-findings", NULL, toggle_findings_action);
  budget_window_files_class_init (widget_class);
  budget_window_year_class_init (widget_class);
  budget_window_spreadsheets_class_init (widget_class);

  /* Undo and Redo also when no application sets accelerators (the tests create bare windows). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-form", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-form", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.toggle-findings", NULL);
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/budgeteditor/BudgetEditor/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
budget_window_init (BudgetWindow *self)
{
  load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->removed_performance_index = -1;
  self->settings = budget_settings_new ();
  load_state (self);
  budget_window_files_init (self);
  /* The window keeps its panel even while another widget fills the area. */
  self->findings_panel = g_object_ref_sink (budget_findings_panel_new ());
  g_signal_connect (self->findings_panel, "finding-activated", G_CALLBACK (finding_activated), self);
  budget_window_set_findings_panel (self, self->findings_panel);
  update_findings_button (self);
  update_form_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
}

/**
 * budget_window_new:
 * @application: (nullable): the application
 * @document: the document to present
 *
 * Returns: (transfer none): a new window; GTK's list of toplevels owns it until it is destroyed
 */
BudgetWindow *
budget_window_new (GtkApplication *application,
                   BudgetDocument *document)
{
  return g_object_new (BUDGET_TYPE_WINDOW, "application", application, "document", document, NULL);
}
