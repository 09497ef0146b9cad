/* budget-rules-tables.c: rules inside each of the nine tables (T1-… T9-) and across them (X-).
 *
 * Most identities hold by construction here, because the model derives every total (the reference's
 * "T1-01 …" rules are then a guard against a broken definition or engine). The cross-table rules that
 * compare figures typed in different places (X-10, X-11, X-13, X-14 …) are the ones officers trip on;
 * they allow the rounding of §1, because officers copy 2-decimal figures from printed tables.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-catalog.h"
#include "checks/budget-rule-private.h"

/* The 31 expenditure labels of T1 and T4 (forms-and-rules.md §3.1). */
static const char * const expenditure_labels[] = {
  "一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "五、教育支出", "六、科学技术支出",
  "七、文化旅游体育与传媒支出", "八、社会保障和就业支出", "九、社会保险基金支出", "十、卫生健康支出",
  "十一、节能环保支出", "十二、城乡社区支出", "十三、农林水支出", "十四、交通运输支出",
  "十五、资源勘探工业信息等支出", "十六、商业服务业等支出", "十七、金融支出", "十八、援助其他地区支出",
  "十九、自然资源海洋气象等支出", "二十、住房保障支出", "二十一、粮油物资储备支出", "二十二、国有资本经营预算支出",
  "二十三、灾害防治及应急管理支出", "二十四、预备费", "二十五、其他支出", "二十六、转移性支出",
  "二十七、债务还本支出", "二十八、债务付息支出", "二十九、债务发行费用支出", "三十、抗疫特别国债安排的支出",
  "三十一、人行科目",
};

static const char * const t1_income_labels[] = {
  "一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入", "四、财政专户管理资金收入",
  "五、事业收入", "六、事业单位经营收入", "七、上级补助收入", "八、附属单位上缴收入", "九、其他收入",
};

static const char * const t4_income_labels[] = {
  "一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款",
};

/* ------------------------------------------------------------------------------------------------ */
/* Helpers                                                                                           */

static BudgetRow *
fixed_row (BudgetForm *form,
           const char *id)
{
  return form != NULL ? budget_form_lookup_row (form, id) : NULL;
}

/* Σ of a column over fixed rows: "r1:r9" (a range in definition order) or "r32 r33". */
static gint64
fixed_sum (BudgetForm *form,
           const char *rows,
           int         col)
{
  gint64 sum = 0;

  if (form == NULL || col < 0)
    return 0;
  if (strchr (rows, ':') != NULL)
    {
      g_auto(GStrv) range = g_strsplit (rows, ":", 2);
      int first = budget_form_find_row (form, range[0]);
      int last = budget_form_find_row (form, range[1]);

      for (int r = first; first >= 0 && r <= last; r++)
        sum = budget_amount_add_saturating (sum, budget_form_get_value (form, (guint) r, (guint) col));
      return sum;
    }
  {
    g_auto(GStrv) ids = g_strsplit (rows, " ", -1);

    for (guint i = 0; ids[i] != NULL; i++)
      {
        BudgetRow *row = fixed_row (form, ids[i]);

        if (row != NULL)
          sum = budget_amount_add_saturating (sum, row->values[col]);
      }
  }
  return sum;
}

/* Checks that a 类/款 row (variant 0) or the total row (variant 1) of a coded form is the sum of its
 * children, in every money column. */
