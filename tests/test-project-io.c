/* test-project-io.c: project files: round trips, deterministic saves, atomic saves, and refusals */

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "budget-core.h"

static char *
tmp_dir (void)
{
  return g_dir_make_tmp ("budget-io-XXXXXX", NULL);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_bytes_new_take (data, size);
}

static void
test_round_trip_byte_identical (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *first = g_build_filename (dir, "a.budget", NULL);
  g_autofree char *second = g_build_filename (dir, "b.budget", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) loaded = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) again = NULL;

  g_assert_true (budget_project_save (doc, first, &error));
  g_assert_no_error (error);
  g_assert_false (budget_document_get_modified (doc));
  g_assert_cmpstr (budget_document_get_path (doc), ==, first);

  loaded = budget_project_load_file (first, &error);
  g_assert_no_error (error);
  g_assert_false (budget_document_get_modified (loaded));
  g_assert_true (budget_project_save (loaded, second, &error));

  a = read_bytes (first);
  b = read_bytes (second);
  g_assert_true (g_bytes_equal (a, b));
  /* Saving the same document twice gives the same bytes. */
  again = budget_project_serialize (loaded);
  g_assert_true (g_bytes_equal (a, again));

  /* Every derived figure comes back. */
  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      g_autofree char *x = budget_form_to_tsv (budget_document_get_form (doc, i));
      g_autofree char *y = budget_form_to_tsv (budget_document_get_form (loaded, i));

      g_assert_cmpstr (x, ==, y);
    }
  /* Only entered values are stored: no derived total of the sample appears in the file. */
  g_assert_null (g_strstr_len (g_bytes_get_data (a, NULL), (gssize) g_bytes_get_size (a), "212.98"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (a, NULL), (gssize) g_bytes_get_size (a), "124.717"));

  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

static void
test_edits_survive (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autoptr(BudgetDocument) loaded = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *gp = budget_document_lookup_form (doc, "GP");

  g_assert_true (budget_document_insert_code_row (doc, t5, "2069998", "自定科目 & <特殊>", NULL));
  g_assert_true (budget_document_set_cell (doc, t5, (guint) budget_form_find_row (t5, "2069998"), 4, "0.123456", NULL));
  g_assert_true (budget_document_insert_list_row (doc, gp, 0, NULL));
  g_assert_true (budget_document_set_cell (doc, gp, 0, 2, "打印机\n\"彩色\"", NULL));
  g_assert_true (budget_document_set_cell (doc, gp, 0, 5, "2.5", NULL));
  g_assert_true (budget_document_set_form_text (doc, budget_document_lookup_form (doc, "S9"), "text", "第一行\n\n第三行  ", NULL));
  g_assert_true (budget_project_save (doc, path, NULL));

  loaded = budget_project_load_file (path, NULL);
  g_assert_nonnull (loaded);
  t5 = budget_document_lookup_form (loaded, "T5");
  gp = budget_document_lookup_form (loaded, "GP");
  g_assert_cmpstr (budget_form_get_row_name (t5, (guint) budget_form_find_row (t5, "2069998")), ==, "自定科目 & <特殊>");
  g_assert_cmpint (budget_form_lookup_value (t5, "2069998", "c5"), ==, 123456);
  g_assert_cmpstr (budget_form_get_cell_text (gp, 0, 2), ==, "打印机\n\"彩色\"");
  g_assert_cmpint (budget_form_get_value (gp, 0, 5), ==, 250);
  g_assert_cmpstr (budget_form_get_text (budget_document_lookup_form (loaded, "S9")), ==, "第一行\n\n第三行  ");
  g_assert_cmpint (budget_form_lookup_value (budget_document_lookup_form (loaded, "T1"), "r34", "c4"), ==,
                   G_GINT64_CONSTANT (998889656));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_atomic_save (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "p.budget", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (g_file_set_contents (path, "previous content", -1, NULL));
  g_assert_true (budget_project_save (doc, path, &error));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  before = read_bytes (backup);
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before), "previous content", 16);

  /* A save that fails leaves the file on disk untouched and the document modified. */
  budget_document_set_cell (doc, budget_document_lookup_form (doc, "T9"), 1, 2, "5", NULL);
  before = (g_bytes_unref (before), read_bytes (path));
  g_assert_false (budget_project_save (doc, missing, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_SAVE);
  g_assert_true (budget_document_get_modified (doc));
  g_clear_error (&error);
  if (getuid () != 0)
    {
      /* A read-only folder: the rename cannot happen. */
      g_chmod (dir, 0500);
      g_assert_false (budget_project_save (doc, path, &error));
      g_clear_error (&error);
      g_chmod (dir, 0700);
    }
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

static void
assert_refused (const char *content,
                int         code,
                const char *expected_in_message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (content, strlen (content));
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = NULL;
  gint64 start = g_get_monotonic_time ();

  doc = budget_project_load_bytes (bytes, "bad.budget", &error);
  g_assert_null (doc);
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, code);
  if (strstr (error->message, expected_in_message) == NULL)
    g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected_in_message));
  /* Refused quickly: no entity is ever expanded. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static void
test_refusals (void)
{
  g_autoptr(GString) laughs = g_string_new (HEAD "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");

  for (guint i = 1; i < 10; i++)
    g_string_append_printf (laughs, " <!ENTITY lol%u \"&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;\">\n",
                            i, i > 1 ? "" : "", "", "", "", "", "", "", "", "", "");
  g_string_append (laughs, "]>\n<budget-project format-version=\"1\"><meta><item key=\"x\">&lol9;</item></meta></budget-project>\n");

  assert_refused ("", BUDGET_DOCUMENT_ERROR_LOAD, "empty");
  assert_refused (HEAD "<budget-project format-version=\"1\"><meta>", BUDGET_DOCUMENT_ERROR_LOAD, "line 2");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T5\">\n<row code=\"2060101\"><v c=\"c4\">12a</v></row>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 5");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T5\">\n<row code=\"2060101\"><v c=\"c3\">12</v></row>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "computed");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T3\">\n<row code=\"2060101\"/>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 5");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"ZZ\"/>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "ZZ");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T5\">\n<row code=\"2060101\"/>\n<row code=\"2060101\"/>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 6");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<unexpected/>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 4");
  assert_refused (HEAD "<budget-project format-version=\"99\"><meta/></budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_VERSION, "99");
  assert_refused (HEAD "<something-else/>\n", BUDGET_DOCUMENT_ERROR_LOAD, "not a budget project");
  /* Hostile XML: an external entity and the billion laughs are refused before parsing. */
  assert_refused (HEAD "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<budget-project format-version=\"1\"><meta><item key=\"a\">&x;</item></meta></budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 2");
  assert_refused (laughs->str, BUDGET_DOCUMENT_ERROR_LOAD, "entities");
  assert_refused (HEAD "<budget-project format-version=\"1\"><meta><item key=\"a\">&amp;&unknown;</item></meta></budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 2");
}

