/* budget-xlsx-reader.c: the cells of an XLSX workbook
 *
 * libgsf opens the zip (and recognises the OLE container of a legacy .xls or of a password-protected
 * workbook); libxml2's streaming reader reads the parts. Nothing is trusted: every part's declared and
 * actual size is capped, the total as well, no DTD is accepted and the network is never used, and rows
 * and cells are counted as they are read.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "io/budget-xlsx-reader.h"

#define COL_BITS 14u
#define MAX_COLS (1u << COL_BITS)

G_DEFINE_QUARK (budget-xlsx-error-quark, budget_xlsx_error)

/* libgsf 1.14 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

typedef struct
{
  GsfInfile *zip;
  guint64    total;   /* decompressed bytes read so far */
  guint      cells;   /* cells read so far, all sheets */
} Reader;

static void
cell_free (gpointer data)
{
  BudgetXlsxCell *cell = data;

  g_free (cell->text);
  g_free (cell);
}

void
budget_xlsx_sheet_free (BudgetXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

const BudgetXlsxCell *
budget_xlsx_sheet_get_cell (BudgetXlsxSheet *sheet,
                            guint            row,
                            guint            col)
{
  if (row >= sheet->n_rows || col >= sheet->n_cols)
    return NULL;
  return g_hash_table_lookup (sheet->cells, GUINT_TO_POINTER (row << COL_BITS | col));
}

/**
 * budget_xlsx_cell_name:
 * @row: 0-based row
 * @col: 0-based column
 *
 * Returns: (transfer full): the cell's A1 name, e.g. "D7"
 */
char *
budget_xlsx_cell_name (guint row,
                       guint col)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  col++;
  while (col > 0 && i > 0)
    {
      letters[--i] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  return g_strdup_printf ("%s%u", letters + i, row + 1);
}

/* "D7" → row 6, column 3. */
static gboolean
parse_cell_ref (const char *ref,
                guint      *row,
                guint      *col)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > MAX_COLS)
        return FALSE;
      p++;
    }
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint64) (*p - '0');
      if (r > G_MAXUINT32)
        return FALSE;
      p++;
    }
  if (c == 0 || r == 0 || *p != '\0')
    return FALSE;
  *row = (guint) (r - 1);
  *col = (guint) (c - 1);
  return TRUE;
}

static GBytes *
read_part (Reader      *reader,
           const char  *path,
           gboolean     required,
           GError     **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  gsf_off_t size;
  guint8 *data;

  input = gsf_infile_child_by_aname (reader->zip, (const char **) parts);
  if (input == NULL)
    {
      if (required)
        g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_NOT_WORKBOOK,
                     _("The file is a zip archive but not an Excel workbook (it has no “%s”)"), path);
      return NULL;
    }
  size = gsf_input_size (input);
  if (size < 0 || (guint64) size > BUDGET_XLSX_MAX_PART_SIZE
      || reader->total + (guint64) size > BUDGET_XLSX_MAX_TOTAL_SIZE)
    {
      g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_TOO_LARGE,
                   _("The workbook is too large to import: “%s” unpacks to more than %u MB"),
                   path, (guint) (BUDGET_XLSX_MAX_PART_SIZE >> 20));
      return NULL;
    }
  reader->total += (guint64) size;
  data = g_malloc ((gsize) size + 1);
  if (size > 0 && gsf_input_read (input, (size_t) size, data) == NULL)
    {
      g_free (data);
      g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_INVALID,
                   _("The workbook is damaged: “%s” cannot be unpacked"), path);
      return NULL;
    }
  data[size] = '\0';
  return g_bytes_new_take (data, (gsize) size);
}

