/* budget-document-edit.c: the officer's edits. Each one checks what was typed in the officer's terms,
 * builds one command and runs it through the document's undo stack; a rejected edit changes nothing. The
 * model below knows nothing of undo: the stack is attached to the document here. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "edit/budget-document-edit.h"
#include "edit/budget-form-command.h"
#include "edit/budget-move-form-command.h"
#include "edit/budget-rows-command.h"
#include "edit/budget-set-cells-command.h"
#include "edit/budget-set-form-text-command.h"
#include "edit/budget-set-meta-command.h"
#include "model/budget-catalog.h"
#include "model/budget-plain-text.h"

static GQuark
undo_stack_quark (void)
{
  return g_quark_from_static_string ("budget-undo-stack");
}

/**
 * budget_document_get_undo_stack:
 * @self: a document
 *
 * Returns: (transfer none): the document's undo history, made on first use
 */
BudgetUndoStack *
budget_document_get_undo_stack (BudgetDocument *self)
{
  BudgetUndoStack *stack = g_object_get_qdata (G_OBJECT (self), undo_stack_quark ());

  if (stack == NULL)
    {
      stack = budget_undo_stack_new (self);
      g_object_set_qdata_full (G_OBJECT (self), undo_stack_quark (), stack, g_object_unref);
    }
  return stack;
}

/**
 * budget_document_execute:
 * @self: a document
 * @command: a command made for @self
 *
 * Returns: whether the command changed something (and was recorded)
 */
gboolean
budget_document_execute (BudgetDocument *self,
                         BudgetCommand  *command)
{
  return budget_undo_stack_execute (budget_document_get_undo_stack (self), command);
}

static char *
cell_label (BudgetForm *form,
            guint       row,
            guint       col)
{
  g_autofree char *row_label = budget_form_dup_row_label (form, row);
  g_autofree char *column = budget_document_expand (budget_form_get_document (form),
                                                    budget_form_def_get_column (budget_form_get_def (form), col)->title);

  return g_strdup_printf ("%s %s %s", budget_form_get_short_title (form), row_label, column);
}

/* Parses @text for a cell and adds it to @command when the value changes. */
static gboolean
add_cell (BudgetSetCellsCommand  *command,
          BudgetForm             *form,
          guint                   row,
          guint                   col,
          const char             *text,
          gboolean                lenient,
          GError                **error)
{
  const BudgetColumnDef *column;
  BudgetCellKind kind;

  if (row >= budget_form_get_n_rows (form) || col >= budget_form_get_n_columns (form))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_FOUND,
                   _("There is no such cell in %s"), budget_form_get_short_title (form));
      return FALSE;
    }
  column = budget_form_def_get_column (budget_form_get_def (form), col);
  kind = budget_form_get_cell_kind (form, row, col);

  if (kind != BUDGET_CELL_ENTERED)
    {
      g_autofree char *shown = budget_form_dup_entry_display (form, row, col);
      g_autofree char *label = cell_label (form, row, col);
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      /* A pasted block copied from a table carries the computed cells too: accept them unchanged. */
      if (lenient && (trimmed[0] == '\0' || g_str_equal (trimmed, shown)))
        return TRUE;
      if (kind == BUDGET_CELL_DERIVED)
        g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                     _("%s is computed by the model and cannot be typed"), label);
      else
        g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                     _("%s cannot be edited"), label);
      return FALSE;
    }

  if (column->type == BUDGET_COLUMN_TEXT)
    {
      g_autofree char *clean = budget_plain_text_sanitize (text, error);

      if (clean == NULL)
        return FALSE;
      if (g_str_equal (budget_form_get_cell_text (form, row, col), clean))
        return TRUE;
      budget_set_cells_command_add_text (command, form, row, col, clean);
      return TRUE;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      gint64 value;
      gboolean ok = column->type == BUDGET_COLUMN_QUANTITY ? budget_quantity_parse (text, &value, &local_error)
                                                           : budget_amount_parse_in (text, budget_document_get_entry_unit (budget_form_get_document (form)), &value, &local_error);

      if (!ok)
        {
          g_autofree char *label = cell_label (form, row, col);

          g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                       "%s: %s", label, local_error->message);
          return FALSE;
        }
      if (value == budget_form_get_value (form, row, col))
        return TRUE;
      budget_set_cells_command_add_value (command, form, row, col, value);
      return TRUE;
    }
}