static void
check_children_row (BudgetRuleContext    *ctx,
                    const BudgetRulePass *pass,
                    guint                 row)
{
  BudgetForm *form = pass->form;
  BudgetFormDef *def = budget_form_get_def (form);
  gboolean total = pass->variant == 1;
  guint n_children = budget_form_get_row_n_children (form, row);

  guint n_cols = budget_form_get_n_columns (form);
  g_autofree gint64 *sums = NULL;

  if (budget_form_get_row_kind (form, row) != (total ? BUDGET_ROW_TOTAL : BUDGET_ROW_PARENT) || n_children == 0)
    return;
  /* Child by child, every column at once: each child row is read once. */
  sums = g_new0 (gint64, n_cols);
  for (guint i = 0; i < n_children; i++)
    {
      guint child = budget_form_get_row_child (form, row, i);

      for (guint c = 0; c < n_cols; c++)
        if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_AMOUNT)
          sums[c] = budget_amount_add_saturating (sums[c], budget_form_get_value (form, child, c));
    }
  for (guint c = 0; c < n_cols; c++)
    {
      BudgetRuleFigure a, b;

      if (budget_form_def_get_column (def, c)->type != BUDGET_COLUMN_AMOUNT ||
          budget_form_get_value (form, row, c) == sums[c])
        continue;
      budget_rule_figure_cell (&a, form, budget_form_get_row_key (form, row), (int) c, 0);
      budget_rule_figure_value (&b, NULL, NULL, -1,
                                g_strdup (total ? _("the sum of the 类 rows") : _("the sum of its rows")),
                                sums[c], 0);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

/* The walks of the rules on the parents (variant 0) and totals (variant 1) of coded forms. */
static void
add_children_passes (BudgetRuleContext *ctx,
                     GArray            *passes,
                     const char        *form_id,
                     gboolean           parents,
                     gboolean           total)
{
  BudgetForm *form = budget_rule_form (ctx, form_id);

  if (parents)
    budget_rule_add_pass (passes, form, -1, 0);
  if (total)
    budget_rule_add_pass (passes, form, -1, 1);
}

/* Compares two cells of (possibly) different forms. */
static BudgetFinding *
compare_cells (BudgetRuleContext  *ctx,
               BudgetForm         *form_a,
               const char         *key_a,
               const char         *col_a,
               guint               n_a,
               BudgetForm         *form_b,
               const char         *key_b,
               const char         *col_b,
               guint               n_b,
               BudgetRuleRelation  relation)
{
  BudgetRuleFigure a, b;
  BudgetFinding *finding;

  if (form_a == NULL || form_b == NULL ||
      budget_rule_holds (budget_rule_value (form_a, key_a, col_a), budget_rule_value (form_b, key_b, col_b), relation))
    return NULL;
  budget_rule_figure_cell (&a, form_a, key_a, budget_rule_col (form_a, col_a), n_a);
  budget_rule_figure_cell (&b, form_b, key_b, budget_rule_col (form_b, col_b), n_b);
  finding = budget_rule_compare (ctx, &a, &b, relation);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
  return finding;
}

/* The 类 code a fixed expenditure row takes through its formula (T1 c4 "T3[206].c3"), or NULL. */
static const char *
fixed_row_class (BudgetForm *form,
                 guint       row,
                 int         col)
{
  BudgetFormula *formula;
  const BudgetFormulaTerm *term;

  if (col < 0)
    return NULL;
  formula = budget_form_get_cell_formula (form, row, (guint) col);
  if (formula == NULL || budget_formula_get_n_terms (formula) != 1)
    return NULL;
  term = budget_formula_get_term (formula, 0);
  if (term->form == NULL || term->key == NULL || term->key_end != NULL)
    return NULL;
  return term->key;
}

static gboolean
is_leaf (BudgetRow *row)
{
  return row->kind == BUDGET_ROW_LEAF;
}

/* Typed figures behind the carry-over cells of T4 (年初/年末结转). */
static guint
count_carry (BudgetRuleContext *ctx)
{
  BudgetForm *t4 = budget_rule_form (ctx, "T4");

  return budget_rule_count_entered (ctx, t4, "c2 c5 c6 c7", NULL);
}

static gboolean
carry_over_present (BudgetRuleContext *ctx)
{
  BudgetForm *t2 = budget_rule_form (ctx, "T2");
  BudgetForm *t4 = budget_rule_form (ctx, "T4");

  return budget_rule_value (t2, "total", "c12") != 0 || budget_rule_value (t4, "r33", "c2") != 0 ||
         budget_rule_value (t4, "r33", "c4") != 0;
}

/* ------------------------------------------------------------------------------------------------ */
/* T1                                                                                                */

void
budget_rule_t1_05 (BudgetRuleContext *ctx)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  /* Income and expenditure come from figures typed separately (T2's other sources, NF). */
  guint n_income = budget_rule_count_entered (ctx, budget_rule_form (ctx, "T2"), "c6 c7 c8 c9 c10 c11 c12", NULL) +
                   count_carry (ctx);
  guint n_spending = budget_rule_count_entered (ctx, budget_rule_form (ctx, "NF"), "c4 c5 c6 c7 c8", NULL) +
                     budget_rule_count_entered (ctx, t1, "c4", NULL);

  compare_cells (ctx, t1, "r34", "c2", n_income, t1, "r34", "c4", n_spending, BUDGET_RULE_EQUAL);
}

/* Checks a fixed layout: the row ids, the labels of a label column, and cells that must be blank. */
static void
check_labels (BudgetRuleContext  *ctx,
              BudgetForm         *form,
              BudgetFormDef      *def,
              const char         *col_id,
              guint               first_row,
              const char * const *labels,
              guint               n_labels)
{
  int col = budget_form_def_find_column (def, col_id);

  if (col < 0)
    {
      budget_rule_report (ctx, BUDGET_SEVERITY_ERROR, form, NULL, -1, col_id,
                          _("%s has no column %s"), budget_form_def_get_id (def), col_id);
      return;
    }
  for (guint i = 0; i < n_labels; i++)
    {
      guint r = first_row + i;
      const BudgetRowDef *row;
      g_autofree char *text = NULL;

      if (r >= budget_form_def_get_n_fixed_rows (def))
        return;
      row = budget_form_def_get_fixed_row (def, r);
      text = g_strstrip (g_strdup (row->cells[col].kind == BUDGET_CELL_DEF_LABEL ? row->cells[col].text : ""));
      if (!g_str_equal (text, labels[i] != NULL ? labels[i] : ""))
        budget_rule_report (ctx, BUDGET_SEVERITY_ERROR, form, row->id, col, NULL,
                            /* Translators: "T1 row 12 支出项目 is “…”, but the template says “…”" */
                            _("%s row %u %s is “%s”, but the template says “%s”"), budget_form_def_get_id (def),
                            r + 1, budget_form_def_get_column (def, (guint) col)->title, text,
                            labels[i] != NULL ? labels[i] : "");
    }
}

static void
check_blank (BudgetRuleContext *ctx,
             BudgetForm        *form,
             BudgetFormDef     *def,
             guint              first_row,
             guint              last_row,
             const char        *col_ids)
{
  g_auto(GStrv) ids = g_strsplit (col_ids, " ", -1);

  for (guint r = first_row; r <= last_row && r < budget_form_def_get_n_fixed_rows (def); r++)
    {
      const BudgetRowDef *row = budget_form_def_get_fixed_row (def, r);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          int col = budget_form_def_find_column (def, ids[i]);

          if (col >= 0 && row->cells[col].kind != BUDGET_CELL_DEF_BLANK &&
              !(row->cells[col].kind == BUDGET_CELL_DEF_LABEL && row->cells[col].text[0] == '\0'))
            budget_rule_report (ctx, BUDGET_SEVERITY_ERROR, form, row->id, col, NULL,
                                _("%s row %u %s must be blank"), budget_form_def_get_id (def), r + 1,
                                budget_form_def_get_column (def, (guint) col)->title);
        }
    }
}

