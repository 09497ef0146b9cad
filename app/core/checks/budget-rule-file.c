/* budget-rule-file.c: consistency rules written as data.
 *
 * A rule file lists rules; a rule has an id, a severity, a title, an optional message template and
 * rounding tolerance, and one or more checks written in the formula language of the form definitions
 * with a relation between two sides:
 *
 *   <check name="the sum of rows 1–9">T1[r32].c2 = T1[r1:r9].c2</check>
 *   <check columns="c2 c3 c4 c5" name="rows 4 + 5">T9[r3] = T9[r4] + T9[r5]</check>
 *   <check rows-of="T5 T7 T8">c3 = c4 + c5</check>
 *
 * What a rule reads comes from its checks: the cells of fixed checks (and the columns of ranges), and
 * for checks "rows-of" the forms walked and the forms whose rows of the same code they read. A rule
 * with "rows-of" checks is a row rule: an edit re-checks the rows it changed (budget-checker.c).
 * doc/rules.md is the reference for finance bureaus writing their own 审核公式.
 */

#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <glib/gi18n-lib.h>

#include "checks/budget-rule-file.h"
#include "model/budget-formula.h"

typedef struct
{
  BudgetFormula      *left;
  BudgetFormula      *right;
  BudgetRuleRelation  relation;
  GStrv               columns;   /* NULL: the columns the terms name */
  GStrv               rows_of;   /* NULL: a check of fixed cells; else the forms checked row by row */
  char               *name;      /* how messages name the right side, or NULL */
  /* Row checks: the column of each term (0: the checked cell) in the last form walked, found once
   * per form rather than on every row. */
  BudgetFormDef      *walked;
  int                *cols;
} DataCheck;

/* The rule's definition comes first, so that the checker's BudgetRuleDef is the rule. */
typedef struct
{
  BudgetRuleDef  def;
  char          *id;
  char          *title;
  char          *reads;
  char          *row_reads;
  char          *message;     /* template, or NULL for the standard comparison message */
  BudgetAmount   tolerance;   /* differences up to this are rounding warnings */
  char          *source;      /* the file, for messages */
  GPtrArray     *checks;      /* DataCheck */
} DataRule;

G_DEFINE_QUARK (budget-rule-file-error-quark, budget_rule_file_error)

static void
data_check_free (gpointer data)
{
  DataCheck *check = data;

  g_clear_pointer (&check->left, budget_formula_unref);
  g_clear_pointer (&check->right, budget_formula_unref);
  g_strfreev (check->columns);
  g_strfreev (check->rows_of);
  g_free (check->name);
  g_free (check->cols);
  g_free (check);
}

void
budget_data_rule_free (BudgetRuleDef *def)
{
  DataRule *rule = (DataRule *) def;

  if (rule == NULL)
    return;
  g_free (rule->id);
  g_free (rule->title);
  g_free (rule->reads);
  g_free (rule->row_reads);
  g_free (rule->message);
  g_free (rule->source);
  g_ptr_array_unref (rule->checks);
  g_free (rule);
}

const char *
budget_data_rule_get_source (const BudgetRuleDef *def)
{
  return ((const DataRule *) def)->source;
}

/* ------------------------------------------------------------------------------------------------ */
/* Evaluation                                                                                        */

static const DataRule *
rule_of (BudgetRuleContext *ctx)
{
  return (const DataRule *) ctx->rule;
}

/* The value of one term: a cell, or the sum of a range of rows in form order; 0 when it is missing. */
static BudgetAmount
term_value (BudgetForm              *form,
            const BudgetFormulaTerm *term,
            int                      row,
            int                      col)
{
  BudgetAmount sum = 0;
  int first, last;

  if (form == NULL || col < 0)
    return 0;
  if (term->key == NULL)
    return row >= 0 ? budget_form_get_value (form, (guint) row, (guint) col) : 0;
  first = budget_form_find_row (form, term->key);
  last = term->key_end != NULL ? budget_form_find_row (form, term->key_end) : first;
  for (int r = first; first >= 0 && r <= last; r++)
    sum = budget_amount_add_saturating (sum, budget_form_get_value (form, (guint) r, (guint) col));
  return sum;
}

static BudgetAmount
negate (BudgetAmount value)
{
  return value == G_MININT64 ? G_MAXINT64 : -value;
}

