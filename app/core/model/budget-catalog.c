/* budget-catalog.c: the classification catalogs, one per budget year: the bundled ones ship as TSV data in
 * the resources (data/catalogs/<year>/), officers import their province's official list into
 * g_get_user_data_dir()/budget-editor/catalogs/<year>/. A project uses the catalogue of its year, or the
 * newest older one. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "model/budget-catalog.h"
#include "model/budget-document.h"
#include "model/budget-resources.h"

#define RESOURCE_CATALOGS "/io/github/budgeteditor/catalogs/"

struct _BudgetCatalog
{
  GObject     parent_instance;

  char       *name;
  int         year;
  gboolean    imported;     /* from the officer's data folder */
  BudgetCatalog *fallback;  /* a bundled catalogue for the fields an imported list lacks */
  GPtrArray  *fields;       /* column names of the TSV header */
  GHashTable *entries;      /* code → GStrv of the row's fields */
  GPtrArray  *codes;        /* codes in file order */
  guint       levels[3];    /* code lengths of 类, 款, 项 */
  guint       n_levels;
};

G_DEFINE_FINAL_TYPE (BudgetCatalog, budget_catalog, G_TYPE_OBJECT)

static void
budget_catalog_finalize (GObject *object)
{
  BudgetCatalog *self = BUDGET_CATALOG (object);

  g_free (self->name);
  g_clear_object (&self->fallback);
  g_ptr_array_unref (self->fields);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->codes);

  G_OBJECT_CLASS (budget_catalog_parent_class)->finalize (object);
}

static void
budget_catalog_class_init (BudgetCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_catalog_finalize;
}

static void
budget_catalog_init (BudgetCatalog *self)
{
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  self->codes = g_ptr_array_new ();
}

/**
 * budget_catalog_new_from_tsv:
 * @name: "function" or "economic"
 * @tsv: the catalog: a header line, then one code per line
 * @error: return location for an error
 *
 * Returns: (transfer full): a catalog
 */
BudgetCatalog *
budget_catalog_new_from_tsv (const char  *name,
                             const char  *tsv,
                             GError     **error)
{
  g_autoptr(BudgetCatalog) self = g_object_new (BUDGET_TYPE_CATALOG, NULL);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);

  self->name = g_strdup (name);
  if (g_str_equal (name, "economic"))
    {
      self->levels[0] = 3;
      self->levels[1] = 5;
      self->n_levels = 2;
    }
  else
    {
      self->levels[0] = 3;
      self->levels[1] = 5;
      self->levels[2] = 7;
      self->n_levels = 3;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (i == 0)
        {
          for (guint f = 0; fields[f] != NULL; f++)
            g_ptr_array_add (self->fields, g_strdup (fields[f]));
          g_strfreev (fields);
          continue;
        }
      if (fields[0] == NULL || fields[0][0] == '\0' || g_hash_table_contains (self->entries, fields[0]))
        {
          g_strfreev (fields);
          continue;
        }
      g_hash_table_insert (self->entries, fields[0], fields);
      g_ptr_array_add (self->codes, fields[0]);
    }

  if (self->fields->len < 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "catalog %s has no header", name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static GHashTable *catalogs;   /* "name/year/imported" → BudgetCatalog */
static GMutex catalogs_lock;

static char *
user_catalog_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "budget-editor", "catalogs", NULL);
}

/* The years for which a catalogue @name exists, bundled or imported. */
static void
list_years (const char *name,
            GArray     *bundled,
            GArray     *imported)
{
  g_auto(GStrv) children = g_resources_enumerate_children (RESOURCE_CATALOGS, 0, NULL);
  g_autofree char *user_dir = user_catalog_dir ();
  g_autoptr(GDir) dir = g_dir_open (user_dir, 0, NULL);
  g_autofree char *file = g_strconcat (name, ".tsv", NULL);
  const char *entry;

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      int year = atoi (children[i]);
      g_autofree char *path = g_strconcat (RESOURCE_CATALOGS, children[i], file, NULL);

      if (year > 0 && g_resources_get_info (path, 0, NULL, NULL, NULL))
        g_array_append_val (bundled, year);
    }
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      int year = atoi (entry);
      g_autofree char *path = g_build_filename (user_dir, entry, file, NULL);

      if (year > 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_array_append_val (imported, year);
    }
}

/* The newest year in @years not after @year (0: none); @oldest gets the oldest of all. */
static int
newest_not_after (GArray *years,
                  int     year,
                  int    *oldest)
{
  int best = 0;

  *oldest = 0;
  for (guint i = 0; i < years->len; i++)
    {
      int y = g_array_index (years, int, i);

      if (y <= year && y > best)
        best = y;
      if (*oldest == 0 || y < *oldest)
        *oldest = y;
    }
  return best;
}

