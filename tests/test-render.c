/* test-render.c: the PDF renderer, checked from the outside with poppler's tools: the text of every
 * form in reading order, the embedded fonts, the page count and orientation, metadata, outline and page
 * labels, a table longer than a page, the command line, the print path's pagination and the page
 * images against reviewed references (tests/reference). */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "budget-core.h"
#include "render/budget-renderer.h"

/* The forms whose first page is compared with a reviewed image. */
static const char * const reference_forms[] = {
  "T1", "T2", "T4", "T6", "T7", "T9", "S0", "ORG", "PF1", "GP", "FA", NULL
};

/* ------------------------------------------------------------------------------------------------ */
/* Helpers                                                                                          */

typedef struct
{
  char           *dir;
  char           *pdf;
  BudgetDocument *document;
  BudgetRenderer *renderer;
  guint           n_pages;
} Fixture;

static char *
run_tool (const char * const *argv,
          int                *status_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TZ", "UTC", TRUE);

  /* TZ: pdfinfo prints dates in local time */
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (status_out != NULL)
    *status_out = status;
  else if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Everything but whitespace, and without the page footers: what the reading-order checks compare. */
static char *
squeeze (const char *text)
{
  static GRegex *footer;
  GString *out = g_string_sized_new (strlen (text));
  g_autofree char *without = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  if (footer == NULL)
    footer = g_regex_new ("第[0-9]+页共[0-9]+页", G_REGEX_OPTIMIZE, 0, NULL);
  without = g_regex_replace_literal (footer, out->str, -1, 0, "", 0, NULL);
  g_string_free (out, TRUE);
  return g_steal_pointer (&without);
}

static char *
pdf_text (const char *pdf,
          const char *mode,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);

  if (page > 0)
    {
      const char *argv[] = { "pdftotext", mode, "-f", first, "-l", first, pdf, "-", NULL };

      return run_tool (argv, NULL);
    }
  else
    {
      const char *argv[] = { "pdftotext", mode, pdf, "-", NULL };

      return run_tool (argv, NULL);
    }
}

static void
fixture_export (Fixture            *fixture,
                const char * const *form_ids)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->renderer);
  fixture->renderer = budget_renderer_new (fixture->document, form_ids);
  fixture->n_pages = budget_renderer_paginate (fixture->renderer, NULL);
  if (!budget_renderer_write_pdf (fixture->renderer, fixture->pdf, &error))
    g_error ("%s", error->message);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-render-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  fixture->document = budget_project_load_sample ();
  if (data == NULL)
    fixture_export (fixture, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->renderer);
  g_clear_object (&fixture->document);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pdf);
}

#define fixtured_test(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

