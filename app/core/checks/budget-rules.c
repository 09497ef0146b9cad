/* budget-rules.c: the catalogue of consistency rules (forms-and-rules.md §4) and what they share.
 *
 * The arithmetic identities and comparisons are data: data/rules/, in the formula language of
 * the form definitions (budget-rule-file.c), and a finance bureau adds its own 审核公式 as rule files
 * in the user's data folder (budget-editor/rules/). The rules that need code (the text, the
 * heuristics, the catalogues) are C: their id, severity, title, what they read (so that the checker
 * re-evaluates them only when that changes), and a small function over the model, in
 * budget-rules-{document,tables,text,other}.c. The table below gives the order of the reference;
 * DATA_RULE marks where a bundled rule file's rule stands.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-catalog.h"
#include "model/budget-resources.h"
#include "checks/budget-rule-file.h"

#define E BUDGET_SEVERITY_ERROR
#define W BUDGET_SEVERITY_WARNING
#define I BUDGET_SEVERITY_INFO
#define RULE(id, sev, bc, title, reads, fn) { { id, sev, title, bc }, reads, fn, NULL, NULL, NULL }
/* A rule checked row by row: @reads re-runs it whole, @row_reads re-checks the rows of the changed keys. */
#define ROW_RULE(id, sev, bc, title, reads, row_reads, passes, check_row) \
  { { id, sev, title, bc }, reads, NULL, passes, check_row, row_reads }

#define RESOURCE_RULES "/io/github/budgeteditor/rules/"
#define DATA_RULE(id) { { id, E, NULL, FALSE }, NULL, NULL, NULL, NULL, NULL }

static void budget_rule_rf01 (BudgetRuleContext *ctx);

