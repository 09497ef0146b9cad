/* budget-rules-other.c: the procurement table (GP-), the fixed-asset table (FA-), the performance
 * tables (PF-) and the classification catalogues (CL-). */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-catalog.h"
#include "checks/budget-rule-private.h"

/* @a × @b / @divisor for non-negative values, rounded half up; G_MAXINT64 when it does not fit. */
static gint64
scale (gint64 a,
       gint64 b,
       gint64 divisor)
{
  guint64 product;

  if (a < 0 || b < 0)
    return 0;
  if (__builtin_mul_overflow ((guint64) a, (guint64) b, &product) || product / (guint64) divisor > G_MAXINT64)
    return G_MAXINT64;
  return (gint64) ((product + (guint64) divisor / 2) / (guint64) divisor);
}

static BudgetRow *
row_at (BudgetForm *form,
        guint       index)
{
  return budget_form_row_at (form, index);
}

/* ------------------------------------------------------------------------------------------------ */
/* Procurement                                                                                       */

void
budget_rule_gp02 (BudgetRuleContext *ctx)
{
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  int qty = budget_rule_col (gp, "qty");
  int price = budget_rule_col (gp, "price");
  int total = budget_rule_col (gp, "total");

  for (guint r = 0; gp != NULL && qty >= 0 && price >= 0 && total >= 0 && r < budget_form_get_n_rows (gp); r++)
    {
      BudgetRow *row = row_at (gp, r);
      gint64 expected;
      guint64 difference;
      g_autofree char *name = NULL;
      g_autofree char *count = NULL;
      g_autofree char *unit_price = NULL;
      g_autofree char *product = NULL;
      g_autofree char *actual = NULL;
      BudgetFinding *finding;

      if (row->values[qty] == 0 && row->values[price] == 0)
        continue;
      /* 数量 is in hundredths. */
      expected = scale (row->values[qty], row->values[price], BUDGET_QUANTITY_SCALE);
      difference = expected >= row->values[total] ? (guint64) expected - (guint64) row->values[total]
                                                  : (guint64) row->values[total] - (guint64) expected;
      if (difference <= (guint64) ctx->settings->procurement_tolerance)
        continue;
      name = budget_rule_cell_name (gp, row->key, -1);
      count = budget_quantity_format (row->values[qty]);
      unit_price = budget_rule_format_amount (row->values[price]);
      product = budget_rule_format_amount (expected);
      actual = budget_rule_format_amount (row->values[total]);
      finding = budget_rule_report (ctx, ctx->severity, gp, row->key, total, NULL,
                                    _("%s: 数量 × 单价 = %s × %s = %s, but 合计 is %s"), name, count, unit_price,
                                    product, actual);
      budget_finding_set_values (finding, row->values[total], expected);
    }
}

