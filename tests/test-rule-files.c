/* test-rule-files.c: rules written as data (data/rules/, doc/rules.md): a finance bureau's own rule
 * files in the user's data folder are checked like the reference's, and a malformed file is reported
 * with its line and skipped without silencing the other rules. */

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "checks/budget-checker.h"
#include "checks/budget-rule-file.h"

static char *data_home;

static const char bureau_rules[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rules>\n"
  "  <rule id=\"ZJ-01\" severity=\"warning\">\n"
  "    <title>一般公共预算支出合计不超过基本支出</title>\n"
  "    <message>{left}（{left-value}）超过{right}（{right-value}），相差{difference}</message>\n"
  "    <check>T5[total].c3 &lt;= T5[total].c4</check>\n"
  "  </rule>\n"
  "  <rule id=\"ZJ-02\" severity=\"warning\">\n"
  "    <title>每个科目：项目支出不超过基本支出</title>\n"
  "    <check rows-of=\"T5\">c5 &lt;= c4</check>\n"
  "  </rule>\n"
  "</rules>\n";

/* Line 5 has two comparisons. */
static const char broken_rules[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rules>\n"
  "  <rule id=\"ZJ-03\" severity=\"error\">\n"
  "    <title>坏规则</title>\n"
  "    <check>T5[total].c3 = T5[total].c4 = 0</check>\n"
  "  </rule>\n"
  "</rules>\n";

static const char taken_rules[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rules>\n"
  "  <rule id=\"X-10\" severity=\"error\">\n"
  "    <check>T6[total].c3 = T5[total].c4</check>\n"
  "  </rule>\n"
  "</rules>\n";

static GPtrArray *
findings_of (BudgetChecker *checker,
             const char    *rule_id)
{
  GListModel *list = budget_checker_get_findings (checker);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      BudgetFinding *finding = g_list_model_get_item (list, i);

      if (g_str_equal (budget_finding_get_rule_id (finding), rule_id))
        g_ptr_array_add (found, finding);
      else
        g_object_unref (finding);
    }
  return found;
}

static void
test_user_rules (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(BudgetChecker) checker = budget_checker_new (doc);
  g_autoptr(GPtrArray) zj01 = findings_of (checker, "ZJ-01");
  g_autoptr(GPtrArray) zj02 = NULL;
  g_autoptr(GPtrArray) skipped = findings_of (checker, "RF-01");
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  guint n_rules = budget_rules_get_n_rules ();
  guint c5 = (guint) budget_form_def_find_column (budget_form_get_def (t5), "c5");
  guint n_before;
  gboolean found;
  int leaf = -1;

  /* The bureau's two rules come after the reference's; the broken and the clashing files add none. */
  g_assert_cmpstr (budget_rules_get_rule (n_rules - 2)->id, ==, "ZJ-01");
  g_assert_cmpstr (budget_rules_get_rule (n_rules - 1)->id, ==, "ZJ-02");
  g_assert_null (budget_rules_lookup ("ZJ-03"));
  g_assert_cmpstr (budget_rule_info_get_title (budget_rules_lookup ("ZJ-01")), ==, "一般公共预算支出合计不超过基本支出");

  /* The sample has 项目支出, so its 合计 exceeds its 基本支出: the bureau's message, with the figures. */
  g_assert_cmpuint (zj01->len, ==, 1);
  g_assert_cmpint (budget_finding_get_severity (g_ptr_array_index (zj01, 0)), ==, BUDGET_SEVERITY_WARNING);
  g_assert_nonnull (strstr (budget_finding_get_message (g_ptr_array_index (zj01, 0)), "T5 合计 合计（"));
  g_assert_nonnull (strstr (budget_finding_get_message (g_ptr_array_index (zj01, 0)), "）超过T5 合计 基本支出（"));
  g_assert_cmpstr (budget_finding_get_other_form_id (g_ptr_array_index (zj01, 0)), ==, "T5");

  /* The malformed file and the clashing one are reported, with the line of the error. */
  g_assert_cmpuint (skipped->len, ==, 2);
  g_assert_nonnull (strstr (budget_finding_get_message (g_ptr_array_index (skipped, 0)), "20-broken.xml, line 5"));
  g_assert_nonnull (strstr (budget_finding_get_message (g_ptr_array_index (skipped, 1)),
                            "30-taken.xml: the rule id X-10 is taken"));
  /* The reference's rules still run. */
  g_assert_cmpuint (budget_checker_get_n_errors (checker), ==, 2);

  /* A row rule: 项目支出 above the row's 基本支出 is reported on that row only; undo clears it. */
  zj02 = findings_of (checker, "ZJ-02");
  n_before = zj02->len;
  for (guint r = 0; r < budget_form_get_n_rows (t5) && leaf < 0; r++)
    if (budget_form_get_row_kind (t5, r) == BUDGET_ROW_LEAF && budget_form_get_value (t5, r, c5) == 0)
      leaf = (int) r;
  g_assert_cmpint (leaf, >=, 0);
  g_assert_true (budget_document_set_cell (doc, t5, (guint) leaf, c5, "99999", NULL));
  g_clear_pointer (&zj02, g_ptr_array_unref);
  zj02 = findings_of (checker, "ZJ-02");
  /* The row and the parents above it that now exceed too; as a fresh checker sees it. */
  g_assert_cmpuint (zj02->len, >, n_before);
  {
    g_autoptr(BudgetChecker) fresh = budget_checker_new (doc);
    g_autoptr(GPtrArray) full = findings_of (fresh, "ZJ-02");

    g_assert_cmpuint (full->len, ==, zj02->len);
    for (guint i = 0; i < full->len; i++)
      g_assert_true (budget_finding_equal (g_ptr_array_index (full, i), g_ptr_array_index (zj02, i)));
  }
  found = FALSE;
  for (guint i = 0; i < zj02->len; i++)
    if (g_str_equal (budget_finding_get_row_key (g_ptr_array_index (zj02, i)), budget_form_get_row_key (t5, (guint) leaf)))
      {
        g_assert_nonnull (strstr (budget_finding_get_message (g_ptr_array_index (zj02, i)), "exceeds 基本支出"));
        found = TRUE;
      }
  g_assert_true (found);
  budget_undo_stack_undo (budget_document_get_undo_stack (doc));
  g_clear_pointer (&zj02, g_ptr_array_unref);
  zj02 = findings_of (checker, "ZJ-02");
  g_assert_cmpuint (zj02->len, ==, n_before);
}

static void
assert_parse_error (const char *xml,
                    const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (budget_rule_file_parse (bytes, "bad.xml", rules, &error));
  g_assert_error (error, BUDGET_RULE_FILE_ERROR, BUDGET_RULE_FILE_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  g_assert_cmpuint (rules->len, ==, 0);
}

#define RULE_FILE(body) "<?xml version=\"1.0\"?>\n<rules>\n" body "</rules>\n"

/* Every mistake is reported with its line; a file with one adds no rule at all. */
static void
test_parse_errors (void)
{
  assert_parse_error ("<rules><rule", "bad.xml, line 1");
  assert_parse_error ("<?xml version=\"1.0\"?>\n<regeln/>\n", "line 2: a rule file starts with <rules>");
  assert_parse_error (RULE_FILE ("<rule severity=\"error\"><check>T1[r1].c2 = T4[r1].c2</check></rule>\n"),
                      "line 3: a rule needs an id");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"fatal\"><check>T1[r1].c2 = T4[r1].c2</check></rule>\n"),
                      "severity is error, warning or info");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\">\n<check>T1[r1].c2 = TX[r1].c2</check></rule>\n"),
                      "line 4: “TX[r1].c2”: there is no form TX");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\">\n<check>T1[r1].c2 = T4[r1].c9</check></rule>\n"),
                      "line 4: “T4[r1].c9”: form T4 has no column “c9”");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check>T1[r1].c2 + T1[r2].c2 = T4[r1].c2</check></rule>\n"),
                      "the left side is the one cell that is checked");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check>T1[r1].c2 T4[r1].c2</check></rule>\n"),
                      "write one comparison");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check>T1[r1].c2 = T4[r1.c2</check></rule>\n"),
                      "expected “]”");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check rows-of=\"T5\">c3 = T5[total].c4</check></rule>\n"),
                      "a check of every row names columns of the same row");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check>T1[r1] = T4[r1]</check></rule>\n"),
                      "needs the attribute columns");
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\" tolerance=\"a bit\"><check>T1[r1].c2 = T4[r1].c2</check></rule>\n"),
                      "the tolerance is an amount in 万元");
  /* The first rule is fine, the second is not: neither is kept. */
  assert_parse_error (RULE_FILE ("<rule id=\"A\" severity=\"error\"><check>T1[r1].c2 = T4[r1].c2</check></rule>\n"
                                 "<rule id=\"B\" severity=\"error\"><title>x</title><when/></rule>\n"),
                      "line 4: rule B: unknown element <when>");
}