/* In the order of the reference, which is also the order of the findings list. */
static const BudgetRuleDef builtin[] = {
  RULE ("G-01", E, TRUE, N_("All nine tables are present, in order T1 … T9"), "forms", budget_rule_g01),
  RULE ("G-02", E, TRUE, N_("An empty table is published with its note"), "", budget_rule_g02),
  RULE ("G-03", E, FALSE, N_("The same budget year in the tables and in the text"),
        "meta:year S0 S2 S3 S4 S6 S7", budget_rule_g03),
  RULE ("G-04", E, FALSE, N_("The same unit and department line on every table"),
        "meta:unit meta:department-*", budget_rule_g04),
  ROW_RULE ("G-05", E, FALSE, N_("No negative amounts"), "", "*", budget_rule_g05_passes, budget_rule_g05_row),
  ROW_RULE ("G-06", E, TRUE, N_("Every money cell is shown with 2 decimals"), "", "*", budget_rule_g06_passes,
            budget_rule_g06_row),
  RULE ("G-07", W, FALSE, N_("The text names the department as the table headers do"),
        "meta:department-name S0 S1 S2 S3 S4 S6 S7", budget_rule_g07),

  DATA_RULE ("T1-01"),
  DATA_RULE ("T1-02"),
  DATA_RULE ("T1-03"),
  DATA_RULE ("T1-04"),
  RULE ("T1-05", E, FALSE, N_("T1 收入总计 = 支出总计 (收支平衡)"), "T1 T2 T4 NF", budget_rule_t1_05),
  RULE ("T1-06", E, TRUE, N_("T1 has the rows and labels of the template"), "", budget_rule_t1_06),
  DATA_RULE ("T2-01"),
  DATA_RULE ("T2-02"),
  ROW_RULE ("T2-03", E, TRUE, N_("T2 every 类 and 款 row is the sum of its children"), "", "T2",
            budget_rule_t2_03_passes, budget_rule_children_row),
  ROW_RULE ("T2-04", E, TRUE, N_("T2 合计 is the sum of the 类 rows"), "", "T2", budget_rule_t2_04_passes,
            budget_rule_children_row),
  DATA_RULE ("T3-01"),
  ROW_RULE ("T3-02", E, TRUE, N_("T3 every 类 and 款 row is the sum of its children"), "", "T3",
            budget_rule_t3_02_passes, budget_rule_children_row),
  ROW_RULE ("T3-03", E, TRUE, N_("T3 合计 is the sum of the 类 rows"), "", "T3", budget_rule_t3_03_passes,
            budget_rule_children_row),
  RULE ("T3-04", W, FALSE, N_("经营支出 only for 事业单位"), "NF:c6 ORG", budget_rule_t3_04),
  RULE ("T3-05", W, FALSE, N_("行政运行 has no 项目支出"), "T5:c5 T7:c5 T8:c5 NF:c5", budget_rule_t3_05),
  DATA_RULE ("T4-01"),
  DATA_RULE ("T4-02"),
  DATA_RULE ("T4-03"),
  DATA_RULE ("T4-04"),
  DATA_RULE ("T4-05"),
  DATA_RULE ("T4-06"),
  RULE ("T4-07", E, TRUE, N_("T4 per fund: income + 年初结转 = expenditure + 年末结转"), "T4", budget_rule_t4_07),
  RULE ("T4-08", E, TRUE, N_("T4 has the rows and labels of the template"), "", budget_rule_t4_08),
  DATA_RULE ("T5-01"),
  ROW_RULE ("T5-02", E, TRUE, N_("T5, T7, T8 parents and 合计 are the sums of their children"), "", "T5 T7 T8",
            budget_rule_t5_02_passes, budget_rule_children_row),
  DATA_RULE ("T6-01"),
  ROW_RULE ("T6-02", E, TRUE, N_("T6 类 rows and 合计 are the sums of their children"), "", "T6",
            budget_rule_t6_02_passes, budget_rule_children_row),
  RULE ("T6-03", W, FALSE, N_("人员经费 only in classes 301 and 303, 公用经费 only in 302 and 310"), "T6",
        budget_rule_t6_03),
  RULE ("T6-04", W, FALSE, N_("Basic expenditure only in classes 301, 302, 303 and 310"), "T6", budget_rule_t6_04),
  DATA_RULE ("T9-01"),
  DATA_RULE ("T9-02"),
  DATA_RULE ("T9-03"),

  DATA_RULE ("X-01"),
  RULE ("X-02", E, FALSE, N_("T1 income = T2 合计"), "T1:c2 T2 T4", budget_rule_x02),
  RULE ("X-03", E, FALSE, N_("T1 expenditure by class = T3"), "T1:c4 T3:c3", budget_rule_x03),
  RULE ("X-04", E, FALSE, N_("T2 total income = T3 total expenditure + 年终结转结余"), "T1:c4 T2 T3:c3 NF",
        budget_rule_x04),
  ROW_RULE ("X-05", W, FALSE, N_("T2 = T3 for every function code"), "T1.r33.c4", "T2 T3:c3 NF",
            budget_rule_t2_passes, budget_rule_x05_row),
  RULE ("X-06", E, FALSE, N_("T4 一般公共预算 expenditure = T5"), "T4:c5 T5:c3", budget_rule_x06),
  RULE ("X-07", E, FALSE, N_("T4 基金 and 国资 expenditure = T7 and T8"), "T4:c6,c7 T7:c3 T8:c3", budget_rule_x07),
  DATA_RULE ("X-08"),
  ROW_RULE ("X-09", E, TRUE, N_("T5 + T7 + T8 ≤ T3 for every function code"), "", "T3 T5 T7 T8",
            budget_rule_t3_passes, budget_rule_x09_row),
  RULE ("X-10", E, FALSE, N_("T6 basic expenditure = T5 基本支出"), "T5:c4 T6", budget_rule_x10),
  RULE ("X-11", W, FALSE, N_("Social-security contributions in T6 match their T5 项"), "T5:c4 T6", budget_rule_x11),
  ROW_RULE ("X-12", E, TRUE, N_("T2 财政拨款收入 = T5 + T7 + T8 for every function code"),
            "T2.total.c12 T4.r33.c2,c4", "T2:c5 T5:c3 T7:c3 T8:c3", budget_rule_t2_passes, budget_rule_x12_row),
  RULE ("X-13", E, FALSE, N_("三公 within the fund's appropriation"), "T9 T5 T7 T8", budget_rule_x13),
  RULE ("X-14", W, FALSE, N_("三公 at least the matching T6 款"), "T9 T6", budget_rule_x14),
  RULE ("X-15", W, FALSE, N_("公务用车运行维护费 and the vehicles of the asset table agree"), "T9 FA:qty",
        budget_rule_x15),
  RULE ("X-16", E, TRUE, N_("T1 and T4 have the same expenditure labels"), "", budget_rule_x16),

  RULE ("TX-01", E, FALSE, N_("收入说明: the total income is T1 收入总计"), "S2 T1 T2 T4 T5 T7 T8", budget_rule_tx01),
  RULE ("TX-02", E, FALSE, N_("收入说明: income by source as in T1"), "S2 T1 T2 T4 T5 T7 T8", budget_rule_tx02),
  RULE ("TX-03", E, FALSE, N_("支出说明 and 比上年增减: expenditure as in T3"),
        "S2 T3 T5 T7 T8 NF meta:prior-total meta:prior-basic meta:prior-project", budget_rule_tx03),
  RULE ("TX-04", E, FALSE, N_("支出说明: 人员经费 and 公用经费 as in T6"), "S2 T6 T7:c4 T8:c4 NF:c4", budget_rule_tx04),
  RULE ("TX-05", E, FALSE, N_("The sums inside the text add up"), "S2 S3", budget_rule_tx05),
  RULE ("TX-06", E, FALSE, N_("机关运行经费 = T6 公用经费"), "S3 T6 ORG", budget_rule_tx06),
  RULE ("TX-07", E, FALSE, N_("机关运行经费 items as in T6"), "S3 T6", budget_rule_tx07),
  RULE ("TX-08", E, FALSE, N_("三公 amounts as in T9"), "S4 T9", budget_rule_tx08),
  RULE ("TX-09", E, FALSE, N_("三公 changes from last year, each with a reason"), "S4 T9 meta:prior-sangong*",
        budget_rule_tx09),
  RULE ("TX-10", E, FALSE, N_("政府采购预算 as in the procurement table"), "S6 GP", budget_rule_tx10),
  RULE ("TX-11", E, FALSE, N_("上年末固定资产金额 as in the asset table"), "S7 FA", budget_rule_tx11),
  RULE ("TX-12", W, FALSE, N_("拟购置固定资产 is in the procurement table"), "S7 GP", budget_rule_tx12),

  DATA_RULE ("GP-01"),
  RULE ("GP-02", W, FALSE, N_("Procurement: 数量 × 单价 = 合计"), "GP settings", budget_rule_gp02),
  RULE ("GP-03", E, FALSE, N_("Procurement: 预留中小微企业份额 ≤ 合计"), "GP meta:year", budget_rule_gp03),
  RULE ("GP-04", E, FALSE, N_("Procurement within the department's budget, per source"),
        "GP T2 T4 T5 T7 T8", budget_rule_gp04),
  RULE ("GP-05", W, FALSE, N_("Procurement: a well-formed 政府采购目录序号"), "GP", budget_rule_gp05),
  DATA_RULE ("FA-01"),
  RULE ("FA-02", E, FALSE, N_("Assets: 办公用房 within 房屋"), "FA", budget_rule_fa02),
  RULE ("FA-03", W, FALSE, N_("Assets: plausible values (元 typed as 万元?)"), "FA T1:c2 settings", budget_rule_fa03),
  RULE ("FA-04", W, FALSE, N_("Assets: 房屋 is an area in m², with its 办公用房"), "FA settings", budget_rule_fa04),
  RULE ("FA-05", E, TRUE, N_("Assets: 截止时间 is the end of the previous year"), "meta:year", budget_rule_fa05),
  RULE ("FA-06", E, FALSE, N_("Assets: whole numbers of vehicles and items"), "FA", budget_rule_fa06),
  RULE ("PF-01", E, FALSE, N_("Performance: a 一级指标 of the scheme"), "PF meta:performance-scheme", budget_rule_pf01),
  RULE ("PF-02", E, FALSE, N_("Performance: a 二级指标 of its 一级指标"), "PF meta:performance-scheme",
        budget_rule_pf02),
  RULE ("PF-03", W, FALSE, N_("Performance: every 一级指标 and every 产出 二级指标 is used"),
        "PF meta:performance-scheme", budget_rule_pf03),
  RULE ("PF-04", W, FALSE, N_("Performance: no empty or placeholder indicator"), "PF", budget_rule_pf04),
  RULE ("PF-05", W, FALSE, N_("Performance: plausible units of indicator values"), "PF meta:performance-scheme",
        budget_rule_pf05),
  RULE ("PF-06", W, FALSE, N_("Performance: 成本指标 within the project budget"), "PF T3:c5 meta:performance-scheme",
        budget_rule_pf06),
  RULE ("PF-07", W, FALSE, N_("Performance: 项目支出 and performance tables go together"), "PF forms T3:c5",
        budget_rule_pf07),
  RULE ("PF-08", I, FALSE, N_("Performance: a numbered 绩效目标"), "PF", budget_rule_pf08),
  ROW_RULE ("CL-01", E, FALSE, N_("Function codes and names from the catalogue"), "", "T2 T5 T7 T8 NF",
            budget_rule_cl01_passes, budget_rule_cl01_row),
  ROW_RULE ("CL-02", E, FALSE, N_("Economic codes from the catalogue"), "", "T6", budget_rule_cl02_passes,
            budget_rule_cl01_row),
  /* These read the rows (codes, names, parents), not the figures: "T5:name". */
  RULE ("CL-03", E, TRUE, N_("Every code row has its 款 and 类"),
        "T2:name T3:name T5:name T6:name T7:name T8:name NF:name", budget_rule_cl03),
  ROW_RULE ("CL-04", W, FALSE, N_("No code rows whose amounts are all zero"), "", "T2 T5 T6 T7 T8 NF",
            budget_rule_cl04_passes, budget_rule_cl04_row),
  RULE ("CL-05", W, FALSE, N_("政府性基金 and 国有资本经营 codes in their own tables"), "T5:name T7:name T8:name",
        budget_rule_cl05),
  ROW_RULE ("R-01", I, FALSE, N_("Printed figures that do not add up after rounding each cell (尾差)"), "",
            "T2 T3 T5 T6 T7 T8", budget_rule_r01_passes, budget_rule_r01_row),
  RULE ("RF-01", W, FALSE, N_("The rule files of the user's data folder load"), "", budget_rule_rf01),
};