void
budget_rule_gp03 (BudgetRuleContext *ctx)
{
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  int sme = budget_rule_col (gp, "sme");
  int total = budget_rule_col (gp, "total");

  for (guint r = 0; gp != NULL && sme >= 0 && total >= 0 && r < budget_form_get_n_rows (gp); r++)
    {
      BudgetRuleFigure a, b;

      budget_rule_figure_cell (&a, gp, row_at (gp, r)->key, sme, 0);
      budget_rule_figure_cell (&b, gp, row_at (gp, r)->key, total, 0);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_AT_MOST);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

static BudgetAmount
column_sum (BudgetForm *form,
            const char *col_id)
{
  int col = budget_rule_col (form, col_id);
  BudgetAmount sum = 0;

  for (guint r = 0; form != NULL && col >= 0 && r < budget_form_get_n_rows (form); r++)
    sum = budget_amount_add_saturating (sum, row_at (form, r)->values[col]);
  return sum;
}

void
budget_rule_gp04 (BudgetRuleContext *ctx)
{
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  BudgetForm *t2 = budget_rule_form (ctx, "T2");
  BudgetForm *t4 = budget_rule_form (ctx, "T4");
  BudgetAmount own = 0;
  BudgetAmount carry = budget_rule_value (t4, "r33", "c2");
  BudgetAmount other_carry;
  static const char * const own_cols[] = { "c7", "c8", "c9", "c10", "c11" };
  struct
  {
    const char   *col;
    BudgetForm   *form;
    const char   *row;
    const char   *form_col;
    char         *name;
    BudgetAmount  budget;
    guint         n_addends;
  } sources[7];
  guint n = 0;

  if (gp == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (own_cols); i++)
    own = budget_amount_add_saturating (own, budget_rule_value (t2, "total", own_cols[i]));
  other_carry = MAX (0, budget_rule_value (t2, "total", "c12") - carry);

#define SOURCE(c, f, rw, fc, nm, value, count) \
  sources[n].col = c; sources[n].form = f; sources[n].row = rw; sources[n].form_col = fc; \
  sources[n].name = nm; sources[n].budget = value; sources[n].n_addends = count; n++

  SOURCE ("gen", budget_rule_form (ctx, "T5"), "total", "c3", NULL,
          budget_rule_value (budget_rule_form (ctx, "T5"), "total", "c3"),
          budget_rule_count_entered (ctx, budget_rule_form (ctx, "T5"), "c4 c5", NULL));
  SOURCE ("fund", budget_rule_form (ctx, "T7"), "total", "c3", NULL,
          budget_rule_value (budget_rule_form (ctx, "T7"), "total", "c3"),
          budget_rule_count_entered (ctx, budget_rule_form (ctx, "T7"), "c4 c5", NULL));
  SOURCE ("soe", budget_rule_form (ctx, "T8"), "total", "c3", NULL,
          budget_rule_value (budget_rule_form (ctx, "T8"), "total", "c3"),
          budget_rule_count_entered (ctx, budget_rule_form (ctx, "T8"), "c4 c5", NULL));
  SOURCE ("special", t2, "total", "c6", NULL, budget_rule_value (t2, "total", "c6"),
          budget_rule_count_entered (ctx, t2, "c6", NULL));
  /* Translators: 单位资金: the unit's own money, T2 事业收入 … 其他收入 */
  SOURCE ("own", t2, "total", "c7", g_strdup (_("T2 合计 事业收入 … 其他收入")), own,
          budget_rule_count_entered (ctx, t2, "c7 c8 c9 c10 c11", NULL));
  SOURCE ("carry", t4, "r33", "c2", NULL, carry, budget_rule_count_entered (ctx, t4, "c2", NULL));
  SOURCE ("other", t2, "total", "c12", g_strdup (_("T2 合计 上年结转 less the 财政拨款 carry-over of T4")), other_carry,
          budget_rule_count_entered (ctx, t2, "c12", NULL));
#undef SOURCE

  for (guint i = 0; i < n; i++)
    {
      BudgetRuleFigure a, b;
      int col = budget_rule_col (gp, sources[i].col);
      BudgetAmount spent = column_sum (gp, sources[i].col);

      if (col < 0 || spent == 0)
        {
          g_free (sources[i].name);
          continue;
        }
      budget_rule_figure_value (&a, gp, NULL, col, budget_rule_cell_name (gp, NULL, col), spent,
                                budget_rule_count_entered (ctx, gp, sources[i].col, NULL));
      budget_rule_figure_value (&b, sources[i].form, sources[i].row, budget_rule_col (sources[i].form, sources[i].form_col),
                                sources[i].name != NULL ? sources[i].name
                                                        : budget_rule_cell_name (sources[i].form, sources[i].row,
                                                                                 budget_rule_col (sources[i].form,
                                                                                                  sources[i].form_col)),
                                sources[i].budget, sources[i].n_addends);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_AT_MOST);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

/* 政府采购目录序号: A (goods), B (works) or C (services) and at least two digits, e.g. A02010104. */
static gboolean
catalog_number_is_valid (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  gsize len = strlen (clean);

  if (len < 3 || (clean[0] != 'A' && clean[0] != 'B' && clean[0] != 'C'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (clean[i]))
      return FALSE;
  return TRUE;
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x3000)
      return FALSE;
  return TRUE;
}

static gboolean
list_row_is_empty (BudgetForm *form,
                   BudgetRow  *row)
{
  BudgetFormDef *def = budget_form_get_def (form);

  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      BudgetColumnType type = budget_form_def_get_column (def, c)->type;

      if (type == BUDGET_COLUMN_TEXT && row->texts != NULL && !text_is_blank (row->texts[c]))
        return FALSE;
      if ((type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY) && row->values[c] != 0)
        return FALSE;
    }
  return TRUE;
}

void
budget_rule_gp05 (BudgetRuleContext *ctx)
{
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  int col = budget_rule_col (gp, "catno");

  for (guint r = 0; gp != NULL && col >= 0 && r < budget_form_get_n_rows (gp); r++)
    {
      BudgetRow *row = row_at (gp, r);
      const char *catno = budget_rule_list_text (gp, row, "catno");
      g_autofree char *name = NULL;

      if (list_row_is_empty (gp, row) || catalog_number_is_valid (catno))
        continue;
      name = budget_rule_cell_name (gp, row->key, col);
      if (text_is_blank (catno))
        budget_rule_report (ctx, ctx->severity, gp, row->key, col, NULL, _("%s is empty"), name);
      else
        budget_rule_report (ctx, ctx->severity, gp, row->key, col, NULL,
                            _("%s “%s” is not a catalogue number (A, B or C followed by digits)"), name, catno);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Fixed assets                                                                                      */

void
budget_rule_fa02 (BudgetRuleContext *ctx)
{
  BudgetForm *fa = budget_rule_form (ctx, "FA");
  int qty = budget_rule_col (fa, "qty");
  int value = budget_rule_col (fa, "value");
  BudgetRuleFigure a, b;

  if (fa == NULL || qty < 0 || value < 0)
    return;
  if (budget_rule_value (fa, "office", "qty") > budget_rule_value (fa, "house", "qty"))
    {
      g_autofree char *office = budget_rule_cell_name (fa, "office", qty);
      g_autofree char *house = budget_rule_cell_name (fa, "house", qty);
      g_autofree char *office_qty = budget_quantity_format (budget_rule_value (fa, "office", "qty"));
      g_autofree char *house_qty = budget_quantity_format (budget_rule_value (fa, "house", "qty"));
      BudgetFinding *finding;

      finding = budget_rule_report (ctx, ctx->severity, fa, "office", qty, NULL,
                                    _("%s (%s) is more than %s (%s): 办公用房 is part of 房屋"), office, office_qty,
                                    house, house_qty);
      budget_finding_set_other (finding, "FA", "house", qty);
    }
  budget_rule_figure_cell (&a, fa, "office", value, 0);
  budget_rule_figure_cell (&b, fa, "house", value, 0);
  budget_rule_compare (ctx, &a, &b, BUDGET_RULE_AT_MOST);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
}

void
budget_rule_fa03 (BudgetRuleContext *ctx)
{
  BudgetForm *fa = budget_rule_form (ctx, "FA");
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  const BudgetCheckerSettings *settings = ctx->settings;
  int value_col = budget_rule_col (fa, "value");
  gint64 vehicles, area;
  BudgetAmount value, limit, total, budget;

  if (fa == NULL || value_col < 0)
    return;

  vehicles = budget_rule_value (fa, "vehicle", "qty");
  value = budget_rule_value (fa, "vehicle", "value");
  /* At least one vehicle when there is a value. */
  limit = scale (settings->max_vehicle_value, MAX (vehicles, BUDGET_QUANTITY_SCALE), BUDGET_QUANTITY_SCALE);
  if (value > limit)
    {
      g_autofree char *name = budget_rule_cell_name (fa, "vehicle", value_col);
      g_autofree char *shown = budget_rule_format_amount (value);
      g_autofree char *count = budget_quantity_format (MAX (vehicles, BUDGET_QUANTITY_SCALE));
      /* A quotient: shown as printed, with 2 decimals. */
      g_autofree char *each = budget_amount_format (scale (value, BUDGET_QUANTITY_SCALE,
                                                           MAX (vehicles, BUDGET_QUANTITY_SCALE)));
      g_autofree char *max = budget_rule_format_amount (settings->max_vehicle_value);
      BudgetFinding *finding;

      finding = budget_rule_report (ctx, ctx->severity, fa, "vehicle", value_col, NULL,
                                    _("%s is %s 万元 for %s vehicles (%s 万元 each), more than %s 万元 per vehicle: "
                                      "were 元 typed as 万元?"), name, shown, count, each, max);
      budget_finding_set_values (finding, value, limit);
    }

  area = budget_rule_value (fa, "house", "qty");
  value = budget_rule_value (fa, "house", "value");
  limit = scale (settings->max_house_value_per_m2, area, BUDGET_QUANTITY_SCALE);
  if (area > 0 && value > limit)
    {
      g_autofree char *name = budget_rule_cell_name (fa, "house", value_col);
      g_autofree char *shown = budget_rule_format_amount (value);
      g_autofree char *m2 = budget_quantity_format (area);
      g_autofree char *each = budget_amount_format (scale (value, BUDGET_QUANTITY_SCALE, area));
      g_autofree char *max = budget_rule_format_amount (settings->max_house_value_per_m2);
      BudgetFinding *finding;

      finding = budget_rule_report (ctx, ctx->severity, fa, "house", value_col, NULL,
                                    _("%s is %s 万元 for %s m² (%s 万元 per m²), more than %s 万元 per m²: were 元 "
                                      "typed as 万元?"), name, shown, m2, each, max);
      budget_finding_set_values (finding, value, limit);
    }

  total = budget_rule_value (fa, "total", "value");
  budget = budget_rule_value (t1, "r34", "c2");
  limit = scale (budget, settings->max_assets_budget_ratio, 1);
  if (budget > 0 && total > limit)
    {
      g_autofree char *name = budget_rule_cell_name (fa, "total", value_col);
      g_autofree char *shown = budget_rule_format_amount (total);
      g_autofree char *budget_name = budget_rule_cell_name (t1, "r34", budget_rule_col (t1, "c2"));
      g_autofree char *budget_shown = budget_rule_format_amount (budget);
      BudgetFinding *finding;

      finding = budget_rule_report (ctx, ctx->severity, fa, "total", value_col, NULL,
                                    _("%s (%s) is more than %u times %s (%s): were 元 typed as 万元?"), name, shown,
                                    settings->max_assets_budget_ratio, budget_name, budget_shown);
      budget_finding_set_values (finding, total, limit);
      budget_finding_set_other (finding, "T1", "r34", budget_rule_col (t1, "c2"));
    }
}

void
budget_rule_fa04 (BudgetRuleContext *ctx)
{
  BudgetForm *fa = budget_rule_form (ctx, "FA");
  int qty = budget_rule_col (fa, "qty");
  gint64 area = budget_rule_value (fa, "house", "qty");
  BudgetAmount value = budget_rule_value (fa, "house", "value");

  if (fa == NULL || qty < 0)
    return;
  if (area > 0 && area < ctx->settings->min_house_area && value > 0)
    {
      g_autofree char *name = budget_rule_cell_name (fa, "house", qty);
      g_autofree char *shown = budget_quantity_format (area);
      g_autofree char *min = budget_quantity_format (ctx->settings->min_house_area);

      budget_rule_report (ctx, ctx->severity, fa, "house", qty, NULL,
                          _("%s is %s, less than %s m²: 房屋 is an area in 平方米, not a number of buildings"), name,
                          shown, min);
    }
  if ((area > 0 || value > 0) && budget_rule_value (fa, "office", "qty") == 0 &&
      budget_rule_value (fa, "office", "value") == 0)
    {
      g_autofree char *name = budget_rule_cell_name (fa, "office", qty);
      BudgetFinding *finding = budget_rule_report (ctx, ctx->severity, fa, "office", qty, NULL,
                                                   _("%s is blank, but the department has 房屋"), name);

      budget_finding_set_other (finding, "FA", "house", qty);
    }
}

void
budget_rule_fa05 (BudgetRuleContext *ctx)
{
  int year = budget_document_get_year (ctx->doc);

  /* The 截止时间 line is derived from the budget year: (year − 1)-12-31. */
  if (year < 2000 || year > 2100)
    budget_rule_report (ctx, ctx->severity, budget_rule_form (ctx, "FA"), NULL, -1, "date",
                        _("FA 截止时间 cannot be printed: the budget year is not set"));
}

void
budget_rule_fa06 (BudgetRuleContext *ctx)
{
  static const char * const counted[] = { "vehicle", "equip", "other" };
  BudgetForm *fa = budget_rule_form (ctx, "FA");
  int qty = budget_rule_col (fa, "qty");

  for (guint i = 0; fa != NULL && qty >= 0 && i < G_N_ELEMENTS (counted); i++)
    {
      gint64 value = budget_rule_value (fa, counted[i], "qty");
      g_autofree char *name = NULL;
      g_autofree char *shown = NULL;

      /* Areas may have decimals; vehicles and items may not. */
      if (value % BUDGET_QUANTITY_SCALE == 0)
        continue;
      name = budget_rule_cell_name (fa, counted[i], qty);
      shown = budget_quantity_format (value);
      budget_rule_report (ctx, ctx->severity, fa, counted[i], qty, NULL, _("%s is %s, not a whole number"), name,
                          shown);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Performance tables                                                                                */

static const char *
scheme (BudgetRuleContext *ctx)
{
  const char *value = budget_document_get_meta (ctx->doc, "performance-scheme");

  return value != NULL && g_str_equal (value, "B") ? "B" : "A";
}

static char *
cell_text (BudgetForm *form,
           BudgetRow  *row,
           const char *col_id)
{
  return g_strstrip (g_strdup (budget_rule_list_text (form, row, col_id)));
}

/* The 一级指标 of each row: a blank cell continues the one above (the cell is merged when printed). */
static GPtrArray *
level1_of_rows (BudgetForm *form)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  const char *current = "";

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      char *text = cell_text (form, row_at (form, r), "l1");

      if (text[0] == '\0')
        {
          g_free (text);
          text = g_strdup (current);
        }
      g_ptr_array_add (result, text);
      current = text;
    }
  return result;
}

typedef void (*PerformanceFunc) (BudgetRuleContext *ctx,
                                 BudgetForm        *form);

static void
for_each_performance (BudgetRuleContext *ctx,
                      PerformanceFunc    func)
{
  for (guint f = 0; f < budget_document_get_n_forms (ctx->doc); f++)
    {
      BudgetForm *form = budget_document_get_form (ctx->doc, f);

      if (BUDGET_IS_PERFORMANCE_TABLE (form))
        func (ctx, form);
    }
}

/* "PF3 专项补助经费 row 2 指标值" */
static char *
performance_cell (BudgetForm *form,
                  BudgetRow  *row,
                  int         col)
{
  g_autofree char *cell = budget_rule_cell_name (form, row != NULL ? row->key : NULL, col);
  const char *id = budget_form_get_id (form);

  return g_strdup_printf ("%s %s%s", id, budget_form_get_name (form), cell + strlen (id));
}

static void
check_level1 (BudgetRuleContext *ctx,
              BudgetForm        *form)
{
  g_auto(GStrv) allowed = budget_performance_level1 (scheme (ctx));
  g_autoptr(GPtrArray) level1 = level1_of_rows (form);
  int col = budget_rule_col (form, "l1");

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      const char *l1 = g_ptr_array_index (level1, r);
      g_autofree char *name = NULL;

      if (g_strv_contains ((const char * const *) allowed, l1))
        continue;
      name = performance_cell (form, row_at (form, r), col);
      if (l1[0] == '\0')
        budget_rule_report (ctx, ctx->severity, form, row_at (form, r)->key, col, NULL, _("%s is empty"), name);
      else
        budget_rule_report (ctx, ctx->severity, form, row_at (form, r)->key, col, NULL,
                            _("%s “%s” is not a 一级指标 of scheme %s"), name, l1, scheme (ctx));
    }
}

void
budget_rule_pf01 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_level1);
}