/**
 * budget_document_set_cell:
 * @self: a document
 * @form: a form of @self
 * @row: a row index
 * @col: a column index
 * @text: what the officer typed
 * @error: return location for an error
 *
 * Sets an entered cell as one undoable command. A rejected text leaves the cell unchanged and says why;
 * a text that does not change the value records nothing.
 *
 * Returns: whether the text was accepted
 */
gboolean
budget_document_set_cell (BudgetDocument  *self,
                          BudgetForm      *form,
                          guint            row,
                          guint            col,
                          const char      *text,
                          GError         **error)
{
  g_autoptr(BudgetSetCellsCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (BUDGET_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (BUDGET_IS_FORM (form), FALSE);

  if (row < budget_form_get_n_rows (form) && col < budget_form_get_n_columns (form))
    what = cell_label (form, row, col);
  /* Translators: the undo label of a cell edit, e.g. "编辑 支出总表 2060101 基本支出" */
  label = g_strdup_printf (_("Edit %s"), what != NULL ? what : "");
  command = budget_set_cells_command_new (label);
  if (!add_cell (command, form, row, col, text, FALSE, error))
    return FALSE;
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_paste:
 * @self: a document
 * @form: a form of @self
 * @row: the top row of the target block
 * @col: the left column of the target block
 * @tsv: tab-separated text, as spreadsheets copy it
 * @error: return location for an error
 *
 * Pastes a rectangular block as one undoable command. If the block does not fit or any value is
 * rejected, nothing changes and the error says where and why.
 *
 * Returns: whether the block was pasted
 */
gboolean
budget_document_paste (BudgetDocument  *self,
                       BudgetForm      *form,
                       guint            row,
                       guint            col,
                       const char      *tsv,
                       GError         **error)
{
  g_autoptr(BudgetSetCellsCommand) command = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *label = NULL;
  guint n_rows = budget_form_get_n_rows (form);
  guint n_cols = budget_form_get_n_columns (form);
  guint n_lines;

  lines = g_strsplit (tsv, "\n", -1);
  n_lines = g_strv_length (lines);
  /* Spreadsheets end the copied block with a newline. */
  while (n_lines > 0 && (lines[n_lines - 1][0] == '\0' || g_str_equal (lines[n_lines - 1], "\r")))
    {
      g_free (lines[n_lines - 1]);
      lines[--n_lines] = NULL;
    }
  if (n_lines == 0)
    return TRUE;
  if (row + n_lines > n_rows)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_PASTE,
                   _("The pasted block has %u rows, but only %u rows remain below the cell"),
                   n_lines, n_rows - MIN (row, n_rows));
      return FALSE;
    }

  label = g_strdup_printf (_("Paste into %s"), budget_form_get_short_title (form));
  command = budget_set_cells_command_new (label);
  for (guint l = 0; l < n_lines; l++)
    {
      g_auto(GStrv) cells = NULL;
      guint n;
      gsize len = strlen (lines[l]);

      if (len > 0 && lines[l][len - 1] == '\r')
        lines[l][len - 1] = '\0';
      cells = g_strsplit (lines[l], "\t", -1);
      n = g_strv_length (cells);
      if (col + n > n_cols)
        {
          g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_PASTE,
                       _("Line %u of the pasted block has %u cells, but only %u columns remain right of the cell"),
                       l + 1, n, n_cols - MIN (col, n_cols));
          return FALSE;
        }
      for (guint c = 0; c < n; c++)
        if (!add_cell (command, form, row + l, col + c, cells[c], TRUE, error))
          return FALSE;
    }
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/* A name or code as typed: sanitised, trimmed, NULL when empty. */
static char *
clean_name (const char  *text,
            GError     **error)
{
  char *clean;

  if (text == NULL)
    return NULL;
  clean = budget_plain_text_sanitize (text, error);
  if (clean == NULL)
    return NULL;
  g_strstrip (clean);
  if (clean[0] == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

/**
 * budget_document_insert_code_row:
 * @self: a document
 * @form: a coded form whose rows officers add (T2, T5, T6, T7, T8, NF)
 * @code: the classification code (a 7-digit 项 or a 5-digit economic 款)
 * @name: (nullable): the name, or %NULL to take it from the catalog
 * @error: return location for an error
 *
 * Adds a code row; the parent 类 and 款 rows appear by themselves. A code that is not in the catalog
 * is accepted when a name is given (catalogs change every year) and flagged by the checks.
 *
 * Returns: whether the row was added
 */
gboolean
budget_document_insert_code_row (BudgetDocument  *self,
                                 BudgetForm      *form,
                                 const char      *code,
                                 const char      *name,
                                 GError         **error)
{
  g_autoptr(BudgetRowsCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (code));
  g_autofree char *row_name = NULL;
  BudgetFormDef *def = budget_form_get_def (form);
  BudgetCatalog *catalog;
  BudgetRowSnapshot *snapshot;
  int existing;
  GError *name_error = NULL;

  if (budget_form_get_kind (form) != BUDGET_FORM_KIND_CODED || !budget_form_def_has_own_rows (def))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("The rows of %s come from other forms; add the code there"),
                   budget_form_get_short_title (form));
      return FALSE;
    }
  catalog = budget_form_get_catalog (form);
  if (!budget_catalog_check_code (catalog, clean, TRUE, error))
    return FALSE;
  existing = budget_form_find_row (form, clean);
  if (existing >= 0 && budget_form_row_is_own (form, (guint) existing))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_EXISTS,
                   _("%s already has a row %s"), budget_form_get_short_title (form), clean);
      return FALSE;
    }
  row_name = clean_name (name, &name_error);
  if (name_error != NULL)
    {
      g_propagate_error (error, name_error);
      return FALSE;
    }
  if (row_name == NULL && budget_catalog_lookup_name (catalog, clean) == NULL)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE,
                   _("The code %s is not in the catalog: give its name"), clean);
      return FALSE;
    }
  if (row_name != NULL && g_strcmp0 (row_name, budget_catalog_lookup_name (catalog, clean)) == 0)
    g_clear_pointer (&row_name, g_free);

  label = g_strdup_printf (_("Add row %s to %s"), clean, budget_form_get_short_title (form));
  command = budget_rows_command_new (label, form, TRUE);
  if (existing >= 0)
    {
      /* The code is shown because another form lists it: it keeps what was typed on it. */
      snapshot = budget_row_snapshot_new (form, (guint) existing);
      g_clear_pointer (&snapshot->name, g_free);
    }
  else
    snapshot = budget_row_snapshot_new_empty (clean, budget_form_get_n_columns (form),
                                              budget_form_has_text_columns (form));
  snapshot->name = g_steal_pointer (&row_name);
  budget_rows_command_add_row (command, snapshot);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_insert_list_row:
 * @self: a document
 * @form: a list or performance form
 * @position: where the new empty row goes
 * @error: return location for an error
 *
 * Returns: whether the row was added
 */