/* ------------------------------------------------------------------------------------------------ */
/* The catalogue                                                                                     */

typedef struct
{
  GPtrArray *rules;      /* const BudgetRuleDef *, in order */
  GPtrArray *owned;      /* the rules of rule files */
  GPtrArray *errors;     /* char *: the rule files that could not be read, and why */
} Catalogue;

static gboolean
has_rule (GPtrArray  *rules,
          const char *id)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (((const BudgetRuleDef *) g_ptr_array_index (rules, i))->info.id, id))
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The user's rule files, in name order: a file that cannot be read, or that repeats a rule id, is
 * reported and skipped; the other files still count. */
static void
load_user_rules (Catalogue *catalogue,
                 GPtrArray *placed)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "budget-editor", "rules", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      const char *repeated = NULL;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_ptr_array_add (catalogue->errors, g_strdup (error->message));
          continue;
        }
      {
        g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

        if (!budget_rule_file_parse (bytes, file_name, rules, &error))
          {
            g_ptr_array_add (catalogue->errors, g_strdup (error->message));
            continue;
          }
      }
      for (guint r = 0; r < rules->len && repeated == NULL; r++)
        if (has_rule (placed, ((BudgetRuleDef *) g_ptr_array_index (rules, r))->info.id))
          repeated = ((BudgetRuleDef *) g_ptr_array_index (rules, r))->info.id;
      if (repeated != NULL)
        {
          /* Translators: a rule file of the user's data folder reuses an id */
          g_ptr_array_add (catalogue->errors, g_strdup_printf (_("%s: the rule id %s is taken"), file_name, repeated));
          continue;
        }
      while (rules->len > 0)
        {
          BudgetRuleDef *rule = g_ptr_array_steal_index (rules, 0);

          g_ptr_array_add (catalogue->owned, rule);
          g_ptr_array_add (placed, rule);
        }
    }
}

static gpointer
build_catalogue (gpointer data)
{
  Catalogue *catalogue = g_new0 (Catalogue, 1);
  g_autoptr(GPtrArray) bundled = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  GPtrArray *user;

  budget_core_init ();
  catalogue->rules = g_ptr_array_new ();
  catalogue->owned = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
  catalogue->errors = g_ptr_array_new_with_free_func (g_free);

  /* The bundled rule files are part of the program: a broken one is a fatal error. */
  files = g_resources_enumerate_children (RESOURCE_RULES, 0, &error);
  if (files == NULL)
    g_error ("The rule files are missing from the resources: %s", error->message);
  qsort (files, g_strv_length (files), sizeof (char *), compare_names);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_RULES, files[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);

      if (bytes == NULL || !budget_rule_file_parse (bytes, files[i], catalogue->owned, &error))
        g_error ("Rule file %s: %s", files[i], error->message);
    }
  for (guint i = 0; i < catalogue->owned->len; i++)
    g_ptr_array_add (bundled, g_ptr_array_index (catalogue->owned, i));

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    {
      const BudgetRuleDef *rule = &builtin[i];

      if (rule->reads == NULL)
        {
          const BudgetRuleDef *found = NULL;

          for (guint k = 0; k < bundled->len && found == NULL; k++)
            if (g_str_equal (((const BudgetRuleDef *) g_ptr_array_index (bundled, k))->info.id, rule->info.id))
              found = g_ptr_array_steal_index (bundled, k);
          if (found == NULL)
            g_error ("Rule %s is in no rule file", rule->info.id);
          rule = found;
        }
      g_ptr_array_add (catalogue->rules, (gpointer) rule);
    }
  /* Bundled rules the table does not place come after the reference's, then the user's. */
  for (guint i = 0; i < bundled->len; i++)
    g_ptr_array_add (catalogue->rules, g_ptr_array_index (bundled, i));
  user = catalogue->rules;
  load_user_rules (catalogue, user);
  return catalogue;
}

