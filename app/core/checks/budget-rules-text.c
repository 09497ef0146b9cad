/* budget-rules-text.c: the explanatory text against the tables (TX-), its budget year (G-03) and the
 * department name it uses (G-07).
 *
 * The text stays free: the rules look for numbers followed by 万元 (or 元) in the sections that carry the
 * numeric sentences (S2, S3, S4, S6, S7), and recognise what each number is from the words of its
 * clause (the text since the last ，。；：、 or line break): "一般公共预算收入998.77万元" is T1 row 1.
 * A number whose clause says nothing known is left alone. Numbers typed by hand are compared with the
 * table with the allowance of §4.4 (0.005 万元), widened to 0.005 万元 per typed addend of the table
 * figure (a printed total may differ from the sum of its printed parts: §1), which is then a rounding
 * warning.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-catalog.h"
#include "checks/budget-rule-private.h"
#include "text/budget-text-generator.h"

/* ------------------------------------------------------------------------------------------------ */
/* Scanning                                                                                          */

static gboolean
is_clause_delimiter (gunichar c)
{
  switch (c)
    {
    case 0xFF0C: /* ， */
    case ',':
    case 0x3002: /* 。 */
    case 0xFF1B: /* ； */
    case ';':
    case 0xFF1A: /* ： */
    case ':':
    case 0x3001: /* 、 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case '!':
    case '?':
    case '\n':
      return TRUE;
    default:
      return FALSE;
    }
}

static void
text_amount_clear (gpointer data)
{
  BudgetTextAmount *amount = data;

  g_free (amount->label);
}

/* Reads a number at @p: digits, optional thousands groups, optional decimals. Returns its end. */
static const char *
read_number (const char *p,
             GString    *digits)
{
  while (g_ascii_isdigit (*p))
    g_string_append_c (digits, *p++);
  /* "1,234": a comma followed by exactly three digits belongs to the number. */
  while (p[0] == ',' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
         !g_ascii_isdigit (p[4]))
    {
      g_string_append_len (digits, p + 1, 3);
      p += 4;
    }
  if (p[0] == '.' && g_ascii_isdigit (p[1]))
    {
      g_string_append_c (digits, *p++);
      while (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p++);
    }
  return p;
}

/**
 * budget_text_scan_amounts: (skip)
 * @text: a text section
 *
 * Returns: (transfer full) (element-type BudgetTextAmount): every number followed by 万元 or 元, with
 * the clause it ends
 */
GArray *
budget_text_scan_amounts (const char *text)
{
  GArray *amounts = g_array_new (FALSE, TRUE, sizeof (BudgetTextAmount));
  const char *clause = text;
  const char *p = text;

  g_array_set_clear_func (amounts, text_amount_clear);
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          g_autoptr(GString) digits = g_string_new (NULL);
          const char *end = read_number (p, digits);
          const char *unit = end;
          gboolean wan = FALSE;
          BudgetAmount value;

          while (*unit == ' ')
            unit++;
          if (g_str_has_prefix (unit, "万元"))
            {
              wan = TRUE;
              unit += strlen ("万元");
            }
          else if (g_str_has_prefix (unit, "元"))
            unit += strlen ("元");
          else
            {
              p = end;
              continue;
            }
          if (budget_amount_parse (digits->str, &value, NULL))
            {
              BudgetTextAmount amount = { 0 };
              g_autofree char *label = g_strndup (clause, (gsize) (p - clause));

              amount.clause = (gsize) (clause - text);
              amount.start = (gsize) (p - text);
              amount.end = (gsize) (unit - text);
              /* 1 元 is 1/10 000 万元. */
              amount.value = wan ? value : value / 10000;
              amount.label = budget_normalize_name (label);
              g_array_append_val (amounts, amount);
            }
          p = unit;
          clause = unit;
          continue;
        }
      p = g_utf8_next_char (p);
      if (is_clause_delimiter (c))
        clause = p;
    }
  return amounts;
}

static int
char_offset (const char *text,
             gsize       byte)
{
  return (int) g_utf8_pointer_to_offset (text, text + byte);
}

