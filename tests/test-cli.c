/* test-cli.c: the headless command line of the executable (path in $BUDGET_EXE) */

#include <string.h>
#include <glib/gstdio.h>

#include "budget-core.h"

static int
run (const char  *args,
     char       **out,
     char       **err)
{
  g_autofree char *command = g_strdup_printf ("%s %s", g_getenv ("BUDGET_EXE"), args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_version_and_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run ("--version", &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "budget-editor "));
  g_assert_cmpint (run ("--help", &help, NULL), ==, 0);
  g_assert_nonnull (strstr (help, "--export-tsv"));
  g_assert_nonnull (strstr (help, "--convert"));
}

static void
test_export_tsv (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run ("--export-tsv T3 sample", &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* Two header rows, the 栏次 row, the 合计 row, then the codes. */
  g_assert_cmpstr (lines[0], ==, "序号\t功能分类科目\t\t合计\t基本支出\t项目支出\t经营支出\t上解上级支出\t对附属单位补助支出");
  g_assert_cmpstr (lines[2], ==, "栏次\t1\t2\t3\t4\t5\t6\t7\t8");
  g_assert_cmpstr (lines[3], ==, "1\t\t合计\t998.77\t258.88\t739.89\t\t\t");
  g_assert_cmpstr (lines[6], ==, "4\t2060101\t行政运行\t188.68\t124.72\t63.96\t\t\t");
  g_assert_cmpuint (g_strv_length (lines), ==, 3 + 30 + 1);
}

static void
test_convert (void)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "converted.budget", NULL);
  g_autofree char *args = g_strdup_printf ("--convert sample %s", path);
  g_autofree char *again = g_strdup_printf ("--convert %s %s", path, path);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *backup = g_strconcat (path, "~", NULL);

  g_assert_cmpint (run (args, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
  g_assert_cmpint (run (again, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, second);

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *err1 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run ("--export-tsv T99 sample", &out, &err1), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err1, "T99"));
  g_assert_cmpint (run ("--export-tsv T1 /nonexistent/file.budget", NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "/nonexistent/file.budget"));
  g_assert_cmpint (run ("--convert sample", NULL, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "Usage"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("BUDGET_EXE") == NULL)
    {
      g_test_skip ("BUDGET_EXE is not set (run through meson test)");
      return 0;
    }
  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/export-tsv", test_export_tsv);
  g_test_add_func ("/cli/convert", test_convert);
  g_test_add_func ("/cli/errors", test_errors);
  return g_test_run ();
}