static BudgetCatalog *load_catalog (const char *name, int year, gboolean imported);

static BudgetCatalog *
load_catalog (const char *name,
              int         year,
              gboolean    imported)
{
  g_autofree char *key = g_strdup_printf ("%s/%d/%d", name, year, imported);
  BudgetCatalog *catalog = g_hash_table_lookup (catalogs, key);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (catalog != NULL)
    return catalog;
  if (imported)
    {
      g_autofree char *dir = user_catalog_dir ();
      g_autofree char *file = g_strconcat (name, ".tsv", NULL);
      g_autofree char *year_text = g_strdup_printf ("%d", year);
      g_autofree char *path = g_build_filename (dir, year_text, file, NULL);

      if (!g_file_get_contents (path, &text, NULL, &error))
        {
          g_warning ("The imported catalogue %s cannot be read: %s", path, error->message);
          return NULL;
        }
    }
  else
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_CATALOGS "%d/%s.tsv", year, name);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

      if (bytes == NULL)
        g_error ("The catalog %s is missing from the resources", path);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  catalog = budget_catalog_new_from_tsv (name, text, &error);
  if (catalog == NULL)
    {
      g_warning ("The catalogue %s %d cannot be used: %s", name, year, error->message);
      return NULL;
    }
  catalog->year = year;
  catalog->imported = imported;
  g_hash_table_insert (catalogs, g_steal_pointer (&key), catalog);
  return catalog;
}

/**
 * budget_catalog_get_for_year:
 * @name: "function" or "economic"
 * @year: a budget year, or 0 for the newest catalogue
 *
 * The catalogue of @year: one the officer imported for that year, else the bundled one; failing both,
 * the newest older one (budget_catalog_get_year() says which), or the oldest there is.
 *
 * Returns: (transfer none): the catalogue
 */
BudgetCatalog *
budget_catalog_get_for_year (const char *name,
                             int         year)
{
  g_autoptr(GArray) bundled = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) imported = g_array_new (FALSE, FALSE, sizeof (int));
  BudgetCatalog *catalog = NULL;
  int bundled_year, imported_year, bundled_oldest, imported_oldest;
  gboolean use_imported;

  budget_core_init ();
  if (year <= 0)
    year = G_MAXINT;
  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  list_years (name, bundled, imported);
  bundled_year = newest_not_after (bundled, year, &bundled_oldest);
  imported_year = newest_not_after (imported, year, &imported_oldest);
  /* The nearest year not after the one asked for; the officer's own list when it is as near. */
  use_imported = imported_year != 0 && imported_year >= bundled_year;
  if (bundled_year == 0 && imported_year == 0)
    {
      /* Only later catalogues: the oldest of them. */
      bundled_year = bundled_oldest;
      use_imported = bundled_oldest == 0;
      imported_year = imported_oldest;
    }
  if (bundled_year == 0)
    bundled_year = bundled_oldest;
  if (use_imported)
    catalog = load_catalog (name, imported_year, TRUE);
  if (catalog == NULL && bundled_year != 0)
    catalog = load_catalog (name, bundled_year, FALSE);
  else if (catalog != NULL && catalog->fallback == NULL && bundled_year != 0)
    catalog->fallback = g_object_ref (load_catalog (name, bundled_year, FALSE));
  g_mutex_unlock (&catalogs_lock);
  if (catalog == NULL)
    g_error ("No catalogue %s is bundled", name);
  return catalog;
}

/**
 * budget_catalog_get:
 * @name: "function" or "economic"
 *
 * Returns: (transfer none): the newest catalogue; a project's forms use budget_form_get_catalog()
 */
BudgetCatalog *
budget_catalog_get (const char *name)
{
  return budget_catalog_get_for_year (name, 0);
}

/**
 * budget_catalog_get_year:
 * @self: a catalogue
 *
 * Returns: the budget year the catalogue is for
 */
int
budget_catalog_get_year (BudgetCatalog *self)
{
  return self->year;
}

/**
 * budget_catalog_is_imported:
 * @self: a catalogue
 *
 * Returns: whether the officer imported it (their province's official list) rather than it being bundled
 */
gboolean
budget_catalog_is_imported (BudgetCatalog *self)
{
  return self->imported;
}

/**
 * budget_catalog_import:
 * @name: "function" or "economic"
 * @year: the budget year the list is for
 * @tsv: the official list: one code and its name per line, separated by a tab (a header line and further
 *   columns are allowed; codes with other characters than digits are refused)
 * @n_codes: (out) (optional): how many codes were imported
 * @error: return location for an error
 *
 * Keeps the list in the officer's data folder, where it is used from then on for projects of @year (and
 * later years that have no list of their own).
 *
 * Returns: whether the list was imported
 */