static xmlTextReaderPtr
xml_reader (GBytes      *bytes,
            const char  *path,
            GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlTextReaderPtr xml;

  /* No DTD, hence no entities to expand. */
  if (g_strstr_len (data, MIN (size, 4096), "<!DOCTYPE") != NULL || size > G_MAXINT)
    {
      g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_INVALID,
                   _("The workbook is damaged: “%s” is not valid"), path);
      return NULL;
    }
  xml = xmlReaderForMemory (data, (int) size, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml == NULL)
    g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_INVALID,
                 _("The workbook is damaged: “%s” is not valid"), path);
  return xml;
}

static gboolean
is_element (xmlTextReaderPtr  xml,
            const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  xml,
        const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), name) == 0;
}

static char *
attribute (xmlTextReaderPtr  xml,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
relationship_attribute (xmlTextReaderPtr xml)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (xml, BAD_CAST "id",
      BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  char *copy;

  if (value == NULL)
    value = xmlTextReaderGetAttributeNs (xml, BAD_CAST "id",
        BAD_CAST "http://purl.oclc.org/ooxml/officeDocument/relationships");
  copy = value != NULL ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return copy;
}

static gboolean
finish_xml (xmlTextReaderPtr   xml,
            int                status,
            const char        *path,
            GError           **error)
{
  xmlFreeTextReader (xml);
  if (status < 0)
    {
      g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_INVALID,
                   _("The workbook is damaged: “%s” is not valid"), path);
      return FALSE;
    }
  return TRUE;
}

/* The text of <t> elements until the end of @element, leaving out phonetic runs (<rPh>). */
static char *
read_text_until (xmlTextReaderPtr  xml,
                 const char       *element,
                 int              *status)
{
  GString *text = g_string_new (NULL);
  gboolean in_t = FALSE;
  int phonetic = 0;

  if (xmlTextReaderIsEmptyElement (xml))
    return g_string_free (text, FALSE);
  while ((*status = xmlTextReaderRead (xml)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);

      if (is_end (xml, element))
        break;
      if (is_element (xml, "rPh"))
        phonetic++;
      else if (is_end (xml, "rPh"))
        phonetic--;
      else if (is_element (xml, "t"))
        in_t = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "t"))
        in_t = FALSE;
      else if (in_t && phonetic == 0
               && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
                   || type == XML_READER_TYPE_CDATA))
        g_string_append (text, (const char *) xmlTextReaderConstValue (xml));
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
read_shared_strings (Reader  *reader,
                     GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr xml;
  int status;

  bytes = read_part (reader, "xl/sharedStrings.xml", FALSE, error);
  if (bytes == NULL)
    return *error == NULL ? g_steal_pointer (&strings) : NULL;
  xml = xml_reader (bytes, "xl/sharedStrings.xml", error);
  if (xml == NULL)
    return NULL;
  while ((status = xmlTextReaderRead (xml)) == 1)
    if (is_element (xml, "si"))
      {
        g_ptr_array_add (strings, read_text_until (xml, "si", &status));
        if (status < 0)
          break;
        if (strings->len > BUDGET_XLSX_MAX_CELLS)
          {
            xmlFreeTextReader (xml);
            g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_TOO_LARGE,
                         _("The workbook is too large to import: more than %u cells"), BUDGET_XLSX_MAX_CELLS);
            return NULL;
          }
      }
  if (!finish_xml (xml, status, "xl/sharedStrings.xml", error))
    return NULL;
  return g_steal_pointer (&strings);
}

/* Relationship id → part path, resolved against xl/. */
static GHashTable *
read_relationships (Reader  *reader,
                    GError **error)
{
  g_autoptr(GBytes) bytes = read_part (reader, "xl/_rels/workbook.xml.rels", TRUE, error);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlTextReaderPtr xml;
  int status;

  if (bytes == NULL)
    return NULL;
  xml = xml_reader (bytes, "xl/_rels/workbook.xml.rels", error);
  if (xml == NULL)
    return NULL;
  while ((status = xmlTextReaderRead (xml)) == 1)
    if (is_element (xml, "Relationship"))
      {
        g_autofree char *id = attribute (xml, "Id");
        g_autofree char *target = attribute (xml, "Target");

        if (id == NULL || target == NULL)
          continue;
        if (target[0] == '/')
          g_hash_table_replace (targets, g_steal_pointer (&id), g_strdup (target + 1));
        else
          g_hash_table_replace (targets, g_steal_pointer (&id), g_strconcat ("xl/", target, NULL));
      }
  if (!finish_xml (xml, status, "xl/_rels/workbook.xml.rels", error))
    return NULL;
  return g_steal_pointer (&targets);
}