/**
 * budget_rules_check_layout: (skip)
 * @ctx: the rule being evaluated (T1-06 or T4-08)
 * @def: the definition of T1 or T4
 *
 * Checks a definition against the template's rows, labels and blank cells (§3.1, §3.4).
 */
void
budget_rules_check_layout (BudgetRuleContext *ctx,
                           BudgetFormDef     *def)
{
  const char *id = budget_form_def_get_id (def);
  gboolean t1 = g_str_equal (id, "T1");
  guint n_rows = t1 ? 34 : 37;
  BudgetForm *form = budget_rule_form (ctx, id);

  if (budget_form_def_get_n_fixed_rows (def) != n_rows)
    {
      budget_rule_report (ctx, BUDGET_SEVERITY_ERROR, form, NULL, -1, "rows",
                          _("%s has %u rows; the template has %u"), id, budget_form_def_get_n_fixed_rows (def),
                          n_rows);
      return;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *expected = g_strdup_printf ("r%u", r + 1);
      const char *actual = budget_form_def_get_fixed_row (def, r)->id;

      if (!g_str_equal (actual, expected))
        budget_rule_report (ctx, BUDGET_SEVERITY_ERROR, form, actual, -1, NULL,
                            _("%s row %u has the id %s instead of %s"), id, r + 1, actual, expected);
    }

  check_labels (ctx, form, def, "c3", 0, expenditure_labels, G_N_ELEMENTS (expenditure_labels));
  if (t1)
    {
      static const char * const income_total[] = { "本年收入合计", "上年结转结余", "收入总计" };
      static const char * const spending_total[] = { "本年支出合计", "年终结转结余", "支出总计" };

      check_labels (ctx, form, def, "c1", 0, t1_income_labels, G_N_ELEMENTS (t1_income_labels));
      check_blank (ctx, form, def, 9, 30, "c1 c2");
      check_labels (ctx, form, def, "c1", 31, income_total, G_N_ELEMENTS (income_total));
      check_labels (ctx, form, def, "c3", 31, spending_total, G_N_ELEMENTS (spending_total));
    }
  else
    {
      static const char * const income_rest[] = { "本年收入合计", "年初财政拨款结转和结余" };
      static const char * const spending_rest[] = { "本年支出合计", "年末财政拨款结转和结余" };
      static const char * const income_total[] = { "收入总计" };
      static const char * const spending_total[] = { "支出总计" };

      check_labels (ctx, form, def, "c1", 0, t4_income_labels, G_N_ELEMENTS (t4_income_labels));
      check_blank (ctx, form, def, 3, 30, "c1 c2");
      check_labels (ctx, form, def, "c1", 31, income_rest, G_N_ELEMENTS (income_rest));
      check_labels (ctx, form, def, "c3", 31, spending_rest, G_N_ELEMENTS (spending_rest));
      check_labels (ctx, form, def, "c1", 33, t4_income_labels, G_N_ELEMENTS (t4_income_labels));
      check_blank (ctx, form, def, 33, 35, "c3 c4 c5 c6 c7");
      check_labels (ctx, form, def, "c1", 36, income_total, G_N_ELEMENTS (income_total));
      check_labels (ctx, form, def, "c3", 36, spending_total, G_N_ELEMENTS (spending_total));
    }
}

void
budget_rule_t1_06 (BudgetRuleContext *ctx)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");

  if (t1 != NULL)
    budget_rules_check_layout (ctx, budget_form_get_def (t1));
}

/* ------------------------------------------------------------------------------------------------ */
/* T2, T3                                                                                            */

/* Rules on every row of one form: the walk over its rows. */
#define ONE_FORM_PASSES(name, form_id) \
  void name (BudgetRuleContext *ctx, GArray *passes) { budget_rule_add_pass (passes, budget_rule_form (ctx, form_id), -1, 0); }

ONE_FORM_PASSES (budget_rule_t2_passes, "T2")
ONE_FORM_PASSES (budget_rule_t3_passes, "T3")

void
budget_rule_t2_03_passes (BudgetRuleContext *ctx, GArray *passes)
{
  add_children_passes (ctx, passes, "T2", TRUE, FALSE);
}

void
budget_rule_t2_04_passes (BudgetRuleContext *ctx, GArray *passes)
{
  add_children_passes (ctx, passes, "T2", FALSE, TRUE);
}

void
budget_rule_t3_02_passes (BudgetRuleContext *ctx, GArray *passes)
{
  add_children_passes (ctx, passes, "T3", TRUE, FALSE);
}

void
budget_rule_t3_03_passes (BudgetRuleContext *ctx, GArray *passes)
{
  add_children_passes (ctx, passes, "T3", FALSE, TRUE);
}

void
budget_rule_children_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row)
{
  check_children_row (ctx, pass, row);
}

