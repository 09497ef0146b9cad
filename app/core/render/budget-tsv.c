/* budget-tsv.c: a form as tab-separated text, as a spreadsheet would paste it (--export-tsv, tests) */

#include "config.h"

#include <string.h>

#include "render/budget-tsv.h"
#include "text/budget-text-generator.h"

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, '\t');
  /* A tab or newline inside a cell would break the grid: spreadsheets quote such cells. */
  if (strpbrk (text, "\t\n\"") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (text);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (out, "\"%s\"", quoted->str);
    }
  else
    g_string_append (out, text);
}

/**
 * budget_form_to_tsv:
 * @form: a form of a document
 *
 * Returns: (transfer full): the form as a spreadsheet would paste it: the header rows (a merged cell's
 * text in its top-left cell), the 栏次 row, then every row with its derived values
 */
char *
budget_form_to_tsv (BudgetForm *form)
{
  BudgetFormDef *def = budget_form_get_def (form);
  GString *out = g_string_new (NULL);
  gboolean serial = budget_form_def_has_serial (def);
  guint n_cols = budget_form_get_n_columns (form);
  guint grid_cols = n_cols + (serial ? 1 : 0);
  guint n_header_rows = budget_form_def_get_n_header_rows (def);
  g_autofree char *title = budget_form_dup_title (form);

  if (BUDGET_IS_TEXT_SECTION (form))
    {
      g_string_append_printf (out, "%s\n%s\n", title, budget_form_get_rendered_text (form));
      return g_string_free (out, FALSE);
    }
  if (BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      append_cell (out, budget_form_def_get_goal_label (def) != NULL ? budget_form_def_get_goal_label (def) : "", TRUE);
      append_cell (out, budget_form_get_goal (form), FALSE);
      g_string_append_c (out, '\n');
    }

  for (guint r = 0; r < n_header_rows; r++)
    {
      g_autoptr(GPtrArray) line = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < grid_cols; c++)
        g_ptr_array_add (line, g_strdup (""));
      for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
        {
          const BudgetHeaderCell *cell = budget_form_def_get_header_cell (def, h);

          if (cell->row == r && cell->col < grid_cols)
            {
              g_free (line->pdata[cell->col]);
              line->pdata[cell->col] = budget_document_expand (budget_form_get_document (form), cell->text);
            }
        }
      for (guint c = 0; c < grid_cols; c++)
        append_cell (out, g_ptr_array_index (line, c), c == 0);
      g_string_append_c (out, '\n');
    }

  if (budget_form_def_has_column_numbers (def))
    {
      if (serial)
        append_cell (out, "栏次", TRUE);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *number = g_strdup_printf ("%u", c + 1);

          append_cell (out, number, !serial && c == 0);
        }
      g_string_append_c (out, '\n');
    }

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      if (serial)
        {
          g_autofree char *number = g_strdup_printf ("%u", r + 1);

          append_cell (out, number, TRUE);
        }
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *text = budget_form_dup_display (form, r, c);

          append_cell (out, text, !serial && c == 0);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