static gboolean
too_many_cells (GError **error)
{
  g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_TOO_LARGE,
               _("The workbook is too large to import: more than %u cells"), BUDGET_XLSX_MAX_CELLS);
  return FALSE;
}

static gboolean
store_cell (Reader          *reader,
            BudgetXlsxSheet *sheet,
            guint            row,
            guint            col,
            BudgetXlsxCell  *cell,
            GError         **error)
{
  if (row >= BUDGET_XLSX_MAX_ROWS)
    {
      cell_free (cell);
      g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_TOO_LARGE,
                   _("The sheet “%s” is too large to import: it has more than %u rows"),
                   sheet->name, BUDGET_XLSX_MAX_ROWS);
      return FALSE;
    }
  if (++reader->cells > BUDGET_XLSX_MAX_CELLS)
    {
      cell_free (cell);
      return too_many_cells (error);
    }
  g_hash_table_replace (sheet->cells, GUINT_TO_POINTER (row << COL_BITS | col), cell);
  sheet->n_rows = MAX (sheet->n_rows, row + 1);
  sheet->n_cols = MAX (sheet->n_cols, col + 1);
  return TRUE;
}

/* Reads the text of a <v> element (it holds the text directly, not in <t>). */
static char *
read_value (xmlTextReaderPtr  xml,
            int              *status)
{
  GString *text = g_string_new (NULL);

  if (xmlTextReaderIsEmptyElement (xml))
    return g_string_free (text, FALSE);
  while ((*status = xmlTextReaderRead (xml)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);

      if (is_end (xml, "v"))
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
          || type == XML_READER_TYPE_CDATA)
        g_string_append (text, (const char *) xmlTextReaderConstValue (xml));
    }
  return g_string_free (text, FALSE);
}

static void
fill_merged (BudgetXlsxSheet *sheet,
             GArray          *merges)
{
  for (guint i = 0; i + 3 < merges->len; i += 4)
    {
      guint r0 = g_array_index (merges, guint, i), c0 = g_array_index (merges, guint, i + 1);
      guint r1 = g_array_index (merges, guint, i + 2), c1 = g_array_index (merges, guint, i + 3);
      const BudgetXlsxCell *origin = budget_xlsx_sheet_get_cell (sheet, r0, c0);

      if (origin == NULL || origin->text[0] == '\0' || r1 < r0 || c1 < c0)
        continue;
      /* Header ranges are small; a merge over a huge area is only filled where it fits the data. */
      r1 = MIN (r1, MIN (sheet->n_rows, r0 + 64) - 1);
      c1 = MIN (c1, MIN (sheet->n_cols, c0 + 64) - 1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            BudgetXlsxCell *copy;

            if ((r == r0 && c == c0) || (budget_xlsx_sheet_get_cell (sheet, r, c) != NULL
                                         && budget_xlsx_sheet_get_cell (sheet, r, c)->has_value))
              continue;
            copy = g_new0 (BudgetXlsxCell, 1);
            copy->text = g_strdup (origin->text);
            copy->is_number = origin->is_number;
            copy->has_value = TRUE;
            copy->merged_copy = TRUE;
            g_hash_table_replace (sheet->cells, GUINT_TO_POINTER (r << COL_BITS | c), copy);
          }
    }
}