static Catalogue *
get_catalogue (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_catalogue, NULL);
}

/**
 * budget_rules_get_n_rules:
 *
 * Returns: the number of rules the checker evaluates: the reference's, then the rule files' of the
 * user's data folder
 */
guint
budget_rules_get_n_rules (void)
{
  return get_catalogue ()->rules->len;
}

/**
 * budget_rules_get_rule:
 * @index: a rule index
 *
 * Returns: (transfer none): the rule, in the order of the reference
 */
const BudgetRuleInfo *
budget_rules_get_rule (guint index)
{
  return &budget_rules_get_def (index)->info;
}

const BudgetRuleDef *
budget_rules_get_def (guint index)
{
  Catalogue *catalogue = get_catalogue ();

  g_return_val_if_fail (index < catalogue->rules->len, NULL);
  return g_ptr_array_index (catalogue->rules, index);
}

/**
 * budget_rules_lookup:
 * @id: a rule id such as "X-10"
 *
 * Returns: (transfer none) (nullable): the rule
 */
const BudgetRuleInfo *
budget_rules_lookup (const char *id)
{
  Catalogue *catalogue = get_catalogue ();

  for (guint i = 0; i < catalogue->rules->len; i++)
    if (g_str_equal (((const BudgetRuleDef *) g_ptr_array_index (catalogue->rules, i))->info.id, id))
      return &((const BudgetRuleDef *) g_ptr_array_index (catalogue->rules, i))->info;
  return NULL;
}

/* RF-01: the rule files of the user's data folder that were skipped, each with its first error. */
static void
budget_rule_rf01 (BudgetRuleContext *ctx)
{
  GPtrArray *errors = get_catalogue ()->errors;

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *subject = g_strdup_printf ("file-%u", i + 1);

      budget_rule_report (ctx, ctx->severity, NULL, NULL, -1, subject,
                          _("A rule file was skipped, its rules are not checked: %s"),
                          (const char *) g_ptr_array_index (errors, i));
    }
}

/**
 * budget_rule_info_get_title:
 * @info: a rule
 *
 * Returns: the rule's description, translated
 */
const char *
budget_rule_info_get_title (const BudgetRuleInfo *info)
{
  return g_dgettext (GETTEXT_PACKAGE, info->title);
}

/* ------------------------------------------------------------------------------------------------ */
/* Context                                                                                           */

void
budget_rule_context_init (BudgetRuleContext           *ctx,
                          BudgetDocument              *doc,
                          const BudgetRuleDef         *rule,
                          const BudgetCheckerSettings *settings)
{
  ctx->doc = doc;
  ctx->rule = rule;
  ctx->settings = settings;
  ctx->severity = rule->info.severity;
  ctx->findings = g_ptr_array_new_with_free_func (g_object_unref);
  ctx->positions = g_array_new (FALSE, FALSE, sizeof (guint64));
  /* The findings' own keys: they live as long as the findings. */
  ctx->keys = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->position = 0;
  ctx->passes = NULL;
  ctx->counts = NULL;
  ctx->catalog_name = NULL;
  ctx->catalog = NULL;
}

void
budget_rule_context_clear (BudgetRuleContext *ctx)
{
  g_clear_pointer (&ctx->findings, g_ptr_array_unref);
  g_clear_pointer (&ctx->positions, g_array_unref);
  g_clear_pointer (&ctx->keys, g_hash_table_unref);
  g_clear_pointer (&ctx->passes, g_array_unref);
}

/* Applies the acknowledgements stored in the document to the findings from @first on. */
static void
apply_acknowledgements (BudgetRuleContext *ctx,
                        guint              first)
{
  for (guint i = first; i < ctx->findings->len; i++)
    {
      BudgetFinding *finding = g_ptr_array_index (ctx->findings, i);
      g_autofree char *meta_key = NULL;
      const char *reason;

      if (!budget_finding_can_acknowledge (finding))
        continue;
      meta_key = budget_finding_dup_ack_meta_key (finding);
      reason = budget_document_get_meta (ctx->doc, meta_key);
      if (reason != NULL)
        budget_finding_set_acknowledged (finding, reason);
    }
}

typedef struct
{
  guint64 position;
  guint   index;
} Ordinal;

static int
compare_ordinals (gconstpointer a,
                  gconstpointer b)
{
  const Ordinal *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Puts the findings in the order of their positions, keeping the order of those found together. */
static void
sort_by_position (BudgetRuleContext *ctx)
{
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (Ordinal), ctx->findings->len);
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < ctx->findings->len; i++)
    {
      Ordinal ordinal = { g_array_index (ctx->positions, guint64, i), i };

      g_array_append_val (order, ordinal);
    }
  g_array_sort (order, compare_ordinals);
  findings = g_ptr_array_new_full (ctx->findings->len, g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      Ordinal *ordinal = &g_array_index (order, Ordinal, i);

      g_ptr_array_add (findings, g_object_ref (g_ptr_array_index (ctx->findings, ordinal->index)));
      g_array_index (ctx->positions, guint64, i) = ordinal->position;
    }
  g_ptr_array_unref (ctx->findings);
  ctx->findings = g_steal_pointer (&findings);
}

/* Runs the whole rule and applies the acknowledgements stored in the document. A row rule keeps
 * its walks in ctx->passes, for the checker to re-check single rows later. Consecutive walks over
 * columns of one form go row by row, every column at once, so that each row is read once; their
 * findings are then put in the order of the walks. */