static void
check_level2 (BudgetRuleContext *ctx,
              BudgetForm        *form)
{
  g_auto(GStrv) allowed = budget_performance_level1 (scheme (ctx));
  g_autoptr(GPtrArray) level1 = level1_of_rows (form);
  int col = budget_rule_col (form, "l2");

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      const char *l1 = g_ptr_array_index (level1, r);
      g_autofree char *l2 = cell_text (form, row_at (form, r), "l2");
      g_autofree char *name = NULL;

      /* A wrong 一级指标 is PF-01's. */
      if (!g_strv_contains ((const char * const *) allowed, l1) ||
          (l2[0] != '\0' && budget_performance_pair_allowed (scheme (ctx), l1, l2)))
        continue;
      name = performance_cell (form, row_at (form, r), col);
      if (l2[0] == '\0')
        budget_rule_report (ctx, ctx->severity, form, row_at (form, r)->key, col, NULL, _("%s is empty"), name);
      else
        budget_rule_report (ctx, ctx->severity, form, row_at (form, r)->key, col, NULL,
                            _("%s “%s” is not a 二级指标 of %s"), name, l2, l1);
    }
}

void
budget_rule_pf02 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_level2);
}

static void
check_coverage (BudgetRuleContext *ctx,
                BudgetForm        *form)
{
  g_auto(GStrv) level1s = budget_performance_level1 (scheme (ctx));
  g_autoptr(GPtrArray) level1 = level1_of_rows (form);

  for (guint i = 0; level1s[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint r = 0; r < budget_form_get_n_rows (form) && !found; r++)
        found = g_str_equal (g_ptr_array_index (level1, r), level1s[i]);
      if (!found)
        budget_rule_report (ctx, ctx->severity, form, NULL, -1, level1s[i], _("%s %s has no %s"),
                            budget_form_get_id (form), budget_form_get_name (form), level1s[i]);
    }

  /* Under 产出指标, every 二级指标 of the scheme (A: 数量, 质量, 时效, 成本). */
  {
    g_auto(GStrv) outputs = budget_performance_level2 (scheme (ctx), "产出指标");

    for (guint i = 0; outputs[i] != NULL; i++)
      {
        gboolean found = FALSE;

        for (guint r = 0; r < budget_form_get_n_rows (form) && !found; r++)
          {
            g_autofree char *l2 = cell_text (form, row_at (form, r), "l2");

            found = g_str_equal (g_ptr_array_index (level1, r), "产出指标") && g_str_equal (l2, outputs[i]);
          }
        if (!found)
          budget_rule_report (ctx, ctx->severity, form, NULL, -1, outputs[i], _("%s %s has no 产出指标 %s"),
                              budget_form_get_id (form), budget_form_get_name (form), outputs[i]);
      }
  }
}