static gboolean
ends_with_change (const char *label,
                  int        *sign)
{
  if (g_str_has_suffix (label, "增加"))
    {
      *sign = 1;
      return TRUE;
    }
  if (g_str_has_suffix (label, "减少"))
    {
      *sign = -1;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------------ */
/* What the tables say                                                                               */

/* A table figure a text number is compared with. */
typedef struct
{
  const char   *rule;       /* the TX rule that compares it */
  const char   *item;       /* stable id of the text item (part of the finding key) */
  BudgetForm   *form;       /* where the figure is */
  const char   *row_key;
  int           col;
  char         *name;       /* how messages name it */
  BudgetAmount  value;
  guint         n_addends;
  gboolean      found;      /* FALSE: the figure cannot be known (no prior-year figure) */
  BudgetSeverity severity;
} TableFigure;

static void
table_figure_clear (TableFigure *figure)
{
  g_clear_pointer (&figure->name, g_free);
}

static gint64
sub_amounts (gint64 a,
             gint64 b)
{
  gint64 difference;

  if (__builtin_sub_overflow (a, b, &difference))
    return b < 0 ? G_MAXINT64 : G_MININT64;
  return difference;
}

static void
set_cell (TableFigure *figure,
          BudgetForm  *form,
          const char  *row_key,
          const char  *col_id,
          guint        n_addends)
{
  figure->form = form;
  figure->row_key = row_key;
  figure->col = budget_rule_col (form, col_id);
  figure->name = budget_rule_cell_name (form, row_key, figure->col);
  figure->value = budget_rule_value (form, row_key, col_id);
  figure->n_addends = n_addends;
  figure->found = form != NULL;
}

static guint
count_forms (BudgetRuleContext *ctx,
             const char        *forms,
             const char        *cols)
{
  g_auto(GStrv) ids = g_strsplit (forms, " ", -1);
  guint n = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    n += budget_rule_count_entered (ctx, budget_rule_form (ctx, ids[i]), cols, NULL);
  return n;
}

static gboolean
prior_value (BudgetRuleContext *ctx,
             const char        *key,
             BudgetAmount      *value)
{
  const char *text = budget_document_get_meta (ctx->doc, key);

  return text != NULL && budget_amount_parse (text, value, NULL);
}

/* Current figure minus last year's (meta @prior_key), for the 比上年增减 sentences. */
static void
set_change (BudgetRuleContext *ctx,
            TableFigure       *figure,
            const char        *prior_key)
{
  BudgetAmount prior;
  g_autofree char *current = figure->name;
  g_autofree char *prior_text = NULL;

  figure->name = NULL;
  if (!prior_value (ctx, prior_key, &prior))
    {
      figure->found = FALSE;
      figure->name = g_strdup (current);
      return;
    }
  prior_text = budget_rule_format_amount (prior);
  /* Translators: "T3 合计 合计 − prior-total (773.96)" */
  figure->name = g_strdup_printf (_("%s − %s (%s)"), current, prior_key, prior_text);
  figure->value = sub_amounts (figure->value, prior);
  figure->n_addends += 1;
}

/* 收入说明, 支出说明, 比上年增减 (S2). */
static const char *
classify_s2 (const char *label)
{
  int sign;

  if (ends_with_change (label, &sign))
    {
      if (strstr (label, "基本") != NULL)
        return "change-basic";
      if (strstr (label, "项目") != NULL)
        return "change-project";
      if (strstr (label, "较") != NULL || strstr (label, "上年") != NULL)
        return "change-total";
      return NULL;
    }
  if (strstr (label, "收入") != NULL)
    {
      if (strstr (label, "一般公共预算") != NULL)
        return "general";
      if (strstr (label, "基金") != NULL)
        return "fund";
      if (strstr (label, "财政专户") != NULL)
        return "special";
      if (strstr (label, "其他") != NULL)
        return "other-income";
      if (strstr (label, "预算收入") != NULL)
        return "income";
      return NULL;
    }
  if (strstr (label, "人员经费") != NULL)
    return "personnel";
  if (strstr (label, "公用经费") != NULL)
    return "public";
  if (strstr (label, "项目支出") != NULL)
    return "project";
  if (g_str_has_suffix (label, "基本支出"))
    return "basic";
  if (strstr (label, "预算支出") != NULL)
    return "expenditure";
  return NULL;
}

static void
s2_figure (BudgetRuleContext *ctx,
           const char        *item,
           TableFigure       *figure)
{
  BudgetForm *t1 = budget_rule_form (ctx, "T1");
  BudgetForm *t3 = budget_rule_form (ctx, "T3");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");
  guint carry = budget_rule_count_entered (ctx, budget_rule_form (ctx, "T4"), "c2 c5 c6 c7", NULL);
  const char *appropriations = "T5 T7 T8";

  figure->item = item;
  figure->severity = BUDGET_SEVERITY_ERROR;
  if (g_str_equal (item, "income"))
    {
      figure->rule = "TX-01";
      set_cell (figure, t1, "r34", "c2", count_forms (ctx, appropriations, "c4 c5") + carry +
                count_forms (ctx, "T2", "c6 c7 c8 c9 c10 c11 c12"));
    }
  else if (g_str_equal (item, "general"))
    {
      figure->rule = "TX-02";
      set_cell (figure, t1, "r1", "c2", count_forms (ctx, "T5", "c4 c5") + carry);
    }
  else if (g_str_equal (item, "fund"))
    {
      figure->rule = "TX-02";
      set_cell (figure, t1, "r2", "c2", count_forms (ctx, "T7", "c4 c5") + carry);
    }
  else if (g_str_equal (item, "special"))
    {
      figure->rule = "TX-02";
      set_cell (figure, t1, "r4", "c2", count_forms (ctx, "T2", "c6"));
    }
  else if (g_str_equal (item, "other-income"))
    {
      g_autofree char *total = NULL;

      figure->rule = "TX-02";
      set_cell (figure, t1, "r34", "c2", count_forms (ctx, "T8", "c4 c5") + carry +
                count_forms (ctx, "T2", "c7 c8 c9 c10 c11 c12"));
      total = figure->name;
      /* Translators: the part of the income that is not 一般公共预算, 基金 or 财政专户 */
      figure->name = g_strdup_printf (_("%s − rows 1, 2 and 4"), total);
      figure->value = sub_amounts (figure->value,
                                   budget_amount_add_saturating (budget_amount_add_saturating (budget_rule_value (t1, "r1", "c2"),
                                                             budget_rule_value (t1, "r2", "c2")),
                                                budget_rule_value (t1, "r4", "c2")));
    }
  else if (g_str_equal (item, "expenditure") || g_str_equal (item, "change-total"))
    {
      figure->rule = "TX-03";
      set_cell (figure, t3, "total", "c3", count_forms (ctx, appropriations, "c4 c5") +
                count_forms (ctx, "NF", "c4 c5 c6 c7 c8"));
      if (g_str_equal (item, "change-total"))
        set_change (ctx, figure, "prior-total");
    }
  else if (g_str_equal (item, "basic") || g_str_equal (item, "change-basic"))
    {
      figure->rule = "TX-03";
      set_cell (figure, t3, "total", "c4", count_forms (ctx, "T5 T7 T8 NF", "c4"));
      if (g_str_equal (item, "change-basic"))
        set_change (ctx, figure, "prior-basic");
    }
  else if (g_str_equal (item, "project") || g_str_equal (item, "change-project"))
    {
      figure->rule = "TX-03";
      set_cell (figure, t3, "total", "c5", count_forms (ctx, "T5 T7 T8 NF", "c5"));
      if (g_str_equal (item, "change-project"))
        set_change (ctx, figure, "prior-project");
    }
  else if (g_str_equal (item, "personnel") || g_str_equal (item, "public"))
    {
      const char *col = g_str_equal (item, "personnel") ? "c4" : "c5";

      figure->rule = "TX-04";
      set_cell (figure, t6, "total", col, count_forms (ctx, "T6", col));
      /* T6 is 一般公共预算 only: the text may cover all funds. */
      if (count_forms (ctx, "T7 T8 NF", "c4") > 0)
        figure->severity = BUDGET_SEVERITY_WARNING;
    }
}

/* 机关运行经费 (S3): the items of §3.11, by the end of their name. */
static const struct
{
  const char *suffix;
  const char *codes;
} operating_items[] = {
  { "办公及印刷费", "30201 30202" },
  { "水电费", "30205 30206" },
  { "邮电费", "30207" },
  { "印刷费", "30202" },
  { "办公费", "30201" },
  { "水费", "30205" },
  { "电费", "30206" },
  { "取暖费", "30208" },
  { "物业管理费", "30209" },
  { "差旅费", "30211" },
  { "维修（护）费", "30213" },
  { "维修费", "30213" },
  { "会议费", "30215" },
  { "培训费", "30216" },
  { "福利费", "30229" },
  { "公务用车运行维护费", "30231" },
};

static const char *
classify_s3 (const char *label)
{
  if (strstr (label, "机关运行经费") != NULL)
    return "operating";
  /* "公务用车运行维护费以及其他费用": the catch-all, which includes 30231. */
  if (strstr (label, "其他费用") != NULL || g_str_has_suffix (label, "其他"))
    return "remainder";
  for (guint i = 0; i < G_N_ELEMENTS (operating_items); i++)
    if (g_str_has_suffix (label, operating_items[i].suffix))
      return operating_items[i].codes;
  return NULL;
}

static BudgetAmount
sum_codes (BudgetRuleContext *ctx,
           BudgetForm        *t6,
           const char        *codes,
           const char        *col,
           guint             *n_addends)
{
  g_auto(GStrv) list = g_strsplit (codes, " ", -1);
  BudgetAmount sum = 0;

  for (guint i = 0; list[i] != NULL; i++)
    {
      sum = budget_amount_add_saturating (sum, budget_rule_value (t6, list[i], col));
      if (n_addends != NULL)
        *n_addends += budget_rule_count_entered (ctx, t6, "c4 c5", list[i]);
    }
  return sum;
}

/* ------------------------------------------------------------------------------------------------ */
/* Comparing                                                                                         */

/* A number of the text, recognised. */
typedef struct
{
  const BudgetTextAmount *amount;
  const char             *item;
  int                     sign;    /* changes: +1 增加, -1 减少; 0 otherwise */
  BudgetAmount            value;   /* signed for changes */
} TextItem;

static char *
fragment (const char             *text,
          const BudgetTextAmount *amount)
{
  return g_strndup (text + amount->clause, amount->end - amount->clause);
}

static BudgetFinding *
report_text (BudgetRuleContext      *ctx,
             BudgetSeverity          severity,
             BudgetForm             *section,
             const BudgetTextAmount *amount,
             const char             *item,
             const char             *format,
             ...) G_GNUC_PRINTF (6, 7);

static BudgetFinding *
report_text (BudgetRuleContext      *ctx,
             BudgetSeverity          severity,
             BudgetForm             *section,
             const BudgetTextAmount *amount,
             const char             *item,
             const char             *format,
             ...)
{
  const char *text = budget_form_get_rendered_text (section);
  g_autofree char *message = NULL;
  BudgetFinding *finding;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  finding = budget_rule_report (ctx, severity, section, NULL, -1, item, "%s", message);
  budget_finding_set_text_range (finding, char_offset (text, amount->clause), char_offset (text, amount->end));
  return finding;
}

static char *
format_signed (BudgetAmount value,
               gboolean     signed_value)
{
  g_autofree char *shown = budget_rule_format_amount (value);

  return signed_value && value >= 0 ? g_strconcat ("+", shown, NULL) : g_steal_pointer (&shown);
}

/* Compares a number of the text with its table figure (§4.4), reporting under ctx's rule. */
static void
compare_text (BudgetRuleContext *ctx,
              BudgetForm        *section,
              const TextItem    *item,
              TableFigure       *figure)
{
  const char *text = budget_form_get_rendered_text (section);
  guint64 difference;
  g_autofree char *quote = NULL;
  g_autofree char *text_value = NULL;
  g_autofree char *table_value = NULL;
  g_autofree char *shown = NULL;
  BudgetFinding *finding;
  BudgetSeverity severity = figure->severity;
  gboolean rounding = FALSE;

  if (!figure->found)
    return;
  difference = item->value >= figure->value ? (guint64) item->value - (guint64) figure->value
                                            : (guint64) figure->value - (guint64) item->value;
  /* The text prints 2 decimals (or fewer) of the table's exact figure. */
  if (difference <= (guint64) BUDGET_ROUNDING_STEP)
    return;
  if (budget_rule_is_rounding (difference, figure->n_addends))
    {
      severity = BUDGET_SEVERITY_WARNING;
      rounding = TRUE;
    }
  quote = fragment (text, item->amount);
  text_value = format_signed (item->value, item->sign != 0);
  table_value = format_signed (figure->value, item->sign != 0);
  shown = difference > (guint64) G_MAXINT64 ? g_strdup ("∞") : budget_rule_format_amount ((gint64) difference);
  finding = report_text (ctx, severity, section, item->amount, figure->item,
                         /* Translators: "S3 “日常维修（护）费0.62万元”: the text says 0.62, but T6 30213 … is 0.77:
                          * difference 0.15" */
                         _("%s “%s”: the text says %s, but %s is %s: difference %s"),
                         budget_form_get_id (section), quote, text_value, figure->name, table_value, shown);
  budget_finding_set_rounding (finding, rounding);
  budget_finding_set_values (finding, item->value, figure->value);
  if (figure->form != NULL)
    budget_finding_set_other (finding, budget_form_get_id (figure->form), figure->row_key, figure->col);
}

/* The recognised numbers of a section: @classify names each clause's item. */
static GArray *
read_items (BudgetForm   *section,
            GArray      **amounts_out,
            const char *(*classify) (const char *label))
{
  GArray *amounts = budget_text_scan_amounts (budget_form_get_rendered_text (section));
  GArray *items = g_array_new (FALSE, TRUE, sizeof (TextItem));

  for (guint i = 0; i < amounts->len; i++)
    {
      const BudgetTextAmount *amount = &g_array_index (amounts, BudgetTextAmount, i);
      TextItem item = { amount, classify (amount->label), 0, amount->value };

      if (item.item == NULL)
        continue;
      if (ends_with_change (amount->label, &item.sign) && item.sign < 0)
        item.value = -item.value;
      g_array_append_val (items, item);
    }
  *amounts_out = amounts;
  return items;
}

static void
check_s2 (BudgetRuleContext *ctx,
          const char        *rule)
{
  BudgetForm *s2 = budget_rule_form (ctx, "S2");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s2 == NULL)
    return;
  items = read_items (s2, &amounts, classify_s2);
  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      TableFigure figure = { 0 };

      s2_figure (ctx, item->item, &figure);
      if (g_strcmp0 (figure.rule, rule) == 0)
        compare_text (ctx, s2, item, &figure);
      table_figure_clear (&figure);
    }
}

