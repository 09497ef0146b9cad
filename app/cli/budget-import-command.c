/* budget-import-command.c: turns the plan of a workbook import into one group command: the changed cells,
 * then the rows that go, then the new rows with their figures */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "budget-import-command.h"
#include "edit/budget-group-command.h"
#include "edit/budget-rows-command.h"
#include "edit/budget-set-cells-command.h"

static BudgetRowSnapshot *
copy_snapshot (const BudgetRowSnapshot *row)
{
  BudgetRowSnapshot *copy = budget_row_snapshot_new_empty (row->key, row->n_columns, row->texts != NULL);

  copy->name = g_strdup (row->name);
  copy->position = row->position;
  for (guint c = 0; c < row->n_columns; c++)
    {
      copy->values[c] = row->values[c];
      if (row->texts != NULL)
        {
          g_free (copy->texts[c]);
          copy->texts[c] = g_strdup (row->texts[c]);
        }
    }
  return copy;
}

static BudgetRowsCommand *
rows_command_for (GHashTable     *commands,
                  BudgetForm     *form,
                  gboolean        insert)
{
  BudgetRowsCommand *command = g_hash_table_lookup (commands, form);

  if (command == NULL)
    {
      command = budget_rows_command_new (_("Import from a workbook"), form, insert);
      g_hash_table_insert (commands, form, command);
    }
  return command;
}

/**
 * budget_import_command_new:
 * @doc: the document the import was planned for
 * @import: an import that can be applied
 *
 * Returns: (transfer full): one command that makes every change of the import, to run with
 * budget_document_execute()
 */
BudgetCommand *
budget_import_command_new (BudgetDocument   *doc,
                           BudgetXlsxImport *import)
{
  g_autoptr(BudgetGroupCommand) group = budget_group_command_new (_("Import from a workbook"));
  g_autoptr(BudgetSetCellsCommand) cells = budget_set_cells_command_new (_("Import from a workbook"));
  g_autoptr(GHashTable) removes = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GHashTable) adds = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  GPtrArray *ops = budget_xlsx_import_get_ops (import);

  for (guint i = 0; i < ops->len; i++)
    {
      BudgetXlsxOp *op = g_ptr_array_index (ops, i);
      BudgetForm *form = budget_document_lookup_form (doc, op->form_id);
      int row = form != NULL && op->key != NULL ? budget_form_find_row (form, op->key) : -1;

      if (form == NULL)
        continue;
      switch (op->kind)
        {
        case BUDGET_XLSX_OP_SET_VALUE:
          if (row >= 0)
            budget_set_cells_command_add_value (cells, form, (guint) row, op->col, op->value);
          break;
        case BUDGET_XLSX_OP_SET_TEXT:
          if (row >= 0)
            budget_set_cells_command_add_text (cells, form, (guint) row, op->col, op->text);
          break;
        case BUDGET_XLSX_OP_REMOVE_ROW:
          if (row >= 0)
            budget_rows_command_add_row (rows_command_for (removes, form, FALSE),
                                         budget_row_snapshot_new (form, (guint) row));
          break;
        case BUDGET_XLSX_OP_ADD_ROW:
          budget_rows_command_add_row (rows_command_for (adds, form, TRUE), copy_snapshot (op->row));
          break;
        default:
          break;
        }
    }
  if (budget_set_cells_command_get_n_cells (cells) > 0)
    budget_group_command_add (group, BUDGET_COMMAND (cells));
  /* Document order, so undo and redo are the same on every run. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint f = 0; f < budget_document_get_n_forms (doc); f++)
      {
        BudgetCommand *command = g_hash_table_lookup (pass == 0 ? removes : adds, budget_document_get_form (doc, f));

        if (command != NULL)
          budget_group_command_add (group, command);
      }
  return BUDGET_COMMAND (g_steal_pointer (&group));
}

/**
 * budget_import_new_document:
 * @import: an import planned for a new document
 *
 * Returns: (transfer full): a new document for the year and department of the workbook's unit line
 */
BudgetDocument *
budget_import_new_document (BudgetXlsxImport *import)
{
  const char *department = budget_xlsx_import_get_department (import);
  int year = budget_xlsx_import_get_year (import);
  gsize digits;
  g_autofree char *code = NULL;

  if (year <= 0 || department == NULL)
    return budget_document_new ();
  digits = strspn (department, "0123456789");
  code = g_strndup (department, digits);
  return budget_document_new_for_department (year, code, department + digits);
}

/**
 * budget_cli_import_xlsx:
 * @workbook: an .xlsx file
 * @out: the project file to write
 *
 * Reads the workbook into a new project and prints the import report.
 *
 * Returns: 0 when imported and the totals agree, 1 when imported with differences (or cells it could not
 * take), 2 when nothing was imported
 */
int
budget_cli_import_xlsx (const char *workbook,
                        const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) probe = budget_document_new ();
  g_autoptr(BudgetXlsxImport) import = budget_xlsx_import_new (probe, workbook, &error);
  g_autoptr(BudgetDocument) doc = NULL;
  g_autoptr(BudgetCommand) command = NULL;
  g_autofree char *report = NULL;

  if (import == NULL)
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 2;
    }
  /* The unit line names the year and department: plan again for a document made for them. */
  doc = budget_import_new_document (import);
  g_clear_object (&import);
  import = budget_xlsx_import_new (doc, workbook, &error);
  if (import == NULL)
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 2;
    }
  report = budget_xlsx_import_dup_report (import);
  fputs (report, stdout);
  if (!budget_xlsx_import_can_apply (import))
    return 2;
  command = budget_import_command_new (doc, import);
  budget_document_execute (doc, command);
  if (!budget_project_save (doc, out, &error))
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 2;
    }
  /* Differences, and figures that could not be taken, need the officer's attention. */
  return budget_xlsx_import_get_findings (import)->len > 0 ? 1 : 0;
}