void
budget_rule_pf03 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_coverage);
}

static gboolean
is_placeholder (const char *value)
{
  static const char * const placeholders[] = { "是/否", "是／否", "XX", "xx", "Xx", "ＸＸ", "待填写", "……", "...", NULL };

  for (guint i = 0; placeholders[i] != NULL; i++)
    if (strstr (value, placeholders[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_filled (BudgetRuleContext *ctx,
              BudgetForm        *form)
{
  static const char * const required[] = { "l3", "value", "basis" };

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      BudgetRow *row = row_at (form, r);

      for (guint i = 0; i < G_N_ELEMENTS (required); i++)
        {
          g_autofree char *text = cell_text (form, row, required[i]);
          int col = budget_rule_col (form, required[i]);
          g_autofree char *name = NULL;

          if (text[0] != '\0' && !(g_str_equal (required[i], "value") && is_placeholder (text)))
            continue;
          name = performance_cell (form, row, col);
          if (text[0] == '\0')
            budget_rule_report (ctx, ctx->severity, form, row->key, col, NULL, _("%s is empty"), name);
          else
            budget_rule_report (ctx, ctx->severity, form, row->key, col, NULL,
                                _("%s “%s” is a template placeholder"), name, text);
        }
    }
}

void
budget_rule_pf04 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_filled);
}

/* The indicator's name without a trailing "（%）". */
static char *
indicator_name (BudgetForm *form,
                BudgetRow  *row)
{
  char *name = cell_text (form, row, "l3");
  static const char * const units[] = { "（%）", "(%)", "（％）", "(％)" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (name, units[i]))
      {
        name[strlen (name) - strlen (units[i])] = '\0';
        g_strchomp (name);
      }
  return name;
}

static void
check_units (BudgetRuleContext *ctx,
             BudgetForm        *form)
{
  int col = budget_rule_col (form, "value");

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      BudgetRow *row = row_at (form, r);
      g_autofree char *value = cell_text (form, row, "value");
      g_autofree char *l2 = cell_text (form, row, "l2");
      g_autofree char *indicator = indicator_name (form, row);
      g_autofree char *name = NULL;

      /* Empty values and placeholders are PF-04's. */
      if (value[0] == '\0' || is_placeholder (value))
        continue;
      if ((g_str_has_suffix (indicator, "率") || g_str_has_suffix (indicator, "度")) &&
          strstr (value, "%") == NULL && strstr (value, "％") == NULL && strstr (value, "满意") == NULL)
        {
          name = performance_cell (form, row, col);
          budget_rule_report (ctx, ctx->severity, form, row->key, col, "rate",
                              _("%s: %s is a rate, but its value “%s” is not a percentage"), name, indicator, value);
        }
      else if (g_str_equal (l2, "数量指标") && strstr (value, "元") != NULL)
        {
          name = performance_cell (form, row, col);
          budget_rule_report (ctx, ctx->severity, form, row->key, col, "money",
                              _("%s: a 数量指标 counts things, but its value “%s” is money"), name, value);
        }
    }
}