void
budget_rule_tx01 (BudgetRuleContext *ctx)
{
  check_s2 (ctx, "TX-01");
}

void
budget_rule_tx02 (BudgetRuleContext *ctx)
{
  check_s2 (ctx, "TX-02");
}

void
budget_rule_tx03 (BudgetRuleContext *ctx)
{
  check_s2 (ctx, "TX-03");
}

void
budget_rule_tx04 (BudgetRuleContext *ctx)
{
  check_s2 (ctx, "TX-04");
}

static const TextItem *
find_item (GArray     *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (g_array_index (items, TextItem, i).item, id))
      return &g_array_index (items, TextItem, i);
  return NULL;
}

/* An internal sum of the text: @total = @a + @b, all printed figures (2 addends of rounding). */
static void
check_text_sum (BudgetRuleContext *ctx,
                BudgetForm        *section,
                GArray            *items,
                const char        *total_id,
                const char        *a_id,
                const char        *b_id,
                const char        *what)
{
  const TextItem *total = find_item (items, total_id);
  const TextItem *a = find_item (items, a_id);
  const TextItem *b = find_item (items, b_id);
  TableFigure figure = { 0 };

  if (total == NULL || a == NULL || b == NULL)
    return;
  figure.item = total_id;
  figure.name = g_strdup (what);
  figure.value = budget_amount_add_saturating (a->value, b->value);
  figure.n_addends = 2;
  figure.found = TRUE;
  figure.severity = ctx->severity;
  compare_text (ctx, section, total, &figure);
  table_figure_clear (&figure);
}

