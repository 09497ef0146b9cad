/* budget-project-io.c: reading and writing project files (doc/project-format.md)
 *
 * Reading refuses any DOCTYPE before libxml2 sees the file (no entities, no external resources, no
 * entity bombs), parses with XML_PARSE_NONET, checks the format version, validates against the RELAX NG
 * schema of the resources and reports the first problem with its line. Writing is deterministic
 * (sorted metadata, document order, exact decimals) and safe (io/budget-safe-save.c: a temporary
 * file next to the target, flushed, renamed; backups kept; never written in place).
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlwriter.h>

#include "model/budget-catalog.h"
#include "model/budget-document-private.h"
#include "io/budget-project-io.h"
#include "io/budget-safe-save.h"
#include "model/budget-resources.h"
#include "model/budget-xml-private.h"

#define SCHEMA_RESOURCE "/io/github/budgeteditor/budget-project.rng"

/* Far above any department's budget (the sample is 60 KB with 1 000 rows), and low enough that a
 * hostile or broken file is refused before it takes gigabytes of memory. */
#define MAX_FILE_SIZE      (64 * 1024 * 1024)
#define MAX_ROWS_PER_FORM  20000u
#define MAX_ROWS           200000u   /* <row> and <cell> elements of the whole file */

typedef struct
{
  int   line;
  char *message;
} FirstError;

/* The message is valid UTF-8 whatever the file name and the file's bytes. */
static gboolean
load_error (GError     **error,
            int          code,
            const char  *name,
            long         line,
            const char  *message)
{
  g_autofree char *valid_name = g_utf8_make_valid (name, -1);
  g_autofree char *valid_message = g_utf8_make_valid (message, -1);

  if (line > 0)
    g_set_error (error, BUDGET_DOCUMENT_ERROR, code, _("%s, line %ld: %s"), valid_name, line, valid_message);
  else
    g_set_error (error, BUDGET_DOCUMENT_ERROR, code, "%s: %s", valid_name, valid_message);
  return FALSE;
}

static void
collect_first_error (void        *data,
                     const xmlError *xml_error)
{
  FirstError *first = data;
  g_autofree char *message = NULL;

  if (first->message != NULL || xml_error == NULL)
    return;
  message = g_strdup (xml_error->message != NULL ? xml_error->message : "invalid");
  first->line = xml_error->line;
  first->message = g_strdup (g_strstrip (message));
}

static xmlRelaxNGPtr
project_schema (void)
{
  static xmlRelaxNGPtr schema;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = NULL;
      xmlRelaxNGParserCtxtPtr ctxt;
      xmlRelaxNGPtr parsed;

      budget_core_init ();
      bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, NULL);

      if (bytes == NULL)
        g_error ("The project file schema is missing from the resources");
      ctxt = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
      parsed = xmlRelaxNGParse (ctxt);
      xmlRelaxNGFreeParserCtxt (ctxt);
      if (parsed == NULL)
        g_error ("The project file schema does not parse");
      g_once_init_leave (&schema, parsed);
    }
  return schema;
}