/* Problems the schema cannot see: duplicates, metadata that set_meta would refuse, errors far down
 * the file, names and bytes in any encoding, totals that overflow, and files too large to be budgets. */
static void
test_hardened_refusals (void)
{
  g_autoptr(GString) far = g_string_new (HEAD "<budget-project format-version=\"1\">\n<meta/>\n");
  g_autoptr(GString) overflow = g_string_new (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T5\">\n");
  g_autoptr(GString) rows = g_string_new (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"GP\">\n");
  const char *sections[] = { "20601", "20604", "20605", "20699", "20805", "20808", "21011", "21505", "21508", "22102" };
  guint n_codes = 0;

  /* Duplicates are errors with their line, not a silent "last one wins". */
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta>\n<item key=\"year\">2023</item>\n<item key=\"year\">2024</item>\n</meta>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 5: the document property year appears twice");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T9\">\n<cell row=\"r5\" c=\"c3\">1</cell>\n<cell row=\"r5\" c=\"c3\">2</cell>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 6: T9 r5 c3 appears twice");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T5\">\n<row code=\"2060101\"><v c=\"c4\">1</v>\n<v c=\"c4\">2</v></row>\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 6: T5 2060101 c4 appears twice");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta/>\n<form id=\"T9\">\n<cell row=\"r5\" c=\"c3\">1</cell>\n</form>\n<form id=\"T9\">\n</form>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 7: the form T9 appears twice");

  /* set_meta's validation applies on load: no year that would overflow the renderer. */
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta>\n<item key=\"year\">-2147483648</item>\n</meta>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 4: The budget year must be a year between 2000 and 2100");
  assert_refused (HEAD "<budget-project format-version=\"1\">\n<meta>\n<item key=\"prior-total\">1e9</item>\n</meta>\n</budget-project>\n",
                  BUDGET_DOCUMENT_ERROR_LOAD, "line 4");

  /* Past line 65 535 the real line is reported (XML_PARSE_BIG_LINES). */
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (far, '\n');
  g_string_append (far, "<form id=\"T9\">\n<cell row=\"r5\" c=\"c3\">x</cell>\n</form>\n</budget-project>\n");
  assert_refused (far->str, BUDGET_DOCUMENT_ERROR_LOAD, "line 70005:");

  /* Messages are valid UTF-8 whatever the file name and the bytes of the file. */
  {
    const char *bad = HEAD "<budget-project format-version=\"1\">\n<meta>\n<item key=\"department-name\">\xff\xfe</item>\n</meta>\n</budget-project>\n";
    g_autoptr(GBytes) bytes = g_bytes_new (bad, strlen (bad));
    g_autoptr(GError) error = NULL;
    g_autoptr(BudgetDocument) doc = budget_project_load_bytes (bytes, "\xe9t\xe9.budget", &error);

    g_assert_null (doc);
    g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_LOAD);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_assert_nonnull (strstr (error->message, "line 4"));
  }

  /* Totals that do not fit are reported, not clamped. */
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    for (guint i = 1; i <= 50; i++)
      {
        g_string_append_printf (overflow, "<row code=\"%s%02u\"><v c=\"c4\">9999999999.999999</v><v c=\"c5\">9999999999.999999</v></row>\n",
                                sections[s], i);
        n_codes++;
      }
  g_string_append (overflow, "</form>\n</budget-project>\n");
  g_assert_cmpuint (n_codes, ==, 500);
  assert_refused (overflow->str, BUDGET_DOCUMENT_ERROR_LOAD, "add up to more than a total can hold");

  /* More rows than a form can have: refused with a message, without taking the memory. */
  for (guint i = 0; i < 20001; i++)
    g_string_append (rows, "<row><t c=\"item\">x</t></row>\n");
  g_string_append (rows, "</form>\n</budget-project>\n");
  assert_refused (rows->str, BUDGET_DOCUMENT_ERROR_LOAD, "line 20005: GP has more than 20000 rows");
  g_string_truncate (rows, rows->len - strlen ("</form>\n</budget-project>\n"));
  for (guint i = 0; i < 190000; i++)
    g_string_append (rows, "<row/>\n");
  g_string_append (rows, "</form>\n</budget-project>\n");
  assert_refused (rows->str, BUDGET_DOCUMENT_ERROR_LOAD, "line 200005: the file has more than 200000 rows");
}