void
budget_rule_tx05 (BudgetRuleContext *ctx)
{
  BudgetForm *s2 = budget_rule_form (ctx, "S2");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s2 == NULL)
    return;
  items = read_items (s2, &amounts, classify_s2);
  check_text_sum (ctx, s2, items, "basic", "personnel", "public", _("人员经费 + 日常公用经费 in the text"));
  check_text_sum (ctx, s2, items, "expenditure", "basic", "project", _("基本支出 + 项目支出 in the text"));
  check_text_sum (ctx, s2, items, "change-total", "change-basic", "change-project",
                  _("the changes of 基本支出 and 项目 in the text"));
}

/**
 * budget_text_unit_is_administrative: (skip)
 * @doc: a document
 *
 * Returns: whether 机关运行经费 applies: the 机构设置 table lists a 行政 or 参公 unit (or says nothing)
 */
gboolean
budget_text_unit_is_administrative (BudgetDocument *doc)
{
  BudgetForm *org = budget_document_lookup_form (doc, "ORG");
  gboolean any = FALSE;

  for (guint r = 0; org != NULL && r < budget_form_get_n_rows (org); r++)
    {
      const char *nature = budget_rule_list_text (org, budget_form_row_at (org, r), "nature");

      if (nature[0] == '\0')
        continue;
      any = TRUE;
      if (strstr (nature, "行政") != NULL || strstr (nature, "参公") != NULL || strstr (nature, "参照公务员") != NULL)
        return TRUE;
    }
  return !any;
}