/* Reads the value of a <v> or <cell> into @row's column @col. */
static gboolean
read_value (BudgetForm  *form,
            BudgetRow   *row,
            const char  *column,
            xmlNode     *node,
            gboolean     must_be_entered,
            GHashTable  *seen,
            const char  *name,
            GError     **error)
{
  int col = budget_form_def_find_column (budget_form_get_def (form), column != NULL ? column : "");
  g_autofree char *text = budget_xml_content (node);
  g_autoptr(GError) parse_error = NULL;
  const BudgetColumnDef *def;
  gboolean ok;

  if (col < 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s has no column “%s”"), budget_form_get_id (form), column);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }
  def = budget_form_def_get_column (budget_form_get_def (form), (guint) col);
  /* A second value for one cell would silently replace the first: the file is damaged. */
  if (!g_hash_table_add (seen, g_strdup_printf ("%s\x1f%d", row->key, col)))
    {
      g_autofree char *message = g_strdup_printf (_("%s %s %s appears twice"), budget_form_get_id (form),
                                                  row->key, column);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }
  if (must_be_entered && budget_form_get_cell_kind (form, row->index, (guint) col) != BUDGET_CELL_ENTERED)
    {
      g_autofree char *message = g_strdup_printf (_("%s %s %s is computed and cannot be stored"),
                                                  budget_form_get_id (form), row->key, column);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }
  if (def->type == BUDGET_COLUMN_TEXT)
    {
      if (row->texts == NULL)
        return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), _("not a text column"));
      g_free (row->texts[col]);
      row->texts[col] = g_steal_pointer (&text);
      return TRUE;
    }
  if (def->type == BUDGET_COLUMN_QUANTITY)
    ok = budget_quantity_parse (text, &row->values[col], &parse_error);
  else if (def->type == BUDGET_COLUMN_AMOUNT)
    ok = budget_amount_parse (text, &row->values[col], &parse_error);
  else
    {
      g_autofree char *message = g_strdup_printf (_("the column “%s” holds no values"), column);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }
  if (!ok)
    return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), parse_error->message);
  return TRUE;
}

static gboolean
too_many_rows (BudgetForm  *form,
               xmlNode     *node,
               const char  *name,
               GError     **error)
{
  g_autofree char *message = NULL;

  if (budget_form_get_n_rows (form) < MAX_ROWS_PER_FORM)
    return FALSE;
  message = g_strdup_printf (_("%s has more than %u rows, more than a budget form can have"),
                             budget_form_get_id (form), MAX_ROWS_PER_FORM);
  return !load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
}