/* How messages name the right side of a row check: its columns' titles, "合计 = 基本支出 + 项目支出". */
static char *
column_titles (BudgetForm    *form,
               BudgetFormula *side)
{
  BudgetFormDef *def = budget_form_get_def (form);
  GString *what = g_string_new (NULL);

  for (guint i = 0; i < budget_formula_get_n_terms (side); i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (side, i);
      int col = budget_form_def_find_column (def, term->column);

      if (col < 0)
        continue;
      if (what->len > 0)
        g_string_append (what, term->sign < 0 ? " - " : " + ");
      g_string_append (what, budget_form_def_get_column (def, (guint) col)->title);
    }
  return g_string_free (what, FALSE);
}

static char *
replace_all (const char *text,
             const char *placeholder,
             const char *value)
{
  g_auto(GStrv) parts = g_strsplit (text, placeholder, -1);

  return g_strjoinv (value, parts);
}

/* Reports a failed comparison: the standard message (budget_rule_compare), or the rule's template. */
static void
report (BudgetRuleContext *ctx,
        BudgetRuleFigure  *a,
        BudgetRuleFigure  *b,
        BudgetRuleRelation relation)
{
  const DataRule *rule = rule_of (ctx);
  guint64 difference = a->value >= b->value ? (guint64) a->value - (guint64) b->value
                                            : (guint64) b->value - (guint64) a->value;
  gboolean within = rule->tolerance > 0 && difference <= (guint64) rule->tolerance;
  BudgetFinding *finding;

  if (rule->message == NULL)
    finding = budget_rule_compare (ctx, a, b, relation);
  else
    {
      g_autofree char *value_a = budget_rule_format_amount (a->value);
      g_autofree char *value_b = budget_rule_format_amount (b->value);
      g_autofree char *shown = difference > (guint64) G_MAXINT64 ? g_strdup ("∞")
                                                                  : budget_rule_format_amount ((gint64) difference);
      g_autofree char *m1 = replace_all (rule->message, "{left}", a->name);
      g_autofree char *m2 = replace_all (m1, "{left-value}", value_a);
      g_autofree char *m3 = replace_all (m2, "{right}", b->name);
      g_autofree char *m4 = replace_all (m3, "{right-value}", value_b);
      g_autofree char *message = replace_all (m4, "{difference}", shown);

      finding = budget_rule_report (ctx, ctx->severity, a->form, a->row_key, a->col, NULL, "%s", message);
      budget_finding_set_values (finding, a->value, b->value);
      if (b->form != NULL)
        budget_finding_set_other (finding, budget_form_get_id (b->form), b->row_key, b->col);
    }
  if (finding != NULL && within)
    {
      budget_finding_set_severity (finding, BUDGET_SEVERITY_WARNING);
      budget_finding_set_rounding (finding, TRUE);
    }
}

/* Checks one fixed check in one column (@column NULL: the columns the terms name). */
static void
check_fixed (BudgetRuleContext *ctx,
             const DataCheck   *check,
             const char        *column)
{
  const BudgetFormulaTerm *left = budget_formula_get_term (check->left, 0);
  BudgetForm *form = budget_rule_form (ctx, left->form);
  int col = budget_rule_col (form, left->column != NULL ? left->column : column);
  int row = form != NULL ? budget_form_find_row (form, left->key) : -1;
  BudgetAmount sum = 0;
  BudgetRuleFigure a, b;
  guint n_terms = budget_formula_get_n_terms (check->right);

  if (form == NULL || col < 0 || row < 0)
    return;
  for (guint i = 0; i < n_terms; i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (check->right, i);
      BudgetForm *other = term->form != NULL ? budget_rule_form (ctx, term->form) : form;
      BudgetAmount value = term_value (other, term, -1, budget_rule_col (other, term->column != NULL ? term->column
                                                                                                     : column));

      sum = budget_amount_add_saturating (sum, term->sign < 0 ? negate (value) : value);
    }
  if (budget_rule_holds (budget_form_get_value (form, (guint) row, (guint) col), sum, check->relation))
    return;

  budget_rule_figure_cell (&a, form, left->key, col, 0);
  {
    const BudgetFormulaTerm *term = budget_formula_get_term (check->right, 0);

    if (n_terms == 1 && term->sign > 0 && term->key_end == NULL && check->name == NULL)
      {
        /* One cell: the finding points at it too. */
        BudgetForm *other = term->form != NULL ? budget_rule_form (ctx, term->form) : form;

        if (other == NULL)
          {
            budget_rule_figure_clear (&a);
            return;
          }
        budget_rule_figure_cell (&b, other, term->key,
                                 budget_rule_col (other, term->column != NULL ? term->column : column), 0);
      }
    else
      budget_rule_figure_value (&b, NULL, NULL, -1,
                                g_strdup (check->name != NULL ? g_dgettext (GETTEXT_PACKAGE, check->name)
                                                              : budget_formula_get_text (check->right)),
                                sum, 0);
  }
  report (ctx, &a, &b, check->relation);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
}