/* Compares every amount of @section that @classify calls @item_id with one cell of @form. */
static void
compare_items_with_cell (BudgetRuleContext  *ctx,
                         BudgetForm         *section,
                         const char       *(*classify) (const char *label),
                         const char         *item_id,
                         BudgetForm         *form,
                         const char         *row_key,
                         const char         *col_id)
{
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = read_items (section, &amounts, classify);

  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      TableFigure figure = { 0 };

      if (!g_str_equal (item->item, item_id))
        continue;
      figure.item = item_id;
      figure.severity = ctx->severity;
      set_cell (&figure, form, row_key, col_id, budget_rule_count_entered (ctx, form, col_id, NULL));
      compare_text (ctx, section, item, &figure);
      table_figure_clear (&figure);
    }
}

void
budget_rule_tx06 (BudgetRuleContext *ctx)
{
  BudgetForm *s3 = budget_rule_form (ctx, "S3");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");

  if (s3 == NULL || t6 == NULL || !budget_text_unit_is_administrative (ctx->doc))
    return;
  compare_items_with_cell (ctx, s3, classify_s3, "operating", t6, "total", "c5");
}

void
budget_rule_tx07 (BudgetRuleContext *ctx)
{
  BudgetForm *s3 = budget_rule_form (ctx, "S3");
  BudgetForm *t6 = budget_rule_form (ctx, "T6");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  const TextItem *operating = NULL;
  BudgetAmount text_sum = 0;
  guint n_items = 0;

  if (s3 == NULL || t6 == NULL)
    return;
  items = read_items (s3, &amounts, classify_s3);
  /* The catch-all is what the listed items leave of 公用经费. */
  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);

      if (g_str_equal (item->item, "operating"))
        operating = operating != NULL ? operating : item;
      else if (!g_str_equal (item->item, "remainder"))
        g_string_append_printf (listed, "%s%s", listed->len > 0 ? " " : "", item->item);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      TableFigure figure = { 0 };
      g_auto(GStrv) codes = NULL;

      if (g_str_equal (item->item, "operating"))
        continue;
      text_sum = budget_amount_add_saturating (text_sum, item->value);
      n_items++;
      figure.item = item->item;
      figure.severity = ctx->severity;
      figure.found = TRUE;
      figure.form = t6;
      figure.col = budget_rule_col (t6, "c5");
      if (g_str_equal (item->item, "remainder"))
        {
          guint n_listed = 0;
          guint n_public = budget_rule_count_entered (ctx, t6, "c5", NULL);
          BudgetAmount listed_sum = sum_codes (ctx, t6, listed->str, "c5", &n_listed);
          g_autofree char *total = budget_rule_cell_name (t6, "total", figure.col);

          figure.row_key = "total";
          figure.value = sub_amounts (budget_rule_value (t6, "total", "c5"), listed_sum);
          figure.n_addends = n_public - MIN (n_listed, n_public);
          /* Translators: "T6 合计 公用经费 less the items listed before it" */
          figure.name = g_strdup_printf (_("%s less the items listed before it"), total);
        }
      else
        {
          codes = g_strsplit (item->item, " ", -1);
          figure.row_key = codes[0];
          figure.value = sum_codes (ctx, t6, item->item, "c5", &figure.n_addends);
          figure.name = g_strv_length (codes) == 1 ? budget_rule_cell_name (t6, codes[0], figure.col)
                                                   : g_strdup_printf ("T6 %s %s", item->item, "公用经费");
        }
      compare_text (ctx, s3, item, &figure);
      table_figure_clear (&figure);
    }

  if (operating != NULL && n_items > 0)
    {
      TableFigure figure = { 0 };

      figure.item = "items-sum";
      figure.name = g_strdup (_("the sum of the items in the text"));
      figure.value = text_sum;
      figure.n_addends = n_items;
      figure.found = TRUE;
      figure.severity = ctx->severity;
      compare_text (ctx, s3, operating, &figure);
      table_figure_clear (&figure);
    }
}

/* 三公 (S4): the T9 rows, and last year's figure of each. */
static const struct
{
  const char *row;
  const char *prior;
} sangong_rows[] = {
  { "r1", "prior-sangong" },
  { "r2", "prior-sangong-abroad" },
  { "r3", NULL },
  { "r4", "prior-sangong-car-purchase" },
  { "r5", "prior-sangong-car-running" },
  { "r6", "prior-sangong-reception" },
};

static const char *
classify_s4 (const char *label)
{
  int sign;

  if (ends_with_change (label, &sign) && strstr (label, "上年") != NULL)
    return "change";
  if (strstr (label, "三公") != NULL)
    return "r1";
  if (strstr (label, "因公出国") != NULL)
    return "r2";
  if (strstr (label, "购置及运") != NULL)
    return "r3";
  if (strstr (label, "公务用车购置") != NULL)
    return "r4";
  if (strstr (label, "公务用车运行") != NULL || strstr (label, "公务用车运维") != NULL)
    return "r5";
  if (strstr (label, "公务接待") != NULL)
    return "r6";
  return NULL;
}