/* The texts a form prints, in the order it prints them (reading order). */
static GPtrArray *
form_tokens (BudgetForm *form)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  BudgetFormDef *def = budget_form_get_def (form);
  BudgetDocument *document = budget_form_get_document (form);
  gboolean serial = budget_form_def_has_serial (def);
  BudgetFormKind kind = budget_form_get_kind (form);
  const char * const *notes = budget_form_def_get_notes (def);
  g_autofree char *previous_level1 = NULL;

  g_ptr_array_add (tokens, budget_form_dup_title (form));
  if (kind == BUDGET_FORM_KIND_TEXT)
    {
      g_auto(GStrv) lines = g_strsplit (budget_form_get_text (form), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_ptr_array_add (tokens, g_strdup (lines[i]));
      return tokens;
    }

  switch (budget_form_def_get_meta_style (def))
    {
    case BUDGET_META_STANDARD:
      g_ptr_array_add (tokens, budget_document_expand (document, "{department-code}{department}"));
      g_ptr_array_add (tokens, budget_document_expand (document, "预算年度：{year}"));
      g_ptr_array_add (tokens, g_strdup ("单位：万元"));
      break;
    case BUDGET_META_PROCUREMENT:
      g_ptr_array_add (tokens, budget_document_expand (document, "{department-code}{department}"));
      g_ptr_array_add (tokens, g_strdup ("单位：万元"));
      break;
    case BUDGET_META_ASSETS:
      g_ptr_array_add (tokens, budget_document_expand (document, "{department-code}{department}"));
      g_ptr_array_add (tokens, budget_document_expand (document, "截止时间：{prior-year}-12-31"));
      break;
    case BUDGET_META_NONE:
    default:
      break;
    }
  if (kind == BUDGET_FORM_KIND_PERFORMANCE)
    {
      g_ptr_array_add (tokens, g_strdup (budget_form_def_get_goal_label (def)));
      g_ptr_array_add (tokens, g_strdup (budget_form_get_goal (form)));
    }
  for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
    g_ptr_array_add (tokens, budget_document_expand (document, budget_form_def_get_header_cell (def, h)->text));
  if (budget_form_def_has_column_numbers (def))
    g_ptr_array_add (tokens, g_strdup (serial ? "栏次" : "1"));

  if (!budget_form_is_empty (form) || kind == BUDGET_FORM_KIND_FIXED)
    for (guint r = 0; r < budget_form_get_n_rows (form); r++)
      {
        if (serial)
          g_ptr_array_add (tokens, g_strdup_printf ("%u", r + 1));
        for (guint c = 0; c < budget_form_get_n_columns (form); c++)
          {
            g_autofree char *text = budget_form_dup_display (form, r, c);

            /* A performance table prints its 一级指标 once over the rows that repeat it. */
            if (kind == BUDGET_FORM_KIND_PERFORMANCE && c == 0)
              {
                if (g_strcmp0 (previous_level1, text) == 0)
                  continue;
                g_free (previous_level1);
                previous_level1 = g_strdup (text);
              }
            g_ptr_array_add (tokens, g_steal_pointer (&text));
          }
      }
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    g_ptr_array_add (tokens, g_strdup (notes[i]));
  if (budget_form_is_empty (form) && kind != BUDGET_FORM_KIND_FIXED && budget_form_def_get_empty_note (def) != NULL)
    g_ptr_array_add (tokens, g_strdup (budget_form_def_get_empty_note (def)));
  return tokens;
}

/* ------------------------------------------------------------------------------------------------ */
/* Tests                                                                                            */

/* Every title, label, header, amount and note of every form appears in the PDF's text, in the order
 * the forms and their cells are read. */