/* Whether the 机构设置 table lists a 事业 unit (参公事业 included): only they have 经营支出. */
static gboolean
has_public_institution (BudgetRuleContext *ctx)
{
  BudgetForm *org = budget_rule_form (ctx, "ORG");

  for (guint r = 0; org != NULL && r < budget_form_get_n_rows (org); r++)
    if (strstr (budget_rule_list_text (org, budget_form_row_at (org, r), "nature"), "事业") != NULL)
      return TRUE;
  return FALSE;
}

void
budget_rule_t3_04 (BudgetRuleContext *ctx)
{
  /* T3 经营支出 comes only from NF, where it is typed: report it there. */
  BudgetForm *nf = budget_rule_form (ctx, "NF");
  int col = budget_rule_col (nf, "c6");

  if (nf == NULL || col < 0 || has_public_institution (ctx))
    return;
  for (guint r = 0; r < budget_form_get_n_rows (nf); r++)
    {
      BudgetRow *row = budget_form_row_at (nf, r);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!is_leaf (row) || row->values[col] == 0)
        continue;
      name = budget_rule_cell_name (nf, row->key, col);
      value = budget_rule_format_amount (row->values[col]);
      budget_rule_report (ctx, ctx->severity, nf, row->key, col, NULL,
                          _("%s is %s, but 经营支出 is only for 事业单位 and 机构设置 lists none"), name, value);
    }
}

