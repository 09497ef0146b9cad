/* budget-grid-edit.c: the grid's side of editing a cell
 *
 * Opening the cell editor over the cursor cell (or saying why a cell cannot be typed in), committing
 * its text to the document as one undoable command and moving on, cancelling, and the keys that do
 * this while the editor has the keyboard. The editor itself (BudgetCellEditor) knows nothing of forms
 * and documents.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-grid-private.h"

/**
 * budget_grid_column_has_choices:
 * @self: a grid
 * @col: a column index
 *
 * Returns: whether @col takes one of a list of values (一级/二级指标)
 */
gboolean
budget_grid_column_has_choices (BudgetGrid *self,
                                guint       col)
{
  return self->form != NULL && col < n_cols (self) && column_def (self, col)->choices != NULL;
}

/* The values a choice column allows on @row: the 一级指标 of the document's scheme, or the 二级指标
 * under the row's 一级指标. */
static char **
dup_choices (BudgetGrid *self,
             guint       row,
             guint       col)
{
  const char *choices = column_def (self, col)->choices;
  const char *scheme = self->document != NULL ? budget_document_get_meta (self->document, "performance-scheme") : NULL;

  if (scheme == NULL || scheme[0] == '\0')
    scheme = "A";
  if (g_str_equal (choices, "performance-level1"))
    return budget_performance_level1 (scheme);
  if (g_str_equal (choices, "performance-level2"))
    {
      const char *level1 = NULL;

      for (guint c = 0; c < n_cols (self); c++)
        {
          const char *other = column_def (self, c)->choices;

          if (other != NULL && g_str_equal (other, "performance-level1"))
            level1 = budget_form_get_cell_text (self->form, row, c);
        }
      return budget_performance_level2 (scheme, level1 != NULL && level1[0] != '\0' ? level1 : NULL);
    }
  return g_new0 (char *, 1);
}

static char *
not_editable_message (BudgetGrid *self,
                      guint       row,
                      guint       col)
{
  BudgetCellKind kind = budget_form_get_cell_kind (self->form, row, col);

  if (kind == BUDGET_CELL_DERIVED)
    {
      g_autofree char *tooltip = budget_grid_dup_cell_tooltip (self, row, col);

      return g_strdup_printf (_("This figure is computed and cannot be typed.\n%s"), tooltip != NULL ? tooltip : "");
    }
  return g_strdup (_("This cell is part of the form and cannot be edited."));
}

/**
 * budget_grid_start_editing:
 * @self: a grid
 * @text: (nullable): the text to start with (what was typed), or %NULL to edit the cell's value
 *
 * Opens the editor over the cursor cell. Cells the model computes cannot be edited: the grid says
 * so next to the cell instead.
 *
 * Returns: whether the editor opened
 */
gboolean
budget_grid_start_editing (BudgetGrid *self,
                           const char *text)
{
  g_autofree char *current = NULL;
  BudgetColumnType type;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->editing)
    return TRUE;
  if (self->form == NULL || self->cursor_row >= n_rows (self) || self->cursor_col >= n_cols (self))
    return FALSE;
  if (budget_form_get_cell_kind (self->form, self->cursor_row, self->cursor_col) != BUDGET_CELL_ENTERED)
    {
      g_autofree char *message = not_editable_message (self, self->cursor_row, self->cursor_col);

      budget_grid_show_message (self, self->cursor_row, self->cursor_col, message);
      return FALSE;
    }

  budget_grid_hide_message (self);
  self->extent_row = self->cursor_row;
  self->extent_col = self->cursor_col;
  budget_grid_scroll_to_cell (self, self->cursor_row, self->cursor_col);
  self->editing = TRUE;
  self->enter_mode = text != NULL;
  self->edit_row = self->cursor_row;
  self->edit_col = self->cursor_col;
  type = column_def (self, self->edit_col)->type;
  current = text != NULL ? g_strdup (text) : budget_form_dup_edit_text (self->form, self->edit_row, self->edit_col);
  budget_cell_editor_begin (BUDGET_CELL_EDITOR (self->editor), current, column_is_numeric (type));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  budget_grid_update_accessible (self);
  /* F2 on a choice cell offers every allowed value; typing narrows them down. */
  if (budget_grid_column_has_choices (self, self->edit_col))
    budget_cell_editor_show_choices (BUDGET_CELL_EDITOR (self->editor), dup_choices (self, self->edit_row, self->edit_col),
                                     text != NULL && text[0] != '\0');
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/**
 * budget_grid_is_editing:
 * @self: a grid
 *
 * Returns: whether the cell editor is open
 */
gboolean
budget_grid_is_editing (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  return self->editing;
}

/**
 * budget_grid_get_editor:
 * @self: a grid
 *
 * Returns: (transfer none): the cell editor (visible only while editing)
 */
GtkEditable *
budget_grid_get_editor (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  return GTK_EDITABLE (self->editor);
}

/**
 * budget_grid_get_choices:
 * @self: a grid
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the values offered for the cell being
 * edited (一级/二级指标), or %NULL when it is not a choice cell
 */