void
budget_rule_run (BudgetRuleContext *ctx)
{
  gboolean interleaved = FALSE;

  if (ctx->rule->check_row != NULL)
    {
      ctx->passes = g_array_new (FALSE, FALSE, sizeof (BudgetRulePass));
      ctx->rule->passes (ctx, ctx->passes);
      for (guint p = 0; p < ctx->passes->len;)
        {
          const BudgetRulePass *first = &g_array_index (ctx->passes, BudgetRulePass, p);
          guint n_rows = budget_form_get_n_rows (first->form);
          guint end = p + 1;

          while (first->col >= 0 && end < ctx->passes->len &&
                 g_array_index (ctx->passes, BudgetRulePass, end).form == first->form &&
                 g_array_index (ctx->passes, BudgetRulePass, end).col >= 0)
            end++;
          interleaved |= end > p + 1;
          for (guint r = 0; r < n_rows; r++)
            for (guint q = p; q < end; q++)
              {
                ctx->position = BUDGET_RULE_POSITION (q, r);
                ctx->rule->check_row (ctx, &g_array_index (ctx->passes, BudgetRulePass, q), r);
              }
          p = end;
        }
      if (interleaved)
        sort_by_position (ctx);
    }
  else
    ctx->rule->check (ctx);
  apply_acknowledgements (ctx, 0);
}

/**
 * budget_rule_run_row: (skip)
 * @ctx: a fresh context of a row rule
 * @passes: the walks of the rule's last whole check
 * @position: the walk and the row to check again
 *
 * Checks one row of one walk: its findings are the ones the whole check reports there.
 */
void
budget_rule_run_row (BudgetRuleContext *ctx,
                     GArray            *passes,
                     guint64           position)
{
  guint p = (guint) (position >> 32);
  guint row = (guint) (position & G_MAXUINT32);
  const BudgetRulePass *pass;

  g_return_if_fail (ctx->rule->check_row != NULL && p < passes->len);
  pass = &g_array_index (passes, BudgetRulePass, p);
  if (row >= budget_form_get_n_rows (pass->form))
    return;
  ctx->position = position;
  ctx->rule->check_row (ctx, pass, row);
  apply_acknowledgements (ctx, 0);
}

void
budget_rule_add_pass (GArray     *passes,
                      BudgetForm *form,
                      int         col,
                      int         variant)
{
  BudgetRulePass pass = { form, col, variant };

  if (form != NULL)
    g_array_append_val (passes, pass);
}

/* ------------------------------------------------------------------------------------------------ */
/* Counts of typed figures                                                                           */

/* Per form and column: whether each row's cell is a non-zero typed figure, and how many are. A cell
 * edit updates one flag; rows added or removed drop the form's columns, counted again when asked. */
typedef struct
{
  guint   count;
  guint8 *flags;
  guint   n_rows;
} ColumnCount;

/* Per coded form: whether each row is an own leaf (typed by the officer), and how many own leaves
 * each row has at or below it. Typing on a row makes it the officer's own. */
typedef struct
{
  guint8 *own;
  guint  *n_below;
  guint   n_rows;
} OwnCount;

struct _BudgetEntryCounts
{
  GHashTable *forms;   /* BudgetForm → GHashTable (column + 1 → ColumnCount) */
  GHashTable *owners;  /* BudgetForm → OwnCount */
};

static void
own_count_free (gpointer data)
{
  OwnCount *count = data;

  g_free (count->own);
  g_free (count->n_below);
  g_free (count);
}

static gboolean
is_own_leaf (BudgetForm *form,
             guint       row)
{
  return budget_form_get_row_kind (form, row) == BUDGET_ROW_LEAF && budget_form_row_is_own (form, row);
}

static void
column_count_free (gpointer data)
{
  ColumnCount *count = data;

  g_free (count->flags);
  g_free (count);
}

static GHashTable *
new_column_table (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, column_count_free);
}

BudgetEntryCounts *
budget_entry_counts_new (void)
{
  BudgetEntryCounts *counts = g_new0 (BudgetEntryCounts, 1);

  counts->forms = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  counts->owners = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, own_count_free);
  return counts;
}

void
budget_entry_counts_free (BudgetEntryCounts *counts)
{
  if (counts == NULL)
    return;
  g_hash_table_unref (counts->forms);
  g_hash_table_unref (counts->owners);
  g_free (counts);
}

/* Whether the cell is a figure the officer typed, other than zero. */
static gboolean
is_typed_figure (BudgetForm *form,
                 guint       row,
                 guint       col)
{
  return budget_form_get_value (form, row, col) != 0 &&
         budget_form_get_cell_kind (form, row, col) == BUDGET_CELL_ENTERED;
}

void
budget_entry_counts_cell_changed (BudgetEntryCounts *counts,
                                  BudgetForm        *form,
                                  guint              row,
                                  guint              col)
{
  GHashTable *columns = g_hash_table_lookup (counts->forms, form);
  ColumnCount *count = columns != NULL ? g_hash_table_lookup (columns, GUINT_TO_POINTER (col + 1)) : NULL;
  OwnCount *owners = g_hash_table_lookup (counts->owners, form);
  guint8 now;

  if (owners != NULL && row < owners->n_rows && owners->own[row] != is_own_leaf (form, row))
    {
      int delta = owners->own[row] ? -1 : 1;

      owners->own[row] = !owners->own[row];
      for (int r = (int) row; r >= 0; r = budget_form_get_row_parent (form, (guint) r))
        owners->n_below[r] += delta;
    }
  else if (owners != NULL && row >= owners->n_rows)
    g_hash_table_remove (counts->owners, form);
  if (count == NULL)
    return;
  if (row >= count->n_rows)
    {
      /* The form has other rows than when it was counted: count it again when asked. */
      g_hash_table_remove (counts->forms, form);
      return;
    }
  now = is_typed_figure (form, row, col);
  count->count = count->count - count->flags[row] + now;
  count->flags[row] = now;
}

void
budget_entry_counts_forget_form (BudgetEntryCounts *counts,
                                 BudgetForm        *form)
{
  g_hash_table_remove (counts->forms, form);
  g_hash_table_remove (counts->owners, form);
}

void
budget_entry_counts_forget_all (BudgetEntryCounts *counts)
{
  g_hash_table_remove_all (counts->forms);
  g_hash_table_remove_all (counts->owners);
}