static gboolean
read_list_row (BudgetForm  *form,
               xmlNode     *node,
               GHashTable  *seen,
               const char  *name,
               GError     **error)
{
  g_autofree char *key = NULL;
  BudgetRow *row;

  if (too_many_rows (form, node, name, error))
    return FALSE;
  key = budget_form_next_list_key (form);
  row = budget_row_new (form, key, BUDGET_ROW_LIST);
  budget_form_append_row (form, row);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *column = NULL;

      if (!budget_xml_is_element (child, "v") && !budget_xml_is_element (child, "t"))
        continue;
      column = budget_xml_prop (child, "c");
      if (!read_value (form, row, column, child, TRUE, seen, name, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_form (BudgetDocument  *doc,
           xmlNode         *node,
           GHashTable      *forms_seen,
           const char      *name,
           GError         **error)
{
  g_autofree char *id = budget_xml_prop (node, "id");
  g_autofree char *def_id = budget_xml_prop (node, "def");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  BudgetForm *form;
  BudgetFormKind kind;

  if (id != NULL && !g_hash_table_add (forms_seen, g_strdup (id)))
    {
      g_autofree char *message = g_strdup_printf (_("the form %s appears twice"), id);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }

  if (def_id != NULL)
    {
      BudgetFormDef *def = budget_form_defs_lookup (def_id);

      if (def == NULL || budget_form_def_get_kind (def) != BUDGET_FORM_KIND_PERFORMANCE)
        {
          g_autofree char *message = g_strdup_printf (_("unknown form template “%s”"), def_id);
          return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
        }
      if (budget_document_lookup_form (doc, id) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("the form %s appears twice"), id);
          return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
        }
      form = budget_document_add_form_internal (doc, def_id, id, -1);
    }
  else
    form = budget_document_lookup_form (doc, id);
  if (form == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown form “%s”"), id);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (node), message);
    }

  kind = budget_form_get_kind (form);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (kind == BUDGET_FORM_KIND_CODED && budget_xml_is_element (child, "row"))
        {
          g_autofree char *code = budget_xml_prop (child, "code");
          g_autofree char *row_name = budget_xml_prop (child, "name");
          g_autoptr(GError) code_error = NULL;
          BudgetCatalog *catalog = budget_catalog_get (budget_form_def_get_catalog (budget_form_get_def (form)));
          BudgetRow *row;

          if (!budget_form_def_has_own_rows (budget_form_get_def (form)))
            {
              g_autofree char *message = g_strdup_printf (_("the rows of %s are computed and cannot be stored"), id);
              return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (child), message);
            }
          if (code == NULL || !budget_catalog_check_code (catalog, code, TRUE, &code_error))
            return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (child),
                               code_error != NULL ? code_error->message : _("a row without a code"));
          if (budget_form_lookup_row (form, code) != NULL)
            {
              g_autofree char *message = g_strdup_printf (_("the code %s appears twice in %s"), code, id);
              return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (child), message);
            }
          if (too_many_rows (form, child, name, error))
            return FALSE;
          row = budget_document_add_code_row_internal (doc, form, code, row_name);
          for (xmlNode *v = child->children; v != NULL; v = v->next)
            {
              g_autofree char *column = NULL;

              if (!budget_xml_is_element (v, "v"))
                continue;
              column = budget_xml_prop (v, "c");
              if (!read_value (form, row, column, v, TRUE, seen, name, error))
                return FALSE;
            }
        }
      else if (kind == BUDGET_FORM_KIND_FIXED && budget_xml_is_element (child, "cell"))
        {
          g_autofree char *row_key = budget_xml_prop (child, "row");
          g_autofree char *column = budget_xml_prop (child, "c");
          BudgetRow *row = budget_form_lookup_row (form, row_key != NULL ? row_key : "");

          if (row == NULL)
            {
              g_autofree char *message = g_strdup_printf (_("%s has no row “%s”"), id, row_key);
              return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (child), message);
            }
          if (!read_value (form, row, column, child, TRUE, seen, name, error))
            return FALSE;
        }
      else if ((kind == BUDGET_FORM_KIND_LIST || kind == BUDGET_FORM_KIND_PERFORMANCE) && budget_xml_is_element (child, "row"))
        {
          if (!read_list_row (form, child, seen, name, error))
            return FALSE;
        }
      else if (kind == BUDGET_FORM_KIND_PERFORMANCE && budget_xml_is_element (child, "title"))
        {
          g_autofree char *name = budget_xml_content (child);

          budget_form_set_text_property (form, "name", name);
        }
      else if (kind == BUDGET_FORM_KIND_PERFORMANCE && budget_xml_is_element (child, "goal"))
        {
          g_autofree char *goal = budget_xml_content (child);

          budget_form_set_text_property (form, "goal", goal);
        }
      else if (kind == BUDGET_FORM_KIND_TEXT && budget_xml_is_element (child, "text"))
        {
          g_autofree char *text = budget_xml_content (child);

          budget_form_set_text_property (form, "text", text);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("<%s> does not belong in the form %s"),
                                                      (const char *) child->name, id);
          return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (child), message);
        }
    }
  return TRUE;
}

/* The line of the first occurrence of @needle, or 0. */
static long
line_of (const char *data,
         gsize       size,
         const char *needle)
{
  gsize n = strlen (needle);
  long line = 1;

  for (gsize i = 0; i + n <= size; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (g_ascii_strncasecmp (data + i, needle, n) == 0)
        return line;
    }
  return 0;
}

/* The line of the (@limit + 1)th <row or <cell element, or 0 when there are at most @limit. */
static long
line_past_row_limit (const char *data,
                     gsize       size,
                     guint       limit)
{
  long line = 1;
  guint count = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '<' && ((i + 4 < size && memcmp (data + i + 1, "row", 3) == 0) ||
                                  (i + 5 < size && memcmp (data + i + 1, "cell", 4) == 0)) &&
               ++count > limit)
        return line;
    }
  return 0;
}

