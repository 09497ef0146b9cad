/* budget-grid-clipboard.c: copying, cutting, pasting and clearing ranges of the grid, as
 * tab-separated text the way spreadsheets (LibreOffice, WPS, Excel) exchange it; every paste or clear
 * is one undoable command of the document.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-grid-private.h"

/* ------------------------------------------------------------------------------------------------ */
/* Clipboard and ranges                                                                              */

static char *
clean_cell_text (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

/**
 * budget_grid_dup_selection_text:
 * @self: a grid
 *
 * Returns: (transfer full): the selected cells as tab-separated text, the way spreadsheets copy:
 * typed amounts exactly, computed ones as shown
 */
char *
budget_grid_dup_selection_text (BudgetGrid *self)
{
  GString *out = g_string_new (NULL);
  guint r1, c1, r2, c2;

  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (self->form == NULL || n_rows (self) == 0)
    return g_string_free (out, FALSE);
  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  for (guint r = r1; r <= r2; r++)
    {
      for (guint c = c1; c <= c2; c++)
        {
          g_autofree char *text = NULL;
          g_autofree char *clean = NULL;

          if (budget_form_get_cell_kind (self->form, r, c) == BUDGET_CELL_ENTERED)
            text = budget_form_dup_edit_text (self->form, r, c);
          else
            text = budget_form_dup_entry_display (self->form, r, c);
          clean = clean_cell_text (text);
          if (c > c1)
            g_string_append_c (out, '\t');
          g_string_append (out, clean);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * budget_grid_paste_text:
 * @self: a grid
 * @tsv: tab-separated text, as LibreOffice, WPS or Excel copy it
 * @error: return location for the reason a paste does not fit
 *
 * Pastes a block with its top left corner at the selection's top left cell, as one undoable command.
 * A block that does not fit, or holds a value the model rejects, changes nothing; the reason is
 * shown next to the cell.
 *
 * Returns: whether the block was pasted
 */
gboolean
budget_grid_paste_text (BudgetGrid  *self,
                        const char  *tsv,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint r1, c1;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->form == NULL)
    return FALSE;
  if (self->editing && !budget_grid_commit_edit (self, error))
    return FALSE;
  budget_grid_get_selection (self, &r1, &c1, NULL, NULL);
  if (!budget_document_paste (self->document, self->form, r1, c1, tsv, &local_error))
    {
      budget_grid_show_message (self, r1, c1, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  budget_grid_hide_message (self);
  return TRUE;
}

/**
 * budget_grid_clear_selection:
 * @self: a grid
 * @error: return location for an error
 *
 * Empties the typed cells of the selection as one undoable command; computed and fixed cells are
 * left as they are.
 *
 * Returns: whether the cells were cleared
 */
gboolean
budget_grid_clear_selection (BudgetGrid  *self,
                             GError     **error)
{
  g_autoptr(GString) tsv = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  guint r1, c1, r2, c2;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->form == NULL || n_rows (self) == 0)
    return TRUE;
  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  for (guint r = r1; r <= r2; r++)
    {
      for (guint c = c1; c < c2; c++)
        g_string_append_c (tsv, '\t');
      g_string_append_c (tsv, '\n');
    }
  if (!budget_document_paste (self->document, self->form, r1, c1, tsv->str, &local_error))
    {
      budget_grid_show_message (self, r1, c1, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
paste_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BudgetGrid) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      if (self->form != NULL)
        budget_grid_show_message (self, self->cursor_row, self->cursor_col,
                                  _("The clipboard holds no text to paste."));
      return;
    }
  budget_grid_paste_text (self, text, NULL);
}

static void
grid_copy (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BudgetGrid *self = BUDGET_GRID (widget);
  g_autofree char *text = budget_grid_dup_selection_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
grid_cut (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  grid_copy (widget, action_name, parameter);
  budget_grid_clear_selection (BUDGET_GRID (widget), NULL);
}

static void
grid_paste (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_ready, g_object_ref (widget));
}

static void
grid_clear (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  budget_grid_clear_selection (BUDGET_GRID (widget), NULL);
}

static void
grid_select_all (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BudgetGrid *self = BUDGET_GRID (widget);

  if (n_rows (self) == 0)
    return;
  budget_grid_select (self, 0, 0, n_rows (self) - 1, n_cols (self) - 1);
}

/* Installs the grid.copy, grid.cut, grid.paste, grid.clear and grid.select-all actions and their keys. */
void
budget_grid_class_add_clipboard_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "grid.copy", NULL, grid_copy);
  gtk_widget_class_install_action (widget_class, "grid.cut", NULL, grid_cut);
  gtk_widget_class_install_action (widget_class, "grid.paste", NULL, grid_paste);
  gtk_widget_class_install_action (widget_class, "grid.clear", NULL, grid_clear);
  gtk_widget_class_install_action (widget_class, "grid.select-all", NULL, grid_select_all);
  /* Menus show the accelerator bound last: the usual one. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK, "grid.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "grid.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "grid.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK, "grid.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "grid.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "grid.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "grid.select-all", NULL);
}