const char * const *
budget_grid_get_choices (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (!self->editing || !budget_grid_column_has_choices (self, self->edit_col))
    return NULL;
  return budget_cell_editor_get_choices (BUDGET_CELL_EDITOR (self->editor));
}

static void
stop_editing (BudgetGrid *self)
{
  gboolean had_focus = budget_cell_editor_has_focus (BUDGET_CELL_EDITOR (self->editor));

  self->editing = FALSE;
  self->enter_mode = FALSE;
  budget_cell_editor_end (BUDGET_CELL_EDITOR (self->editor));
  /* Keep the keyboard in the grid; but when the officer clicked elsewhere, leave the focus there. */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_cancel_edit:
 * @self: a grid
 *
 * Closes the editor without changing the cell.
 */
void
budget_grid_cancel_edit (BudgetGrid *self)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (!self->editing)
    return;
  stop_editing (self);
}

/**
 * budget_grid_commit_edit:
 * @self: a grid
 * @error: return location for the model's reason to reject the text
 *
 * Sets the edited cell to the editor's text, as one undoable command. A rejected text stays in the
 * editor, selected, and the reason is shown next to the cell; the cell keeps its old value.
 *
 * Returns: whether the text was accepted (or nothing was being edited)
 */
gboolean
budget_grid_commit_edit (BudgetGrid  *self,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (!self->editing || self->committing)
    return TRUE;
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  self->committing = TRUE;
  ok = budget_document_set_cell (self->document, self->form, self->edit_row, self->edit_col, text, &local_error);
  self->committing = FALSE;
  if (!ok)
    {
      budget_grid_show_message (self, self->edit_row, self->edit_col, local_error->message);
      budget_cell_editor_select_all (BUDGET_CELL_EDITOR (self->editor));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stop_editing (self);
  return TRUE;
}

static void
commit_and_move (BudgetGrid *self,
                 int         drow,
                 int         dcol,
                 gboolean    to_entered)
{
  const char *choice = budget_cell_editor_get_selected_choice (BUDGET_CELL_EDITOR (self->editor));

  if (choice != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->editor), choice);
  if (!budget_grid_commit_edit (self, NULL))
    return;
  if (to_entered)
    budget_grid_move_to_next_entered (self, drow, dcol);
  else
    budget_grid_move (self, drow, dcol, FALSE);
}

static void
editor_focus_leave (GtkEventControllerFocus *controller,
                    BudgetGrid              *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->editing || self->committing)
    return;
  /* The window lost the focus (another application, a popover): the editor stays. */
  if (budget_cell_editor_is_root_focus (BUDGET_CELL_EDITOR (self->editor)))
    return;
  if (!budget_grid_commit_edit (self, &error))
    {
      guint row = self->edit_row;
      guint col = self->edit_col;
      g_autofree char *message = g_strdup_printf (_("%s\nThe cell keeps its previous value."), error->message);

      stop_editing (self);
      budget_grid_show_message (self, row, col, message);
    }
}

static void
choice_activated (BudgetCellEditor *editor,
                  const char       *value,
                  BudgetGrid       *self)
{
  g_autofree char *chosen = g_strdup (value);

  if (!self->editing && !budget_grid_start_editing (self, NULL))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->editor), chosen);
  if (budget_grid_commit_edit (self, NULL))
    budget_grid_move (self, 0, 0, FALSE);
}

/* Keys while the editor is open: seen before the editor so that they can commit and move. */
gboolean
budget_grid_editing_key_pressed (GtkEventControllerKey *controller,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 BudgetGrid            *self)
{
  BudgetCellEditor *editor = BUDGET_CELL_EDITOR (self->editor);
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean plain = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0;

  /* While an input method composes (pinyin), its keys are its own. */
  if (!self->editing || budget_cell_editor_is_composing (editor))
    return FALSE;

  if (keyval == GDK_KEY_Escape)
    {
      if (budget_cell_editor_get_choices_visible (editor))
        budget_cell_editor_hide_choices (editor);
      else
        budget_grid_cancel_edit (self);
      budget_grid_hide_message (self);
      return TRUE;
    }
  if (is_enter (keyval))
    {
      commit_and_move (self, shift ? -1 : 1, 0, TRUE);
      return TRUE;
    }
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      commit_and_move (self, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1, TRUE);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Down))
    {
      int step = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;

      if (budget_cell_editor_get_choices_visible (editor))
        budget_cell_editor_move_choice (editor, step);
      else if (plain)
        commit_and_move (self, step, 0, FALSE);
      return TRUE;
    }
  if (self->enter_mode && plain &&
      (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_KP_Right))
    {
      commit_and_move (self, 0, (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) ? -1 : 1, FALSE);
      return TRUE;
    }
  if (keyval == GDK_KEY_F2)
    {
      /* F2 switches to in-cell editing: the arrows then move the caret. */
      self->enter_mode = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Creates the cell editor, hidden until a cell is edited. */
void
budget_grid_init_editor (BudgetGrid *self)
{
  GtkEventController *controller;

  self->editor = budget_cell_editor_new ();
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "choice-activated", G_CALLBACK (choice_activated), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);
}
