/* budget-next-year.c: each autumn an officer starts the new year from last year's file. One command (undone
 * in one step) moves the budget year on, keeps this year's figures as the prior-year figures the change
 * sentences compare with (the totals, basic and project expenditure, each 三公 item, and every cell of the
 * tables as "prior:FORM/ROW/COLUMN"), moves the years named in the text on, forgets last year's reasons and
 * acknowledgements, and clears the typed amounts if the officer asks. Codes the new year's catalogue renames
 * or no longer has are reported. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "edit/budget-next-year.h"
#include "edit/budget-group-command.h"
#include "edit/budget-set-cells-command.h"
#include "edit/budget-set-form-text-command.h"
#include "edit/budget-set-meta-command.h"
#include "model/budget-catalog.h"

static void
add_meta (BudgetGroupCommand *group,
          BudgetDocument     *document,
          const char         *key,
          const char         *value)
{
  g_autoptr(BudgetSetMetaCommand) command = NULL;

  if (g_strcmp0 (budget_document_get_meta (document, key), value) == 0)
    return;
  command = budget_set_meta_command_new (NULL, document, key, value);
  budget_group_command_add (group, BUDGET_COMMAND (command));
}

static void
add_prior (BudgetGroupCommand *group,
           BudgetDocument     *document,
           const char         *key,
           const char         *form_id,
           const char         *row,
           const char         *col)
{
  BudgetForm *form = budget_document_lookup_form (document, form_id);
  g_autofree char *value = budget_amount_format_exact (form != NULL ? budget_form_lookup_value (form, row, col) : 0);

  add_meta (group, document, key, value);
}

/* "2023年" → "2024年" and "2022年" → "2023年", except inside 《》 (titles of laws and documents). */
static char *
move_years (const char *text,
            int         year)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x300A)
        depth++;
      else if (c == 0x300B && depth > 0)
        depth--;
      if (depth == 0 && g_ascii_isdigit (*p) && (p == text || !g_ascii_isdigit (p[-1])) &&
          g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
          g_str_has_prefix (p + 4, "年"))
        {
          int found = atoi (p);

          if (found == year || found == year - 1)
            {
              g_string_append_printf (out, "%d", found + 1);
              p += 4;
              continue;
            }
        }
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_table (BudgetForm *form)
{
  const char *group = budget_form_def_get_group (budget_form_get_def (form));

  return g_strcmp0 (group, "tables") == 0 || g_strcmp0 (group, "input") == 0;
}

/**
 * budget_next_year_command_new:
 * @document: this year's document
 * @clear_amounts: whether the typed amounts are cleared (the rows, names and texts stay)
 * @report: (element-type utf8): gets a line per thing the officer should review, in their terms
 *
 * Returns: (transfer full): the command that turns @document into next year's, to run with
 *   budget_document_execute()
 */