static guint
t9_addends (BudgetRuleContext *ctx,
            BudgetForm        *t9,
            const char        *row)
{
  if (g_str_equal (row, "r1"))
    return budget_rule_count_entered (ctx, t9, "c3 c4 c5", NULL);
  if (g_str_equal (row, "r3"))
    return budget_rule_count_entered (ctx, t9, "c3 c4 c5", "r4") + budget_rule_count_entered (ctx, t9, "c3 c4 c5", "r5");
  return budget_rule_count_entered (ctx, t9, "c3 c4 c5", row);
}

static gboolean
sangong_prior (BudgetRuleContext *ctx,
               const char        *row,
               BudgetAmount      *prior)
{
  BudgetAmount purchase, running;

  if (g_str_equal (row, "r3"))
    {
      if (!prior_value (ctx, "prior-sangong-car-purchase", &purchase) ||
          !prior_value (ctx, "prior-sangong-car-running", &running))
        return FALSE;
      *prior = budget_amount_add_saturating (purchase, running);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sangong_rows); i++)
    if (g_str_equal (sangong_rows[i].row, row) && sangong_rows[i].prior != NULL)
      return prior_value (ctx, sangong_rows[i].prior, prior);
  return FALSE;
}

static const char *
sangong_prior_key (const char *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (sangong_rows); i++)
    if (g_str_equal (sangong_rows[i].row, row))
      return sangong_rows[i].prior != NULL ? sangong_rows[i].prior
                                           : "prior-sangong-car-purchase + prior-sangong-car-running";
  return "";
}

void
budget_rule_tx08 (BudgetRuleContext *ctx)
{
  BudgetForm *s4 = budget_rule_form (ctx, "S4");
  BudgetForm *t9 = budget_rule_form (ctx, "T9");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s4 == NULL || t9 == NULL)
    return;
  items = read_items (s4, &amounts, classify_s4);
  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      TableFigure figure = { 0 };

      if (g_str_equal (item->item, "change"))
        continue;
      figure.item = item->item;
      figure.severity = ctx->severity;
      set_cell (&figure, t9, item->item, "c2", t9_addends (ctx, t9, item->item));
      compare_text (ctx, s4, item, &figure);
      table_figure_clear (&figure);
    }
}

/* A reason after a change: "主要为…", "主要原因…", "主要是…", with some words that are not a placeholder. */
static gboolean
has_reason (const char *segment)
{
  const char *p = strstr (segment, "主要");

  if (p == NULL)
    return FALSE;
  p += strlen ("主要");
  for (const char *q = p; *q; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (c == 0x3002 || c == 0xFF1B || c == ';' || c == '\n')
        break;
      /* Skip the connecting words and placeholder dots. */
      if (c == 0x2026 || c == '.' || c == 0x3002 || c == 0xFF1A || c == ':' || c == 0xFF0C || c == ',' ||
          g_unichar_isspace (c) || c == 0x4E3A /* 为 */ || c == 0x662F /* 是 */ || c == 0x539F /* 原 */ ||
          c == 0x56E0 /* 因 */ || c == 0x7528 /* 用 */ || c == 0x4E8E /* 于 */)
        continue;
      return TRUE;
    }
  return FALSE;
}

void
budget_rule_tx09 (BudgetRuleContext *ctx)
{
  BudgetForm *s4 = budget_rule_form (ctx, "S4");
  BudgetForm *t9 = budget_rule_form (ctx, "T9");
  const char *text;
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s4 == NULL || t9 == NULL)
    return;
  text = budget_form_get_rendered_text (s4);
  items = read_items (s4, &amounts, classify_s4);
  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      const TextItem *change = NULL;
      BudgetAmount prior;
      gsize segment_end;
      g_autofree char *segment = NULL;
      g_autofree char *quote = NULL;
      BudgetAmount delta;

      if (g_str_equal (item->item, "change") || !sangong_prior (ctx, item->item, &prior))
        continue;
      /* What the text says after this item, up to the next item. */
      segment_end = strlen (text);
      for (guint j = i + 1; j < items->len; j++)
        {
          const TextItem *next = &g_array_index (items, TextItem, j);

          if (g_str_equal (next->item, "change"))
            {
              if (change == NULL)
                change = next;
              continue;
            }
          segment_end = next->amount->clause;
          break;
        }
      if (change != NULL && change->amount->start >= segment_end)
        change = NULL;
      segment = g_strndup (text + item->amount->end, segment_end - item->amount->end);
      quote = fragment (text, item->amount);
      delta = sub_amounts (budget_rule_value (t9, item->item, "c2"), prior);

      if (change != NULL)
        {
          TableFigure figure = { 0 };
          g_autofree char *prior_key = g_strdup (sangong_prior_key (item->item));

          figure.item = item->item;
          figure.severity = ctx->severity;
          set_cell (&figure, t9, item->item, "c2", t9_addends (ctx, t9, item->item) + 1);
          figure.value = delta;
          {
            g_autofree char *cell = figure.name;
            g_autofree char *prior_text = budget_rule_format_amount (prior);

            figure.name = g_strdup_printf (_("%s − %s (%s)"), cell, prior_key, prior_text);
          }
          compare_text (ctx, s4, change, &figure);
          table_figure_clear (&figure);
        }
      else if (delta == 0 && strstr (segment, "持平") == NULL)
        report_text (ctx, BUDGET_SEVERITY_WARNING, s4, item->amount, item->item,
                     _("S4 “%s”: unchanged from last year, but the text does not say 与上年持平"), quote);
      else if (delta != 0 && strstr (segment, "持平") != NULL)
        {
          g_autofree char *shown = format_signed (delta, TRUE);

          report_text (ctx, ctx->severity, s4, item->amount, item->item,
                       _("S4 “%s”: the text says 与上年持平, but the change from last year is %s"), quote, shown);
        }
      else if (delta != 0 && change == NULL)
        {
          g_autofree char *shown = format_signed (delta, TRUE);

          report_text (ctx, BUDGET_SEVERITY_WARNING, s4, item->amount, item->item,
                       _("S4 “%s”: the change from last year (%s) is not stated"), quote, shown);
        }
      /* Every change of an item needs its reason (the total is explained by its items). */
      if (delta != 0 && !g_str_equal (item->item, "r1") && !has_reason (segment))
        {
          g_autofree char *key = g_strconcat (item->item, "-reason", NULL);

          report_text (ctx, BUDGET_SEVERITY_WARNING, s4, item->amount, key,
                       _("S4 “%s”: the change from last year needs a reason (主要为…)"), quote);
        }
    }
}