void
budget_rule_pf05 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_units);
}

static void
check_cost (BudgetRuleContext *ctx,
            BudgetForm        *form)
{
  BudgetForm *t3 = budget_rule_form (ctx, "T3");
  BudgetAmount projects = budget_rule_value (t3, "total", "c5");
  g_autoptr(GPtrArray) level1 = level1_of_rows (form);
  int col = budget_rule_col (form, "value");

  /* The model has no amount per project: all 项目支出 is the bound a project's cost cannot pass. */
  for (guint r = 0; projects > 0 && r < budget_form_get_n_rows (form); r++)
    {
      BudgetRow *row = row_at (form, r);
      g_autofree char *l2 = cell_text (form, row, "l2");
      g_autoptr(GArray) amounts = NULL;

      if (!g_str_equal (l2, "成本指标") && !g_str_equal (g_ptr_array_index (level1, r), "成本指标"))
        continue;
      amounts = budget_text_scan_amounts (budget_rule_list_text (form, row, "value"));
      for (guint i = 0; i < amounts->len; i++)
        {
          BudgetAmount cost = g_array_index (amounts, BudgetTextAmount, i).value;
          g_autofree char *name = NULL;
          g_autofree char *cost_text = NULL;
          g_autofree char *limit = NULL;
          BudgetFinding *finding;

          if (cost <= projects)
            continue;
          name = performance_cell (form, row, col);
          cost_text = budget_rule_format_amount (cost);
          limit = budget_rule_format_amount (projects);
          finding = budget_rule_report (ctx, ctx->severity, form, row->key, col, NULL,
                                        _("%s: the cost %s 万元 is more than all 项目支出 (T3 合计 %s)"), name,
                                        cost_text, limit);
          budget_finding_set_values (finding, cost, projects);
          budget_finding_set_other (finding, "T3", "total", budget_rule_col (t3, "c5"));
          break;
        }
    }
}