BudgetCommand *
budget_next_year_command_new (BudgetDocument *document,
                              gboolean        clear_amounts,
                              GPtrArray      *report)
{
  int year = budget_document_get_year (document);
  g_autofree char *label = g_strdup_printf (_("Start %d from this project"), year + 1);
  g_autofree char *next = g_strdup_printf ("%d", year + 1);
  BudgetGroupCommand *group = budget_group_command_new (label);
  g_autoptr(BudgetSetCellsCommand) cleared = budget_set_cells_command_new (NULL);
  g_auto(GStrv) keys = budget_document_list_meta_keys (document);
  static const struct { const char *key, *form, *row, *col; } totals[] = {
    { "prior-total", "T3", "total", "c3" },
    { "prior-basic", "T3", "total", "c4" },
    { "prior-project", "T3", "total", "c5" },
    { "prior-sangong", "T9", "r1", "c2" },
    { "prior-sangong-abroad", "T9", "r2", "c2" },
    { "prior-sangong-car-purchase", "T9", "r4", "c2" },
    { "prior-sangong-car-running", "T9", "r5", "c2" },
    { "prior-sangong-reception", "T9", "r6", "c2" },
  };

  /* Last year's reasons, acknowledgements and cell figures go; this year's figures come in their place. */
  for (guint k = 0; keys[k] != NULL; k++)
    if (g_str_has_prefix (keys[k], "reason-") || g_str_has_prefix (keys[k], "ack:") || g_str_has_prefix (keys[k], "prior:"))
      add_meta (group, document, keys[k], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    add_prior (group, document, totals[i].key, totals[i].form, totals[i].row, totals[i].col);

  for (guint i = 0; i < budget_document_get_n_forms (document); i++)
    {
      BudgetForm *form = budget_document_get_form (document, i);
      BudgetFormDef *def = budget_form_get_def (form);

      if (is_table (form))
        {
          BudgetCatalog *catalog = NULL;

          if (budget_form_def_get_catalog (def) != NULL)
            catalog = budget_catalog_get_for_year (budget_form_def_get_catalog (def), year + 1);
          for (guint r = 0; r < budget_form_get_n_rows (form); r++)
            {
              const char *key = budget_form_get_row_key (form, r);

              for (guint c = 0; c < budget_form_get_n_columns (form); c++)
                {
                  const BudgetColumnDef *column = budget_form_def_get_column (def, c);
                  BudgetAmount value;

                  if (column->type != BUDGET_COLUMN_AMOUNT || budget_form_get_cell_kind (form, r, c) == BUDGET_CELL_LABEL ||
                      budget_form_get_cell_kind (form, r, c) == BUDGET_CELL_BLANK)
                    continue;
                  value = budget_form_get_value (form, r, c);
                  if (value != 0)
                    {
                      g_autofree char *prior_key = g_strdup_printf ("prior:%s/%s/%s", budget_form_get_id (form), key, column->id);
                      g_autofree char *text = budget_amount_format_exact (value);

                      add_meta (group, document, prior_key, text);
                    }
                  if (clear_amounts && value != 0 && budget_form_get_cell_kind (form, r, c) == BUDGET_CELL_ENTERED)
                    budget_set_cells_command_add_value (cleared, form, r, c, 0);
                }
              /* The new year's catalogue may rename a code or no longer have it. */
              if (catalog != NULL && budget_form_get_row_kind (form, r) == BUDGET_ROW_LEAF && budget_form_row_is_own (form, r))
                {
                  const char *official = budget_catalog_lookup_name (catalog, key);
                  const char *name = budget_form_get_row_name (form, r);

                  if (official == NULL)
                    g_ptr_array_add (report, g_strdup_printf (_("%s %s %s is not in the %d catalogue: check the code"),
                                                              budget_form_get_short_title (form), key, name,
                                                              budget_catalog_get_year (catalog)));
                  else if (g_strcmp0 (official, name) != 0)
                    g_ptr_array_add (report, g_strdup_printf (_("%s %s is named “%s” in the %d catalogue, “%s” here"),
                                                              budget_form_get_short_title (form), key, official,
                                                              budget_catalog_get_year (catalog), name));
                }
            }
        }
      else if (BUDGET_IS_TEXT_SECTION (form) || BUDGET_IS_PERFORMANCE_TABLE (form))
        {
          const char *property = BUDGET_IS_TEXT_SECTION (form) ? "text" : "goal";
          const char *text = BUDGET_IS_TEXT_SECTION (form) ? budget_form_get_text (form) : budget_form_get_goal (form);
          g_autofree char *moved = text != NULL ? move_years (text, year) : NULL;

          if (moved != NULL && !g_str_equal (moved, text))
            {
              g_autoptr(BudgetSetFormTextCommand) command = budget_set_form_text_command_new (NULL, form, property, text, moved);

              budget_group_command_add (group, BUDGET_COMMAND (command));
            }
        }
    }
  if (budget_set_cells_command_get_n_cells (cleared) > 0)
    budget_group_command_add (group, BUDGET_COMMAND (cleared));
  add_meta (group, document, "year", next);
  if (clear_amounts)
    g_ptr_array_add (report, g_strdup (_("The typed amounts were cleared; last year's are kept as the prior-year figures")));
  return BUDGET_COMMAND (group);
}