static void
data_rule_check (BudgetRuleContext *ctx)
{
  const DataRule *rule = rule_of (ctx);

  for (guint i = 0; i < rule->checks->len; i++)
    {
      const DataCheck *check = g_ptr_array_index (rule->checks, i);

      if (check->columns == NULL)
        check_fixed (ctx, check, NULL);
      for (guint c = 0; check->columns != NULL && check->columns[c] != NULL; c++)
        check_fixed (ctx, check, check->columns[c]);
    }
}

/* Row rules: one walk per check and form, in order; the walk's variant is the check. */
static void
data_rule_passes (BudgetRuleContext *ctx,
                  GArray            *passes)
{
  const DataRule *rule = rule_of (ctx);

  for (guint i = 0; i < rule->checks->len; i++)
    {
      const DataCheck *check = g_ptr_array_index (rule->checks, i);

      for (guint f = 0; check->rows_of[f] != NULL; f++)
        budget_rule_add_pass (passes, budget_rule_form (ctx, check->rows_of[f]), -1, (int) i);
    }
}

/* The columns of a row check's terms in @form (and the forms they name). */
static const int *
row_columns (DataCheck  *check,
             BudgetForm *form)
{
  BudgetFormDef *def = budget_form_get_def (form);
  guint n_terms = budget_formula_get_n_terms (check->right);

  if (check->walked == def)
    return check->cols;
  g_free (check->cols);
  check->cols = g_new (int, n_terms + 1);
  check->walked = def;
  check->cols[0] = budget_form_def_find_column (def, budget_formula_get_term (check->left, 0)->column);
  for (guint i = 0; i < n_terms; i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (check->right, i);
      BudgetFormDef *term_def = term->form != NULL ? budget_form_defs_lookup (term->form) : def;

      check->cols[i + 1] = term_def != NULL ? budget_form_def_find_column (term_def, term->column) : -1;
    }
  return check->cols;
}

static void
data_rule_check_row (BudgetRuleContext    *ctx,
                     const BudgetRulePass *pass,
                     guint                 row)
{
  DataCheck *check = g_ptr_array_index (rule_of (ctx)->checks, (guint) pass->variant);
  BudgetForm *form = pass->form;
  const int *cols = row_columns (check, form);
  int col = cols[0];
  const char *key;
  BudgetAmount sum = 0;
  BudgetRuleFigure a, b;

  if (col < 0)
    return;
  /* Fixed forms: only the rows where the checked cell is computed from its row. */
  if (budget_form_get_row_kind (form, row) == BUDGET_ROW_FIXED &&
      budget_form_get_cell_kind (form, row, (guint) col) != BUDGET_CELL_DERIVED)
    return;
  key = budget_form_get_row_key (form, row);
  for (guint i = 0; i < budget_formula_get_n_terms (check->right); i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (check->right, i);
      BudgetAmount value;

      if (term->form == NULL)
        value = term_value (form, term, (int) row, cols[i + 1]);
      else
        {
          /* The row of the same code in another form. */
          BudgetForm *other = budget_rule_form (ctx, term->form);
          int other_row = other != NULL ? budget_form_find_row (other, key) : -1;

          value = term_value (other, term, other_row, cols[i + 1]);
        }
      sum = budget_amount_add_saturating (sum, term->sign < 0 ? negate (value) : value);
    }
  if (budget_rule_holds (budget_form_get_value (form, row, (guint) col), sum, check->relation))
    return;
  budget_rule_figure_cell (&a, form, key, col, 0);
  budget_rule_figure_value (&b, NULL, NULL, -1,
                            check->name != NULL ? g_strdup (g_dgettext (GETTEXT_PACKAGE, check->name))
                                                : column_titles (form, check->right),
                            sum, 0);
  report (ctx, &a, &b, check->relation);
  budget_rule_figure_clear (&a);
  budget_rule_figure_clear (&b);
}