void
budget_rule_t3_05 (BudgetRuleContext *ctx)
{
  /* T3 adds T5, T7, T8 and NF: report the 项目支出 where it is typed. */
  static const char * const sources[] = { "T5", "T7", "T8", "NF" };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      BudgetForm *form = budget_rule_form (ctx, sources[s]);
      int col = budget_rule_col (form, "c5");

      for (guint r = 0; form != NULL && col >= 0 && r < budget_form_get_n_rows (form); r++)
        {
          BudgetRow *row = budget_form_row_at (form, r);
          g_autofree char *normal = NULL;
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          if (!is_leaf (row) || row->values[col] == 0 || row->name == NULL)
            continue;
          normal = budget_normalize_name (row->name);
          if (!g_str_equal (normal, "行政运行"))
            continue;
          name = budget_rule_cell_name (form, row->key, col);
          value = budget_rule_format_amount (row->values[col]);
          budget_rule_report (ctx, ctx->severity, form, row->key, col, NULL,
                              _("%s is %s: 行政运行 is for the basic expenditure of administrative units; "
                                "projects belong in 一般行政管理事务 or a specific 项"), name, value);
        }
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* T4                                                                                                */

void
budget_rule_t4_07 (BudgetRuleContext *ctx)
{
  static const struct { const char *income, *carry, *col; } funds[] = {
    { "r1", "r34", "c5" }, { "r2", "r35", "c6" }, { "r3", "r36", "c7" },
  };
  BudgetForm *t4 = budget_rule_form (ctx, "T4");

  for (guint i = 0; t4 != NULL && i < G_N_ELEMENTS (funds); i++)
    {
      BudgetFormDef *def = budget_form_get_def (t4);
      int c2 = budget_rule_col (t4, "c2");
      int col = budget_rule_col (t4, funds[i].col);
      BudgetRuleFigure a, b;

      /* Rows 1 and 34 have the same label (the fund): name them by number. */
      budget_rule_figure_value (&a, t4, funds[i].income, c2,
                                /* Translators: "T4 rows 1 + 34 收入金额" */
                                g_strdup_printf (_("T4 rows %s + %s %s"), funds[i].income + 1, funds[i].carry + 1,
                                                 budget_form_def_get_column (def, (guint) c2)->title),
                                budget_amount_add_saturating (budget_rule_value (t4, funds[i].income, "c2"),
                                                budget_rule_value (t4, funds[i].carry, "c2")), 0);
      budget_rule_figure_value (&b, t4, "r32", col,
                                g_strdup_printf (_("T4 rows %s + %s %s"), "32", "33",
                                                 budget_form_def_get_column (def, (guint) col)->title),
                                budget_amount_add_saturating (budget_rule_value (t4, "r32", funds[i].col),
                                                budget_rule_value (t4, "r33", funds[i].col)), 0);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

void
budget_rule_t4_08 (BudgetRuleContext *ctx)
{
  BudgetForm *t4 = budget_rule_form (ctx, "T4");

  if (t4 != NULL)
    budget_rules_check_layout (ctx, budget_form_get_def (t4));
}

/* ------------------------------------------------------------------------------------------------ */
/* T5 (T7, T8), T6, T9                                                                               */

void
budget_rule_t5_02_passes (BudgetRuleContext *ctx, GArray *passes)
{
  static const char * const ids[] = { "T5", "T7", "T8" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_children_passes (ctx, passes, ids[i], TRUE, TRUE);
}

void
budget_rule_t6_02_passes (BudgetRuleContext *ctx, GArray *passes)
{
  add_children_passes (ctx, passes, "T6", TRUE, TRUE);
}

void
budget_rule_t6_03 (BudgetRuleContext *ctx)
{
  BudgetForm *t6 = budget_rule_form (ctx, "T6");
  int personnel = budget_rule_col (t6, "c4");
  int public = budget_rule_col (t6, "c5");

  for (guint r = 0; t6 != NULL && personnel >= 0 && public >= 0 && r < budget_form_get_n_rows (t6); r++)
    {
      BudgetRow *row = budget_form_row_at (t6, r);
      gboolean people = g_str_has_prefix (row->key, "301") || g_str_has_prefix (row->key, "303");
      gboolean office = g_str_has_prefix (row->key, "302") || g_str_has_prefix (row->key, "310");
      int wrong = people ? public : office ? personnel : -1;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!is_leaf (row) || wrong < 0 || row->values[wrong] == 0)
        continue;
      name = budget_rule_cell_name (t6, row->key, wrong);
      value = budget_rule_format_amount (row->values[wrong]);
      budget_rule_report (ctx, ctx->severity, t6, row->key, wrong, NULL,
                          people ? _("%s is %s, but classes 301 and 303 are 人员经费 only")
                                 : _("%s is %s, but classes 302 and 310 are 公用经费 only"),
                          name, value);
    }
}

void
budget_rule_t6_04 (BudgetRuleContext *ctx)
{
  static const char * const allowed[] = { "301", "302", "303", "310", NULL };
  BudgetForm *t6 = budget_rule_form (ctx, "T6");
  int col = budget_rule_col (t6, "c3");

  for (guint r = 0; t6 != NULL && r < budget_form_get_n_rows (t6); r++)
    {
      BudgetRow *row = budget_form_row_at (t6, r);
      g_autofree char *name = NULL;

      /* A 类 row: the parent of the 款 rows, or a 3-digit code typed as such. */
      if (row->kind == BUDGET_ROW_TOTAL || strlen (row->key) != 3 || g_strv_contains (allowed, row->key))
        continue;
      name = budget_rule_cell_name (t6, row->key, -1);
      budget_rule_report (ctx, ctx->severity, t6, row->key, col, NULL,
                          _("%s is not basic expenditure: only classes 301, 302, 303 and 310 belong in T6"), name);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Across tables                                                                                     */

void
budget_rule_x02 (BudgetRuleContext *ctx)
{
  static const struct { const char *t1_row, *t2_col; } pairs[] = {
    { "r4", "c6" }, { "r5", "c7" }, { "r6", "c8" }, { "r7", "c9" }, { "r8", "c10" }, { "r9", "c11" },
    { "r33", "c12" }, { "r32", "c4" }, { "r34", "c3" },
  };
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  BudgetForm *t2 = budget_rule_form (ctx, "T2");
  guint n_carry = count_carry (ctx);
  BudgetRuleFigure a, b;
  g_autofree char *income = NULL;

  if (t1 == NULL || t2 == NULL)
    return;
  /* T4 income by fund is derived with the carry-overs, T2 财政拨款收入 without. */
  income = budget_rule_cell_name (t1, NULL, budget_rule_col (t1, "c2"));
  budget_rule_figure_value (&a, t1, "r1", budget_rule_col (t1, "c2"),
                            /* Translators: "T1 收入预算数 (rows 1–3)" */
                            g_strdup_printf (_("%s (rows 1–3)"), income), fixed_sum (t1, "r1 r2 r3", budget_rule_col (t1, "c2")),
                            n_carry);
  budget_rule_figure_cell (&b, t2, "total", budget_rule_col (t2, "c5"), 0);
  budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    compare_cells (ctx, t1, pairs[i].t1_row, "c2", n_carry, t2, "total", pairs[i].t2_col, 0, BUDGET_RULE_EQUAL);
}

/* The 类 rows of a coded form that no fixed row of @fixed takes in column @col_id. */
static void
check_unmapped_classes (BudgetRuleContext *ctx,
                        BudgetForm        *fixed,
                        const char        *col_id,
                        BudgetForm        *coded)
{
  g_autoptr(GHashTable) mapped = g_hash_table_new (g_str_hash, g_str_equal);
  int col = budget_rule_col (fixed, col_id);
  int c3 = budget_rule_col (coded, "c3");
  int total;

  if (fixed == NULL || coded == NULL || col < 0)
    return;
  for (guint r = 0; r < budget_form_get_n_rows (fixed); r++)
    {
      const char *code = fixed_row_class (fixed, r, col);

      if (code != NULL)
        g_hash_table_add (mapped, (gpointer) code);
    }
  /* The 类 rows are the rows the total adds up. */
  total = budget_form_find_row (coded, "total");
  for (guint i = 0; total >= 0 && i < budget_form_get_row_n_children (coded, (guint) total); i++)
    {
      const char *key = budget_form_get_row_key (coded, budget_form_get_row_child (coded, (guint) total, i));
      g_autofree char *name = NULL;

      if (g_hash_table_contains (mapped, key))
        continue;
      name = budget_rule_cell_name (coded, key, -1);
      budget_rule_report (ctx, ctx->severity, coded, key, c3, NULL,
                          _("%s has no row in %s: its amount is missing from the summary table"), name,
                          budget_form_get_id (fixed));
    }
}

/* Each fixed expenditure row of @fixed (column @fixed_col) against the 类 row of @coded it takes. */
static void
check_class_rows (BudgetRuleContext *ctx,
                  BudgetForm        *fixed,
                  const char        *fixed_col,
                  BudgetForm        *coded,
                  const char        *coded_col)
{
  int col = budget_rule_col (fixed, fixed_col);

  for (guint r = 0; fixed != NULL && coded != NULL && col >= 0 && r < budget_form_get_n_rows (fixed); r++)
    {
      BudgetRow *row = budget_form_row_at (fixed, r);
      const char *code = fixed_row_class (fixed, r, col);

      if (code != NULL)
        compare_cells (ctx, fixed, row->key, fixed_col, 0, coded, code, coded_col, 0, BUDGET_RULE_EQUAL);
    }
}

void
budget_rule_x03 (BudgetRuleContext *ctx)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  BudgetForm *t3 = budget_rule_form (ctx, "T3");

  compare_cells (ctx, t1, "r32", "c4", 0, t3, "total", "c3", 0, BUDGET_RULE_EQUAL);
  check_class_rows (ctx, t1, "c4", t3, "c3");
  check_unmapped_classes (ctx, t1, "c4", t3);
}

void
budget_rule_x04 (BudgetRuleContext *ctx)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  BudgetForm *t2 = budget_rule_form (ctx, "T2");
  BudgetForm *t3 = budget_rule_form (ctx, "T3");
  BudgetRuleFigure a, b;
  g_autofree char *spending = NULL;
  g_autofree char *carry = NULL;

  if (t1 == NULL || t2 == NULL || t3 == NULL)
    return;
  spending = budget_rule_cell_name (t3, "total", budget_rule_col (t3, "c3"));
  carry = budget_rule_cell_name (t1, "r33", budget_rule_col (t1, "c4"));
  budget_rule_figure_cell (&a, t2, "total", budget_rule_col (t2, "c3"),
                           budget_rule_count_entered (ctx, t2, "c6 c7 c8 c9 c10 c11 c12", NULL));
  budget_rule_figure_value (&b, t3, "total", budget_rule_col (t3, "c3"), g_strdup_printf ("%s + %s", spending, carry),
                            budget_amount_add_saturating (budget_rule_value (t3, "total", "c3"), budget_rule_value (t1, "r33", "c4")),
                            budget_rule_count_entered (ctx, budget_rule_form (ctx, "NF"), "c4 c5 c6 c7 c8", NULL) +
                            budget_rule_count_entered (ctx, t1, "c4", NULL));
  budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
}

void
budget_rule_x05_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row)
{
  BudgetForm *t2 = pass->form;
  const char *key = budget_form_get_row_key (t2, row);

  if (budget_form_get_row_kind (t2, row) != BUDGET_ROW_LEAF ||
      budget_rule_value (t2, key, "c3") == budget_rule_value (budget_rule_form (ctx, "T3"), key, "c3"))
    return;
  /* Binding only when nothing is carried to next year. */
  ctx->severity = budget_rule_value (budget_rule_form (ctx, "T1"), "r33", "c4") == 0 ? BUDGET_SEVERITY_ERROR
                                                                                      : BUDGET_SEVERITY_WARNING;
  compare_cells (ctx, t2, key, "c3", budget_rule_count_entered (ctx, t2, "c6 c7 c8 c9 c10 c11 c12", key),
                 budget_rule_form (ctx, "T3"), key, "c3",
                 budget_rule_count_entered (ctx, budget_rule_form (ctx, "NF"), "c4 c5 c6 c7 c8", key),
                 BUDGET_RULE_EQUAL);
}

void
budget_rule_x06 (BudgetRuleContext *ctx)
{
  BudgetForm *t4 = budget_rule_form (ctx, "T4");
  BudgetForm *t5 = budget_rule_form (ctx, "T5");

  compare_cells (ctx, t4, "r32", "c5", 0, t5, "total", "c3", 0, BUDGET_RULE_EQUAL);
  check_class_rows (ctx, t4, "c5", t5, "c3");
  check_unmapped_classes (ctx, t4, "c5", t5);
}

void
budget_rule_x07 (BudgetRuleContext *ctx)
{
  BudgetForm *t4 = budget_rule_form (ctx, "T4");
  BudgetForm *t7 = budget_rule_form (ctx, "T7");
  BudgetForm *t8 = budget_rule_form (ctx, "T8");

  compare_cells (ctx, t4, "r32", "c6", 0, t7, "total", "c3", 0, BUDGET_RULE_EQUAL);
  compare_cells (ctx, t4, "r32", "c7", 0, t8, "total", "c3", 0, BUDGET_RULE_EQUAL);
  check_class_rows (ctx, t4, "c6", t7, "c3");
  check_class_rows (ctx, t4, "c7", t8, "c3");
  check_unmapped_classes (ctx, t4, "c6", t7);
  check_unmapped_classes (ctx, t4, "c7", t8);
}

void
budget_rule_x09_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row)
{
  static const char * const cols[] = { "c3", "c4", "c5" };
  BudgetForm *t3 = pass->form;
  BudgetForm *t5 = budget_rule_form (ctx, "T5");
  BudgetForm *t7 = budget_rule_form (ctx, "T7");
  BudgetForm *t8 = budget_rule_form (ctx, "T8");
  const char *key = budget_form_get_row_key (t3, row);

  if (budget_form_get_row_kind (t3, row) != BUDGET_ROW_LEAF)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      BudgetRuleFigure a, b;
      int col = budget_rule_col (t3, cols[i]);
      gint64 sum = budget_amount_add_saturating (budget_amount_add_saturating (budget_rule_value (t5, key, cols[i]),
                                                   budget_rule_value (t7, key, cols[i])),
                                   budget_rule_value (t8, key, cols[i]));

      if (col < 0 || budget_form_get_value (t3, row, (guint) col) >= sum)
        continue;
      budget_rule_figure_cell (&a, t3, key, budget_rule_col (t3, cols[i]), 0);
      budget_rule_figure_value (&b, NULL, NULL, -1, g_strdup_printf ("T5 + T7 + T8 %s", key), sum, 0);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_AT_LEAST);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

void
budget_rule_x10 (BudgetRuleContext *ctx)
{
  BudgetForm *t5 = budget_rule_form (ctx, "T5");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");

  compare_cells (ctx, t6, "total", "c3", budget_rule_count_entered (ctx, t6, "c4 c5", NULL),
                 t5, "total", "c4", budget_rule_count_entered (ctx, t5, "c4", NULL), BUDGET_RULE_EQUAL);
}

void
budget_rule_x11 (BudgetRuleContext *ctx)
{
  static const struct { const char *econ; const char *codes[3]; } pairs[] = {
    { "30108", { "2080505", NULL } },
    { "30109", { "2080506", NULL } },
    { "30110", { "2101101", "2101102", NULL } },
    { "30111", { "2101103", NULL } },
    { "30113", { "2210201", NULL } },
  };
  BudgetForm *t5 = budget_rule_form (ctx, "T5");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");

  if (t5 == NULL || t6 == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      BudgetRuleFigure a, b;
      g_autoptr(GString) name = g_string_new ("T5");
      gint64 sum = 0;
      guint n = 0;

      for (guint k = 0; pairs[i].codes[k] != NULL; k++)
        {
          sum = budget_amount_add_saturating (sum, budget_rule_value (t5, pairs[i].codes[k], "c4"));
          n += budget_rule_count_entered (ctx, t5, "c4", pairs[i].codes[k]);
          g_string_append_printf (name, k == 0 ? " %s" : " + %s", pairs[i].codes[k]);
        }
      g_string_append_printf (name, " %s", budget_form_def_get_column (budget_form_get_def (t5),
                                                                        (guint) budget_rule_col (t5, "c4"))->title);
      /* The pairing is a convention: it applies when either side is used. */
      if (sum == 0 && budget_rule_value (t6, pairs[i].econ, "c3") == 0)
        continue;
      budget_rule_figure_cell (&a, t6, pairs[i].econ, budget_rule_col (t6, "c3"),
                               budget_rule_count_entered (ctx, t6, "c4 c5", pairs[i].econ));
      budget_rule_figure_value (&b, t5, pairs[i].codes[0], budget_rule_col (t5, "c4"), g_strdup (name->str), sum, n);
      budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
      budget_rule_figure_clear (&a);
      budget_rule_figure_clear (&b);
    }
}

void
budget_rule_x12_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row)
{
  BudgetForm *t2 = pass->form;
  BudgetForm *t5 = budget_rule_form (ctx, "T5");
  BudgetForm *t7 = budget_rule_form (ctx, "T7");
  BudgetForm *t8 = budget_rule_form (ctx, "T8");
  const char *key = budget_form_get_row_key (t2, row);
  BudgetRuleFigure a, b;
  gint64 sum;

  if (budget_form_get_row_kind (t2, row) != BUDGET_ROW_LEAF)
    return;
  sum = budget_amount_add_saturating (budget_amount_add_saturating (budget_rule_value (t5, key, "c3"), budget_rule_value (t7, key, "c3")),
                        budget_rule_value (t8, key, "c3"));
  if (budget_rule_value (t2, key, "c5") == sum)
    return;
  if (carry_over_present (ctx))
    ctx->severity = BUDGET_SEVERITY_WARNING;
  budget_rule_figure_cell (&a, t2, key, budget_rule_col (t2, "c5"), 0);
  budget_rule_figure_value (&b, NULL, NULL, -1, g_strdup_printf ("T5 + T7 + T8 %s 合计", key), sum, 0);
  budget_rule_compare (ctx, &a, &b, BUDGET_RULE_EQUAL);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
}