/* A 200 MB project file is refused before it is read. */
static void
test_huge_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.budget", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = NULL;
  FILE *file = g_fopen (path, "w");

  g_assert_nonnull (file);
  /* Sparse: 200 MB on paper, nothing on the disk. */
  g_assert_cmpint (fseek (file, 200 * 1024 * 1024, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', file), !=, EOF);
  fclose (file);
  doc = budget_project_load_file (path, &error);
  g_assert_null (doc);
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_LOAD);
  g_assert_nonnull (strstr (error->message, "larger than any budget project"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Whether @text parses as JSON in strict UTF-8 (python3 is a build dependency). */
static gboolean
is_valid_json (const char *text,
               gsize       length)
{
  const char *argv[] = { "python3", "-c",
                         "import json, sys; json.loads(sys.stdin.buffer.read().decode('utf-8', 'strict'))", NULL };
  g_autoptr(GSubprocess) python = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, NULL);
  g_autoptr(GBytes) input = g_bytes_new (text, length);

  g_assert_nonnull (python);
  g_assert_true (g_subprocess_communicate (python, input, NULL, NULL, NULL, NULL));
  return g_subprocess_get_if_exited (python) && g_subprocess_get_exit_status (python) == 0;
}

/* budget-editor --check --json prints valid JSON whatever the names and bytes of the files. */
static void
test_check_json_always_valid (void)
{
  g_autoptr(BudgetDocument) sample = budget_project_load_sample ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *bad_name = g_build_filename (dir, "\xff\xfe\xe9.budget", NULL);
  g_autofree char *bad_bytes = g_build_filename (dir, "bytes.budget", NULL);
  g_autofree char *good = g_build_filename (dir, "good\xe9.budget", NULL);
  const char *exe = g_getenv ("BUDGET_EXE");
  const char *with_files[] = { exe, "--check", "--json", bad_name, bad_bytes, good, NULL };
  const char *without_files[] = { exe, "--check", "--json", NULL };
  const char **commands[] = { with_files, without_files };

  if (exe == NULL)
    {
      g_test_skip ("BUDGET_EXE is not set");
      return;
    }
  g_assert_true (g_file_set_contents (bad_name, "\xff\xfe<x", -1, NULL));
  g_assert_true (g_file_set_contents (bad_bytes, HEAD "<budget-project format-version=\"1\">\n<meta><item key=\"\xc3\x28\">x</item></meta>\n"
                                      "<form id=\"\xe9\xff\"/></budget-project>\n", -1, NULL));
  g_assert_true (budget_project_save (sample, good, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) commands[i], NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, NULL));
      g_assert_cmpint (WEXITSTATUS (status), ==, 2);
      if (!is_valid_json (out, strlen (out)))
        g_test_message ("not JSON: %s", out);
      g_assert_true (is_valid_json (out, strlen (out)));
    }
  g_unlink (bad_name);
  g_unlink (bad_bytes);
  g_unlink (good);
  g_rmdir (dir);
}

/* A file truncated anywhere is refused with a message and never crashes. */
static void
test_truncated (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GBytes) bytes = budget_project_serialize (doc);
  gsize size = g_bytes_get_size (bytes);
  guint refused = 0;

  for (gsize cut = 0; cut < size; cut += 97)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetDocument) loaded = budget_project_load_bytes (part, "cut.budget", &error);

      g_assert_null (loaded);
      g_assert_nonnull (error);
      refused++;
    }
  g_assert_cmpuint (refused, >, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/project-io/round-trip-byte-identical", test_round_trip_byte_identical);
  g_test_add_func ("/project-io/edits-survive", test_edits_survive);
  g_test_add_func ("/project-io/atomic-save", test_atomic_save);
  g_test_add_func ("/project-io/refusals", test_refusals);
  g_test_add_func ("/project-io/truncated", test_truncated);
  g_test_add_func ("/project-io/hardened-refusals", test_hardened_refusals);
  g_test_add_func ("/project-io/huge-file", test_huge_file);
  g_test_add_func ("/project-io/check-json-always-valid", test_check_json_always_valid);
  return g_test_run ();
}