/* ------------------------------------------------------------------------------------------------ */
/* Parsing                                                                                           */

static gboolean
fail (GError     **error,
      const char  *name,
      xmlNode     *node,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError     **error,
      const char  *name,
      xmlNode     *node,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a rule file's error: "my-rules.xml, line 12: …" */
  g_set_error (error, BUDGET_RULE_FILE_ERROR, BUDGET_RULE_FILE_ERROR_INVALID, _("%s, line %ld: %s"), name,
               node != NULL ? xmlGetLineNo (node) : 0L, message);
  return FALSE;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strstrip (g_strdup ((const char *) value)) : NULL;

  xmlFree (value);
  return copy;
}

static char *
content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (value != NULL ? (const char *) value : ""));

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

/* Splits "LEFT = RIGHT", "LEFT <= RIGHT" or "LEFT >= RIGHT". */
static gboolean
split_relation (const char          *text,
                char               **left,
                char               **right,
                BudgetRuleRelation  *relation)
{
  const char *at = NULL;
  gsize len = 1;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '=' || *p == '<' || *p == '>' || g_str_has_prefix (p, "≤") || g_str_has_prefix (p, "≥"))
      {
        if (at != NULL)
          return FALSE;
        at = p;
        if (*p == '=')
          *relation = BUDGET_RULE_EQUAL, len = 1;
        else if (g_str_has_prefix (p, "≤") || g_str_has_prefix (p, "≥"))
          *relation = g_str_has_prefix (p, "≤") ? BUDGET_RULE_AT_MOST : BUDGET_RULE_AT_LEAST, len = strlen ("≤");
        else if (p[1] == '=')
          *relation = *p == '<' ? BUDGET_RULE_AT_MOST : BUDGET_RULE_AT_LEAST, len = 2;
        else
          return FALSE;
        p += len - 1;
      }
  if (at == NULL)
    return FALSE;
  *left = g_strndup (text, (gsize) (at - text));
  *right = g_strdup (at + len);
  return TRUE;
}

/* Whether @column (or, when it is NULL, every one of @columns) is a column of @form_id. */
static gboolean
check_columns (const char          *form_id,
               const char          *column,
               const char * const  *columns,
               const char         **bad)
{
  BudgetFormDef *def = budget_form_defs_lookup (form_id);

  if (column != NULL)
    {
      *bad = column;
      return budget_form_def_find_column (def, column) >= 0;
    }
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (budget_form_def_find_column (def, columns[i]) < 0)
      {
        *bad = columns[i];
        return FALSE;
      }
  *bad = "";
  return columns != NULL;
}

/* Checks the references of one side and adds what it reads to @reads ("T1.r32.c2", "T1:c2", "T5"). */
static gboolean
check_side (BudgetFormula  *side,
            const DataCheck *check,
            gboolean        is_left,
            GString        *reads,
            const char     *name,
            xmlNode        *node,
            GError        **error)
{
  for (guint i = 0; i < budget_formula_get_n_terms (side); i++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (side, i);
      const char *bad = NULL;

      if (check->rows_of != NULL)
        {
          if (term->key != NULL)
            return fail (error, name, node, _("“%s”: a check of every row names columns of the same row, not rows"),
                         budget_formula_get_text (side));
          if (term->column == NULL)
            return fail (error, name, node, _("“%s”: every term needs a column"), budget_formula_get_text (side));
          if (is_left && term->form != NULL)
            return fail (error, name, node, _("“%s”: the checked cell is in the forms of rows-of"),
                         budget_formula_get_text (side));
          for (guint f = 0; check->rows_of[f] != NULL; f++)
            if (!check_columns (term->form != NULL ? term->form : check->rows_of[f], term->column, NULL, &bad))
              return fail (error, name, node, _("“%s”: form %s has no column “%s”"), budget_formula_get_text (side),
                           term->form != NULL ? term->form : check->rows_of[f], bad);
          if (term->form != NULL)
            g_string_append_printf (reads, " %s:%s", term->form, term->column);
          continue;
        }

      if (term->form == NULL || term->key == NULL)
        return fail (error, name, node, _("“%s”: name every cell with its form and row, as T1[r32].c2"),
                     budget_formula_get_text (side));
      if (budget_form_defs_lookup (term->form) == NULL)
        return fail (error, name, node, _("“%s”: there is no form %s"), budget_formula_get_text (side), term->form);
      if (term->column == NULL && check->columns == NULL)
        return fail (error, name, node, _("“%s”: a cell without a column needs the attribute columns"),
                     budget_formula_get_text (side));
      if (!check_columns (term->form, term->column, (const char * const *) check->columns, &bad))
        return fail (error, name, node, _("“%s”: form %s has no column “%s”"), budget_formula_get_text (side),
                     term->form, bad);
      {
        g_autofree char *cols = term->column != NULL ? g_strdup (term->column) : g_strjoinv (",", check->columns);

        /* A range reads its columns in any row (the rows between may move); a cell reads that cell. */
        if (term->key_end != NULL)
          g_string_append_printf (reads, " %s:%s", term->form, cols);
        else
          g_string_append_printf (reads, " %s.%s.%s", term->form, term->key, cols);
      }
    }
  return TRUE;
}