static BudgetAmount
procurement_total (BudgetRuleContext *ctx,
                   BudgetForm        *gp,
                   guint             *n_addends)
{
  int col = budget_rule_col (gp, "total");
  BudgetAmount sum = 0;

  for (guint r = 0; gp != NULL && col >= 0 && r < budget_form_get_n_rows (gp); r++)
    sum = budget_amount_add_saturating (sum, (budget_form_row_at (gp, r))->values[col]);
  if (n_addends != NULL)
    *n_addends = budget_rule_count_entered (ctx, gp, "gen fund soe special own carry other", NULL);
  return sum;
}

static const char *
classify_s6 (const char *label)
{
  return strstr (label, "政府采购") != NULL ? "procurement" : NULL;
}

static const char *
classify_s7 (const char *label)
{
  if (strstr (label, "购置固定资产") != NULL)
    return "purchase";
  if (strstr (label, "固定资产") != NULL)
    return "assets";
  return NULL;
}

void
budget_rule_tx10 (BudgetRuleContext *ctx)
{
  BudgetForm *s6 = budget_rule_form (ctx, "S6");
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s6 == NULL || gp == NULL)
    return;
  items = read_items (s6, &amounts, classify_s6);
  for (guint i = 0; i < items->len; i++)
    {
      TableFigure figure = { 0 };
      g_autofree char *column = NULL;

      figure.item = "procurement";
      figure.severity = ctx->severity;
      figure.found = TRUE;
      figure.form = gp;
      figure.col = budget_rule_col (gp, "total");
      figure.value = procurement_total (ctx, gp, &figure.n_addends);
      column = budget_rule_cell_name (gp, NULL, figure.col);
      /* Translators: "the sum of GP 合计" (over the rows of the procurement table) */
      figure.name = g_strdup_printf (_("the sum of %s"), column);
      compare_text (ctx, s6, &g_array_index (items, TextItem, i), &figure);
      table_figure_clear (&figure);
    }
}

void
budget_rule_tx11 (BudgetRuleContext *ctx)
{
  BudgetForm *s7 = budget_rule_form (ctx, "S7");
  BudgetForm *fa = budget_rule_form (ctx, "FA");

  if (s7 == NULL || fa == NULL)
    return;
  compare_items_with_cell (ctx, s7, classify_s7, "assets", fa, "total", "value");
}