gboolean
budget_document_insert_list_row (BudgetDocument  *self,
                                 BudgetForm      *form,
                                 guint            position,
                                 GError         **error)
{
  g_autoptr(BudgetRowsCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *key = NULL;
  BudgetRowSnapshot *snapshot;
  BudgetFormKind kind = budget_form_get_kind (form);

  if (kind != BUDGET_FORM_KIND_LIST && !BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("Rows cannot be added to %s"), budget_form_get_short_title (form));
      return FALSE;
    }
  key = budget_form_dup_free_list_key (form);
  snapshot = budget_row_snapshot_new_empty (key, budget_form_get_n_columns (form), budget_form_has_text_columns (form));
  snapshot->position = MIN (position, budget_form_get_n_rows (form));
  label = g_strdup_printf (_("Add a row to %s"), budget_form_get_short_title (form));
  command = budget_rows_command_new (label, form, TRUE);
  budget_rows_command_add_row (command, snapshot);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_delete_rows:
 * @self: a document
 * @form: a form
 * @first: the first row
 * @n_rows: how many rows
 * @error: return location for an error
 *
 * Deletes rows as one command. Deleting a 类 or 款 row deletes the code rows under it; rows that come
 * from other forms, fixed rows and total rows cannot be deleted.
 *
 * Returns: whether rows were deleted
 */
gboolean
budget_document_delete_rows (BudgetDocument  *self,
                             BudgetForm      *form,
                             guint            first,
                             guint            n_rows,
                             GError         **error)
{
  g_autoptr(BudgetRowsCommand) command = NULL;
  g_autoptr(GArray) victims = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *label = NULL;
  guint n_form_rows = budget_form_get_n_rows (form);

  if (n_rows == 0 || first + n_rows > n_form_rows)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_FOUND,
                   _("There are no such rows in %s"), budget_form_get_short_title (form));
      return FALSE;
    }
  for (guint i = first; i < first + n_rows; i++)
    {
      const char *key = budget_form_get_row_key (form, i);

      switch (budget_form_get_row_kind (form, i))
        {
        case BUDGET_ROW_LIST:
          g_array_append_val (victims, i);
          break;
        case BUDGET_ROW_LEAF:
        case BUDGET_ROW_PARENT:
          /* The code rows under a 类 or 款 follow it. */
          for (guint j = i; j < n_form_rows && g_str_has_prefix (budget_form_get_row_key (form, j), key); j++)
            {
              gboolean seen = FALSE;

              for (guint v = 0; v < victims->len && !seen; v++)
                seen = g_array_index (victims, guint, v) == j;
              if (budget_form_get_row_kind (form, j) == BUDGET_ROW_LEAF && budget_form_row_is_own (form, j) && !seen)
                g_array_append_val (victims, j);
            }
          break;
        default:
          break;
        }
    }
  if (victims->len == 0)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("These rows cannot be deleted: they are fixed, totals, or come from other forms"));
      return FALSE;
    }

  if (victims->len == 1)
    {
      guint only = g_array_index (victims, guint, 0);

      label = g_strdup_printf (_("Delete row %s of %s"),
                               budget_form_get_row_kind (form, only) == BUDGET_ROW_LEAF
                               ? budget_form_get_row_key (form, only) : "",
                               budget_form_get_short_title (form));
    }
  else
    label = g_strdup_printf (_("Delete %u rows of %s"), victims->len, budget_form_get_short_title (form));
  command = budget_rows_command_new (label, form, FALSE);
  /* List rows are deleted from the bottom so that the recorded positions stay valid on undo. */
  for (guint i = victims->len; i > 0; i--)
    budget_rows_command_add_row (command, budget_row_snapshot_new (form, g_array_index (victims, guint, i - 1)));
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_set_meta:
 * @self: a document
 * @key: a metadata key (doc/project-format.md)
 * @value: (nullable): the new value, or %NULL to remove it
 * @error: return location for an error
 *
 * Returns: whether the value was accepted
 */
