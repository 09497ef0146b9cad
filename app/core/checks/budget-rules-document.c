/* budget-rules-document.c: document-level rules (G-): the set of tables, units, signs and precision.
 * G-03 and G-07, which read the explanatory text, are in budget-rules-text.c. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "checks/budget-rule-private.h"

/**
 * budget_rules_check_table_order: (skip)
 * @ctx: the rule being evaluated (G-01)
 * @form_ids: the document's form ids, in document order
 *
 * Checks that T1 … T9 are all there, in that order.
 */
void
budget_rules_check_table_order (BudgetRuleContext  *ctx,
                                const char * const *form_ids)
{
  int last = 0;

  for (int n = 1; n <= 9; n++)
    {
      g_autofree char *id = g_strdup_printf ("T%d", n);

      if (!g_strv_contains (form_ids, id))
        budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, id, _("The document has no table %s"), id);
    }
  for (guint i = 0; form_ids[i] != NULL; i++)
    {
      const char *id = form_ids[i];
      int n;

      if (id[0] != 'T' || id[1] < '1' || id[1] > '9' || id[2] != '\0')
        continue;
      n = id[1] - '0';
      if (n < last)
        budget_rule_report (ctx, ctx->severity, budget_rule_form (ctx, id), NULL, -1, id,
                            _("Table %s comes after T%d; the tables must be in order T1 … T9"), id, last);
      else
        last = n;
    }
}

void
budget_rule_g01 (BudgetRuleContext *ctx)
{
  guint n = budget_document_get_n_forms (ctx->doc);
  g_autofree const char **ids = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = budget_form_get_id (budget_document_get_form (ctx->doc, i));
  budget_rules_check_table_order (ctx, ids);
}

/**
 * budget_rules_check_empty_note: (skip)
 * @ctx: the rule being evaluated (G-02)
 * @def: the definition of a table that may be empty (T7, T8, GP)
 *
 * An empty table is still published, with a note that says why it is empty.
 */
void
budget_rules_check_empty_note (BudgetRuleContext *ctx,
                               BudgetFormDef     *def)
{
  const char *note = budget_form_def_get_empty_note (def);

  if (note == NULL || strstr (note, "空表列示") == NULL)
    budget_rule_report (ctx, ctx->severity, budget_rule_form (ctx, budget_form_def_get_id (def)), NULL, -1, NULL,
                        _("%s has no note for an empty table (注：无…，空表列示。)"), budget_form_def_get_id (def));
}

void
budget_rule_g02 (BudgetRuleContext *ctx)
{
  static const char * const ids[] = { "T7", "T8", "GP" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      BudgetForm *form = budget_rule_form (ctx, ids[i]);

      if (form != NULL)
        budget_rules_check_empty_note (ctx, budget_form_get_def (form));
    }
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

void
budget_rule_g04 (BudgetRuleContext *ctx)
{
  const char *unit = budget_document_get_meta (ctx->doc, "unit");
  const char *name = budget_document_get_meta (ctx->doc, "department-name");
  const char *code = budget_document_get_meta (ctx->doc, "department-code");

  /* The header lines come from these, so they are the same on every table once they are set. */
  if (g_strcmp0 (unit, "万元") != 0)
    budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, "unit",
                        _("The unit is “%s”; the money tables must say 单位：万元"), unit != NULL ? unit : "");
  if (is_blank (name))
    budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, "department-name",
                        _("The department name is empty: every table header shows it"));
  if (is_blank (code))
    budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, "department-code",
                        _("The department code is empty: every table header shows it (单位编码)"));
}

/* G-05 and G-06 walk every numeric column of every form (G-06: money only), row by row. */
static void
number_passes (BudgetRuleContext *ctx,
               GArray            *passes,
               gboolean           money_only)
{
  for (guint f = 0; f < budget_document_get_n_forms (ctx->doc); f++)
    {
      BudgetForm *form = budget_document_get_form (ctx->doc, f);
      BudgetFormDef *def = budget_form_get_def (form);

      for (guint c = 0; c < budget_form_get_n_columns (form); c++)
        {
          BudgetColumnType type = budget_form_def_get_column (def, c)->type;

          if (type == BUDGET_COLUMN_AMOUNT || (!money_only && type == BUDGET_COLUMN_QUANTITY))
            budget_rule_add_pass (passes, form, (int) c, 0);
        }
    }
}

/* Whether a cell holds a number: typed or derived. */
static gboolean
is_number (BudgetForm *form,
           guint       row,
           guint       col)
{
  BudgetCellKind kind = budget_form_get_cell_kind (form, row, col);

  return kind == BUDGET_CELL_ENTERED || kind == BUDGET_CELL_DERIVED;
}

void
budget_rule_g05_passes (BudgetRuleContext *ctx,
                        GArray            *passes)
{
  number_passes (ctx, passes, FALSE);
}

void
budget_rule_g05_row (BudgetRuleContext    *ctx,
                     const BudgetRulePass *pass,
                     guint                 row)
{
  BudgetForm *form = pass->form;
  guint col = (guint) pass->col;
  BudgetAmount value = budget_form_get_value (form, row, col);
  const char *key;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  BudgetFinding *finding;

  if (value >= 0 || !is_number (form, row, col))
    return;
  key = budget_form_get_row_key (form, row);
  name = budget_rule_cell_name (form, key, (int) col);
  shown = budget_rule_format_amount (value);
  finding = budget_rule_report (ctx, ctx->severity, form, key, (int) col, NULL,
                                _("%s is negative (%s): a budget has no negative amounts"), name, shown);
  budget_finding_set_values (finding, value, 0);
}

/**
 * budget_rules_display_is_valid: (skip)
 * @display: a money cell as a table prints it
 *
 * Returns: whether it is blank or a number with exactly 2 decimals
 */
gboolean
budget_rules_display_is_valid (const char *display)
{
  const char *point = strchr (display, '.');

  if (display[0] == '\0')
    return TRUE;
  if (point == NULL || point == display || strlen (point) != 3)
    return FALSE;
  for (const char *p = display; *p; p++)
    if (p != point && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

void
budget_rule_g06_passes (BudgetRuleContext *ctx,
                        GArray            *passes)
{
  number_passes (ctx, passes, TRUE);
}

void
budget_rule_g06_row (BudgetRuleContext    *ctx,
                     const BudgetRulePass *pass,
                     guint                 row)
{
  BudgetForm *form = pass->form;
  guint col = (guint) pass->col;
  g_autofree char *display = NULL;
  g_autofree char *name = NULL;

  /* Negative amounts are G-05's; zero prints blank, which is valid (and most cells of a large form are
   * zero: formatting them all would dominate the first check). */
  if (budget_form_get_value (form, row, col) <= 0 || !is_number (form, row, col))
    return;
  display = budget_form_dup_display (form, row, col);
  if (budget_rules_display_is_valid (display))
    return;
  name = budget_rule_cell_name (form, budget_form_get_row_key (form, row), (int) col);
  budget_rule_report (ctx, ctx->severity, form, budget_form_get_row_key (form, row), (int) col, NULL,
                      _("%s is shown as “%s”, not with 2 decimals"), name, display);
}