gboolean
budget_catalog_import (const char  *name,
                       int          year,
                       const char  *tsv,
                       guint       *n_codes,
                       GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new ("code\tname\tlevel\tparent\n");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *file = g_strconcat (name, ".tsv", NULL);
  guint levels[3] = { 3, 5, 7 };
  guint n_levels = g_str_equal (name, "economic") ? 2 : 3;
  guint count = 0;

  if (!g_str_equal (name, "function") && !g_str_equal (name, "economic"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A catalogue is “function” (支出功能分类) or “economic” (经济分类), not “%s”"), name);
      return FALSE;
    }
  if (year < 2000 || year > 2100)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The budget year must be a year between 2000 and 2100"));
      return FALSE;
    }
  if (!g_utf8_validate (tsv, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The catalogue is not valid UTF-8: save it as UTF-8 text"));
      return FALSE;
    }
  lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *code, *label;
      guint len, level = 0;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      code = g_strstrip (fields[0]);
      label = fields[1] != NULL ? g_strstrip (fields[1]) : NULL;
      /* A header line: the first field is not a number. */
      if (count == 0 && !g_ascii_isdigit (code[0]))
        continue;
      len = (guint) strlen (code);
      for (guint l = 0; l < n_levels; l++)
        if (levels[l] == len)
          level = l + 1;
      for (const char *c = code; *c != '\0'; c++)
        if (!g_ascii_isdigit (*c))
          level = 0;
      if (level == 0 || label == NULL || label[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Line %u: “%s” is not a code followed by its name (a tab between them; codes of 3, 5 or 7 digits)"),
                       i + 1, lines[i]);
          return FALSE;
        }
      if (!g_hash_table_add (seen, g_strdup (code)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Line %u: the code %s appears twice"), i + 1, code);
          return FALSE;
        }
      g_string_append_printf (out, "%s\t%s\t%s\t%.*s\n", code, label, level == 1 ? "类" : level == 2 ? "款" : "项",
                              level > 1 ? (int) levels[level - 2] : 0, code);
      count++;
    }
  if (count == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file holds no codes"));
      return FALSE;
    }
  dir = user_catalog_dir ();
  path = g_build_filename (dir, year_text, NULL);
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Cannot create %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  g_free (path);
  path = g_build_filename (dir, year_text, file, NULL);
  if (!g_file_set_contents (path, out->str, (gssize) out->len, error))
    return FALSE;
  /* Loaded anew on next use; the old one stays alive for whoever still holds it. */
  g_mutex_lock (&catalogs_lock);
  if (catalogs != NULL)
    {
      static GPtrArray *retired;
      g_autofree char *key = g_strdup_printf ("%s/%d/1", name, year);
      gpointer old = NULL;
      gpointer old_key = NULL;

      if (g_hash_table_steal_extended (catalogs, key, &old_key, &old))
        {
          g_free (old_key);
          if (retired == NULL)
            retired = g_ptr_array_new ();
          g_ptr_array_add (retired, old);
        }
    }
  g_mutex_unlock (&catalogs_lock);
  if (n_codes != NULL)
    *n_codes = count;
  return TRUE;
}

const char *
budget_catalog_get_name (BudgetCatalog *self)
{
  return self->name;
}

const char *
budget_catalog_lookup_field (BudgetCatalog *self,
                             const char    *code,
                             const char    *field)
{
  char **entry = g_hash_table_lookup (self->entries, code);

  if (entry == NULL)
    return NULL;
  for (guint f = 0; f < self->fields->len; f++)
    if (g_str_equal (g_ptr_array_index (self->fields, f), field))
      {
        for (guint i = 0; i <= f; i++)
          if (entry[i] == NULL)
            return NULL;
        return entry[f];
      }
  /* An imported list has codes and names; the other fields come from the bundled catalogue. */
  return self->fallback != NULL ? budget_catalog_lookup_field (self->fallback, code, field) : NULL;
}

/**
 * budget_catalog_lookup_name:
 * @self: a catalog
 * @code: a code
 *
 * Returns: (nullable): the official name, or %NULL when the code is not in the catalog
 */
const char *
budget_catalog_lookup_name (BudgetCatalog *self,
                            const char    *code)
{
  return budget_catalog_lookup_field (self, code, "name");
}

guint
budget_catalog_get_n_levels (BudgetCatalog *self)
{
  return self->n_levels;
}

guint
budget_catalog_get_level_length (BudgetCatalog *self,
                                 guint          level)
{
  g_return_val_if_fail (level < self->n_levels, 0);
  return self->levels[level];
}

/**
 * budget_catalog_level_of:
 * @self: a catalog
 * @code: a code
 *
 * Returns: 1 for a 类, 2 for a 款, 3 for a 项; -1 when the code has no valid length
 */
int
budget_catalog_level_of (BudgetCatalog *self,
                         const char    *code)
{
  gsize len = strlen (code);

  for (guint i = 0; i < self->n_levels; i++)
    if (len == self->levels[i])
      return (int) i + 1;
  return -1;
}

/**
 * budget_catalog_parent_code:
 * @self: a catalog
 * @code: a code
 *
 * Returns: (transfer full) (nullable): the code of the parent row (a prefix), or %NULL for a 类
 */
char *
budget_catalog_parent_code (BudgetCatalog *self,
                            const char    *code)
{
  int level = budget_catalog_level_of (self, code);

  if (level <= 1)
    return NULL;
  return g_strndup (code, self->levels[level - 2]);
}

/**
 * budget_catalog_check_code:
 * @self: a catalog
 * @code: a code typed by an officer
 * @leaf: whether the code must be of the deepest level (a 项, or an economic 款)
 * @error: return location for an error
 *
 * A code that is not in the catalog is accepted (catalogs change every year); the checks flag it.
 *
 * Returns: whether the code is well-formed
 */
gboolean
budget_catalog_check_code (BudgetCatalog  *self,
                           const char     *code,
                           gboolean        leaf,
                           GError        **error)
{
  gsize len = strlen (code);
  guint deepest = self->levels[self->n_levels - 1];

  for (const char *p = code; *p; p++)
    if (!g_ascii_isdigit (*p))
      {
        g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE,
                     _("The code “%s” must contain digits only"), code);
        return FALSE;
      }
  if (leaf && len != deepest)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE,
                   _("The code “%s” must have %u digits: amounts are entered on the most detailed level"),
                   code, deepest);
      return FALSE;
    }
  if (budget_catalog_level_of (self, code) < 0)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE,
                   _("The code “%s” has %u digits; codes of this classification have %u, %u or %u digits"),
                   code, (guint) len, self->levels[0], self->levels[1], self->levels[self->n_levels - 1]);
      return FALSE;
    }
  return TRUE;
}