static BudgetXlsxSheet *
read_sheet (Reader      *reader,
            const char  *name,
            const char  *path,
            GPtrArray   *strings,
            GError     **error)
{
  g_autoptr(GBytes) bytes = read_part (reader, path, TRUE, error);
  g_autoptr(BudgetXlsxSheet) sheet = NULL;
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (guint));
  xmlTextReaderPtr xml;
  guint next_row = 0, next_col = 0;
  int status;

  if (bytes == NULL)
    return NULL;
  xml = xml_reader (bytes, path, error);
  if (xml == NULL)
    return NULL;
  sheet = g_new0 (BudgetXlsxSheet, 1);
  sheet->name = g_strdup (name);
  sheet->cells = g_hash_table_new_full (NULL, NULL, NULL, cell_free);

  while ((status = xmlTextReaderRead (xml)) == 1)
    {
      if (is_element (xml, "row"))
        {
          g_autofree char *r = attribute (xml, "r");

          if (r != NULL)
            next_row = (guint) MIN (g_ascii_strtoull (r, NULL, 10), G_MAXUINT32) - 1;
          next_col = 0;
        }
      else if (is_end (xml, "row"))
        next_row++;
      else if (is_element (xml, "c"))
        {
          g_autofree char *ref = attribute (xml, "r");
          guint row = next_row, col = next_col;
          g_autofree char *type = attribute (xml, "t");
          BudgetXlsxCell *cell = g_new0 (BudgetXlsxCell, 1);
          g_autofree char *value = NULL;

          if (ref != NULL && !parse_cell_ref (ref, &row, &col))
            {
              cell_free (cell);
              xmlFreeTextReader (xml);
              g_set_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_INVALID,
                           _("The workbook is damaged: sheet “%s” has a cell named “%s”"), name, ref);
              return NULL;
            }
          next_col = col + 1;
          if (!xmlTextReaderIsEmptyElement (xml))
            while ((status = xmlTextReaderRead (xml)) == 1)
              {
                if (is_end (xml, "c"))
                  break;
                if (is_element (xml, "f"))
                  cell->has_formula = TRUE;
                else if (is_element (xml, "v"))
                  {
                    g_free (value);
                    value = read_value (xml, &status);
                  }
                else if (is_element (xml, "is"))
                  {
                    g_free (value);
                    value = read_text_until (xml, "is", &status);
                  }
                if (status < 0)
                  break;
              }
          /* openpyxl writes <v></v> under a formula it did not compute: no value either. */
          if (value == NULL || (cell->has_formula && value[0] == '\0'))
            cell->text = g_strdup ("");
          else
            {
              cell->has_value = TRUE;
              if (g_strcmp0 (type, "s") == 0)
                {
                  guint64 index = g_ascii_strtoull (value, NULL, 10);

                  cell->text = g_strdup (index < strings->len ? (char *) g_ptr_array_index (strings, index) : "");
                }
              else if (type == NULL || g_str_equal (type, "n"))
                {
                  cell->is_number = TRUE;
                  cell->text = g_strdup (g_strstrip (value));
                }
              else
                cell->text = g_steal_pointer (&value);
            }
          /* Empty styled cells carry nothing to import. */
          if (!cell->has_value && !cell->has_formula)
            cell_free (cell);
          else if (!store_cell (reader, sheet, row, col, cell, error))
            {
              xmlFreeTextReader (xml);
              return NULL;
            }
        }
      else if (is_element (xml, "mergeCell"))
        {
          g_autofree char *ref = attribute (xml, "ref");
          g_auto(GStrv) ends = ref != NULL ? g_strsplit (ref, ":", 2) : NULL;
          guint r0, c0, r1, c1;

          if (ends != NULL && ends[0] != NULL && ends[1] != NULL
              && parse_cell_ref (ends[0], &r0, &c0) && parse_cell_ref (ends[1], &r1, &c1))
            {
              g_array_append_val (merges, r0);
              g_array_append_val (merges, c0);
              g_array_append_val (merges, r1);
              g_array_append_val (merges, c1);
            }
        }
    }
  if (!finish_xml (xml, status, path, error))
    return NULL;
  fill_merged (sheet, merges);
  return g_steal_pointer (&sheet);
}