static DataCheck *
parse_check (xmlNode     *node,
             const char  *name,
             GString     *reads,
             GString     *row_reads,
             GError     **error)
{
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (data_check_free);
  DataCheck *check = g_new0 (DataCheck, 1);
  g_autofree char *text = content (node);
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *columns = prop (node, "columns");
  g_autofree char *rows_of = prop (node, "rows-of");

  g_ptr_array_add (owner, check);
  check->name = prop (node, "name");
  if (columns != NULL)
    check->columns = g_strsplit_set (g_strstrip (columns), " ,", -1);
  if (rows_of != NULL)
    {
      check->rows_of = g_strsplit_set (g_strstrip (rows_of), " ,", -1);
      for (guint f = 0; check->rows_of[f] != NULL; f++)
        {
          if (budget_form_defs_lookup (check->rows_of[f]) == NULL)
            return fail (error, name, node, _("rows-of: there is no form %s"), check->rows_of[f]), NULL;
          g_string_append_printf (row_reads, " %s", check->rows_of[f]);
        }
    }
  if (!split_relation (text, &left, &right, &check->relation))
    return fail (error, name, node, _("“%s”: write one comparison, with =, <= or >="), text), NULL;
  {
    g_autoptr(GError) parse_error = NULL;

    check->left = budget_formula_parse (g_strstrip (left), &parse_error);
    if (check->left != NULL)
      check->right = budget_formula_parse (g_strstrip (right), &parse_error);
    if (check->right == NULL)
      return fail (error, name, node, "%s", parse_error->message), NULL;
  }
  if (budget_formula_get_n_terms (check->left) != 1 || budget_formula_get_term (check->left, 0)->key_end != NULL ||
      budget_formula_get_term (check->left, 0)->sign < 0)
    return fail (error, name, node, _("“%s”: the left side is the one cell that is checked"), text), NULL;
  if (!check_side (check->left, check, TRUE, check->rows_of != NULL ? row_reads : reads, name, node, error) ||
      !check_side (check->right, check, FALSE, check->rows_of != NULL ? row_reads : reads, name, node, error))
    return NULL;
  return g_ptr_array_steal_index (owner, 0);
}