/**
 * budget_catalog_list_codes:
 * @self: a catalog
 *
 * Returns: (transfer none) (element-type utf8): every code, in catalog order
 */
GPtrArray *
budget_catalog_list_codes (BudgetCatalog *self)
{
  return self->codes;
}

/* Performance indicators: rows of (scheme, level1, level2). */
static GPtrArray *
performance_rows (void)
{
  static GPtrArray *rows;

  if (g_once_init_enter (&rows))
    {
      GPtrArray *list = g_ptr_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      budget_core_init ();
      bytes = g_resources_lookup_data (RESOURCE_CATALOGS "performance-indicators.tsv", 0, NULL);

      if (bytes == NULL)
        g_error ("The performance indicator catalog is missing from the resources");
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          char **fields = g_strsplit (lines[i], "\t", 4);

          if (g_strv_length (fields) >= 3)
            g_ptr_array_add (list, fields);
          else
            g_strfreev (fields);
        }
      g_once_init_leave (&rows, list);
    }
  return rows;
}

static void
add_unique (GPtrArray  *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), value))
      return;
  g_ptr_array_add (list, g_strdup (value));
}

/**
 * budget_performance_level1:
 * @scheme: "A" or "B"
 *
 * Returns: (transfer full): the allowed 一级指标 of the scheme, in catalog order
 */
char **
budget_performance_level1 (const char *scheme)
{
  GPtrArray *rows = performance_rows ();
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], scheme))
        add_unique (result, row[1]);
    }
  g_ptr_array_add (result, NULL);
  return (char **) g_ptr_array_free (result, FALSE);
}

/**
 * budget_performance_level2:
 * @scheme: "A" or "B"
 * @level1: (nullable): a 一级指标, or %NULL for every 二级指标 of the scheme
 *
 * Returns: (transfer full): the allowed 二级指标
 */
char **
budget_performance_level2 (const char *scheme,
                           const char *level1)
{
  GPtrArray *rows = performance_rows ();
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], scheme) && (level1 == NULL || g_str_equal (row[1], level1)))
        add_unique (result, row[2]);
    }
  g_ptr_array_add (result, NULL);
  return (char **) g_ptr_array_free (result, FALSE);
}

gboolean
budget_performance_pair_allowed (const char *scheme,
                                 const char *level1,
                                 const char *level2)
{
  GPtrArray *rows = performance_rows ();

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], scheme) && g_str_equal (row[1], level1) && g_str_equal (row[2], level2))
        return TRUE;
    }
  return FALSE;
}

/**
 * budget_normalize_name:
 * @name: a classification name
 *
 * Names are compared after mapping half-width brackets to the catalog's full-width ones and removing
 * spaces, because published tables mix both (维修(护)费 and 维修（护）费).
 *
 * Returns: (transfer full): the normalised name
 */
char *
budget_normalize_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(')
        c = 0xFF08;
      else if (c == ')')
        c = 0xFF09;
      else if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