static gboolean
starts_with_ole_signature (const char *path)
{
  static const guint8 ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guint8 head[8] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gboolean is_ole;

  if (file == NULL)
    return FALSE;
  is_ole = fread (head, 1, sizeof head, file) == sizeof head && memcmp (head, ole, sizeof ole) == 0;
  fclose (file);
  return is_ole;
}

/* An OLE container is either a legacy .xls or an encrypted OOXML workbook (EncryptionInfo stream). */
static void
set_ole_error (GsfInput  *input,
               GError   **error)
{
  g_autoptr(GsfInfile) ole = gsf_infile_msole_new (input, NULL);
  g_autoptr(GsfInput) encryption = NULL;

  if (ole != NULL)
    encryption = gsf_infile_child_by_name (ole, "EncryptionInfo");
  if (encryption != NULL)
    g_set_error_literal (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_ENCRYPTED,
                         _("The workbook is protected by a password. Open it in Excel or WPS, remove the "
                           "password (File → Info → Protect Workbook), save it and import it again."));
  else
    g_set_error_literal (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_LEGACY,
                         _("This is an old Excel 97–2003 workbook (.xls). Open it in Excel or WPS, save it "
                           "as an Excel workbook (.xlsx) and import that file."));
}

/**
 * budget_xlsx_read_sheets:
 * @path: an .xlsx file
 * @error: return location for an error (%BUDGET_XLSX_ERROR), in the officer's words
 *
 * Returns: (transfer full) (element-type BudgetXlsxSheet): the workbook's worksheets in tab order
 */
GPtrArray *
budget_xlsx_read_sheets (const char  *path,
                         GError     **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GHashTable) targets = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_xlsx_sheet_free);
  g_autoptr(GError) local = NULL;
  Reader reader = { 0 };
  xmlTextReaderPtr xml;
  int status;

  input = gsf_input_stdio_new (path, &local);
  if (input == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("Cannot open “%s”: %s"), path, local->message);
      return NULL;
    }
  if (starts_with_ole_signature (path))
    {
      set_ole_error (input, error);
      return NULL;
    }
  zip = gsf_infile_zip_new (input, NULL);
  if (zip == NULL)
    {
      g_set_error_literal (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_NOT_WORKBOOK,
                           _("The file is not an Excel workbook (.xlsx)."));
      return NULL;
    }
  reader.zip = zip;
  strings = read_shared_strings (&reader, error);
  if (strings == NULL)
    return NULL;
  targets = read_relationships (&reader, error);
  if (targets == NULL)
    return NULL;
  bytes = read_part (&reader, "xl/workbook.xml", TRUE, error);
  if (bytes == NULL)
    return NULL;
  xml = xml_reader (bytes, "xl/workbook.xml", error);
  if (xml == NULL)
    return NULL;
  while ((status = xmlTextReaderRead (xml)) == 1)
    if (is_element (xml, "sheet"))
      {
        g_autofree char *name = attribute (xml, "name");
        g_autofree char *rid = relationship_attribute (xml);
        const char *target = rid != NULL ? g_hash_table_lookup (targets, rid) : NULL;
        BudgetXlsxSheet *sheet;

        /* Chart sheets and missing parts have no cells to read. */
        if (target == NULL || !g_str_has_prefix (target, "xl/worksheets/"))
          continue;
        sheet = read_sheet (&reader, name != NULL ? name : "", target, strings, error);
        if (sheet == NULL)
          {
            xmlFreeTextReader (xml);
            return NULL;
          }
        g_ptr_array_add (sheets, sheet);
      }
  if (!finish_xml (xml, status, "xl/workbook.xml", error))
    return NULL;
  return g_steal_pointer (&sheets);
}