/* Counts the own leaves at and below every row: rows come parent first, so a reverse walk meets
 * children before their parents. */
static OwnCount *
count_owners (BudgetForm *form)
{
  OwnCount *count = g_new0 (OwnCount, 1);

  count->n_rows = budget_form_get_n_rows (form);
  count->own = g_new0 (guint8, MAX (count->n_rows, 1));
  count->n_below = g_new0 (guint, MAX (count->n_rows, 1));
  for (guint r = count->n_rows; r-- > 0;)
    {
      int parent = budget_form_get_row_parent (form, r);

      count->own[r] = is_own_leaf (form, r);
      count->n_below[r] += count->own[r];
      if (parent >= 0 && (guint) parent < r)
        count->n_below[parent] += count->n_below[r];
    }
  return count;
}

/* Without the checker's counts: a walk down the rows @row adds up. */
static gboolean
walk_owners (BudgetForm *form,
             guint       row)
{
  guint n_children = budget_form_get_row_n_children (form, row);

  if (budget_form_get_row_kind (form, row) == BUDGET_ROW_LEAF)
    return budget_form_row_is_own (form, row);
  for (guint i = 0; i < n_children; i++)
    if (walk_owners (form, budget_form_get_row_child (form, row, i)))
      return TRUE;
  return FALSE;
}

/**
 * budget_rule_is_typed_or_above: (skip)
 * @ctx: the rule being evaluated
 * @form: a coded form
 * @row: a row index
 *
 * Returns: whether the row is one the officer typed (an own leaf) or a parent above one
 */
gboolean
budget_rule_is_typed_or_above (BudgetRuleContext *ctx,
                               BudgetForm        *form,
                               guint              row)
{
  OwnCount *count;

  if (ctx->counts == NULL)
    return walk_owners (form, row);
  count = g_hash_table_lookup (ctx->counts->owners, form);
  if (count == NULL)
    {
      count = count_owners (form);
      g_hash_table_insert (ctx->counts->owners, form, count);
    }
  return row < count->n_rows && count->n_below[row] > 0;
}

static guint
count_column (BudgetEntryCounts *counts,
              BudgetForm        *form,
              guint              col)
{
  GHashTable *columns;
  ColumnCount *count;
  guint n_rows = budget_form_get_n_rows (form);

  if (counts == NULL)
    {
      guint n = 0;

      for (guint r = 0; r < n_rows; r++)
        n += is_typed_figure (form, r, col);
      return n;
    }
  columns = g_hash_table_lookup (counts->forms, form);
  if (columns == NULL)
    {
      columns = new_column_table ();
      g_hash_table_insert (counts->forms, form, columns);
    }
  count = g_hash_table_lookup (columns, GUINT_TO_POINTER (col + 1));
  if (count == NULL)
    {
      /* Every money column of the form at once, row by row: each row is read once. */
      BudgetFormDef *def = budget_form_get_def (form);
      guint n_cols = budget_form_get_n_columns (form);
      g_autofree ColumnCount **counts = g_new0 (ColumnCount *, n_cols);

      for (guint c = 0; c < n_cols; c++)
        if ((c == col || budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_AMOUNT) &&
            !g_hash_table_contains (columns, GUINT_TO_POINTER (c + 1)))
          {
            counts[c] = g_new0 (ColumnCount, 1);
            counts[c]->n_rows = n_rows;
            counts[c]->flags = g_new0 (guint8, MAX (n_rows, 1));
            g_hash_table_insert (columns, GUINT_TO_POINTER (c + 1), counts[c]);
          }
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_cols; c++)
          if (counts[c] != NULL)
            {
              counts[c]->flags[r] = is_typed_figure (form, r, c);
              counts[c]->count += counts[c]->flags[r];
            }
      count = counts[col];
    }
  return count->count;
}

/* ------------------------------------------------------------------------------------------------ */
/* Reading the model                                                                                 */

BudgetForm *
budget_rule_form (BudgetRuleContext *ctx,
                  const char        *id)
{
  return budget_document_lookup_form (ctx->doc, id);
}

/* The catalogue of a coded form, looked up once per run (finding it reads the catalogue folders). */
BudgetCatalog *
budget_rule_catalog (BudgetRuleContext *ctx,
                     BudgetForm        *form)
{
  const char *name = budget_form_def_get_catalog (budget_form_get_def (form));

  if (ctx->catalog == NULL || g_strcmp0 (ctx->catalog_name, name) != 0)
    {
      /* The catalogue of the project's year (looked up once per run: it lists the catalogue folders). */
      ctx->catalog = budget_form_get_catalog (form);
      ctx->catalog_name = name;
    }
  return ctx->catalog;
}

int
budget_rule_col (BudgetForm *form,
                 const char *col_id)
{
  return form != NULL ? budget_form_def_find_column (budget_form_get_def (form), col_id) : -1;
}

/* The value of a row (by key) and column (by id); 0 when the form has no such row. */
BudgetAmount
budget_rule_value (BudgetForm *form,
                   const char *row_key,
                   const char *col_id)
{
  if (form == NULL)
    return 0;
  return budget_form_lookup_value (form, row_key, col_id);
}

/**
 * budget_rule_format_amount:
 * @value: an amount
 *
 * Returns: (transfer full): the amount in 万元 with at least 2 decimals, and every decimal it has
 * (messages must not hide a difference smaller than the printed digit)
 */
char *
budget_rule_format_amount (BudgetAmount value)
{
  return budget_amount_format_exact (value);
}

/* The label of a fixed row nearest to the left of @col (T1 row 32 is 本年收入合计 on the income side
 * and 本年支出合计 on the expenditure side). */
static const char *
fixed_row_label (BudgetFormDef *def,
                 int            row,
                 int            col)
{
  const BudgetRowDef *row_def = budget_form_def_get_fixed_row (def, (guint) row);
  guint n_cols = budget_form_def_get_n_columns (def);

  for (int c = MIN (col, (int) n_cols - 1); c >= 0; c--)
    if (row_def->cells[c].kind == BUDGET_CELL_DEF_LABEL && row_def->cells[c].text[0] != '\0')
      return row_def->cells[c].text;
  for (guint c = 0; c < n_cols; c++)
    if (row_def->cells[c].kind == BUDGET_CELL_DEF_LABEL && row_def->cells[c].text[0] != '\0')
      return row_def->cells[c].text;
  return NULL;
}