void
budget_rule_pf06 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_cost);
}

void
budget_rule_pf07 (BudgetRuleContext *ctx)
{
  BudgetForm *t3 = budget_rule_form (ctx, "T3");
  BudgetAmount projects = budget_rule_value (t3, "total", "c5");
  BudgetForm *first = NULL;
  guint n = 0;

  for (guint f = 0; f < budget_document_get_n_forms (ctx->doc); f++)
    {
      BudgetForm *form = budget_document_get_form (ctx->doc, f);

      if (!BUDGET_IS_PERFORMANCE_TABLE (form))
        continue;
      first = first != NULL ? first : form;
      n++;
    }
  /* The model has no project names on the lines, so the check is for the document as a whole. */
  if (projects > 0 && n == 0)
    {
      g_autofree char *name = budget_rule_cell_name (t3, "total", budget_rule_col (t3, "c5"));
      g_autofree char *shown = budget_rule_format_amount (projects);

      budget_rule_report (ctx, ctx->severity, t3, "total", budget_rule_col (t3, "c5"), NULL,
                          _("%s is %s, but there is no 项目绩效目标表"), name, shown);
    }
  else if (projects == 0 && n > 0)
    budget_rule_report (ctx, ctx->severity, first, NULL, -1, NULL,
                        _("There are %u 项目绩效目标表, but no 项目支出"), n);
}