void
budget_rule_x13 (BudgetRuleContext *ctx)
{
  static const struct { const char *col, *form; } funds[] = { { "c3", "T5" }, { "c4", "T7" }, { "c5", "T8" } };
  BudgetForm *t9 = budget_rule_form (ctx, "T9");

  for (guint i = 0; i < G_N_ELEMENTS (funds); i++)
    {
      BudgetForm *form = budget_rule_form (ctx, funds[i].form);

      compare_cells (ctx, t9, "r1", funds[i].col, budget_rule_count_entered (ctx, t9, funds[i].col, NULL),
                     form, "total", "c3", budget_rule_count_entered (ctx, form, "c4 c5", NULL), BUDGET_RULE_AT_MOST);
    }
}

void
budget_rule_x14 (BudgetRuleContext *ctx)
{
  static const struct { const char *row, *econ; } pairs[] = {
    { "r2", "30212" }, { "r4", "31013" }, { "r5", "30231" }, { "r6", "30217" },
  };
  BudgetForm *t9 = budget_rule_form (ctx, "T9");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");

  /* T9 also covers project money, so it may be larger than the basic expenditure of T6. */
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    compare_cells (ctx, t9, pairs[i].row, "c3", budget_rule_value (t9, pairs[i].row, "c3") != 0 ? 1 : 0,
                   t6, pairs[i].econ, "c3", budget_rule_count_entered (ctx, t6, "c4 c5", pairs[i].econ),
                   BUDGET_RULE_AT_LEAST);
}