/* A total that does not fit saturates in the model; on load it is an error, not a clamped figure. */
static gboolean
check_totals (BudgetDocument  *doc,
              const char      *name,
              GError         **error)
{
  for (guint f = 0; f < budget_document_get_n_forms (doc); f++)
    {
      BudgetForm *form = budget_document_get_form (doc, f);

      for (guint r = 0; r < budget_form_get_n_rows (form); r++)
        for (guint c = 0; c < budget_form_get_n_columns (form); c++)
          {
            gint64 value = budget_form_get_value (form, r, c);
            g_autofree char *message = NULL;

            if (value != G_MAXINT64 && value != G_MININT64)
              continue;
            message = g_strdup_printf (_("the amounts of %s add up to more than a total can hold "
                                         "(row %s, column %s): check the amounts entered"),
                                       budget_form_get_short_title (form), budget_form_get_row_key (form, r),
                                       budget_form_def_get_column (budget_form_get_def (form), c)->id);
            return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, 0, message);
          }
    }
  return TRUE;
}

static gboolean
read_meta (BudgetDocument  *doc,
           xmlNode         *node,
           GHashTable      *seen,
           const char      *name,
           GError         **error)
{
  for (xmlNode *item = node->children; item != NULL; item = item->next)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) invalid = NULL;

      if (!budget_xml_is_element (item, "item"))
        continue;
      key = budget_xml_prop (item, "key");
      value = budget_xml_content (item);
      if (key == NULL)
        return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (item), _("a property without a key"));
      if (!g_hash_table_add (seen, g_strdup (key)))
        {
          g_autofree char *message = g_strdup_printf (_("the document property %s appears twice"), key);
          return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (item), message);
        }
      if (!budget_document_validate_meta (key, value, &invalid))
        return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (item), invalid->message);
      budget_document_set_meta_internal (doc, key, value);
    }
  return TRUE;
}

/**
 * budget_project_load_bytes:
 * @bytes: the content of a project file
 * @name: the file name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with an error that names the line
 */