/**
 * budget_rule_cell_name:
 * @form: (nullable): a form
 * @row_key: (nullable): a row key, or %NULL for a whole column
 * @col: a column index, or -1 for a whole row
 *
 * Returns: (transfer full): how messages name a cell: the form id, the row (code and name, total
 * label, fixed label or row number) and the column title, e.g. "T6 30213 维修（护）费 公用经费"
 */
char *
budget_rule_cell_name (BudgetForm *form,
                       const char *row_key,
                       int         col)
{
  GString *name;
  BudgetFormDef *def;

  if (form == NULL)
    return g_strdup ("");
  def = budget_form_get_def (form);
  name = g_string_new (budget_form_get_id (form));
  if (row_key != NULL)
    {
      BudgetRow *row = budget_form_lookup_row (form, row_key);
      const char *catalog = budget_form_def_get_catalog (def);

      g_string_append_c (name, ' ');
      if (row == NULL)
        {
          /* A code the form does not have: its value counts as 0. */
          const char *known = catalog != NULL ? budget_catalog_lookup_name (budget_catalog_get (catalog), row_key)
                                              : NULL;

          g_string_append (name, row_key);
          if (known != NULL)
            g_string_append_printf (name, " %s", known);
        }
      else
        switch (row->kind)
          {
          case BUDGET_ROW_TOTAL:
            g_string_append (name, row->name);
            break;
          case BUDGET_ROW_PARENT:
          case BUDGET_ROW_LEAF:
            g_string_append (name, row->key);
            if (row->name != NULL && row->name[0] != '\0')
              g_string_append_printf (name, " %s", row->name);
            break;
          case BUDGET_ROW_FIXED:
            {
              const char *label = fixed_row_label (def, (int) row->index, col);
              g_autofree char *stripped = g_strstrip (g_strdup (label != NULL ? label : row->key));

              g_string_append (name, stripped);
            }
            break;
          case BUDGET_ROW_LIST:
          default:
            /* Translators: a row of a list table in a message, e.g. "GP row 2 合计" */
            g_string_append_printf (name, _("row %u"), row->index + 1);
            break;
          }
    }
  if (col >= 0 && (guint) col < budget_form_def_get_n_columns (def))
    {
      g_autofree char *title = NULL;

      title = budget_form_get_document (form) != NULL
        ? budget_document_expand (budget_form_get_document (form), budget_form_def_get_column (def, (guint) col)->title)
        : g_strdup (budget_form_def_get_column (def, (guint) col)->title);
      g_string_append_printf (name, " %s", title);
    }
  return g_string_free (name, FALSE);
}

/**
 * budget_rule_count_entered:
 * @ctx: the rule being evaluated
 * @form: (nullable): a form
 * @col_ids: space-separated column ids
 * @key_prefix: (nullable): only rows whose key starts with this (a code and its children)
 *
 * Counts the non-zero typed figures of the columns: the addends of the sums the model derives from
 * them, which is what the rounding allowance of §1 is proportional to. Whole columns are counted
 * once and then kept up to date by the checker, edit by edit.
 *
 * Returns: the number of non-zero entered cells
 */
guint
budget_rule_count_entered (BudgetRuleContext *ctx,
                           BudgetForm        *form,
                           const char        *col_ids,
                           const char        *key_prefix)
{
  g_auto(GStrv) ids = NULL;
  guint n = 0;
  guint start = 0;
  guint n_rows;

  if (form == NULL)
    return 0;
  ids = g_strsplit (col_ids, " ", -1);
  if (key_prefix == NULL)
    {
      for (guint i = 0; ids[i] != NULL; i++)
        {
          int col = budget_rule_col (form, ids[i]);

          if (col >= 0)
            n += count_column (ctx->counts, form, (guint) col);
        }
      return n;
    }
  /* A coded form keeps a code's descendants right after it, so only that run of rows is read: X-05
   * asks this for every code, which must not cost a pass over the form each time. */
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    {
      int first = budget_form_find_row (form, key_prefix);

      if (first < 0)
        return 0;
      start = (guint) first;
    }
  n_rows = budget_form_get_n_rows (form);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      int col = budget_rule_col (form, ids[i]);

      if (col < 0)
        continue;
      for (guint r = start; r < n_rows; r++)
        {
          if (!g_str_has_prefix (budget_form_get_row_key (form, r), key_prefix))
            {
              if (start > 0)
                break;
              continue;
            }
          n += is_typed_figure (form, r, (guint) col);
        }
    }
  return n;
}

/* The text of a text cell of a list row ("" when empty). */
const char *
budget_rule_list_text (BudgetForm *form,
                       BudgetRow  *row,
                       const char *col_id)
{
  int col = budget_rule_col (form, col_id);

  if (col < 0 || row->texts == NULL || row->texts[col] == NULL)
    return "";
  return row->texts[col];
}

/* ------------------------------------------------------------------------------------------------ */
/* Reporting                                                                                         */

static void
add_finding (BudgetRuleContext *ctx,
             BudgetFinding     *finding)
{
  /* Two findings of a rule at the same place get distinct keys (acknowledgements refer to keys). */
  if (g_hash_table_contains (ctx->keys, budget_finding_get_key (finding)))
    {
      const char *subject = budget_finding_get_subject (finding);

      for (guint n = 2; ; n++)
        {
          g_autofree char *numbered = g_strdup_printf ("%s#%u", subject != NULL ? subject : "", n);

          budget_finding_set_subject (finding, numbered);
          if (!g_hash_table_contains (ctx->keys, budget_finding_get_key (finding)))
            break;
        }
    }
  g_hash_table_add (ctx->keys, (gpointer) budget_finding_get_key (finding));
  g_ptr_array_add (ctx->findings, finding);
  g_array_append_val (ctx->positions, ctx->position);
}