void
budget_rule_x15 (BudgetRuleContext *ctx)
{
  BudgetForm *t9 = budget_rule_form (ctx, "T9");
  BudgetForm *fa = budget_rule_form (ctx, "FA");
  BudgetAmount running = budget_rule_value (t9, "r5", "c2");
  gint64 vehicles = budget_rule_value (fa, "vehicle", "qty");
  int t9_col = budget_rule_col (t9, "c2");
  int fa_col = budget_rule_col (fa, "qty");
  g_autofree char *running_name = NULL;
  g_autofree char *vehicle_name = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *count = NULL;

  if (t9 == NULL || fa == NULL)
    return;
  running_name = budget_rule_cell_name (t9, "r5", t9_col);
  vehicle_name = budget_rule_cell_name (fa, "vehicle", fa_col);
  amount = budget_rule_format_amount (running);
  count = budget_quantity_format (vehicles);
  if (running > 0 && vehicles == 0)
    {
      BudgetFinding *finding = budget_rule_report (ctx, ctx->severity, t9, "r5", t9_col, NULL,
                                                   _("%s is %s, but %s lists no vehicle"),
                                                   running_name, amount, vehicle_name);

      budget_finding_set_other (finding, "FA", "vehicle", fa_col);
    }
  else if (running == 0 && vehicles > 0)
    {
      BudgetFinding *finding = budget_rule_report (ctx, ctx->severity, fa, "vehicle", fa_col, NULL,
                                                   _("%s is %s, but %s is blank"), vehicle_name, count,
                                                   running_name);

      budget_finding_set_other (finding, "T9", "r5", t9_col);
    }
}