BudgetDocument *
budget_project_load_bytes (GBytes      *bytes,
                           const char  *name,
                           GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(BudgetDocument) doc = NULL;
  xmlParserCtxtPtr parser;
  xmlDocPtr xml;
  xmlNode *root;
  g_autofree char *version_text = NULL;
  guint64 version;
  FirstError first = { 0, NULL };
  xmlRelaxNGValidCtxtPtr validator;
  g_autoptr(GHashTable) meta_seen = NULL;
  g_autoptr(GHashTable) forms_seen = NULL;
  long line;

  if (size == 0)
    return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, 0, _("the file is empty")), NULL;
  if (size > MAX_FILE_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("the file is %u MB, larger than any budget project can be "
                                                    "(%u MB)"),
                                                  (guint) (size / (1024 * 1024)), (guint) (MAX_FILE_SIZE / (1024 * 1024)));
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, 0, message), NULL;
    }
  /* Entities are the door to external resources and entity bombs: project files never need them. */
  if ((line = line_of (data, size, "<!DOCTYPE")) > 0 || (line = line_of (data, size, "<!ENTITY")) > 0)
    return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, line,
                       _("document type declarations and entities are not allowed in project files")), NULL;
  if ((line = line_past_row_limit (data, size, MAX_ROWS)) > 0)
    {
      g_autofree char *message = g_strdup_printf (_("the file has more than %u rows and cells, more than the "
                                                    "forms of a budget can have"), MAX_ROWS);
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, line, message), NULL;
    }

  parser = xmlNewParserCtxt ();
  xml = xmlCtxtReadMemory (parser, data, (int) size, name, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (xml == NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (parser);
      g_autofree char *message = g_strdup (xml_error != NULL && xml_error->message != NULL
                                           ? xml_error->message : "not well-formed XML");

      load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xml_error != NULL ? xml_error->line : 0,
                  g_strstrip (message));
      xmlFreeParserCtxt (parser);
      return NULL;
    }
  xmlFreeParserCtxt (parser);

  root = xmlDocGetRootElement (xml);
  if (!budget_xml_is_element (root, "budget-project"))
    {
      load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, root != NULL ? xmlGetLineNo (root) : 1,
                  _("this is not a budget project file"));
      xmlFreeDoc (xml);
      return NULL;
    }
  version_text = budget_xml_prop (root, "format-version");
  if (version_text == NULL || !g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXUINT32, &version, NULL))
    {
      load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, xmlGetLineNo (root), _("missing or invalid format-version"));
      xmlFreeDoc (xml);
      return NULL;
    }
  if (version > BUDGET_PROJECT_FORMAT_VERSION)
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_VERSION,
                   _("%s was saved in project format %u by a newer Budget Editor; this version reads format %u. "
                     "Open it with a newer version."),
                   name, (guint) version, BUDGET_PROJECT_FORMAT_VERSION);
      xmlFreeDoc (xml);
      return NULL;
    }

  validator = xmlRelaxNGNewValidCtxt (project_schema ());
  xmlRelaxNGSetValidStructuredErrors (validator, (xmlStructuredErrorFunc) collect_first_error, &first);
  if (xmlRelaxNGValidateDoc (validator, xml) != 0)
    {
      load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, name, first.line,
                  first.message != NULL ? first.message : _("the file does not match the project format"));
      g_free (first.message);
      xmlRelaxNGFreeValidCtxt (validator);
      xmlFreeDoc (xml);
      return NULL;
    }
  xmlRelaxNGFreeValidCtxt (validator);

  doc = budget_document_new ();
  meta_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  forms_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      gboolean ok = TRUE;

      if (budget_xml_is_element (node, "meta"))
        ok = read_meta (doc, node, meta_seen, name, error);
      else if (budget_xml_is_element (node, "form"))
        ok = read_form (doc, node, forms_seen, name, error);
      if (!ok)
        {
          xmlFreeDoc (xml);
          return NULL;
        }
    }
  xmlFreeDoc (xml);

  budget_document_finish_load (doc, NULL);
  if (!check_totals (doc, name, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/**
 * budget_project_load_file:
 * @path: a project file
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document
 */
BudgetDocument *
budget_project_load_file (const char  *path,
                          GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *basename = g_filename_display_basename (path);
  gsize size;
  g_autoptr(GBytes) bytes = NULL;
  BudgetDocument *doc;

  GStatBuf st;

  /* A file too large to be a budget is refused before it is read into memory. */
  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("the file is %u MB, larger than any budget project can be "
                                                    "(%u MB)"),
                                                  (guint) MIN (st.st_size / (1024 * 1024), G_MAXUINT),
                                                  (guint) (MAX_FILE_SIZE / (1024 * 1024)));
      return load_error (error, BUDGET_DOCUMENT_ERROR_LOAD, basename, 0, message), NULL;
    }
  if (!g_file_get_contents (path, &data, &size, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  doc = budget_project_load_bytes (bytes, basename, error);
  if (doc != NULL)
    budget_document_mark_saved (doc, path);
  return doc;
}

/* The writer reads the document through the model's public functions only. */
static void
write_value (xmlTextWriterPtr  writer,
             const char       *element,
             BudgetForm       *form,
             guint             row,
             guint             col)
{
  const BudgetColumnDef *def = budget_form_def_get_column (budget_form_get_def (form), col);
  gint64 value = budget_form_get_value (form, row, col);
  g_autofree char *text = NULL;

  if (def->type == BUDGET_COLUMN_TEXT)
    {
      const char *cell = budget_form_get_cell_text (form, row, col);

      if (cell == NULL || cell[0] == '\0')
        return;
      text = g_strdup (cell);
    }
  else if (value == 0)
    return;
  else if (def->type == BUDGET_COLUMN_QUANTITY)
    text = budget_quantity_format (value);
  else
    text = budget_amount_format_exact (value);

  xmlTextWriterStartElement (writer, BAD_CAST element);
  if (g_str_equal (element, "cell"))
    xmlTextWriterWriteAttribute (writer, BAD_CAST "row", BAD_CAST budget_form_get_row_key (form, row));
  xmlTextWriterWriteAttribute (writer, BAD_CAST "c", BAD_CAST def->id);
  xmlTextWriterWriteString (writer, BAD_CAST text);
  xmlTextWriterEndElement (writer);
}

static gboolean
form_has_content (BudgetForm *form)
{
  guint n_rows = budget_form_get_n_rows (form);
  const char *text;

  switch (budget_form_get_kind (form))
    {
    case BUDGET_FORM_KIND_PERFORMANCE:
      return TRUE;
    case BUDGET_FORM_KIND_TEXT:
      text = budget_form_get_text (form);
      return text != NULL && text[0] != '\0';
    case BUDGET_FORM_KIND_LIST:
      return n_rows > 0;
    case BUDGET_FORM_KIND_CODED:
      for (guint i = 0; i < n_rows; i++)
        if (budget_form_row_is_own (form, i))
          return TRUE;
      return FALSE;
    case BUDGET_FORM_KIND_FIXED:
    default:
      for (guint i = 0; i < n_rows; i++)
        for (guint c = 0; c < budget_form_get_n_columns (form); c++)
          if (budget_form_get_cell_kind (form, i, c) == BUDGET_CELL_ENTERED && budget_form_get_value (form, i, c) != 0)
            return TRUE;
      return FALSE;
    }
}

static void
write_row_cells (xmlTextWriterPtr  writer,
                 BudgetForm       *form,
                 guint             row,
                 const char       *element)
{
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      const BudgetColumnDef *def = budget_form_def_get_column (budget_form_get_def (form), c);

      if (!budget_form_column_is_entered (form, c))
        continue;
      write_value (writer, def->type == BUDGET_COLUMN_TEXT ? "t" : element, form, row, c);
    }
}

static void
write_form (xmlTextWriterPtr  writer,
            BudgetForm       *form)
{
  BudgetFormKind kind = budget_form_get_kind (form);

  if (!form_has_content (form))
    return;
  xmlTextWriterStartElement (writer, BAD_CAST "form");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST budget_form_get_id (form));
  if (kind == BUDGET_FORM_KIND_PERFORMANCE)
    {
      const char *title = budget_form_get_name (form);
      const char *goal = budget_form_get_goal (form);

      xmlTextWriterWriteAttribute (writer, BAD_CAST "def", BAD_CAST budget_form_def_get_id (budget_form_get_def (form)));
      xmlTextWriterWriteElement (writer, BAD_CAST "title", BAD_CAST (title != NULL ? title : ""));
      xmlTextWriterWriteElement (writer, BAD_CAST "goal", BAD_CAST (goal != NULL ? goal : ""));
    }
  if (kind == BUDGET_FORM_KIND_TEXT)
    xmlTextWriterWriteElement (writer, BAD_CAST "text", BAD_CAST budget_form_get_text (form));

  for (guint i = 0; i < budget_form_get_n_rows (form); i++)
    {
      switch (kind)
        {
        case BUDGET_FORM_KIND_CODED:
          if (!budget_form_row_is_own (form, i))
            break;
          xmlTextWriterStartElement (writer, BAD_CAST "row");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST budget_form_get_row_key (form, i));
          if (budget_form_row_has_custom_name (form, i))
            xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST budget_form_get_row_name (form, i));
          write_row_cells (writer, form, i, "v");
          xmlTextWriterEndElement (writer);
          break;
        case BUDGET_FORM_KIND_FIXED:
          for (guint c = 0; c < budget_form_get_n_columns (form); c++)
            if (budget_form_get_cell_kind (form, i, c) == BUDGET_CELL_ENTERED)
              write_value (writer, "cell", form, i, c);
          break;
        case BUDGET_FORM_KIND_LIST:
        case BUDGET_FORM_KIND_PERFORMANCE:
          xmlTextWriterStartElement (writer, BAD_CAST "row");
          write_row_cells (writer, form, i, "v");
          xmlTextWriterEndElement (writer);
          break;
        case BUDGET_FORM_KIND_TEXT:
        default:
          break;
        }
    }
  xmlTextWriterEndElement (writer);
}