/* What a rule reads comes from its checks: cells, the columns of ranges, the forms of row checks. */
static void
test_reads (void)
{
  static const char xml[] = RULE_FILE (
    "<rule id=\"A\" severity=\"error\"><check name=\"n\">T1[r32].c2 = T1[r1:r9].c2 + T4[r1].c2</check></rule>\n"
    "<rule id=\"B\" severity=\"error\"><check columns=\"c2 c3\">T9[r1] = T9[r2]</check></rule>\n"
    "<rule id=\"C\" severity=\"error\"><check rows-of=\"T2\">c5 = T5.c3 + T7.c3</check></rule>\n");
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, sizeof xml - 1);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_data_rule_free);
  g_autoptr(GError) error = NULL;
  const BudgetRuleDef *a, *b, *c;

  g_assert_true (budget_rule_file_parse (bytes, "reads.xml", rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 3);
  a = g_ptr_array_index (rules, 0);
  b = g_ptr_array_index (rules, 1);
  c = g_ptr_array_index (rules, 2);
  g_assert_cmpstr (a->reads, ==, "T1.r32.c2 T1:c2 T4.r1.c2");
  g_assert_null (a->check_row);
  g_assert_cmpstr (b->reads, ==, "T9.r1.c2,c3 T9.r2.c2,c3");
  g_assert_cmpstr (c->reads, ==, "");
  g_assert_nonnull (c->check_row);
  g_assert_cmpstr (c->row_reads, ==, "T2 T5:c3 T7:c3");
  g_assert_cmpstr (budget_data_rule_get_source (c), ==, "reads.xml");
}