static void
test_sample_reading_order (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  const char *cursor;
  guint n_tokens = 0;

  if (!have_tool ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  /* -raw keeps the content stream's order: the order the renderer draws, cell by cell. */
  raw = pdf_text (fixture->pdf, "-raw", 0);
  text = squeeze (raw);
  cursor = text;
  for (guint f = 0; f < budget_document_get_n_forms (fixture->document); f++)
    {
      BudgetForm *form = budget_document_get_form (fixture->document, f);
      g_autoptr(GPtrArray) tokens = NULL;

      if (!budget_form_def_is_published (budget_form_get_def (form)))
        continue;
      tokens = form_tokens (form);
      for (guint t = 0; t < tokens->len; t++)
        {
          g_autofree char *token = squeeze (g_ptr_array_index (tokens, t));
          const char *found;

          if (token[0] == '\0')
            continue;
          found = strstr (cursor, token);
          if (found == NULL)
            g_error ("%s: “%s” is missing or out of order; the text goes on with “%.60s”",
                     budget_form_get_id (form), token, cursor);
          cursor = found + strlen (token);
          n_tokens++;
        }
    }
  g_assert_cmpuint (n_tokens, >, 1500);
}

/* Each data row of the nine tables reads left to right on one line of the page, as printed. */
static void
test_sample_rows_on_lines (Fixture       *fixture,
                           gconstpointer  data)
{
  if (!have_tool ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  for (guint f = 0; f < 9; f++)
    {
      BudgetForm *form = budget_document_get_form (fixture->document, f);
      int page = budget_renderer_get_form_page (fixture->renderer, budget_form_get_id (form), NULL);
      g_autofree char *layout = pdf_text (fixture->pdf, "-layout", page + 1);
      g_auto(GStrv) lines = g_strsplit (layout, "\n", -1);
      g_autoptr(GPtrArray) squeezed = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpstr (budget_form_def_get_group (budget_form_get_def (form)), ==, "tables");
      for (guint l = 0; lines[l] != NULL; l++)
        g_ptr_array_add (squeezed, squeeze (lines[l]));
      for (guint r = 0; !budget_form_is_empty (form) && r < budget_form_get_n_rows (form); r++)
        {
          g_autoptr(GString) row = g_string_new (NULL);
          gboolean found = FALSE;

          g_string_append_printf (row, "%u", r + 1);
          for (guint c = 0; c < budget_form_get_n_columns (form); c++)
            {
              g_autofree char *cell = budget_form_dup_display (form, r, c);
              g_autofree char *cell_squeezed = squeeze (cell);

              g_string_append (row, cell_squeezed);
            }
          for (guint l = 0; l < squeezed->len && !found; l++)
            found = strstr (g_ptr_array_index (squeezed, l), row->str) != NULL;
          if (!found)
            g_error ("%s row %u is not on one line: “%s”", budget_form_get_id (form), r + 1, row->str);
        }
    }
}

static void
test_sample_fonts (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *argv[] = { "pdffonts", fixture->pdf, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean serif = FALSE, sans = FALSE;

  if (!have_tool ("pdffonts"))
    {
      g_test_skip ("pdffonts (poppler-utils) is not installed");
      return;
    }
  if (g_strcmp0 (budget_renderer_get_body_font (fixture->renderer), "Noto Serif CJK SC") != 0 ||
      g_strcmp0 (budget_renderer_get_title_font (fixture->renderer), "Noto Sans CJK SC") != 0)
    {
      g_test_skip ("fonts-noto-cjk is not installed");
      return;
    }
  out = run_tool (argv, NULL);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (lines[i][0] == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (fields);
      /* name type… encoding emb sub uni object ID: every font is embedded, as a subset, with a
       * ToUnicode map (searchable, selectable text). */
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (fields[n - 5], ==, "yes");
      g_assert_cmpstr (fields[n - 4], ==, "yes");
      g_assert_cmpstr (fields[n - 3], ==, "yes");
      serif |= strstr (fields[0], "NotoSerifCJKsc-Regular") != NULL;
      sans |= strstr (fields[0], "NotoSansCJKsc-Bold") != NULL;
    }
  g_assert_true (serif);
  g_assert_true (sans);
}

static char *
pdfinfo (const char *pdf,
         int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv_page[] = { "pdfinfo", "-f", number, "-l", number, pdf, NULL };
  const char *argv[] = { "pdfinfo", pdf, NULL };

  return run_tool (page > 0 ? argv_page : argv, NULL);
}

/* The nine tables each start a page, one page each in the sample; the wide tables are landscape; the
 * PDF has the pages the renderer laid out, each with its footer. */
static void
test_sample_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *info = NULL;
  g_autofree char *expected = g_strdup_printf ("Pages:           %u\n", fixture->n_pages);
  int previous = -1;

  if (!have_tool ("pdfinfo"))
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  info = pdfinfo (fixture->pdf, 0);
  g_assert_nonnull (strstr (info, expected));

  for (guint f = 0; f < budget_document_get_n_forms (fixture->document); f++)
    {
      BudgetForm *form = budget_document_get_form (fixture->document, f);
      const char *id = budget_form_get_id (form);
      guint n_pages = 0;
      int page = budget_renderer_get_form_page (fixture->renderer, id, &n_pages);

      if (!budget_form_def_is_published (budget_form_get_def (form)))
        {
          g_assert_cmpint (page, ==, -1);
          continue;
        }
      g_assert_cmpint (page, >=, previous);
      if (g_str_equal (budget_form_def_get_group (budget_form_get_def (form)), "tables"))
        {
          /* a new page for each table, and the sample's tables fit on one page each */
          g_assert_cmpint (page, ==, (int) f);
          g_assert_cmpuint (n_pages, ==, 1);
          g_assert_cmpstr (budget_renderer_get_page_label (fixture->renderer, page), ==,
                           budget_form_get_short_title (form));
        }
      if (budget_form_def_is_landscape (budget_form_get_def (form)))
        {
          g_autofree char *page_info = pdfinfo (fixture->pdf, page + 1);

          g_assert_true (budget_renderer_page_is_landscape (fixture->renderer, page));
          g_assert_nonnull (strstr (page_info, "size:  841.89 x 595.276 pts"));
        }
      previous = page;
    }
  /* The explanatory text starts on the page after the nine tables. */
  g_assert_cmpint (budget_renderer_get_form_page (fixture->renderer, "S0", NULL), ==, 9);
  g_assert_cmpuint (fixture->n_pages, >=, 20);

  for (guint p = 0; p < fixture->n_pages; p++)
    {
      g_autofree char *text = pdf_text (fixture->pdf, "-layout", p + 1);
      g_autofree char *footer = g_strdup_printf ("第 %u 页 共 %u 页", p + 1, fixture->n_pages);

      if (strstr (text, footer) == NULL)
        g_error ("page %u has no footer “%s”", p + 1, footer);
      if (p > 0 && !budget_renderer_page_is_landscape (fixture->renderer, p))
        {
          g_autofree char *page_info = pdfinfo (fixture->pdf, p + 1);

          g_assert_nonnull (strstr (page_info, "size:  595.276 x 841.89 pts"));
        }
    }
}

/* Whether @needle occurs in binary @data (g_strstr_len() would stop at the first NUL byte). */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= length && i <= length - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static char *
utf16_hex (const char *text)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
  GString *hex = g_string_new ("<FEFF");

  for (guint i = 0; utf16[i] != 0; i++)
    g_string_append_printf (hex, "%04X", utf16[i]);
  g_string_append_c (hex, '>');
  return g_string_free (hex, FALSE);
}

static void
test_sample_metadata (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *label = utf16_hex ("收支总表");
  g_autofree char *text_label = utf16_hex ("说明 ");   /* cairo writes "说明 1", "说明 2" … as a prefix and a number */
  gsize length;
  guint n_titles = 0;

  if (!have_tool ("pdfinfo"))
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_setenv ("SOURCE_DATE_EPOCH", "1672531200", TRUE);   /* 2023-01-01 00:00 UTC */
  fixture_export (fixture, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  info = pdfinfo (fixture->pdf, 0);
  g_assert_nonnull (strstr (info, "Title:           科技和工信部门2023年部门预算公开\n"));
  g_assert_nonnull (strstr (info, "Author:          科技和工信部门\n"));
  g_assert_nonnull (strstr (info, "Subject:         2023年部门预算公开"));
  g_assert_nonnull (strstr (info, "CreationDate:    Sun Jan  1 00:00:00 2023 UTC"));

  /* The outline has an entry per printed form (their titles, UTF-16 in cairo's PDF) and the pages
   * are labelled. */
  g_assert_true (g_file_get_contents (fixture->pdf, &contents, &length, NULL));
  for (guint f = 0; f < budget_document_get_n_forms (fixture->document); f++)
    {
      BudgetForm *form = budget_document_get_form (fixture->document, f);
      g_autofree char *title = budget_form_dup_title (form);
      g_autofree char *hex = utf16_hex (title);
      g_autofree char *entry = g_strconcat ("/Title ", hex, NULL);
      gboolean present = contains_bytes (contents, length, entry);

      if (present != budget_form_def_is_published (budget_form_get_def (form)))
        g_test_message ("outline entry of %s (%s): %s", budget_form_get_id (form), title, entry);
      g_assert_true (present == budget_form_def_is_published (budget_form_get_def (form)));
      n_titles += present;
    }
  g_assert_cmpuint (n_titles, ==, budget_renderer_get_n_forms (fixture->renderer));
  g_assert_true (contains_bytes (contents, length, "/PageLabels"));
  g_assert_true (contains_bytes (contents, length, label));
  g_assert_true (contains_bytes (contents, length, text_label));
}

/* The empty tables keep their header and their notes, with one empty row and nothing else between:
 * no 合计 row, no serial number. */
static void
test_sample_empty_tables (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *ids[] = { "T7", "T8", "GP" };

  if (!have_tool ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      BudgetForm *form = budget_document_lookup_form (fixture->document, ids[i]);
      BudgetFormDef *def = budget_form_get_def (form);
      int page = budget_renderer_get_form_page (fixture->renderer, ids[i], NULL);
      g_autofree char *raw = pdf_text (fixture->pdf, "-raw", page + 1);
      g_autofree char *squeezed = squeeze (raw);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *expected_squeezed = NULL;
      const char * const *notes = budget_form_def_get_notes (def);

      g_assert_true (budget_form_is_empty (form));
      for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
        {
          g_autofree char *text = budget_document_expand (fixture->document,
                                                          budget_form_def_get_header_cell (def, h)->text);

          g_string_append (expected, text);
        }
      if (budget_form_def_has_column_numbers (def))
        {
          g_string_append (expected, "栏次");
          for (guint c = 0; c < budget_form_get_n_columns (form); c++)
            g_string_append_printf (expected, "%u", c + 1);
        }
      for (guint n = 0; notes != NULL && notes[n] != NULL; n++)
        g_string_append (expected, notes[n]);
      g_string_append (expected, budget_form_def_get_empty_note (def));
      expected_squeezed = squeeze (expected->str);
      if (strstr (squeezed, expected_squeezed) == NULL)
        g_error ("%s: expected “%s” in “%s”", ids[i], expected_squeezed, squeezed);
    }
}

static GPtrArray *
leaf_codes (const char *prefix,
            guint       count)
{
  GPtrArray *codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = budget_catalog_list_codes (budget_catalog_get ("function"));

  for (guint i = 0; i < all->len && codes->len < count; i++)
    {
      const char *code = g_ptr_array_index (all, i);

      if (strlen (code) == 7 && g_str_has_prefix (code, prefix))
        g_ptr_array_add (codes, (gpointer) code);
    }
  return codes;
}

/* A table longer than a page goes on over the next pages with its header repeated, and no page ends
 * up with a single row. */
static void
test_long_table (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *forms[] = { "T5", NULL };
  BudgetForm *t5 = budget_document_lookup_form (fixture->document, "T5");
  g_autoptr(GPtrArray) codes = leaf_codes ("20", 90);
  g_autofree char *title = NULL;
  guint n_rows;

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (budget_form_find_row (t5, g_ptr_array_index (codes, i)) >= 0)
        continue;
      if (!budget_document_insert_code_row (fixture->document, t5, g_ptr_array_index (codes, i), NULL, &error))
        g_error ("%s", error->message);
    }
  n_rows = budget_form_get_n_rows (t5);
  g_assert_cmpuint (n_rows, >, 90);
  fixture_export (fixture, forms);
  g_assert_cmpuint (fixture->n_pages, >=, 3);
  title = squeeze (budget_form_dup_title (t5));
  if (!have_tool ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  for (guint p = 0; p < fixture->n_pages; p++)
    {
      g_autofree char *text = pdf_text (fixture->pdf, "-layout", p + 1);
      g_autofree char *raw = pdf_text (fixture->pdf, "-raw", p + 1);
      g_autofree char *squeezed = squeeze (raw);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      guint data_rows = 0;

      /* The header rows and the 栏次 row on every page; the title only on the first. */
      g_assert_nonnull (strstr (squeezed, "序号功能分类科目合计基本支出项目支出科目编码科目名称栏次12345"));
      g_assert_true ((strstr (squeezed, title) != NULL) == (p == 0));
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto(GStrv) fields = g_regex_split_simple ("\\s+", g_strstrip (lines[l]), 0, 0);

          if (g_strv_length (fields) >= 2 && g_ascii_isdigit (fields[0][0]) && g_ascii_isdigit (fields[1][0]) &&
              strlen (fields[1]) >= 3)
            data_rows++;
        }
      g_assert_cmpuint (data_rows, >=, 2);
    }
}

/* Printing lays out with GTK's print context: a Pango context of another font map at 72 dpi. It must
 * give the same pages as the PDF path. */
static void
test_print_context (Fixture       *fixture,
                    gconstpointer  data)
{
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(BudgetRenderer) renderer = budget_renderer_new (fixture->document, NULL);
  cairo_font_options_t *options = cairo_font_options_create ();
  guint n_pages;

  /* What gtk_print_context_create_pango_context() sets up for points */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);

  n_pages = budget_renderer_paginate (renderer, context);
  g_assert_cmpuint (n_pages, ==, fixture->n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, width, height, page_width, page_height;

      g_assert_true (budget_renderer_page_is_landscape (renderer, p) ==
                     budget_renderer_page_is_landscape (fixture->renderer, p));
      budget_renderer_draw_page (renderer, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
      budget_renderer_get_page_size (renderer, p, &page_width, &page_height);
      /* something is drawn, and nothing outside the page */
      g_assert_cmpfloat (width, >, 100);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + width, <=, page_width);
      g_assert_cmpfloat (y + height, <=, page_height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_object_unref (context);
  g_object_unref (font_map);
}

/* Subsets of forms, and the errors for forms that cannot be exported. */
static void
test_subset (Fixture       *fixture,
             gconstpointer  data)
{
  const char *tables[] = { "T9", "T1", NULL };
  const char *unknown[] = { "T1", "X1", NULL };
  const char *input[] = { "NF", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (budget_renderer_export_pdf (fixture->document, fixture->pdf, tables, &error));
  g_assert_no_error (error);
  fixture_export (fixture, tables);
  g_assert_cmpuint (fixture->n_pages, ==, 2);
  /* document order, whatever the order asked */
  g_assert_cmpint (budget_renderer_get_form_page (fixture->renderer, "T1", NULL), ==, 0);
  g_assert_cmpint (budget_renderer_get_form_page (fixture->renderer, "T9", NULL), ==, 1);

  g_assert_false (budget_renderer_export_pdf (fixture->document, fixture->pdf, unknown, &error));
  g_assert_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_UNKNOWN_FORM);
  g_clear_error (&error);
  g_assert_false (budget_renderer_export_pdf (fixture->document, fixture->pdf, input, &error));
  g_assert_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_NOT_PUBLISHED);
  g_clear_error (&error);

  /* A folder that cannot be written: an error, and nothing half written. */
  {
    g_autofree char *bad = g_build_filename (fixture->dir, "missing", "out.pdf", NULL);

    g_assert_false (budget_renderer_export_pdf (fixture->document, bad, NULL, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *exe = have_tool ("pdfinfo") ? g_getenv ("BUDGET_EXE") : NULL;
  g_autofree char *single = g_build_filename (fixture->dir, "single.pdf", NULL);
  g_autofree char *batch = g_build_filename (fixture->dir, "batch", NULL);
  g_autofree char *project = g_build_filename (fixture->dir, "department.budget", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.budget", NULL);
  g_autofree char *batch_pdf = g_build_filename (batch, "department.pdf", NULL);
  g_autofree char *sample_pdf = g_build_filename (batch, "sample.pdf", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  if (exe == NULL)
    {
      g_test_skip ("BUDGET_EXE is not set, or pdfinfo is not installed");
      return;
    }
  {
    const char *argv[] = { exe, "--export-pdf", single, "sample", "--forms", "T1,T2", NULL };
    g_autofree char *out = run_tool (argv, &status);
    g_autofree char *info = NULL;

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    info = pdfinfo (single, 0);
    g_assert_nonnull (strstr (info, "Pages:           2\n"));
  }
  {
    const char *argv[] = { exe, "--export-pdf", single, "sample", "--forms", "NF", NULL };
    g_autofree char *out = run_tool (argv, &status);

    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { exe, "--export-pdf", single, NULL };
    g_autofree char *out = run_tool (argv, &status);

    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }

  /* A batch: one PDF per project, a line per project, a failure that does not stop the others and
   * makes the exit status non-zero. */
  g_assert_true (budget_project_save (fixture->document, project, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (broken, "<budget-project", -1, NULL));
  {
    const char *argv[] = { exe, "--export-pdf-batch", batch, project, broken, "sample", NULL };
    g_autofree char *out = run_tool (argv, &status);
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    g_test_message ("%s", out);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (batch_pdf, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (sample_pdf, G_FILE_TEST_IS_REGULAR));
    /* two progress lines on stdout (the failure goes to stderr) and the summary */
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_nonnull (strstr (out, "2 of 3 projects exported"));
  }
  {
    const char *argv[] = { exe, "--export-pdf-batch", batch, project, "sample", "--forms", "T9", NULL };
    g_autofree char *out = run_tool (argv, &status);
    g_autofree char *info = NULL;

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    info = pdfinfo (batch_pdf, 0);
    g_assert_nonnull (strstr (info, "Pages:           1\n"));
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Visual regression                                                                                */

/* Counts the pixels whose colour differs by more than antialiasing would make it differ. */
static guint
count_different_pixels (cairo_surface_t *a,
                        cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride_a = cairo_image_surface_get_stride (a);
  int stride_b = cairo_image_surface_get_stride (b);
  const guchar *data_a = cairo_image_surface_get_data (a);
  const guchar *data_b = cairo_image_surface_get_data (b);
  guint different = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *pa = data_a + y * stride_a + 4 * x;
        const guchar *pb = data_b + y * stride_b + 4 * x;

        for (int c = 0; c < 3; c++)
          if (ABS ((int) pa[c] - (int) pb[c]) > 96)
            {
              different++;
              break;
            }
      }
  return different;
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *image;
  cairo_t *cr;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (png);
      return NULL;
    }
  /* Whatever format pdftoppm wrote: compare in RGB24 on white. */
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (png),
                                      cairo_image_surface_get_height (png));
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (png);
  cairo_surface_flush (image);
  return image;
}

static void
test_sample_images (Fixture       *fixture,
                    gconstpointer  data)
{
  gboolean update = g_getenv ("BUDGET_UPDATE_REFERENCES") != NULL;

  if (!have_tool ("pdftoppm"))
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }
  if (g_strcmp0 (budget_renderer_get_body_font (fixture->renderer), "Noto Serif CJK SC") != 0)
    {
      g_test_skip ("the reference images were made with fonts-noto-cjk");
      return;
    }
  for (guint i = 0; reference_forms[i] != NULL; i++)
    {
      int page = budget_renderer_get_form_page (fixture->renderer, reference_forms[i], NULL);
      g_autofree char *number = g_strdup_printf ("%d", page + 1);
      g_autofree char *prefix = g_build_filename (fixture->dir, reference_forms[i], NULL);
      g_autofree char *rendered_path = g_strconcat (prefix, ".png", NULL);
      g_autofree char *name = g_strdup_printf ("sample-%s.png", reference_forms[i]);
      g_autofree char *reference_path = g_test_build_filename (G_TEST_DIST, "reference", name, NULL);
      const char *argv[] = { "pdftoppm", "-r", "50", "-png", "-singlefile", "-f", number, "-l", number,
                             fixture->pdf, prefix, NULL };
      g_autofree char *out = NULL;
      cairo_surface_t *rendered, *reference;
      guint different, total;

      g_assert_cmpint (page, >=, 0);
      out = run_tool (argv, NULL);
      if (update)
        {
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (rendered_path, &contents, &length, NULL));
          g_assert_true (g_file_set_contents (reference_path, contents, length, NULL));
          g_test_message ("updated %s", reference_path);
          continue;
        }
      rendered = load_png (rendered_path);
      reference = load_png (reference_path);
      if (reference == NULL)
        g_error ("the reference image %s is missing (BUDGET_UPDATE_REFERENCES=1 writes it)", reference_path);
      g_assert_nonnull (rendered);
      g_assert_cmpint (cairo_image_surface_get_width (rendered), ==, cairo_image_surface_get_width (reference));
      g_assert_cmpint (cairo_image_surface_get_height (rendered), ==, cairo_image_surface_get_height (reference));
      different = count_different_pixels (rendered, reference);
      total = cairo_image_surface_get_width (reference) * cairo_image_surface_get_height (reference);
      /* a few stray pixels of antialiasing; a moved rule or a changed word is hundreds */
      if (different > total / 2000)
        g_error ("page %d (%s) differs from %s in %u of %u pixels", page + 1, reference_forms[i],
                 reference_path, different, total);
      cairo_surface_destroy (rendered);
      cairo_surface_destroy (reference);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  fixtured_test ("/render/sample/reading-order", test_sample_reading_order, NULL);
  fixtured_test ("/render/sample/rows-on-lines", test_sample_rows_on_lines, NULL);
  fixtured_test ("/render/sample/fonts", test_sample_fonts, NULL);
  fixtured_test ("/render/sample/pages", test_sample_pages, NULL);
  fixtured_test ("/render/sample/metadata", test_sample_metadata, NULL);
  fixtured_test ("/render/sample/empty-tables", test_sample_empty_tables, NULL);
  fixtured_test ("/render/sample/images", test_sample_images, NULL);
  fixtured_test ("/render/print-context", test_print_context, NULL);
  fixtured_test ("/render/long-table", test_long_table, GINT_TO_POINTER (1));
  fixtured_test ("/render/subset", test_subset, GINT_TO_POINTER (1));
  fixtured_test ("/render/cli", test_cli, GINT_TO_POINTER (1));
  return g_test_run ();
}