static void
check_goal (BudgetRuleContext *ctx,
            BudgetForm        *form)
{
  const char *goal = budget_form_get_goal (form);
  g_auto(GStrv) lines = g_strsplit (goal != NULL ? goal : "", "\n", -1);
  guint expected = 1;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *number = NULL;

      if (line[0] == '\0')
        continue;
      number = g_strdup_printf ("%u", expected);
      if (!g_str_has_prefix (line, number) ||
          !(g_str_has_prefix (line + strlen (number), ".") || g_str_has_prefix (line + strlen (number), "、") ||
            g_str_has_prefix (line + strlen (number), "．")))
        {
          budget_rule_report (ctx, ctx->severity, form, NULL, -1, "goal",
                              _("%s %s: 绩效目标 line %u should start with “%u.”"), budget_form_get_id (form),
                              budget_form_get_name (form), expected, expected);
          return;
        }
      expected++;
    }
  if (expected == 1)
    budget_rule_report (ctx, ctx->severity, form, NULL, -1, "goal", _("%s %s has no 绩效目标"),
                        budget_form_get_id (form), budget_form_get_name (form));
}

void
budget_rule_pf08 (BudgetRuleContext *ctx)
{
  for_each_performance (ctx, check_goal);
}

/* ------------------------------------------------------------------------------------------------ */
/* Classification                                                                                    */

void
budget_rule_cl01_row (BudgetRuleContext    *ctx,
                      const BudgetRulePass *pass,
                      guint                 row)
{
  BudgetForm *form = pass->form;
  BudgetCatalog *catalog;
  const char *key;
  const char *official;
  g_autofree char *name = NULL;

  if (budget_form_get_row_kind (form, row) == BUDGET_ROW_TOTAL || !budget_rule_is_typed_or_above (ctx, form, row))
    return;
  catalog = budget_rule_catalog (ctx, form);
  key = budget_form_get_row_key (form, row);
  official = budget_catalog_lookup_name (catalog, key);
  name = budget_rule_cell_name (form, key, -1);
  if (official == NULL && budget_form_row_has_custom_name (form, row))
    {
      /* Catalogues change every year and by province: a code the officer named is a warning to confirm
       * (and acknowledge), saying which year's catalogue was used. */
      int year = budget_document_get_year (ctx->doc);
      int catalog_year = budget_catalog_get_year (catalog);
      g_autofree char *which = catalog_year == year || year <= 0
        ? g_strdup_printf ("%d", catalog_year)
        /* Translators: the catalogue used for a project of another year, e.g. "2023 (the newest for 2025)" */
        : g_strdup_printf (_("%d (the newest there is for %d)"), catalog_year, year);

      budget_rule_report (ctx, BUDGET_SEVERITY_WARNING, form, key, -1, NULL,
                          g_str_equal (budget_catalog_get_name (catalog), "economic")
                            ? _("%s is not in the %s 部门预算支出经济分类 catalogue: confirm the code, or import your province's catalogue")
                            : _("%s is not in the %s 支出功能分类 catalogue: confirm the code, or import your province's catalogue"),
                          name, which);
    }
  else if (official == NULL)
    budget_rule_report (ctx, ctx->severity, form, key, -1, NULL,
                        g_str_equal (budget_catalog_get_name (catalog), "economic")
                          ? _("%s is not in the 部门预算支出经济分类 catalogue")
                          : _("%s is not in the 支出功能分类 catalogue"), name);
  else if (budget_form_row_has_custom_name (form, row))
    {
      g_autofree char *a = budget_normalize_name (budget_form_get_row_name (form, row));
      g_autofree char *b = budget_normalize_name (official);

      if (!g_str_equal (a, b))
        budget_rule_report (ctx, ctx->severity, form, key, -1, NULL,
                            _("%s: the catalogue names %s “%s”"), name, key, official);
    }
}