void
budget_rule_tx12 (BudgetRuleContext *ctx)
{
  BudgetForm *s7 = budget_rule_form (ctx, "S7");
  BudgetForm *gp = budget_rule_form (ctx, "GP");
  g_autoptr(GArray) amounts = NULL;
  g_autoptr(GArray) items = NULL;

  if (s7 == NULL || gp == NULL)
    return;
  items = read_items (s7, &amounts, classify_s7);
  for (guint i = 0; i < items->len; i++)
    {
      const TextItem *item = &g_array_index (items, TextItem, i);
      const char *text = budget_form_get_rendered_text (s7);
      guint n_total = 0;
      BudgetAmount total = procurement_total (ctx, gp, &n_total);
      TableFigure figure = { 0 };

      if (!g_str_equal (item->item, "purchase"))
        continue;
      if (item->value > total && (guint64) item->value - (guint64) total > (guint64) BUDGET_ROUNDING_STEP)
        {
          g_autofree char *quote = fragment (text, item->amount);
          g_autofree char *text_value = budget_rule_format_amount (item->value);
          g_autofree char *total_value = budget_rule_format_amount (total);
          BudgetFinding *finding;

          finding = report_text (ctx, ctx->severity, s7, item->amount, "purchase-total",
                                 _("S7 “%s”: the text plans %s 万元 of fixed assets, more than the whole procurement "
                                   "budget (%s)"), quote, text_value, total_value);
          budget_finding_set_values (finding, item->value, total);
          budget_finding_set_other (finding, "GP", NULL, budget_rule_col (gp, "total"));
          continue;
        }
      figure.item = "purchase";
      figure.severity = ctx->severity;
      figure.found = TRUE;
      figure.form = gp;
      figure.col = budget_rule_col (gp, "total");
      figure.value = budget_text_fixed_asset_purchases (ctx->doc);
      figure.n_addends = n_total;
      figure.name = g_strdup (_("the procurement of fixed assets (目录序号 A01–A07)"));
      compare_text (ctx, s7, item, &figure);
      table_figure_clear (&figure);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* G-03: years in the text; G-07: the department's name                                              */

static const char * const text_sections[] = { "S0", "S2", "S3", "S4", "S6", "S7" };

void
budget_rule_g03 (BudgetRuleContext *ctx)
{
  int year = budget_document_get_year (ctx->doc);

  if (year < 2000 || year > 2100)
    {
      budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, "year",
                          _("The budget year is not set: every table header shows 预算年度"));
      return;
    }
  for (guint s = 0; s < G_N_ELEMENTS (text_sections); s++)
    {
      BudgetForm *section = budget_rule_form (ctx, text_sections[s]);
      const char *text = section != NULL ? budget_form_get_rendered_text (section) : NULL;

      for (const char *p = text; p != NULL && *p; p++)
        {
          const char *after = p + 4;
          gboolean prior;
          int found, expected;

          /* Four digits (not part of a longer number) and 年, followed by 预算, 部门预算 or a comma. */
          if (!(g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
                g_ascii_isdigit (p[3])) || (p > text && g_ascii_isdigit (p[-1])) || !g_str_has_prefix (after, "年"))
            continue;
          after += strlen ("年");
          if (!g_str_has_prefix (after, "预算") && !g_str_has_prefix (after, "部门预算") &&
              !g_str_has_prefix (after, "，") && !g_str_has_prefix (after, ","))
            continue;
          found = atoi (p);
          /* "较2022年预算": a comparison with last year. */
          prior = (p - text >= 3 && (g_str_has_prefix (p - 3, "较") || g_str_has_prefix (p - 3, "比")));
          expected = prior ? year - 1 : year;
          if (found != expected)
            {
              BudgetFinding *finding;
              int start = char_offset (text, (gsize) (p - text));

              finding = budget_rule_report (ctx, ctx->severity, section, NULL, -1, "year",
                                            prior ? _("%s says “%.*s年” where the previous year is %d")
                                                  : _("%s says “%.*s年” where the budget year is %d"),
                                            budget_form_get_id (section), 4, p, expected);
              budget_finding_set_text_range (finding, start, start + 5);
            }
          p += 3;
        }
    }
}

/* Where template sentences name the department: the text before @suffix in its clause, after
 * @prefix when there is one. */
static const struct
{
  const char *prefix;
  const char *suffix;
} name_anchors[] = {
  { NULL, "的收支包含在部门预算中" },
  { "反映", "年度预算" },
  { NULL, "安排政府采购预算" },
  { NULL, "（含所属单位）" },
  { NULL, "(含所属单位)" },
  { "现将", "年部门预算" },
  { NULL, "职能配置" },
  { NULL, "的主要职责" },
};

/* Generic references to the department, which are fine anywhere. */
static const char * const generic_names[] = { "本部门", "我部门", "本单位", "我单位", "部门", "本局", "我局", NULL };

static gboolean
is_name_delimiter (gunichar c)
{
  return is_clause_delimiter (c) || c == 0x300A /* 《 */ || c == 0x3000 || c == ' ';
}

static void
check_names (BudgetRuleContext *ctx,
             BudgetForm        *section,
             const char        *department)
{
  const char *text = budget_form_get_rendered_text (section);
  g_autofree char *expected = budget_normalize_name (department);

  for (guint a = 0; a < G_N_ELEMENTS (name_anchors); a++)
    {
      const char *search = text;
      const char *hit;

      while ((hit = strstr (search, name_anchors[a].suffix)) != NULL)
        {
          const char *start = hit;
          const char *end = hit;
          g_autofree char *name = NULL;
          g_autofree char *normal = NULL;

          search = hit + strlen (name_anchors[a].suffix);
          /* Back to the start of the clause. */
          while (start > text)
            {
              const char *prev = g_utf8_find_prev_char (text, start);

              if (prev == NULL || is_name_delimiter (g_utf8_get_char (prev)))
                break;
              start = prev;
            }
          if (name_anchors[a].prefix != NULL)
            {
              const char *prefix = g_strstr_len (start, end - start, name_anchors[a].prefix);

              if (prefix == NULL)
                continue;
              start = prefix + strlen (name_anchors[a].prefix);
            }
          /* "现将科技和工信部门2023年部门预算": the year is not part of the name. */
          while (end > start && g_ascii_isdigit (end[-1]))
            end--;
          if (end <= start)
            continue;
          name = g_strndup (start, (gsize) (end - start));
          normal = budget_normalize_name (name);
          if (g_str_equal (normal, expected) || g_strv_contains (generic_names, normal) ||
              g_str_has_suffix (normal, expected))
            continue;
          {
            int from = char_offset (text, (gsize) (start - text));
            int to = char_offset (text, (gsize) (end - text));
            BudgetFinding *finding = budget_rule_report (ctx, ctx->severity, section, NULL, -1, normal,
                                                         _("%s names the department “%s”, but the table headers say "
                                                           "“%s”"), budget_form_get_id (section), name, department);

            budget_finding_set_text_range (finding, from, to);
          }
        }
    }
}

void
budget_rule_g07 (BudgetRuleContext *ctx)
{
  static const char * const sections[] = { "S0", "S1", "S2", "S3", "S4", "S6", "S7" };
  const char *department = budget_document_get_meta (ctx->doc, "department-name");

  if (department == NULL || department[0] == '\0')
    return;
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      BudgetForm *section = budget_rule_form (ctx, sections[s]);

      if (section != NULL)
        check_names (ctx, section, department);
    }
}