/**
 * budget_rule_report:
 * @ctx: the rule being evaluated
 * @severity: the finding's severity
 * @form: (nullable): the form, or %NULL for the document as a whole
 * @row_key: (nullable): the row
 * @col: the column, or -1
 * @subject: (nullable): what the finding is about when there is no row (part of its key)
 * @format: the message
 *
 * Returns: (transfer none): the new finding, for the caller to add values or a second location
 */
BudgetFinding *
budget_rule_report (BudgetRuleContext *ctx,
                    BudgetSeverity     severity,
                    BudgetForm        *form,
                    const char        *row_key,
                    int                col,
                    const char        *subject,
                    const char        *format,
                    ...)
{
  g_autofree char *message = NULL;
  const char *col_id = NULL;
  BudgetFinding *finding;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (form != NULL && col >= 0)
    col_id = budget_form_def_get_column (budget_form_get_def (form), (guint) col)->id;
  finding = budget_finding_new (ctx->rule->info.id, severity, form != NULL ? budget_form_get_id (form) : NULL,
                                row_key, col, col_id, subject, message);
  add_finding (ctx, finding);
  return finding;
}

void
budget_rule_figure_cell (BudgetRuleFigure *figure,
                         BudgetForm       *form,
                         const char       *row_key,
                         int               col,
                         guint             n_addends)
{
  BudgetRow *row = form != NULL && row_key != NULL ? budget_form_lookup_row (form, row_key) : NULL;

  figure->form = form;
  figure->row_key = row_key;
  figure->col = col;
  figure->name = budget_rule_cell_name (form, row_key, col);
  figure->value = row != NULL && col >= 0 ? row->values[col] : 0;
  figure->n_addends = n_addends;
}

void
budget_rule_figure_value (BudgetRuleFigure *figure,
                          BudgetForm       *form,
                          const char       *row_key,
                          int               col,
                          char             *name,
                          BudgetAmount      value,
                          guint             n_addends)
{
  figure->form = form;
  figure->row_key = row_key;
  figure->col = col;
  figure->name = name;
  figure->value = value;
  figure->n_addends = n_addends;
}

void
budget_rule_figure_clear (BudgetRuleFigure *figure)
{
  g_clear_pointer (&figure->name, g_free);
}

static guint64
abs_difference (gint64 a,
                gint64 b)
{
  /* Unsigned arithmetic: the difference of two extreme values does not fit a gint64. */
  return a >= b ? (guint64) a - (guint64) b : (guint64) b - (guint64) a;
}

/**
 * budget_rule_is_rounding:
 * @difference: a non-zero difference
 * @n_addends: how many printed figures were added up on both sides
 *
 * Returns: whether the difference is within the rounding allowance of §1 (0.005 万元 per addend)
 */
gboolean
budget_rule_is_rounding (guint64 difference,
                         guint   n_addends)
{
  return n_addends > 0 && difference <= (guint64) BUDGET_ROUNDING_STEP * n_addends;
}

/**
 * budget_rule_compare:
 * @ctx: the rule being evaluated
 * @a: the figure that is checked (the finding's location)
 * @b: the figure it must equal, not exceed or reach
 * @relation: how @a must relate to @b
 *
 * Reports a finding when the relation does not hold: with the rule's severity, or as a rounding-level
 * warning when the difference is within 0.005 万元 per typed addend of either side.
 *
 * Returns: (transfer none) (nullable): the finding, or %NULL when the relation holds
 */
BudgetFinding *
budget_rule_compare (BudgetRuleContext  *ctx,
                     BudgetRuleFigure   *a,
                     BudgetRuleFigure   *b,
                     BudgetRuleRelation  relation)
{
  guint64 difference = abs_difference (a->value, b->value);
  g_autofree char *value_a = budget_rule_format_amount (a->value);
  g_autofree char *value_b = budget_rule_format_amount (b->value);
  g_autofree char *shown = NULL;
  BudgetFinding *finding;
  gboolean rounding;

  switch (relation)
    {
    case BUDGET_RULE_AT_MOST:
      if (a->value <= b->value)
        return NULL;
      break;
    case BUDGET_RULE_AT_LEAST:
      if (a->value >= b->value)
        return NULL;
      break;
    case BUDGET_RULE_EQUAL:
    default:
      if (a->value == b->value)
        return NULL;
      break;
    }

  shown = difference > (guint64) G_MAXINT64 ? g_strdup ("∞") : budget_rule_format_amount ((gint64) difference);
  rounding = budget_rule_is_rounding (difference, a->n_addends + b->n_addends);
  switch (relation)
    {
    case BUDGET_RULE_AT_MOST:
      finding = budget_rule_report (ctx, ctx->severity, a->form, a->row_key, a->col, NULL,
                                    /* Translators: "T9 … (1.00) exceeds T5 … (0.50) by 0.50" */
                                    _("%s (%s) exceeds %s (%s) by %s"), a->name, value_a, b->name, value_b, shown);
      break;
    case BUDGET_RULE_AT_LEAST:
      finding = budget_rule_report (ctx, ctx->severity, a->form, a->row_key, a->col, NULL,
                                    _("%s (%s) is less than %s (%s) by %s"), a->name, value_a, b->name, value_b,
                                    shown);
      break;
    case BUDGET_RULE_EQUAL:
    default:
      finding = budget_rule_report (ctx, ctx->severity, a->form, a->row_key, a->col, NULL,
                                    /* Translators: "T6 合计 合计 (258.89) ≠ T5 合计 基本支出 (258.88): difference 0.01" */
                                    _("%s (%s) ≠ %s (%s): difference %s"), a->name, value_a, b->name, value_b, shown);
      break;
    }
  if (rounding)
    {
      budget_finding_set_severity (finding, BUDGET_SEVERITY_WARNING);
      budget_finding_set_rounding (finding, TRUE);
    }
  budget_finding_set_values (finding, a->value, b->value);
  if (b->form != NULL)
    budget_finding_set_other (finding, budget_form_get_id (b->form), b->row_key, b->col);
  return finding;
}