void
budget_rule_cl01_passes (BudgetRuleContext *ctx,
                         GArray            *passes)
{
  static const char * const ids[] = { "T2", "T5", "T7", "T8", "NF" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    budget_rule_add_pass (passes, budget_rule_form (ctx, ids[i]), -1, 0);
}

void
budget_rule_cl02_passes (BudgetRuleContext *ctx,
                         GArray            *passes)
{
  budget_rule_add_pass (passes, budget_rule_form (ctx, "T6"), -1, 0);
}

void
budget_rule_cl03 (BudgetRuleContext *ctx)
{
  static const char * const ids[] = { "T2", "T3", "T5", "T6", "T7", "T8", "NF" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      BudgetForm *form = budget_rule_form (ctx, ids[i]);
      BudgetCatalog *catalog;

      if (form == NULL)
        continue;
      catalog = budget_catalog_get (budget_form_def_get_catalog (budget_form_get_def (form)));
      for (guint r = 0; r < budget_form_get_n_rows (form); r++)
        {
          BudgetRow *row = row_at (form, r);
          g_autofree char *parent_code = NULL;
          BudgetRow *parent;
          g_autofree char *name = NULL;

          if (row->kind != BUDGET_ROW_LEAF && row->kind != BUDGET_ROW_PARENT)
            continue;
          parent_code = budget_catalog_parent_code (catalog, row->key);
          parent = parent_code != NULL ? budget_form_lookup_row (form, parent_code)
                                       : budget_form_lookup_row (form, "total");
          if (parent != NULL && row->parent == parent)
            continue;
          name = budget_rule_cell_name (form, row->key, -1);
          budget_rule_report (ctx, ctx->severity, form, row->key, -1, NULL, _("%s is not under its parent row %s"),
                              name, parent_code != NULL ? parent_code : "合计");
        }
    }
}

void
budget_rule_cl04_passes (BudgetRuleContext *ctx,
                         GArray            *passes)
{
  static const char * const ids[] = { "T2", "T5", "T6", "T7", "T8", "NF" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    budget_rule_add_pass (passes, budget_rule_form (ctx, ids[i]), -1, 0);
}

void
budget_rule_cl04_row (BudgetRuleContext    *ctx,
                      const BudgetRulePass *pass,
                      guint                 row)
{
  BudgetForm *form = pass->form;
  BudgetFormDef *def = budget_form_get_def (form);
  const char *key;
  g_autofree char *name = NULL;

  if (budget_form_get_row_kind (form, row) != BUDGET_ROW_LEAF || !budget_form_row_is_own (form, row))
    return;
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_AMOUNT && budget_form_get_value (form, row, c) != 0)
      return;
  key = budget_form_get_row_key (form, row);
  name = budget_rule_cell_name (form, key, -1);
  budget_rule_report (ctx, ctx->severity, form, key, -1, NULL,
                      _("%s has no amount: a row of zeros is not published"), name);
}

/* 款 of the 政府性基金预算支出 part of the 2023 支出功能分类 (they are not in the bundled catalogue, which
 * is the 一般公共预算 part), and the 类 of 国有资本经营预算支出. */
static const char * const fund_prefixes[] = {
  "20610", "20707", "20709", "20710", "20822", "20823", "20829", "21160", "21161", "21208", "21210", "21211",
  "21213", "21214", "21215", "21216", "21217", "21218", "21219", "21366", "21367", "21369", "21371", "21372",
  "21460", "21462", "21464", "21468", "21469", "21470", "21471", "21472", "21562", "22904", "22908", "22960",
  "23104", "23204", "23304", "234", NULL,
};
static const char * const soe_prefixes[] = { "223", NULL };

static gboolean
has_prefix_in (const char         *code,
               const char * const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (code, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
check_family (BudgetRuleContext  *ctx,
              const char         *form_id,
              const char * const *prefixes,
              const char         *family,
              const char         *home)
{
  BudgetForm *form = budget_rule_form (ctx, form_id);

  for (guint r = 0; form != NULL && r < budget_form_get_n_rows (form); r++)
    {
      BudgetRow *row = row_at (form, r);
      g_autofree char *name = NULL;

      if (row->kind != BUDGET_ROW_LEAF || !has_prefix_in (row->key, prefixes))
        continue;
      name = budget_rule_cell_name (form, row->key, -1);
      budget_rule_report (ctx, ctx->severity, form, row->key, -1, NULL,
                          _("%s is a %s code: it belongs in %s"), name, family, home);
    }
}

void
budget_rule_cl05 (BudgetRuleContext *ctx)
{
  check_family (ctx, "T5", fund_prefixes, "政府性基金", "T7");
  check_family (ctx, "T8", fund_prefixes, "政府性基金", "T7");
  check_family (ctx, "T5", soe_prefixes, "国有资本经营", "T8");
  check_family (ctx, "T7", soe_prefixes, "国有资本经营", "T8");
}
