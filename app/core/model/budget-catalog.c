/* budget-catalog.c: the classification catalogs ship as TSV data in the resources (data/catalogs) */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "model/budget-catalog.h"
#include "model/budget-document.h"
#include "model/budget-resources.h"

#define RESOURCE_CATALOGS "/io/github/budgeteditor/catalogs/"

struct _BudgetCatalog
{
  GObject     parent_instance;

  char       *name;
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

/**
 * budget_catalog_get:
 * @name: "function" or "economic"
 *
 * Returns: (transfer none): the bundled catalog
 */
BudgetCatalog *
budget_catalog_get (const char *name)
{
  static GHashTable *catalogs;
  static GMutex lock;
  BudgetCatalog *catalog;

  budget_core_init ();
  g_mutex_lock (&lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  catalog = g_hash_table_lookup (catalogs, name);
  if (catalog == NULL)
    {
      const char *file = g_str_equal (name, "economic") ? "economic-classification-2023.tsv"
                                                        : "function-classification.tsv";
      g_autofree char *path = g_strconcat (RESOURCE_CATALOGS, file, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autofree char *text = NULL;

      if (bytes == NULL)
        g_error ("The catalog %s is missing from the resources", path);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      catalog = budget_catalog_new_from_tsv (name, text, NULL);
      g_hash_table_insert (catalogs, catalog->name, catalog);
    }
  g_mutex_unlock (&lock);

  return catalog;
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
  return NULL;
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