gboolean
budget_document_set_meta (BudgetDocument  *self,
                          const char      *key,
                          const char      *value,
                          GError         **error)
{
  g_autoptr(BudgetSetMetaCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *clean = NULL;

  if (value != NULL && (clean = budget_plain_text_sanitize (value, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (budget_document_get_meta (self, key), clean) == 0)
    return TRUE;
  if (!budget_document_validate_meta (key, clean, error))
    return FALSE;
  label = g_strdup_printf (_("Change the document property %s"), key);
  command = budget_set_meta_command_new (label, self, key, clean);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_set_form_text:
 * @self: a document
 * @form: a text section or a performance table
 * @property: "text" (text sections), "name" or "goal" (performance tables)
 * @value: the new text
 * @error: return location for an error
 *
 * Returns: whether the text was set
 */
gboolean
budget_document_set_form_text (BudgetDocument  *self,
                               BudgetForm      *form,
                               const char      *property,
                               const char      *value,
                               GError         **error)
{
  g_autoptr(BudgetSetFormTextCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *clean = NULL;
  const char *old;

  if (!((BUDGET_IS_TEXT_SECTION (form) && g_str_equal (property, "text")) ||
        (BUDGET_IS_PERFORMANCE_TABLE (form) && (g_str_equal (property, "name") || g_str_equal (property, "goal")))))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("%s has no text “%s”"), budget_form_get_short_title (form), property);
      return FALSE;
    }
  if (value != NULL && (clean = budget_plain_text_sanitize (value, error)) == NULL)
    return FALSE;
  old = g_str_equal (property, "name") ? budget_form_get_name (form)
      : g_str_equal (property, "goal") ? budget_form_get_goal (form)
      : budget_form_get_text (form);
  if (g_strcmp0 (old, clean) == 0)
    return TRUE;
  if (g_str_equal (property, "name"))
    label = g_strdup_printf (_("Rename the performance table %s"), old);
  else
    label = g_strdup_printf (_("Edit the text of %s"), budget_form_get_short_title (form));
  command = budget_set_form_text_command_new (label, form, property, old, clean);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

static void
prefill_performance_rows (BudgetDocument     *self,
                          BudgetFormSnapshot *snapshot,
                          BudgetFormDef      *def)
{
  const char *scheme = budget_document_get_meta (self, "performance-scheme");
  g_auto(GStrv) level1 = budget_performance_level1 (scheme != NULL ? scheme : "A");
  int l1_col = budget_form_def_find_column (def, "l1");
  int l2_col = budget_form_def_find_column (def, "l2");
  guint n_cols = budget_form_def_get_n_columns (def);
  guint next = 1;

  if (l1_col < 0 || l2_col < 0)
    return;
  /* The usual skeleton: every 产出/成本 二级指标, and the first 二级 of the other 一级指标. */
  for (guint i = 0; level1[i] != NULL; i++)
    {
      g_auto(GStrv) level2 = budget_performance_level2 (scheme != NULL ? scheme : "A", level1[i]);
      gboolean all = g_str_equal (level1[i], "产出指标") || g_str_equal (level1[i], "成本指标");

      for (guint j = 0; level2[j] != NULL && (all || j == 0); j++)
        {
          g_autofree char *key = g_strdup_printf ("n%u", next++);
          BudgetRowSnapshot *row = budget_row_snapshot_new_empty (key, n_cols, TRUE);

          row->texts[l1_col] = g_strdup (level1[i]);
          row->texts[l2_col] = g_strdup (level2[j]);
          g_ptr_array_add (snapshot->rows, row);
        }
    }
}

/**
 * budget_document_add_performance_form:
 * @self: a document
 * @name: the project name
 * @position: index among the performance tables, or -1 for the end
 * @error: return location for an error
 *
 * Adds a 项目绩效目标表 with the usual indicator rows of the document's scheme.
 *
 * Returns: (transfer none) (nullable): the new form
 */
BudgetForm *
budget_document_add_performance_form (BudgetDocument  *self,
                                      const char      *name,
                                      int              position,
                                      GError         **error)
{
  g_autoptr(BudgetFormCommand) command = NULL;
  g_autofree char *label = NULL;
  g_autofree char *clean = NULL;
  BudgetFormDef *def = NULL;
  GPtrArray *defs = budget_form_defs_get_all ();
  BudgetFormSnapshot *snapshot;

  for (guint i = 0; i < defs->len && def == NULL; i++)
    if (budget_form_def_get_kind (g_ptr_array_index (defs, i)) == BUDGET_FORM_KIND_PERFORMANCE)
      def = g_ptr_array_index (defs, i);
  g_return_val_if_fail (def != NULL, NULL);
  if (name != NULL && (clean = budget_plain_text_sanitize (name, error)) == NULL)
    return NULL;

  snapshot = g_new0 (BudgetFormSnapshot, 1);
  snapshot->id = budget_document_find_free_form_id (self, budget_form_def_get_id (def));
  snapshot->def_id = g_strdup (budget_form_def_get_id (def));
  snapshot->name = g_strdup (clean != NULL ? clean : "");
  snapshot->goal = g_strdup ("");
  snapshot->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_snapshot_free);
  prefill_performance_rows (self, snapshot, def);

  label = g_strdup_printf (_("Add the performance table %s"), snapshot->name);
  command = budget_form_command_new (label, snapshot,
                                     (guint) budget_document_get_performance_position (self, position), TRUE);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return budget_document_lookup_form (self, snapshot->id);
}

/**
 * budget_document_remove_form:
 * @self: a document
 * @form: a performance table
 * @error: return location for an error
 *
 * Returns: whether the table was removed (the standard forms cannot be)
 */
gboolean
budget_document_remove_form (BudgetDocument  *self,
                             BudgetForm      *form,
                             GError         **error)
{
  g_autoptr(BudgetFormCommand) command = NULL;
  g_autofree char *label = NULL;

  if (!BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("%s is a standard form and cannot be removed"), budget_form_get_short_title (form));
      return FALSE;
    }
  label = g_strdup_printf (_("Remove the performance table %s"), budget_form_get_name (form));
  command = budget_form_command_new (label, budget_form_snapshot_new (form),
                                     (guint) budget_document_get_form_index (self, form), FALSE);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}

/**
 * budget_document_move_form:
 * @self: a document
 * @form: a performance table
 * @offset: -1 to move it up, 1 to move it down (among the performance tables)
 * @error: return location for an error
 *
 * Returns: whether the table moved
 */
gboolean
budget_document_move_form (BudgetDocument  *self,
                           BudgetForm      *form,
                           int              offset,
                           GError         **error)
{
  g_autoptr(BudgetMoveFormCommand) command = NULL;
  g_autofree char *label = NULL;
  int from = budget_document_get_form_index (self, form);
  int to = from + offset;

  if (!BUDGET_IS_PERFORMANCE_TABLE (form) || to < 0 ||
      (guint) to >= budget_document_get_n_forms (self) ||
      !BUDGET_IS_PERFORMANCE_TABLE (budget_document_get_form (self, (guint) to)))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("%s cannot move further"), budget_form_get_short_title (form));
      return FALSE;
    }
  label = g_strdup_printf (_("Move the performance table %s"), budget_form_get_name (form));
  command = budget_move_form_command_new (label, form, (guint) from, (guint) to);
  budget_document_execute (self, BUDGET_COMMAND (command));
  return TRUE;
}