/**
 * budget_rules_check_same_labels: (skip)
 * @ctx: the rule being evaluated
 * @t1: the definition of T1
 * @t4: the definition of T4
 *
 * Checks that the 31 expenditure labels of the two definitions are the same, in the same order.
 */
void
budget_rules_check_same_labels (BudgetRuleContext *ctx,
                                BudgetFormDef     *t1,
                                BudgetFormDef     *t4)
{
  int c1 = budget_form_def_find_column (t1, "c3");
  int c4 = budget_form_def_find_column (t4, "c3");
  BudgetForm *form = budget_rule_form (ctx, "T4");

  for (guint r = 0; c1 >= 0 && c4 >= 0 && r < 31; r++)
    {
      const BudgetRowDef *a, *b;
      const char *la, *lb;

      if (r >= budget_form_def_get_n_fixed_rows (t1) || r >= budget_form_def_get_n_fixed_rows (t4))
        {
          budget_rule_report (ctx, ctx->severity, form, NULL, -1, "rows",
                              _("T1 and T4 must both have 31 expenditure rows"));
          return;
        }
      a = budget_form_def_get_fixed_row (t1, r);
      b = budget_form_def_get_fixed_row (t4, r);
      la = a->cells[c1].kind == BUDGET_CELL_DEF_LABEL ? a->cells[c1].text : "";
      lb = b->cells[c4].kind == BUDGET_CELL_DEF_LABEL ? b->cells[c4].text : "";
      if (!g_str_equal (la, lb))
        budget_rule_report (ctx, ctx->severity, form, b->id, c4, NULL,
                            _("T4 row %u says “%s”, but T1 row %u says “%s”"), r + 1, lb, r + 1, la);
    }
}

void
budget_rule_x16 (BudgetRuleContext *ctx)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  BudgetForm *t4 = budget_rule_form (ctx, "T4");

  if (t1 != NULL && t4 != NULL)
    budget_rules_check_same_labels (ctx, budget_form_get_def (t1), budget_form_get_def (t4));
}

/* ------------------------------------------------------------------------------------------------ */
/* 尾差                                                                                        */

void
budget_rule_r01_passes (BudgetRuleContext *ctx,
                        GArray            *passes)
{
  static const char * const ids[] = { "T2", "T3", "T5", "T6", "T7", "T8" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    budget_rule_add_pass (passes, budget_rule_form (ctx, ids[i]), -1, 0);
}

/* A parent or 合计 is printed rounded from its exact sum; its printed rows, each rounded on its own, may add
 * up to a cent more or less (208 printed 85.20 where its items print 85.19). Not an error: a remark, so
 * that the officer can answer a reviewer. */
void
budget_rule_r01_row (BudgetRuleContext    *ctx,
                     const BudgetRulePass *pass,
                     guint                 row)
{
  BudgetForm *form = pass->form;
  BudgetFormDef *def = budget_form_get_def (form);
  guint n_children = budget_form_get_row_n_children (form, row);
  BudgetRowKind kind = budget_form_get_row_kind (form, row);

  if ((kind != BUDGET_ROW_PARENT && kind != BUDGET_ROW_TOTAL) || n_children == 0)
    return;
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      BudgetAmount printed, items = 0;
      g_autofree char *name = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *sum = NULL;

      if (budget_form_def_get_column (def, c)->type != BUDGET_COLUMN_AMOUNT)
        continue;
      printed = budget_amount_round_shown (budget_form_get_value (form, row, c));
      for (guint i = 0; i < n_children; i++)
        items = budget_amount_add_saturating (items, budget_amount_round_shown (
                                                budget_form_get_value (form, budget_form_get_row_child (form, row, i), c)));
      if (printed == items)
        continue;
      name = budget_rule_cell_name (form, budget_form_get_row_key (form, row), (int) c);
      shown = budget_amount_format (printed);
      sum = budget_amount_format (items);
      budget_rule_report (ctx, ctx->severity, form, budget_form_get_row_key (form, row), (int) c, NULL,
                          _("%s is printed %s, but its printed rows add up to %s: each cell is rounded from its "
                            "exact figure (尾差)"), name, shown, sum);
    }
}