/**
 * budget_project_serialize:
 * @doc: a document
 *
 * Returns: (transfer full): the project file: entered values and metadata only, byte-deterministic
 */
GBytes *
budget_project_serialize (BudgetDocument *doc)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  g_auto(GStrv) keys = budget_document_list_meta_keys (doc);
  g_autofree char *version = g_strdup_printf ("%u", BUDGET_PROJECT_FORMAT_VERSION);
  GBytes *bytes;

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "budget-project");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "format-version", BAD_CAST version);

  xmlTextWriterStartElement (writer, BAD_CAST "meta");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "item");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "key", BAD_CAST keys[i]);
      xmlTextWriterWriteString (writer, BAD_CAST budget_document_get_meta (doc, keys[i]));
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);

  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    write_form (writer, budget_document_get_form (doc, i));

  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);

  bytes = g_bytes_new (xmlBufferContent (buffer), (gsize) xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

/**
 * budget_project_save_file:
 * @doc: a document
 * @path: where to save
 * @error: return location for an error
 *
 * Saves with %BUDGET_SAFE_SAVE_DEFAULT_BACKUPS backup generations; see budget_project_save_file_full().
 *
 * Returns: whether the file was saved
 */
gboolean
budget_project_save_file (BudgetDocument  *doc,
                          const char      *path,
                          GError         **error)
{
  return budget_project_save_file_full (doc, path, BUDGET_SAFE_SAVE_DEFAULT_BACKUPS, error);
}

/**
 * budget_project_save_file_full:
 * @doc: a document
 * @path: where to save
 * @n_backups: how many previous versions to keep ("<path>~", "<path>~2"…)
 * @error: return location for an error
 *
 * Saves through #BudgetSafeSave: a failed or interrupted save leaves the previous file and its
 * backups as they were.
 *
 * Returns: whether the file was saved
 */
gboolean
budget_project_save_file_full (BudgetDocument  *doc,
                               const char      *path,
                               guint            n_backups,
                               GError         **error)
{
  g_autoptr(GBytes) bytes = budget_project_serialize (doc);
  g_autoptr(BudgetSafeSave) saver = budget_safe_save_new (path);
  g_autoptr(GError) local_error = NULL;

  budget_safe_save_set_n_backups (saver, n_backups);
  if (!budget_safe_save_write (saver, bytes, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_SAVE,
                   _("Could not save %s: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * budget_project_save:
 * @doc: a document
 * @path: where to save it
 * @error: return location for an error
 *
 * Saves @doc as budget_project_save_file() does and marks it unmodified, at @path.
 *
 * Returns: whether the file was saved
 */
gboolean
budget_project_save (BudgetDocument  *doc,
                     const char      *path,
                     GError         **error)
{
  if (!budget_project_save_file (doc, path, error))
    return FALSE;
  budget_document_mark_saved (doc, path);
  return TRUE;
}

/**
 * budget_project_save_full:
 * @doc: a document
 * @path: where to save it
 * @n_backups: how many previous versions to keep ("@path~", "@path~2"…)
 * @error: return location for an error
 *
 * Saves @doc as budget_project_save_file_full() does and marks it unmodified, at @path.
 *
 * Returns: whether the file was saved; on failure the file and its backups are as they were
 */
gboolean
budget_project_save_full (BudgetDocument  *doc,
                          const char      *path,
                          guint            n_backups,
                          GError         **error)
{
  if (!budget_project_save_file_full (doc, path, n_backups, error))
    return FALSE;
  budget_document_mark_saved (doc, path);
  return TRUE;
}

/**
 * budget_project_load_sample:
 *
 * Returns: (transfer full): the bundled sample project (the 2023 disclosure of a district 科技和工信部门)
 */
BudgetDocument *
budget_project_load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  BudgetDocument *doc;

  budget_core_init ();
  bytes = g_resources_lookup_data ("/io/github/budgeteditor/sample/sample-2023.budget", 0, &error);
  if (bytes == NULL)
    g_error ("The sample project is missing from the resources: %s", error->message);
  doc = budget_project_load_bytes (bytes, "sample-2023.budget", &error);
  if (doc == NULL)
    g_error ("The bundled sample project does not load: %s", error->message);
  return doc;
}