static void
write_rule_file (const char *dir,
                 const char *name,
                 const char *content)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, -1, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autofree char *rules_dir = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  /* Before anything reads the user's data folder. */
  data_home = g_dir_make_tmp ("budget-rules-XXXXXX", NULL);
  rules_dir = g_build_filename (data_home, "budget-editor", "rules", NULL);
  g_assert_cmpint (g_mkdir_with_parents (rules_dir, 0700), ==, 0);
  write_rule_file (rules_dir, "10-bureau.xml", bureau_rules);
  write_rule_file (rules_dir, "20-broken.xml", broken_rules);
  write_rule_file (rules_dir, "30-taken.xml", taken_rules);
  write_rule_file (rules_dir, "notes.txt", "not a rule file");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  budget_core_init ();
  g_test_add_func ("/rule-files/user-rules", test_user_rules);
  g_test_add_func ("/rule-files/parse-errors", test_parse_errors);
  g_test_add_func ("/rule-files/reads", test_reads);
  status = g_test_run ();

  for (const char * const *name = (const char * const[]) { "10-bureau.xml", "20-broken.xml", "30-taken.xml",
                                                           "notes.txt", NULL }; *name != NULL; name++)
    {
      g_autofree char *path = g_build_filename (rules_dir, *name, NULL);

      g_unlink (path);
    }
  g_rmdir (rules_dir);
  {
    g_autofree char *app_dir = g_build_filename (data_home, "budget-editor", NULL);

    g_rmdir (app_dir);
  }
  g_rmdir (data_home);
  return status;
}