static BudgetRuleDef *
parse_rule (xmlNode     *node,
            const char  *name,
            GError     **error)
{
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
  DataRule *rule = g_new0 (DataRule, 1);
  g_autofree char *severity = prop (node, "severity");
  g_autofree char *by_construction = prop (node, "by-construction");
  g_autofree char *tolerance = prop (node, "tolerance");
  g_autoptr(GString) reads = g_string_new (NULL);
  g_autoptr(GString) row_reads = g_string_new (NULL);
  gboolean rows = FALSE, fixed = FALSE;

  g_ptr_array_add (owner, rule);
  rule->checks = g_ptr_array_new_with_free_func (data_check_free);
  rule->source = g_strdup (name);
  rule->id = prop (node, "id");
  if (rule->id == NULL || rule->id[0] == '\0')
    return fail (error, name, node, _("a rule needs an id")), NULL;
  if (g_strcmp0 (severity, "error") == 0)
    rule->def.info.severity = BUDGET_SEVERITY_ERROR;
  else if (g_strcmp0 (severity, "warning") == 0)
    rule->def.info.severity = BUDGET_SEVERITY_WARNING;
  else if (g_strcmp0 (severity, "info") == 0)
    rule->def.info.severity = BUDGET_SEVERITY_INFO;
  else
    return fail (error, name, node, _("rule %s: severity is error, warning or info"), rule->id), NULL;
  if (tolerance != NULL)
    {
      g_autoptr(GError) amount_error = NULL;

      if (!budget_amount_parse (tolerance, &rule->tolerance, &amount_error) || rule->tolerance < 0)
        return fail (error, name, node, _("rule %s: the tolerance is an amount in 万元, as 0.01"), rule->id), NULL;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "title"))
        {
          g_free (rule->title);
          rule->title = content (child);
        }
      else if (is_element (child, "message"))
        {
          g_free (rule->message);
          rule->message = content (child);
        }
      else if (is_element (child, "check"))
        {
          DataCheck *check = parse_check (child, name, reads, row_reads, error);

          if (check == NULL)
            return NULL;
          rows |= check->rows_of != NULL;
          fixed |= check->rows_of == NULL;
          g_ptr_array_add (rule->checks, check);
        }
      else if (child->type == XML_ELEMENT_NODE)
        return fail (error, name, child, _("rule %s: unknown element <%s>"), rule->id, (const char *) child->name),
               NULL;
    }
  if (rule->checks->len == 0)
    return fail (error, name, node, _("rule %s has no <check>"), rule->id), NULL;
  if (rows && fixed)
    return fail (error, name, node, _("rule %s: checks of every row and of fixed cells go in separate rules"),
                 rule->id), NULL;
  if (rule->title == NULL)
    rule->title = g_strdup (rule->id);

  rule->reads = g_strdup (g_strstrip (reads->str));
  rule->row_reads = g_strdup (g_strstrip (row_reads->str));
  rule->def.info.id = rule->id;
  rule->def.info.title = rule->title;
  rule->def.info.by_construction = by_construction != NULL && g_str_equal (by_construction, "true");
  rule->def.reads = rule->reads;
  if (rows)
    {
      rule->def.passes = data_rule_passes;
      rule->def.check_row = data_rule_check_row;
      rule->def.row_reads = rule->row_reads;
    }
  else
    rule->def.check = data_rule_check;
  return g_ptr_array_steal_index (owner, 0);
}

/**
 * budget_rule_file_parse: (skip)
 * @bytes: the file's content
 * @name: the file's name, for messages
 * @rules: where to add the rules (BudgetRuleDef, freed with budget_data_rule_free())
 * @error: return location for an error
 *
 * Reads a rule file. A file with an error adds no rule at all: the error names its line.
 *
 * Returns: whether the file was read
 */
gboolean
budget_rule_file_parse (GBytes      *bytes,
                        const char  *name,
                        GPtrArray   *rules,
                        GError     **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;

  doc = xmlReadMemory (data, (int) size, name, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *xml_error = xmlGetLastError ();

      g_set_error (error, BUDGET_RULE_FILE_ERROR, BUDGET_RULE_FILE_ERROR_INVALID, _("%s, line %d: %s"), name,
                   xml_error != NULL ? xml_error->line : 0,
                   xml_error != NULL && xml_error->message != NULL ? g_strstrip (xml_error->message)
                                                                   : _("not an XML file"));
      return FALSE;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "rules"))
    ok = fail (error, name, root, _("a rule file starts with <rules>"));
  for (xmlNode *node = root != NULL ? root->children : NULL; ok && node != NULL; node = node->next)
    {
      BudgetRuleDef *rule;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (node, "rule"))
        {
          ok = fail (error, name, node, _("unknown element <%s>: a rule file lists <rule> elements"),
                     (const char *) node->name);
          break;
        }
      rule = parse_rule (node, name, error);
      if (rule == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (parsed, rule);
    }
  xmlFreeDoc (doc);
  if (!ok)
    return FALSE;
  while (parsed->len > 0)
    g_ptr_array_add (rules, g_ptr_array_steal_index (parsed, 0));
  return TRUE;
}
