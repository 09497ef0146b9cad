/* budget-renderer.c: the one renderer of the disclosure: paginates the forms in the official layout and
 * draws the pages with cairo and Pango. PDF export and GtkPrintOperation both call it, so what is printed
 * is what is exported.
 *
 * Pagination builds a display list per page (Pango layouts at positions, ruled lines); drawing a page
 * replays its list, so drawing is cheap and identical on every cairo surface. Everything is in points, on
 * A4 unless budget_renderer_set_paper_size() says otherwise, portrait or landscape page by page.
 *
 * The flow: each of the nine tables starts a page (turned for the wide ones, shrunk a little when that
 * keeps it on one page); the explanatory text follows with its headings and paragraphs, and the tables
 * that belong inside it (机构设置, 绩效目标表, 政府采购, 固定资产) where the document has them. Tables
 * longer than a page go on with their header repeated; headings move with what follows them.
 */

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "render/budget-renderer.h"
#include "layout/budget-table-layout.h"
#include "model/budget-form.h"
#include "model/budget-form-def.h"
#include "text/budget-text-generator.h"

#define SERIF_FAMILY "Noto Serif CJK SC"
#define SANS_FAMILY  "Noto Sans CJK SC"

/* Type sizes in points (Chinese sizes: 小五 9, 五号 10.5, 小四 12, 四号 14, 三号 16, 小二 18). */
#define CELL_SIZE        9.0
#define NOTE_SIZE        9.0
#define META_SIZE       10.5
#define BODY_SIZE       12.0
#define FOOTER_SIZE      9.0
#define TITLE_SIZE      16.0
#define DOC_TITLE_SIZE  18.0
#define PART_SIZE       14.0
#define SECTION_SIZE    13.0
#define INLINE_TITLE_SIZE 12.0

#define CELL_PAD_H       3.0   /* left/right padding inside a cell */
#define CELL_PAD_V       1.5   /* above/below a cell's text: Noto CJK's line box already has generous leading */
#define MIN_ROW_EM       1.78  /* a single-line row is this many cell font sizes tall */
#define RULE_WIDTH       0.5
#define FRAME_WIDTH      0.9   /* the outer border of a table */
#define BODY_LINE_SPACING 1.25 /* baseline distance in line heights, for the explanatory text */

/* A standalone table a little longer than a page is shrunk to fit it, down to this scale (9 pt → 7.2 pt). */
#define MIN_FIT_SCALE    0.8
/* Below this scale nothing shrinks further: cells wrap instead. */
#define MIN_WIDTH_SCALE  0.65

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} CellAlign;

typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;      /* the top of the layout, or the baseline of one line when line >= 0 */
  int          line;   /* -1: the whole layout */
} TextItem;

typedef struct
{
  double x0, y0, x1, y1;
  double width;
} Rule;

typedef struct
{
  gboolean  landscape;
  GArray   *texts;   /* TextItem */
  GArray   *rules;   /* Rule */
  char     *label;   /* the PDF page label */
} Page;

typedef struct
{
  char   *title;
  guint   page;
  double  y;
  guint   level;
  gboolean open;
} OutlineItem;

typedef struct
{
  BudgetForm *form;
  guint       first_page;
  guint       n_pages;
} FormPages;

struct _BudgetRenderer
{
  GObject          parent_instance;

  BudgetDocument  *document;
  GPtrArray       *forms;       /* BudgetForm, in document order */
  PangoContext    *context;
  PangoAttrList   *attrs;       /* no hyphens: a code or amount split over lines must not gain a "-" */
  GHashTable      *layouts;     /* shared layouts by font, width, alignment and text (see layout_new) */
  GHashTable      *fonts;       /* PangoFontDescription by family, weight and size (see font_get) */
  GPtrArray       *pages;       /* Page */
  GArray          *outline;     /* OutlineItem */
  GArray          *form_pages;  /* FormPages */
  char            *body_font;
  char            *title_font;
  gboolean         paginated;
  double           paper_width;   /* portrait, in points */
  double           paper_height;
  BudgetRendererOrientation orientation;

  /* the flow while paginating */
  Page            *page;
  gboolean         landscape;
  gboolean         break_pending;
  double           y;
  double           top;
  double           bottom;
  double           left;
  double           right;
  guint            section_level;

  /* headings at the bottom of the current page that must move with what follows them */
  guint            keep_first;   /* index of the first kept text item */
  guint            keep_end;     /* number of text items when the last heading was added; 0: none */
  double           keep_y;       /* where the kept headings start */
  double           keep_y_end;   /* and end */
};

G_DEFINE_FINAL_TYPE (BudgetRenderer, budget_renderer, G_TYPE_OBJECT)

G_DEFINE_QUARK (budget-renderer-error-quark, budget_renderer_error)

/* ------------------------------------------------------------------------------------------------ */
/* Pages                                                                                            */

static void
page_free (Page *page)
{
  for (guint i = 0; i < page->texts->len; i++)
    g_object_unref (g_array_index (page->texts, TextItem, i).layout);
  g_array_unref (page->texts);
  g_array_unref (page->rules);
  g_free (page->label);
  g_free (page);
}

static void
outline_item_clear (OutlineItem *item)
{
  g_free (item->title);
}

static void
page_frame (BudgetRenderer *self,
            gboolean        landscape,
            double         *width,
            double         *height,
            double         *top,
            double         *bottom,
            double         *left,
            double         *right)
{
  /* Margins: about 18 mm at the sides of portrait pages; landscape pages (wide tables) keep a little
   * more of their height for rows. The footer sits inside the bottom margin. */
  *width = landscape ? self->paper_height : self->paper_width;
  *height = landscape ? self->paper_width : self->paper_height;
  *top = landscape ? 40.0 : 50.0;
  *bottom = *height - (landscape ? 46.0 : 54.0);
  *left = landscape ? 46.0 : 52.0;
  *right = *width - *left;
}

/* The orientation of pages of text, and of a table whose definition asks for @landscape. */
static gboolean
page_landscape (BudgetRenderer *self,
                gboolean        landscape)
{
  switch (self->orientation)
    {
    case BUDGET_RENDERER_ORIENTATION_PORTRAIT:
      return FALSE;
    case BUDGET_RENDERER_ORIENTATION_LANDSCAPE:
      return TRUE;
    case BUDGET_RENDERER_ORIENTATION_AUTO:
    default:
      return landscape;
    }
}

static void
new_page (BudgetRenderer *self,
          gboolean        landscape)
{
  Page *page = g_new0 (Page, 1);
  double width, height;

  page->landscape = landscape;
  page->texts = g_array_new (FALSE, FALSE, sizeof (TextItem));
  page->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_ptr_array_add (self->pages, page);
  self->page = page;
  self->landscape = landscape;
  self->break_pending = FALSE;
  self->keep_end = 0;
  page_frame (self, landscape, &width, &height, &self->top, &self->bottom, &self->left, &self->right);
  self->y = self->top;
}

static gboolean
page_is_fresh (BudgetRenderer *self)
{
  return self->page != NULL && !self->break_pending && self->y <= self->top + 0.01;
}

/* Whether breaking the page before the next block would move anything: not on an empty page, nor on
 * one that holds only headings kept with that block. */
static gboolean
can_break (BudgetRenderer *self)
{
  if (self->page == NULL || page_is_fresh (self))
    return FALSE;
  return !(self->keep_end != 0 && self->keep_end == self->page->texts->len && self->keep_first == 0);
}

/* Starts a new page unless the current one is still empty and has the right orientation. */
static void
ensure_page (BudgetRenderer *self,
             gboolean        landscape)
{
  if (self->page == NULL || self->break_pending || self->landscape != landscape || !page_is_fresh (self))
    new_page (self, landscape);
}

/* Marks the text items just added (a heading) as kept with whatever comes next: if that does not fit
 * on this page, the heading moves to the next page with it. Consecutive headings are kept together. */
static void
keep_with_next (BudgetRenderer *self,
                guint           first_item,
                double          y_before)
{
  if (self->keep_end == 0 || self->keep_end != first_item)
    {
      self->keep_first = first_item;
      self->keep_y = y_before;
    }
  self->keep_end = self->page->texts->len;
  self->keep_y_end = self->y;
}

/* Starts a new page because the next block does not fit, taking along the headings that lead to it. */
static void
break_page (BudgetRenderer *self)
{
  Page *old = self->page;
  guint old_index = self->pages->len - 1;
  guint first = self->keep_first;
  double keep_y = self->keep_y;
  double keep_height = self->keep_y_end - self->keep_y;
  double shift;

  if (self->keep_end == 0 || old->texts->len != self->keep_end || first >= self->keep_end)
    {
      new_page (self, self->landscape);
      return;
    }
  new_page (self, self->landscape);
  shift = keep_y - self->top;
  for (guint i = first; i < old->texts->len; i++)
    {
      TextItem item = g_array_index (old->texts, TextItem, i);

      item.y -= shift;
      g_array_append_val (self->page->texts, item);
    }
  /* The items moved with their references: shrinking the array does not unref them. */
  g_array_set_size (old->texts, first);
  for (guint o = 0; o < self->outline->len; o++)
    {
      OutlineItem *item = &g_array_index (self->outline, OutlineItem, o);

      if (item->page == old_index && item->y >= keep_y - 0.01)
        {
          item->page = old_index + 1;
          item->y -= shift;
        }
    }
  self->y = self->top + keep_height;
  /* Still kept: a heading moved here stays with the block that follows it. */
  self->keep_first = 0;
  self->keep_end = self->page->texts->len;
  self->keep_y = self->top;
  self->keep_y_end = self->y;
}

/* Makes sure @height fits below the current position, breaking the page if it does not. */
static void
ensure_space (BudgetRenderer *self,
              double          height)
{
  if (self->page == NULL || self->break_pending)
    new_page (self, page_landscape (self, FALSE));
  else if (self->y + height > self->bottom && can_break (self))
    break_page (self);
}

static void
add_text (BudgetRenderer *self,
          PangoLayout    *layout,
          double          x,
          double          y)
{
  TextItem item = { g_object_ref (layout), x, y, -1 };

  g_array_append_val (self->page->texts, item);
}

static void
add_line_text (BudgetRenderer *self,
               PangoLayout    *layout,
               int             line,
               double          x,
               double          baseline)
{
  TextItem item = { g_object_ref (layout), x, baseline, line };

  g_array_append_val (self->page->texts, item);
}

static void
add_rule (BudgetRenderer *self,
          double          x0,
          double          y0,
          double          x1,
          double          y1,
          double          width)
{
  Rule rule = { x0, y0, x1, y1, width };

  g_array_append_val (self->page->rules, rule);
}

static void
add_outline (BudgetRenderer *self,
             const char     *title,
             guint           level,
             gboolean        open)
{
  OutlineItem item = { g_strdup (title), self->pages->len - 1, self->y, level, open };

  g_array_append_val (self->outline, item);
}

/* ------------------------------------------------------------------------------------------------ */
/* Text                                                                                             */

static PangoFontDescription *
font_new (const char  *family,
          PangoWeight  weight,
          double       size)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_size (font, pango_units_from_double (size));
  return font;
}

/* Returns the renderer's one description of a font: layouts are shared by the address of their font. */
static const PangoFontDescription *
font_get (BudgetRenderer *self,
          const char     *family,
          PangoWeight     weight,
          double          size)
{
  g_autofree char *key = g_strdup_printf ("%s|%d|%d", family, weight, pango_units_from_double (size));
  PangoFontDescription *font = g_hash_table_lookup (self->fonts, key);

  if (font == NULL)
    {
      font = font_new (family, weight, size);
      g_hash_table_insert (self->fonts, g_steal_pointer (&key), font);
    }
  return font;
}

static PangoLayout *
layout_create (BudgetRenderer             *self,
               const char                 *text,
               const PangoFontDescription *font,
               double                      width,
               PangoAlignment              alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, self->attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Returns a layout of @text, shared with every other cell of the same text, font, width and
 * alignment: the tables repeat many cells (serial numbers, amounts, the performance tables' headers
 * and 年度工作计划), and shaping is the costly part of pagination. A shared layout is never changed. */
static PangoLayout *
layout_new (BudgetRenderer             *self,
            const char                 *text,
            const PangoFontDescription *font,
            double                      width,
            PangoAlignment              alignment)
{
  g_autofree char *key = g_strdup_printf ("%p|%d|%d|%s", (gpointer) font,
                                          width > 0 ? pango_units_from_double (width) : -1, alignment, text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout == NULL)
    {
      layout = layout_create (self, text, font, width, alignment);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = pango_units_to_double (logical.x + logical.width);
  if (height != NULL)
    *height = pango_units_to_double (logical.y + logical.height);
}

static double
layout_height (PangoLayout *layout)
{
  double height;

  layout_size (layout, NULL, &height);
  return height;
}

/* Removes the spaces a typist put at the start or end of a line (ASCII and the ideographic space):
 * the renderer indents paragraphs itself. */
static char *
strip_line (const char *line)
{
  const char *start = line;
  const char *end = line + strlen (line);

  while (*start != '\0')
    {
      gunichar c = g_utf8_get_char (start);

      if (c != ' ' && c != '\t' && c != 0x3000 && c != '\r')
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (c != ' ' && c != '\t' && c != 0x3000 && c != '\r')
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* ------------------------------------------------------------------------------------------------ */
/* Tables                                                                                           */

typedef struct
{
  char                       *text;
  const PangoFontDescription *font;
  PangoLayout                *layout;   /* NULL for an empty cell */
  guint                       row;      /* header cells: grid row */
  guint                       row_span;
  guint                       col;
  guint                       col_span;
  double                      indent;
  CellAlign                   align;
  gboolean                    wrap;     /* text that may break over lines (names, labels, headers) */
  gboolean                    wrapped;  /* laid out to the column's width (it did not fit on one line) */
  double                      text_w;
  double                      text_h;
} Cell;

typedef struct
{
  GArray *cells;    /* Cell */
  double  height;
  char   *merge;    /* the text of grid column 0 when it merges down over equal rows (一级指标) */
} Row;

typedef struct
{
  BudgetForm           *form;
  BudgetTableLayout    *layout;      /* the caption lines, header and columns, as the grid shows them */
  double                scale;
  double                width;
  guint                 n_cols;
  double               *col_x;       /* n_cols + 1 offsets from the table's left edge */
  double                pad_h;
  double                pad_v;
  double                min_row_h;
  double                em;
  const PangoFontDescription *cell_font;
  const PangoFontDescription *head_font;
  const PangoFontDescription *note_font;
  PangoLayout          *title;
  double                title_h;
  PangoLayout          *subtitle;
  double                subtitle_h;
  PangoLayout          *meta[3];
  double                meta_h;
  GArray               *head;        /* Cell, every header row including the 栏次 row */
  guint                 n_head_rows;
  double               *head_h;
  double                head_total;
  GPtrArray            *lead;        /* Row, printed once above the header (the 绩效目标 row) */
  double                lead_total;
  GPtrArray            *body;        /* Row */
  double                body_total;
  GPtrArray            *notes;       /* PangoLayout */
  double                notes_h;
  double                min_total;   /* the sum of the columns' minimum widths */
} Table;

static void
cell_clear (Cell *cell)
{
  g_free (cell->text);
  g_clear_object (&cell->layout);
}

static Row *
row_new (void)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (row->cells, (GDestroyNotify) cell_clear);
  return row;
}

static void
row_free (Row *row)
{
  g_array_unref (row->cells);
  g_free (row->merge);
  g_free (row);
}

static void
table_free (Table *table)
{
  g_free (table->col_x);
  g_clear_object (&table->layout);
  g_clear_object (&table->title);
  g_clear_object (&table->subtitle);
  for (guint i = 0; i < G_N_ELEMENTS (table->meta); i++)
    g_clear_object (&table->meta[i]);
  g_array_unref (table->head);
  g_free (table->head_h);
  g_ptr_array_unref (table->lead);
  g_ptr_array_unref (table->body);
  g_ptr_array_unref (table->notes);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Cell *
row_add_cell (Row        *row,
              guint       col,
              guint       col_span,
              char       *text,
              CellAlign   align,
              gboolean    wrap,
              const PangoFontDescription *font)
{
  Cell cell = { 0 };

  cell.text = text;
  cell.font = font;
  cell.col = col;
  cell.col_span = col_span;
  cell.row_span = 1;
  cell.align = align;
  cell.wrap = wrap;
  g_array_append_val (row->cells, cell);
  return &g_array_index (row->cells, Cell, row->cells->len - 1);
}

/* Lays out a cell's text on one line, to measure it; most cells stay like that. */
static void
cell_measure (BudgetRenderer *self,
              Cell           *cell)
{
  if (cell->text == NULL || cell->text[0] == '\0')
    return;
  cell->layout = layout_new (self, cell->text, cell->font, -1, PANGO_ALIGN_LEFT);
  layout_size (cell->layout, &cell->text_w, &cell->text_h);
}

/* A centred text that wraps gets lines of even length ("科目/编码", not "科目编/码"): the narrowest
 * width that keeps the number of lines. Shared like layout_new()'s layouts. */
static PangoLayout *
layout_balanced (BudgetRenderer             *self,
                 const char                 *text,
                 const PangoFontDescription *font,
                 double                      width)
{
  g_autofree char *key = g_strdup_printf ("balanced|%p|%d|%s", (gpointer) font, pango_units_from_double (width), text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);
  int lines;
  double step = pango_units_to_double (pango_font_description_get_size (font)) / 2;
  double natural, target;

  if (layout != NULL)
    return g_object_ref (layout);
  layout = layout_create (self, text, font, width, PANGO_ALIGN_CENTER);
  lines = pango_layout_get_line_count (layout);
  if (lines > 1)
    {
      /* Start from an even share of the text per line and widen by half a character until the text
       * takes no more lines than at the full width: usually one or two layouts. */
      pango_layout_set_width (layout, -1);
      layout_size (layout, &natural, NULL);
      for (target = MIN (width, natural / lines + step / 2);; target = MIN (width, target + step))
        {
          pango_layout_set_width (layout, pango_units_from_double (target));
          if (pango_layout_get_line_count (layout) <= lines || target >= width)
            break;
        }
    }
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return g_object_ref (layout);
}

/* Lays out a cell once the column widths are known: a text that does not fit its column wraps inside
 * it rather than running over the rule. */
static void
cell_place (BudgetRenderer *self,
            Table          *table,
            Cell           *cell)
{
  double inner = table->col_x[cell->col + cell->col_span] - table->col_x[cell->col] - 2 * table->pad_h - cell->indent;
  PangoAlignment alignment = cell->align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                             : cell->align == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

  if (cell->layout == NULL || cell->wrapped || cell->text_w <= inner + 0.01)
    return;
  inner = MAX (inner, table->em);
  g_clear_object (&cell->layout);
  cell->wrapped = TRUE;
  cell->text_w = inner;

  if (cell->align == ALIGN_CENTER)
    {
      cell->layout = layout_balanced (self, cell->text, cell->font, inner);
      cell->text_w = pango_units_to_double (pango_layout_get_width (cell->layout));
      cell->indent += (inner - cell->text_w) / 2;
    }
  else
    cell->layout = layout_new (self, cell->text, cell->font, inner, alignment);
  layout_size (cell->layout, NULL, &cell->text_h);
}

static double
cell_min_width (Table      *table,
                const Cell *cell,
                double      wrap_min)
{
  if (cell->text == NULL || cell->text[0] == '\0')
    return 2 * table->pad_h;
  if (cell->wrap)
    return wrap_min + 2 * table->pad_h + cell->indent;
  return cell->text_w + 2 * table->pad_h + cell->indent;
}

static CellAlign
column_align (const BudgetColumnDef *column)
{
  switch (column->type)
    {
    case BUDGET_COLUMN_AMOUNT:
    case BUDGET_COLUMN_QUANTITY:
      return ALIGN_RIGHT;
    case BUDGET_COLUMN_TEXT:
      /* The indicator categories of the performance tables are short labels: centred, as in the seed. */
      return column->choices != NULL ? ALIGN_CENTER : ALIGN_LEFT;
    case BUDGET_COLUMN_CODE:
    case BUDGET_COLUMN_NAME:
    case BUDGET_COLUMN_LABEL:
    default:
      return ALIGN_LEFT;
    }
}

static gboolean
column_wraps (const BudgetColumnDef *column)
{
  return column->type == BUDGET_COLUMN_NAME || column->type == BUDGET_COLUMN_LABEL ||
         column->type == BUDGET_COLUMN_TEXT;
}

/* The indentation of a fixed row's label: two characters per level, except that a row under a
 * "其中：" row lines up with the text after "其中：" (T9 公务用车运行维护费, as the seed prints it). */
static double
fixed_row_indent (BudgetForm *form,
                  guint       row,
                  guint       col,
                  double      em)
{
  guint level = budget_form_get_row_level (form, row);

  if (level == 0)
    return 0;
  for (int r = (int) row - 1; r >= 0; r--)
    {
      guint above = budget_form_get_row_level (form, r);

      if (above < level)
        {
          const char *label = budget_form_get_cell_text (form, r, col);

          if (above + 1 == level && g_str_has_prefix (label, "其中："))
            return fixed_row_indent (form, r, col, em) + 3 * em;
          break;
        }
    }
  return 2 * em * level;
}

static void
distribute_widths (guint          n,
                   const double  *rel,
                   const double  *min,
                   const gboolean *fixed_in,
                   double         total,
                   double        *out)
{
  g_autofree gboolean *fixed = g_memdup2 (fixed_in, n * sizeof (gboolean));

  for (guint i = 0; i < n; i++)
    out[i] = min[i];
  for (guint pass = 0; pass <= n; pass++)
    {
      double rest = total;
      double rel_sum = 0;
      gboolean changed = FALSE;

      for (guint i = 0; i < n; i++)
        {
          if (fixed[i])
            rest -= out[i];
          else
            rel_sum += rel[i];
        }
      if (rel_sum <= 0)
        break;
      for (guint i = 0; i < n; i++)
        {
          if (fixed[i])
            continue;
          out[i] = MAX (rest, 0) * rel[i] / rel_sum;
          if (out[i] < min[i])
            {
              out[i] = min[i];
              fixed[i] = TRUE;
              changed = TRUE;
            }
        }
      if (!changed)
        break;
    }
}

static void
fill_body (BudgetRenderer *self,
           Table          *table)
{
  BudgetForm *form = table->form;
  BudgetFormDef *def = budget_form_get_def (form);
  BudgetFormKind kind = budget_form_get_kind (form);
  gboolean serial = budget_form_def_has_serial (def);
  guint n_columns = budget_form_get_n_columns (form);
  guint offset = serial ? 1 : 0;
  gboolean empty = budget_form_is_empty (form);
  guint n_rows = budget_form_get_n_rows (form);

  if (empty && kind != BUDGET_FORM_KIND_FIXED)
    {
      /* An empty table keeps its header and shows empty rows (one, or the definition's minimum). */
      guint n_blank = MAX (budget_form_def_get_min_rows (def), 1);

      for (guint r = 0; r < n_blank; r++)
        {
          Row *row = row_new ();

          for (guint g = 0; g < n_columns + offset; g++)
            row_add_cell (row, g, 1, NULL, ALIGN_LEFT, FALSE, table->cell_font);
          g_ptr_array_add (table->body, row);
        }
      return;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      Row *row = row_new ();

      if (serial)
        cell_measure (self, row_add_cell (row, 0, 1, g_strdup_printf ("%u", r + 1), ALIGN_CENTER, FALSE,
                                          table->cell_font));
      for (guint c = 0; c < n_columns; c++)
        {
          const BudgetColumnDef *column = budget_form_def_get_column (def, c);
          Cell *cell = row_add_cell (row, c + offset, 1, budget_form_dup_display (form, r, c),
                                     column_align (column), column_wraps (column), table->cell_font);

          if (kind == BUDGET_FORM_KIND_FIXED && column->type == BUDGET_COLUMN_LABEL)
            cell->indent = fixed_row_indent (form, r, c, table->em);
          cell_measure (self, cell);
        }
      if (kind == BUDGET_FORM_KIND_PERFORMANCE && n_columns > 0)
        row->merge = g_strdup (budget_form_get_cell_text (form, r, 0));
      g_ptr_array_add (table->body, row);
    }
}

static void
fill_head (BudgetRenderer *self,
           Table          *table)
{
  BudgetTableLayout *layout = table->layout;

  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    {
      const BudgetLayoutCell *header = budget_table_layout_get_cell (layout, i);
      gboolean heading = header->kind == BUDGET_LAYOUT_HEADING;
      Cell cell = { 0 };

      cell.text = g_strdup (header->text);
      /* Headings wrap in the header's font; the 栏次 numbers are one line in the cells' font. */
      cell.font = heading ? table->head_font : table->cell_font;
      cell.row = header->row;
      cell.row_span = header->row_span;
      cell.col = header->col;
      cell.col_span = header->col_span;
      cell.align = ALIGN_CENTER;
      cell.wrap = heading;
      g_array_append_val (table->head, cell);
      cell_measure (self, &g_array_index (table->head, Cell, table->head->len - 1));
    }
  table->n_head_rows = budget_table_layout_get_n_header_rows (layout);
  if (budget_form_get_n_columns (table->form) == 0)
    table->n_head_rows = MIN (table->n_head_rows, 1);
}

static void
fill_lead (BudgetRenderer *self,
           Table          *table)
{
  BudgetForm *form = table->form;
  BudgetFormDef *def = budget_form_get_def (form);
  const char *label = budget_form_def_get_goal_label (def);
  Row *row;

  if (!BUDGET_IS_PERFORMANCE_TABLE (form) || table->n_cols < 2)
    return;
  /* The 绩效目标 row: the label in the first column, the goal (numbered lines) across the rest. */
  row = row_new ();
  cell_measure (self, row_add_cell (row, 0, 1, g_strdup (label != NULL ? label : ""), ALIGN_CENTER, TRUE,
                                    table->head_font));
  cell_measure (self, row_add_cell (row, 1, table->n_cols - 1, g_strdup (budget_form_get_goal (form)),
                                    ALIGN_LEFT, TRUE, table->cell_font));
  g_ptr_array_add (table->lead, row);
}

static void
fill_meta (BudgetRenderer *self,
           Table          *table)
{
  BudgetTableLayout *layout = table->layout;
  const PangoFontDescription *font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, META_SIZE);
  static const PangoAlignment aligns[BUDGET_N_CAPTION_PARTS] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
  /* Three parts share the line in thirds; two (no year in the middle) in halves. */
  double part = budget_table_layout_get_caption (layout, BUDGET_CAPTION_CENTER) != NULL ? table->width / 3 : table->width / 2;

  G_STATIC_ASSERT (G_N_ELEMENTS (table->meta) == BUDGET_N_CAPTION_PARTS);
  for (guint i = 0; i < BUDGET_N_CAPTION_PARTS; i++)
    {
      const char *text = budget_table_layout_get_caption (layout, i);

      if (text != NULL)
        table->meta[i] = layout_new (self, text, font, part, aligns[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (table->meta); i++)
    if (table->meta[i] != NULL)
      table->meta_h = MAX (table->meta_h, layout_height (table->meta[i]) + 5.0);
}

/* Gives a column whose longest text would just wrap the width it needs, when other columns have that
 * much room to spare beyond their own longest text (T4's long 支出 labels next to short amounts).
 * Columns that wrap anyway are left as the definition's relative widths make them. */
static void
balance_widths (Table          *table,
                guint           n,
                const double   *min,
                const gboolean *fixed,
                double         *widths)
{
  g_autofree double *natural = g_new0 (double, n);
  g_autofree double *slack = g_new0 (double, n);
  g_autofree gboolean *done = g_new0 (gboolean, n);

  for (guint r = 0; r < table->body->len; r++)
    {
      Row *row = g_ptr_array_index (table->body, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          const Cell *cell = &g_array_index (row->cells, Cell, c);
          double width;

          if (cell->col_span != 1 || cell->layout == NULL)
            continue;
          width = cell->text_w;
          natural[cell->col] = MAX (natural[cell->col], width + 2 * table->pad_h + cell->indent + 0.5);
        }
    }
  /* A column gives away no room its header needs to stay within two lines. */
  for (guint h = 0; h < table->head->len; h++)
    {
      const Cell *cell = &g_array_index (table->head, Cell, h);
      double width = cell->text_w;

      if (cell->col_span != 1 || cell->layout == NULL)
        continue;
      slack[cell->col] = MAX (slack[cell->col], width / 2 + table->em + 2 * table->pad_h);
    }
  for (guint g = 0; g < n; g++)
    slack[g] = fixed[g] ? 0 : MAX (0, widths[g] - MAX (MAX (natural[g], slack[g]), min[g]) - table->em / 2);

  while (TRUE)
    {
      double total_slack = 0;
      double best = G_MAXDOUBLE;
      int pick = -1;

      for (guint g = 0; g < n; g++)
        total_slack += slack[g];
      for (guint g = 0; g < n; g++)
        {
          double deficit = natural[g] - widths[g];

          if (!done[g] && !fixed[g] && deficit > 0 && deficit < best)
            {
              best = deficit;
              pick = (int) g;
            }
        }
      if (pick < 0 || best > total_slack)
        break;
      for (guint g = 0; g < n; g++)
        {
          double take = best * slack[g] / total_slack;

          widths[g] -= take;
          slack[g] -= take;
        }
      widths[pick] += best;
      slack[pick] = 0;
      done[pick] = TRUE;
    }
}

static void
compute_columns (BudgetRenderer *self,
                 Table          *table)
{
  BudgetTableLayout *layout = table->layout;
  guint n = table->n_cols;
  g_autofree double *rel = g_new0 (double, n);
  g_autofree double *min = g_new0 (double, n);
  g_autofree gboolean *fixed = g_new0 (gboolean, n);
  g_autofree double *widths = g_new0 (double, n);
  double x = 0;

  for (guint g = 0; g < n; g++)
    {
      if (budget_table_layout_get_form_column (layout, g) < 0)
        {
          /* 序号 is as wide as its content needs (two characters), not a share of the page. */
          min[g] = 2 * table->em + 2 * table->pad_h;
          fixed[g] = TRUE;
        }
      else
        {
          rel[g] = MAX (budget_table_layout_get_column_width (layout, g), 1);
          /* Names and labels may wrap, but not to a column of two characters. */
          min[g] = budget_table_layout_column_wraps (layout, g) ? 4 * table->em + 2 * table->pad_h
                                                                 : 2 * table->em + 2 * table->pad_h;
        }
    }

  for (guint h = 0; h < table->head->len; h++)
    {
      const Cell *cell = &g_array_index (table->head, Cell, h);

      if (cell->col_span == 1)
        min[cell->col] = MAX (min[cell->col], cell_min_width (table, cell, 2 * table->em));
    }
  for (guint r = 0; r < table->body->len; r++)
    {
      Row *row = g_ptr_array_index (table->body, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          const Cell *cell = &g_array_index (row->cells, Cell, c);

          if (cell->col_span == 1)
            min[cell->col] = MAX (min[cell->col], cell_min_width (table, cell, 2 * table->em));
        }
    }

  table->min_total = 0;
  for (guint g = 0; g < n; g++)
    table->min_total += min[g];
  distribute_widths (n, rel, min, fixed, table->width, widths);

  balance_widths (table, n, min, fixed, widths);

  /* When even the minimum widths exceed the frame, scale them down: the caller shrinks the type to
   * make them fit, and cells wrap in the meantime rather than overflow. */
  if (table->min_total > table->width)
    for (guint g = 0; g < n; g++)
      widths[g] = widths[g] * table->width / table->min_total;

  table->col_x = g_new0 (double, n + 1);
  for (guint g = 0; g < n; g++)
    {
      table->col_x[g] = x;
      x += widths[g];
    }
  table->col_x[n] = table->width;
}

static double
cell_need (Table      *table,
           const Cell *cell)
{
  if (cell->layout == NULL)
    return table->min_row_h;
  return MAX (table->min_row_h, cell->text_h + 2 * table->pad_v);
}

static void
row_heights (BudgetRenderer *self,
             Table          *table,
             GPtrArray      *rows,
             double         *total)
{
  *total = 0;
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);

      row->height = table->min_row_h;
      for (guint c = 0; c < row->cells->len; c++)
        {
          Cell *cell = &g_array_index (row->cells, Cell, c);

          cell_place (self, table, cell);
          /* A merged 一级指标 cell spans its group; its height is checked per group below. */
          if (row->merge != NULL && cell->col == 0)
            continue;
          row->height = MAX (row->height, cell_need (table, cell));
        }
    }
  for (guint r = 0; r < rows->len;)
    {
      Row *row = g_ptr_array_index (rows, r);
      guint end = r + 1;
      double sum = row->height;
      double need = table->min_row_h;

      if (row->merge == NULL)
        {
          r++;
          continue;
        }
      while (end < rows->len && g_strcmp0 (((Row *) g_ptr_array_index (rows, end))->merge, row->merge) == 0)
        sum += ((Row *) g_ptr_array_index (rows, end++))->height;
      for (guint c = 0; c < row->cells->len; c++)
        if (g_array_index (row->cells, Cell, c).col == 0)
          need = cell_need (table, &g_array_index (row->cells, Cell, c));
      if (need > sum)
        ((Row *) g_ptr_array_index (rows, end - 1))->height += need - sum;
      r = end;
    }
  for (guint r = 0; r < rows->len; r++)
    *total += ((Row *) g_ptr_array_index (rows, r))->height;
}

static void
head_heights (BudgetRenderer *self,
              Table          *table)
{
  table->head_h = g_new0 (double, MAX (table->n_head_rows, 1));
  for (guint r = 0; r < table->n_head_rows; r++)
    table->head_h[r] = table->min_row_h;
  for (guint pass = 0; pass < 2; pass++)
    for (guint h = 0; h < table->head->len; h++)
      {
        Cell *cell = &g_array_index (table->head, Cell, h);
        double need, have = 0;
        guint end = MIN (cell->row + cell->row_span, table->n_head_rows);

        if (pass == 0)
          cell_place (self, table, cell);
        /* Single-row cells first, then spanning cells grow the rows they span if they need to. */
        if ((pass == 0) != (cell->row_span == 1) || cell->row >= end)
          continue;
        need = cell_need (table, cell);
        for (guint r = cell->row; r < end; r++)
          have += table->head_h[r];
        if (need > have)
          for (guint r = cell->row; r < end; r++)
            table->head_h[r] += (need - have) / (end - cell->row);
      }
  table->head_total = 0;
  for (guint r = 0; r < table->n_head_rows; r++)
    table->head_total += table->head_h[r];
}

static gboolean
form_is_inline_titled (BudgetForm *form)
{
  return g_strcmp0 (budget_form_def_get_group (budget_form_get_def (form)), "tables") != 0;
}

static Table *
table_build (BudgetRenderer *self,
             BudgetForm     *form,
             double          width,
             double          scale)
{
  Table *table = g_new0 (Table, 1);
  BudgetFormDef *def = budget_form_get_def (form);
  gboolean inline_title = form_is_inline_titled (form);
  const char *subtitle;
  const PangoFontDescription *title_font =
    font_get (self, self->title_font, PANGO_WEIGHT_BOLD, inline_title ? INLINE_TITLE_SIZE : TITLE_SIZE);
  const char * const *notes = budget_form_def_get_notes (def);
  const char *empty_note = budget_form_def_get_empty_note (def);

  table->form = form;
  table->layout = budget_table_layout_new (form);
  table->scale = scale;
  table->width = width;
  table->n_cols = budget_table_layout_get_n_columns (table->layout);
  table->em = CELL_SIZE * scale;
  table->pad_h = CELL_PAD_H * scale;
  table->pad_v = CELL_PAD_V * scale;
  table->min_row_h = MIN_ROW_EM * CELL_SIZE * scale;
  table->cell_font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, CELL_SIZE * scale);
  table->head_font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, CELL_SIZE * scale);
  table->note_font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, NOTE_SIZE * MAX (scale, 0.9));
  table->head = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (table->head, (GDestroyNotify) cell_clear);
  table->lead = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  table->body = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  table->notes = g_ptr_array_new_with_free_func (g_object_unref);

  table->title = layout_new (self, budget_table_layout_get_title (table->layout), title_font, width, PANGO_ALIGN_CENTER);
  table->title_h = layout_height (table->title) + (inline_title ? 6.0 : 8.0);
  subtitle = budget_table_layout_get_subtitle (table->layout);
  if (subtitle != NULL)
    {
      const PangoFontDescription *font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, META_SIZE);

      table->subtitle = layout_new (self, subtitle, font, width, PANGO_ALIGN_CENTER);
      table->subtitle_h = layout_height (table->subtitle) + 4.0;
    }
  fill_meta (self, table);

  fill_head (self, table);
  fill_lead (self, table);
  fill_body (self, table);
  compute_columns (self, table);
  head_heights (self, table);
  row_heights (self, table, table->lead, &table->lead_total);
  row_heights (self, table, table->body, &table->body_total);

  /* The notes: the ones always printed, then the empty-table note when the table has no data. */
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    g_ptr_array_add (table->notes, layout_new (self, notes[i], table->note_font, width, PANGO_ALIGN_LEFT));
  if (empty_note != NULL && budget_form_is_empty (form) && budget_form_get_kind (form) != BUDGET_FORM_KIND_FIXED)
    g_ptr_array_add (table->notes, layout_new (self, empty_note, table->note_font, width, PANGO_ALIGN_LEFT));
  for (guint i = 0; i < table->notes->len; i++)
    table->notes_h += layout_height (g_ptr_array_index (table->notes, i)) + 2.0;
  if (table->notes_h > 0)
    table->notes_h += 4.0;

  return table;
}

static double
table_total_height (Table *table)
{
  return table->title_h + table->subtitle_h + table->meta_h + table->lead_total + table->head_total +
         table->body_total + table->notes_h;
}

/* Emits one cell: its top and left rules and its text, vertically centred. */
static void
emit_cell (BudgetRenderer *self,
           Table          *table,
           const Cell     *cell,
           double          x0,
           double          y,
           double          height,
           gboolean        top_rule)
{
  double x = x0 + table->col_x[cell->col];
  double w = table->col_x[cell->col + cell->col_span] - table->col_x[cell->col];
  double tx, ty;

  if (top_rule)
    add_rule (self, x, y, x + w, y, RULE_WIDTH);
  if (cell->col > 0)
    add_rule (self, x, y, x, y + height, RULE_WIDTH);
  if (cell->layout == NULL)
    return;
  ty = y + (height - cell->text_h) / 2;
  if (cell->wrapped)
    tx = x + table->pad_h + cell->indent;
  else if (cell->align == ALIGN_RIGHT)
    tx = x + w - table->pad_h - cell->text_w;
  else if (cell->align == ALIGN_CENTER)
    tx = x + (w - cell->text_w) / 2;
  else
    tx = x + table->pad_h + cell->indent;
  add_text (self, cell->layout, tx, ty);
}

static void
emit_head (BudgetRenderer *self,
           Table          *table,
           double          x0)
{
  double row_y[64];
  guint n = MIN (table->n_head_rows, G_N_ELEMENTS (row_y) - 1);

  row_y[0] = self->y;
  for (guint r = 0; r < n; r++)
    row_y[r + 1] = row_y[r] + table->head_h[r];
  for (guint h = 0; h < table->head->len; h++)
    {
      const Cell *cell = &g_array_index (table->head, Cell, h);
      guint end = MIN (cell->row + cell->row_span, n);

      if (cell->row >= n)
        continue;
      emit_cell (self, table, cell, x0, row_y[cell->row], row_y[end] - row_y[cell->row], TRUE);
    }
  self->y = row_y[n];
}

static void
emit_rows (BudgetRenderer *self,
           Table          *table,
           GPtrArray      *rows,
           guint           first,
           guint           end,
           double          x0)
{
  for (guint r = first; r < end; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      gboolean merged = row->merge != NULL;
      gboolean group_start = !merged || r == first ||
                             g_strcmp0 (((Row *) g_ptr_array_index (rows, r - 1))->merge, row->merge) != 0;

      for (guint c = 0; c < row->cells->len; c++)
        {
          const Cell *cell = &g_array_index (row->cells, Cell, c);

          if (merged && cell->col == 0)
            {
              guint group_end = r + 1;
              double height = row->height;

              if (!group_start)
                continue;
              /* 一级指标 is printed once, merged down over its rows on this page. */
              while (group_end < end &&
                     g_strcmp0 (((Row *) g_ptr_array_index (rows, group_end))->merge, row->merge) == 0)
                height += ((Row *) g_ptr_array_index (rows, group_end++))->height;
              emit_cell (self, table, cell, x0, self->y, height, TRUE);
              continue;
            }
          emit_cell (self, table, cell, x0, self->y, row->height, TRUE);
        }
      self->y += row->height;
    }
}

static void
emit_frame (BudgetRenderer *self,
            Table          *table,
            double          x0,
            double          top)
{
  add_rule (self, x0, top, x0 + table->width, top, FRAME_WIDTH);
  add_rule (self, x0, self->y, x0 + table->width, self->y, FRAME_WIDTH);
  add_rule (self, x0, top, x0, self->y, FRAME_WIDTH);
  add_rule (self, x0 + table->width, top, x0 + table->width, self->y, FRAME_WIDTH);
}

/* How many rows from @first fit in @avail (below a header), leaving at least two rows for the next
 * page (no lonely total row) and keeping the last rows on the page of the notes. */
static guint
chunk_rows (Table  *table,
            guint   first,
            double  avail)
{
  GPtrArray *body = table->body;
  guint n = body->len;
  double used = 0;
  guint k = 0;

  while (first + k < n && used + ((Row *) g_ptr_array_index (body, first + k))->height <= avail)
    used += ((Row *) g_ptr_array_index (body, first + k++))->height;
  if (first + k == n)
    {
      guint carry = MIN (2, n - first);

      if (used + table->notes_h <= avail)
        return k;
      /* The notes do not fit under the last row: the last two rows go over with them. */
      return k > carry ? k - carry : 0;
    }
  if (n - (first + k) < 2 && k > 2)
    k -= 2 - (n - (first + k));
  return k;
}

/* Places the table in the flow: title, meta line, header, then the rows page by page with the header
 * repeated, keeping the title with the header and the first rows. */
static void
emit_table (BudgetRenderer *self,
            Table          *table)
{
  GPtrArray *body = table->body;
  guint n = body->len;
  double x0 = self->left;
  double block = table->title_h + table->subtitle_h + table->meta_h + table->lead_total + table->head_total;
  guint i = 0;
  guint k;

  if (self->page == NULL || self->break_pending)
    new_page (self, self->landscape);
  k = chunk_rows (table, 0, self->bottom - self->y - block);
  /* The title never stays without its header and first rows; a table that fits on one page is not
   * split at all. */
  if (can_break (self) &&
      (k < MIN (n, 2) || (k < n && block + table->body_total + table->notes_h <= self->bottom - self->top)))
    {
      break_page (self);
      k = chunk_rows (table, 0, self->bottom - self->y - block);
    }

  add_outline (self, pango_layout_get_text (table->title), self->section_level, FALSE);
  add_text (self, table->title, x0, self->y);
  self->y += table->title_h;
  if (table->subtitle != NULL)
    {
      add_text (self, table->subtitle, x0, self->y);
      self->y += table->subtitle_h;
    }
  if (table->meta_h > 0)
    {
      for (guint m = 0; m < G_N_ELEMENTS (table->meta); m++)
        if (table->meta[m] != NULL)
          {
            double width = pango_units_to_double (pango_layout_get_width (table->meta[m]));

            /* left, centre and right thirds (halves for the two-part lines) */
            add_text (self, table->meta[m], m == 0 ? x0 : m == 1 ? x0 + (table->width - width) / 2
                                                    : x0 + table->width - width, self->y);
          }
      self->y += table->meta_h;
    }

  while (TRUE)
    {
      double top = self->y;

      /* A row taller than a whole page is printed anyway. */
      if (k == 0 && n > 0)
        k = 1;
      emit_rows (self, table, table->lead, 0, i == 0 ? table->lead->len : 0, x0);
      emit_head (self, table, x0);
      emit_rows (self, table, body, i, i + k, x0);
      emit_frame (self, table, x0, top);
      i += k;
      if (i >= n)
        break;
      new_page (self, self->landscape);
      k = chunk_rows (table, i, self->bottom - self->y - table->head_total);
    }

  if (table->notes->len > 0)
    {
      self->y += 4.0;
      if (self->y + table->notes_h - 4.0 > self->bottom && !page_is_fresh (self))
        new_page (self, self->landscape);
      for (guint t = 0; t < table->notes->len; t++)
        {
          PangoLayout *note = g_ptr_array_index (table->notes, t);

          add_text (self, note, x0, self->y);
          self->y += layout_height (note) + 2.0;
        }
    }
  self->y += 6.0;
}

static void
flow_table (BudgetRenderer *self,
            BudgetForm     *form,
            gboolean        standalone)
{
  BudgetFormDef *def = budget_form_get_def (form);
  gboolean landscape = page_landscape (self, budget_form_def_is_landscape (def));
  g_autoptr(Table) table = NULL;
  double width, height, top, bottom, left, right;
  double scale = 1.0;

  if (standalone || landscape != page_landscape (self, FALSE))
    ensure_page (self, landscape);
  else if (self->page == NULL || self->break_pending || self->landscape != page_landscape (self, FALSE))
    new_page (self, page_landscape (self, FALSE));
  else if (!page_is_fresh (self))
    self->y += 8.0;

  page_frame (self, self->landscape, &width, &height, &top, &bottom, &left, &right);
  table = table_build (self, form, right - left, scale);

  /* Shrink the type while the columns' minimum widths do not fit the page width. */
  for (guint attempt = 0; attempt < 4 && table->min_total > table->width && scale > MIN_WIDTH_SCALE; attempt++)
    {
      scale = MAX (MIN_WIDTH_SCALE, MIN (scale - 0.02, scale * table->width / table->min_total));
      g_clear_pointer (&table, table_free);
      table = table_build (self, form, right - left, scale);
    }

  /* A standalone table a little longer than its page is shrunk to fit on the page. */
  if (standalone)
    {
      double body = bottom - top;

      for (guint attempt = 0; attempt < 4; attempt++)
        {
          double total = table_total_height (table);
          double next;

          if (total <= body)
            break;
          next = scale * body / total * 0.995;
          if (next < MIN_FIT_SCALE)
            break;
          {
            Table *smaller = table_build (self, form, right - left, next);

            if (smaller->min_total > smaller->width)
              {
                table_free (smaller);
                break;
              }
            g_clear_pointer (&table, table_free);
            table = smaller;
            scale = next;
          }
        }
      if (table_total_height (table) > body && scale < 1.0)
        {
          /* It does not fit even shrunk: print it at full size over several pages. */
          g_clear_pointer (&table, table_free);
          scale = 1.0;
          table = table_build (self, form, right - left, scale);
        }
    }

  emit_table (self, table);
  if (standalone || landscape != page_landscape (self, FALSE))
    self->break_pending = TRUE;
}

/* ------------------------------------------------------------------------------------------------ */
/* Explanatory text                                                                                 */

typedef enum
{
  HEADING_DOCUMENT,   /* the title of the explanatory text */
  HEADING_PART,       /* 第一部分 … */
  HEADING_SECTION,    /* 一、… */
} HeadingStyle;

static gboolean
is_part_title (const char *line)
{
  return g_str_has_prefix (line, "第") && strstr (line, "部分") != NULL;
}

static gboolean
is_enumerated (const char *line)
{
  const char *numerals = "一二三四五六七八九十";
  const char *p = line;
  gunichar c = g_utf8_get_char (p);

  if (c == 0xFF08 || c == '(')   /* （一） (一) */
    {
      p = g_utf8_next_char (p);
      return g_utf8_strchr (numerals, -1, g_utf8_get_char (p)) != NULL;
    }
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      return g_str_has_prefix (p, "、") || g_str_has_prefix (p, ".");
    }
  if (g_utf8_strchr (numerals, -1, c) != NULL)
    {
      for (guint i = 0; i < 3 && *p != '\0'; i++)
        {
          p = g_utf8_next_char (p);
          if (g_str_has_prefix (p, "、"))
            return TRUE;
          if (g_utf8_strchr (numerals, -1, g_utf8_get_char (p)) == NULL)
            break;
        }
    }
  return is_part_title (line);
}

/* A short line without sentence punctuation that is enumerated ("1、收入说明", "（一）总体绩效目标") or
 * ends in a colon ("部门职责：") is a subheading of the section, not a paragraph. */
static gboolean
is_subheading (const char *line)
{
  glong length = g_utf8_strlen (line, -1);

  if (length == 0 || length > 24)
    return FALSE;
  if (strstr (line, "。") != NULL || strstr (line, "，") != NULL || strstr (line, "；") != NULL)
    return FALSE;
  return g_str_has_suffix (line, "：") || is_enumerated (line);
}

static void
flow_heading (BudgetRenderer *self,
              const char     *text,
              HeadingStyle    style,
              guint           level)
{
  double size = style == HEADING_DOCUMENT ? DOC_TITLE_SIZE : style == HEADING_PART ? PART_SIZE : SECTION_SIZE;
  const PangoFontDescription *font = font_get (self, self->title_font, PANGO_WEIGHT_BOLD, size);
  double before = style == HEADING_DOCUMENT ? 0 : style == HEADING_PART ? 12.0 : 8.0;
  double after = style == HEADING_DOCUMENT ? 14.0 : 6.0;
  /* Section headings are indented two characters like the paragraphs; the others are centred. */
  double indent = style == HEADING_SECTION ? 2 * BODY_SIZE : 0;
  g_autoptr(PangoLayout) layout = NULL;
  double height, top;
  guint first;

  if (self->page == NULL || self->break_pending || self->landscape != page_landscape (self, FALSE))
    new_page (self, page_landscape (self, FALSE));
  layout = layout_new (self, text, font, self->right - self->left - indent,
                       style == HEADING_SECTION ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
  height = layout_height (layout);
  /* A heading stays with the first lines of what follows it. */
  ensure_space (self, before + height + after + 3 * BODY_SIZE * 1.8);
  if (!page_is_fresh (self))
    self->y += before;
  first = self->page->texts->len;
  top = self->y;
  add_outline (self, text, level, style == HEADING_DOCUMENT);
  add_text (self, layout, self->left + indent, self->y);
  self->y += height + after;
  keep_with_next (self, first, top);
}

/* One paragraph, line by line so that it can break across pages, with a first-line indent of two
 * characters and no single line left alone at the bottom or the top of a page. */
static void
flow_paragraph (BudgetRenderer *self,
                const char     *text,
                gboolean        subheading)
{
  /* Subheadings in the heading face, so that the document has two faces: serif and bold sans. */
  const PangoFontDescription *font = subheading ? font_get (self, self->title_font, PANGO_WEIGHT_BOLD, BODY_SIZE)
                                                : font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, BODY_SIZE);
  double width = self->right - self->left;
  g_autoptr(PangoLayout) layout = layout_create (self, text, font, width, PANGO_ALIGN_LEFT);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  PangoLayoutIter *iter;
  guint n, i = 0;
  guint chunk_first = 0;
  double chunk_top = 0;

  pango_layout_set_indent (layout, pango_units_from_double (2 * BODY_SIZE));
  pango_layout_set_justify (layout, !subheading);
  pango_layout_set_line_spacing (layout, BODY_LINE_SPACING);

  /* Each line: top, bottom, baseline (layout coordinates) and x. */
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;
      double line[4];

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line[0] = pango_units_to_double (y0);
      line[1] = pango_units_to_double (y1);
      line[2] = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      line[3] = pango_units_to_double (logical.x);
      g_array_append_vals (lines, line, 1);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  n = lines->len;
  if (self->page == NULL || self->break_pending)
    new_page (self, page_landscape (self, FALSE));
  while (i < n)
    {
      double *start = (double *) lines->data + 4 * i;
      double avail = self->bottom - self->y;
      guint k = 0;

      chunk_first = self->page->texts->len;
      chunk_top = self->y;

      while (i + k < n && ((double *) lines->data)[4 * (i + k) + 1] - start[0] <= avail)
        k++;
      if (i + k < n)
        {
          if (k < 2 && can_break (self))
            {
              break_page (self);
              continue;
            }
          if (n - (i + k) == 1 && k > 2)
            k--;
          if (k == 0)
            k = 1;
        }
      for (guint j = i; j < i + k; j++)
        {
          double *line = (double *) lines->data + 4 * j;

          add_line_text (self, layout, j, self->left + line[3], self->y + line[2] - start[0]);
        }
      self->y += ((double *) lines->data)[4 * (i + k - 1) + 1] - start[0];
      i += k;
      if (i < n)
        new_page (self, self->landscape);
    }
  /* A subheading ("部门职责：", "1、收入说明") stays with what it introduces. */
  if (subheading)
    keep_with_next (self, chunk_first, chunk_top);
}

static void
flow_text (BudgetRenderer *self,
           BudgetForm     *form,
           HeadingStyle    style,
           guint           level)
{
  g_autofree char *title = budget_form_dup_title (form);
  const char *text = budget_form_get_rendered_text (form);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  if (style == HEADING_DOCUMENT)
    new_page (self, page_landscape (self, FALSE));
  flow_heading (self, title, style, level);
  /* One paragraph per line of the text. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = strip_line (lines[i]);

      if (line[0] != '\0')
        flow_paragraph (self, line, is_subheading (line));
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Pagination                                                                                       */

static void
footers (BudgetRenderer *self)
{
  const PangoFontDescription *font = font_get (self, self->body_font, PANGO_WEIGHT_NORMAL, FOOTER_SIZE);
  guint n = self->pages->len;

  for (guint p = 0; p < n; p++)
    {
      Page *page = g_ptr_array_index (self->pages, p);
      g_autofree char *text = g_strdup_printf ("第 %u 页 共 %u 页", p + 1, n);
      double width, height, top, bottom, left, right;
      g_autoptr(PangoLayout) layout = NULL;
      TextItem item;

      page_frame (self, page->landscape, &width, &height, &top, &bottom, &left, &right);
      layout = layout_new (self, text, font, right - left, PANGO_ALIGN_CENTER);
      item.layout = g_object_ref (layout);
      item.x = left;
      item.y = bottom + (height - bottom - layout_height (layout)) / 2;
      item.line = -1;
      g_array_append_val (page->texts, item);
    }
}

/* Page labels name the pages in a viewer's page box: the short title of a table on its pages
 * ("收支总表", then "收支总表（续）"), and "说明 1", "说明 2" … through the explanatory text. Plain
 * numbers would be useless: cairo leaves out labels that equal the page numbers. */
static void
label_pages (BudgetRenderer *self)
{
  guint text_page = 0;

  for (guint f = 0; f < self->form_pages->len; f++)
    {
      const FormPages *pages = &g_array_index (self->form_pages, FormPages, f);

      if (form_is_inline_titled (pages->form))
        continue;
      for (guint p = pages->first_page; p < pages->first_page + pages->n_pages && p < self->pages->len; p++)
        {
          Page *page = g_ptr_array_index (self->pages, p);

          if (page->label == NULL)
            page->label = p == pages->first_page ? g_strdup (budget_form_get_short_title (pages->form))
                                                 : g_strdup_printf ("%s（续）", budget_form_get_short_title (pages->form));
        }
    }
  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = g_ptr_array_index (self->pages, p);

      if (page->label == NULL)
        page->label = g_strdup_printf ("说明 %u", ++text_page);
    }
}

static char *
resolve_family (PangoContext *context,
                const char   *family)
{
  g_autoptr(PangoFontDescription) description = font_new (family, PANGO_WEIGHT_NORMAL, 10.0);
  PangoFontset *fontset = pango_context_load_fontset (context, description, pango_language_from_string ("zh-cn"));
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) actual = NULL;
  const char *name;

  if (fontset == NULL)
    return g_strdup (family);
  /* The font fontconfig picks for a Chinese character is the one the pages will use. */
  font = pango_fontset_get_font (fontset, 0x95E8 /* 门 */);
  g_object_unref (fontset);
  if (font == NULL)
    return g_strdup (family);
  actual = pango_font_describe (font);
  name = pango_font_description_get_family (actual);
  return g_strdup (name != NULL ? name : family);
}

static void
report_font (const char *wanted,
             const char *used)
{
  static GHashTable *reported;
  G_LOCK_DEFINE_STATIC (reported);

  if (g_ascii_strcasecmp (wanted, used) == 0)
    return;
  G_LOCK (reported);
  if (reported == NULL)
    reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (reported, wanted))
    {
      g_hash_table_add (reported, g_strdup (wanted));
      g_message (_("The font “%s” is not installed; the pages use “%s” instead (install fonts-noto-cjk)"),
                 wanted, used);
    }
  G_UNLOCK (reported);
}

static int
compare_rules (gconstpointer a,
               gconstpointer b)
{
  const Rule *x = a;
  const Rule *y = b;
  gboolean x_horizontal = x->y0 == x->y1;
  gboolean y_horizontal = y->y0 == y->y1;
  double keys_x[] = { x_horizontal, x->width, x_horizontal ? x->y0 : x->x0, x_horizontal ? x->x0 : x->y0 };
  double keys_y[] = { y_horizontal, y->width, y_horizontal ? y->y0 : y->x0, y_horizontal ? y->x0 : y->y0 };

  for (guint i = 0; i < G_N_ELEMENTS (keys_x); i++)
    if (keys_x[i] != keys_y[i])
      return keys_x[i] < keys_y[i] ? -1 : 1;
  return 0;
}

/* Joins the rules that continue one another (the top edges of a row's cells, the left edges of a
 * column's cells) into single lines: a table is drawn with a few long lines rather than an edge per
 * cell, which makes the PDF smaller and faster to write, and leaves no joints in the lines. */
static void
merge_rules (Page *page)
{
  GArray *rules = page->rules;
  guint out = 0;

  g_array_sort (rules, compare_rules);
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = &g_array_index (rules, Rule, i);
      Rule *last = out > 0 ? &g_array_index (rules, Rule, out - 1) : NULL;
      gboolean horizontal = rule->y0 == rule->y1;

      if (last != NULL && last->width == rule->width && (last->y0 == last->y1) == horizontal &&
          (horizontal ? last->y0 == rule->y0 && rule->x0 <= last->x1 + 0.01
                      : last->x0 == rule->x0 && rule->y0 <= last->y1 + 0.01))
        {
          if (horizontal)
            last->x1 = MAX (last->x1, rule->x1);
          else
            last->y1 = MAX (last->y1, rule->y1);
          continue;
        }
      g_array_index (rules, Rule, out++) = *rule;
    }
  g_array_set_size (rules, out);
}

static void
clear_pages (BudgetRenderer *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->outline, 0);
  g_array_set_size (self->form_pages, 0);
  self->page = NULL;
  self->break_pending = FALSE;
  self->paginated = FALSE;
}

/* The settings both paths lay out with, so that print and PDF break lines and pages alike: unhinted
 * metrics and unrounded glyph positions (the same positions on every surface), and the Chinese
 * language, so that fontconfig picks Simplified Chinese glyphs under any locale. */
static void
prepare_context (PangoContext *context)
{
  const cairo_font_options_t *current = pango_cairo_context_get_font_options (context);
  cairo_font_options_t *options = current != NULL ? cairo_font_options_copy (current) : cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
}

/**
 * budget_renderer_create_pdf_context:
 *
 * Creates the Pango context the PDF path lays out with: resolution 72 (a point is a unit of the
 * surface, STYLE.md §6), unhinted metrics, unrounded glyph positions and the Chinese language.
 *
 * Returns: (transfer full): a new context
 */
PangoContext *
budget_renderer_create_pdf_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  pango_cairo_context_set_resolution (context, 72.0);
  prepare_context (context);
  return context;
}

/**
 * budget_renderer_paginate:
 * @self: a renderer
 * @context: (nullable): the Pango context to lay out with: the print context's for printing, %NULL
 *   for the PDF context of budget_renderer_create_pdf_context(). Its language is set to Chinese and
 *   its metrics to unhinted, as the PDF path has them.
 *
 * Lays out every form of the renderer into pages. Calling it again lays out again (after an edit, or
 * with another context).
 *
 * Returns: the number of pages
 */
guint
budget_renderer_paginate (BudgetRenderer *self,
                          PangoContext   *context)
{
  BudgetForm *first_text = NULL;
  gboolean performance_part = FALSE;

  g_return_val_if_fail (BUDGET_IS_RENDERER (self), 0);

  clear_pages (self);
  g_hash_table_remove_all (self->layouts);
  g_hash_table_remove_all (self->fonts);
  g_clear_object (&self->context);
  if (context != NULL)
    {
      self->context = g_object_ref (context);
      /* Under a non-Chinese locale fontconfig would otherwise prefer Japanese glyph forms. */
      prepare_context (self->context);
    }
  else
    self->context = budget_renderer_create_pdf_context ();

  g_free (self->body_font);
  g_free (self->title_font);
  self->body_font = resolve_family (self->context, SERIF_FAMILY);
  self->title_font = resolve_family (self->context, SANS_FAMILY);
  report_font (SERIF_FAMILY, self->body_font);
  report_font (SANS_FAMILY, self->title_font);

  for (guint i = 0; i < budget_document_get_n_forms (self->document); i++)
    {
      BudgetForm *form = budget_document_get_form (self->document, i);

      if (BUDGET_IS_TEXT_SECTION (form))
        {
          first_text = form;
          break;
        }
    }

  /* Outline levels: tables and the title of the explanatory text at the top, its sections below
   * the title, the 第…部分 parts below the sections, and the tables inside the text below those. */
  self->section_level = 0;
  for (guint f = 0; f < self->forms->len; f++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, f);
      FormPages pages = { form, 0, 0 };

      switch (budget_form_get_kind (form))
        {
        case BUDGET_FORM_KIND_TEXT:
          {
            g_autofree char *title = budget_form_dup_title (form);
            HeadingStyle style = form == first_text ? HEADING_DOCUMENT
                                 : is_part_title (title) ? HEADING_PART : HEADING_SECTION;
            guint level = style == HEADING_DOCUMENT ? 0 : style == HEADING_SECTION ? 1 : 2;

            flow_text (self, form, style, level);
            self->section_level = level + 1;
            performance_part = FALSE;
          }
          break;
        case BUDGET_FORM_KIND_PERFORMANCE:
          /* The heading of the part the tables form (第三部分 预算项目绩效目标) comes from the template. */
          if (!performance_part && budget_form_def_get_part_title (budget_form_get_def (form)) != NULL)
            {
              flow_heading (self, budget_form_def_get_part_title (budget_form_get_def (form)), HEADING_PART, 2);
              self->section_level = 3;
              performance_part = TRUE;
            }
          flow_table (self, form, FALSE);
          break;
        case BUDGET_FORM_KIND_FIXED:
        case BUDGET_FORM_KIND_CODED:
        case BUDGET_FORM_KIND_LIST:
        default:
          if (!form_is_inline_titled (form))
            self->section_level = 0;
          flow_table (self, form, !form_is_inline_titled (form));
          break;
        }
      /* Every form added its own outline entry last: that is where it starts. */
      pages.first_page = g_array_index (self->outline, OutlineItem, self->outline->len - 1).page;
      pages.n_pages = self->pages->len - pages.first_page;
      g_array_append_val (self->form_pages, pages);
    }

  footers (self);
  label_pages (self);
  for (guint p = 0; p < self->pages->len; p++)
    merge_rules (g_ptr_array_index (self->pages, p));
  self->paginated = TRUE;
  return self->pages->len;
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                          */

static void
budget_renderer_finalize (GObject *object)
{
  BudgetRenderer *self = BUDGET_RENDERER (object);

  g_ptr_array_unref (self->pages);
  g_array_unref (self->outline);
  g_array_unref (self->form_pages);
  g_ptr_array_unref (self->forms);
  pango_attr_list_unref (self->attrs);
  g_hash_table_unref (self->layouts);
  g_hash_table_unref (self->fonts);
  g_clear_object (&self->context);
  g_clear_object (&self->document);
  g_free (self->body_font);
  g_free (self->title_font);

  G_OBJECT_CLASS (budget_renderer_parent_class)->finalize (object);
}

static void
budget_renderer_class_init (BudgetRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_renderer_finalize;
}

static void
budget_renderer_init (BudgetRenderer *self)
{
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->outline = g_array_new (FALSE, TRUE, sizeof (OutlineItem));
  g_array_set_clear_func (self->outline, (GDestroyNotify) outline_item_clear);
  self->form_pages = g_array_new (FALSE, TRUE, sizeof (FormPages));
  self->forms = g_ptr_array_new ();
  self->paper_width = BUDGET_RENDERER_A4_WIDTH;
  self->paper_height = BUDGET_RENDERER_A4_HEIGHT;
  self->orientation = BUDGET_RENDERER_ORIENTATION_AUTO;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) pango_font_description_free);
  self->attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs, pango_attr_insert_hyphens_new (FALSE));
}

static gboolean
collect_forms (BudgetDocument     *document,
               const char * const *form_ids,
               GPtrArray          *out,
               GError            **error)
{
  if (form_ids != NULL)
    for (guint i = 0; form_ids[i] != NULL; i++)
      {
        BudgetForm *form = budget_document_lookup_form (document, form_ids[i]);

        if (form == NULL)
          {
            g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_UNKNOWN_FORM,
                         _("The project has no form “%s”"), form_ids[i]);
            return FALSE;
          }
        if (!budget_form_def_is_published (budget_form_get_def (form)))
          {
            g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_NOT_PUBLISHED,
                         _("The form “%s” is an input form and is not published"), form_ids[i]);
            return FALSE;
          }
      }

  /* Document order, whatever order the ids came in: the forms' places in the disclosure are fixed. */
  for (guint i = 0; i < budget_document_get_n_forms (document); i++)
    {
      BudgetForm *form = budget_document_get_form (document, i);

      if (!budget_form_def_is_published (budget_form_get_def (form)))
        continue;
      if (form_ids != NULL && !g_strv_contains (form_ids, budget_form_get_id (form)))
        continue;
      g_ptr_array_add (out, form);
    }
  return TRUE;
}

/**
 * budget_renderer_new:
 * @document: the document to render
 * @form_ids: (nullable) (array zero-terminated=1): the ids of the forms to render, %NULL for every
 *   published form. Unknown ids and input forms are left out.
 *
 * Returns: (transfer full): a renderer; call budget_renderer_paginate() before drawing
 */
BudgetRenderer *
budget_renderer_new (BudgetDocument     *document,
                     const char * const *form_ids)
{
  BudgetRenderer *self;

  g_return_val_if_fail (BUDGET_IS_DOCUMENT (document), NULL);

  self = g_object_new (BUDGET_TYPE_RENDERER, NULL);
  self->document = g_object_ref (document);
  if (!collect_forms (document, form_ids, self->forms, NULL))
    {
      /* Keep the known, published ones. */
      for (guint i = 0; i < budget_document_get_n_forms (document); i++)
        {
          BudgetForm *form = budget_document_get_form (document, i);

          if (budget_form_def_is_published (budget_form_get_def (form)) &&
              g_strv_contains (form_ids, budget_form_get_id (form)))
            g_ptr_array_add (self->forms, form);
        }
    }
  return self;
}

/**
 * budget_renderer_get_document:
 * @self: a renderer
 *
 * Returns: (transfer none): the document
 */
BudgetDocument *
budget_renderer_get_document (BudgetRenderer *self)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), NULL);
  return self->document;
}

/**
 * budget_renderer_get_n_forms:
 * @self: a renderer
 *
 * Returns: the number of forms the renderer prints
 */
guint
budget_renderer_get_n_forms (BudgetRenderer *self)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), 0);
  return self->forms->len;
}

/**
 * budget_renderer_set_paper_size:
 * @self: a renderer
 * @width: the paper's width in points, as it is held for portrait pages
 * @height: the paper's height in points
 *
 * Sets the paper the pages are laid out on (A4 unless set). Takes effect at the next
 * budget_renderer_paginate().
 */
void
budget_renderer_set_paper_size (BudgetRenderer *self,
                                double          width,
                                double          height)
{
  g_return_if_fail (BUDGET_IS_RENDERER (self));
  g_return_if_fail (width > 144 && height > 144);

  self->paper_width = MIN (width, height);
  self->paper_height = MAX (width, height);
}

/**
 * budget_renderer_set_orientation:
 * @self: a renderer
 * @orientation: %BUDGET_RENDERER_ORIENTATION_AUTO to turn the pages of wide tables (the definitions'
 *   print hint), or one orientation for every page
 *
 * Takes effect at the next budget_renderer_paginate().
 */
void
budget_renderer_set_orientation (BudgetRenderer            *self,
                                 BudgetRendererOrientation  orientation)
{
  g_return_if_fail (BUDGET_IS_RENDERER (self));
  self->orientation = orientation;
}

/**
 * budget_renderer_get_n_pages:
 * @self: a renderer
 *
 * Returns: the number of pages of the last pagination (0 before budget_renderer_paginate())
 */
guint
budget_renderer_get_n_pages (BudgetRenderer *self)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), 0);
  return self->pages->len;
}

/**
 * budget_renderer_page_is_landscape:
 * @self: a paginated renderer
 * @page: a 0-based page number
 *
 * Returns: whether the page is A4 landscape (wide tables); otherwise it is A4 portrait
 */
gboolean
budget_renderer_page_is_landscape (BudgetRenderer *self,
                                   guint           page)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (page < self->pages->len, FALSE);
  return ((Page *) g_ptr_array_index (self->pages, page))->landscape;
}

/**
 * budget_renderer_get_page_size:
 * @self: a paginated renderer
 * @page: a 0-based page number
 * @width: (out): the page's width in points
 * @height: (out): the page's height in points
 *
 * Gets the size of a page as it is drawn: A4, turned for landscape pages.
 */
void
budget_renderer_get_page_size (BudgetRenderer *self,
                               guint           page,
                               double         *width,
                               double         *height)
{
  gboolean landscape = budget_renderer_page_is_landscape (self, page);

  *width = landscape ? self->paper_height : self->paper_width;
  *height = landscape ? self->paper_width : self->paper_height;
}

/**
 * budget_renderer_get_page_label:
 * @self: a paginated renderer
 * @page: a 0-based page number
 *
 * Returns: the page's label in the PDF: the short title of the table on it, or "说明 N" for the
 * pages of the explanatory text
 */
const char *
budget_renderer_get_page_label (BudgetRenderer *self,
                                guint           page)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);
  return ((Page *) g_ptr_array_index (self->pages, page))->label;
}

/**
 * budget_renderer_get_form_page:
 * @self: a paginated renderer
 * @form_id: a form id
 * @n_pages: (out) (optional): the number of pages the form reaches over
 *
 * Returns: the 0-based page where the form starts, or -1 when the renderer does not print it
 */
int
budget_renderer_get_form_page (BudgetRenderer *self,
                               const char     *form_id,
                               guint          *n_pages)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), -1);

  for (guint i = 0; i < self->form_pages->len; i++)
    {
      const FormPages *pages = &g_array_index (self->form_pages, FormPages, i);

      if (g_strcmp0 (budget_form_get_id (pages->form), form_id) == 0)
        {
          if (n_pages != NULL)
            *n_pages = pages->n_pages;
          return (int) pages->first_page;
        }
    }
  if (n_pages != NULL)
    *n_pages = 0;
  return -1;
}

/**
 * budget_renderer_get_body_font:
 * @self: a paginated renderer
 *
 * Returns: (nullable): the family fontconfig gave for body text and cells (normally Noto Serif CJK SC)
 */
const char *
budget_renderer_get_body_font (BudgetRenderer *self)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), NULL);
  return self->body_font;
}

/**
 * budget_renderer_get_title_font:
 * @self: a paginated renderer
 *
 * Returns: (nullable): the family fontconfig gave for titles and headers (normally Noto Sans CJK SC)
 */
const char *
budget_renderer_get_title_font (BudgetRenderer *self)
{
  g_return_val_if_fail (BUDGET_IS_RENDERER (self), NULL);
  return self->title_font;
}

/**
 * budget_renderer_draw_page:
 * @self: a paginated renderer
 * @cr: a cairo context whose user space is in points with the page's top left corner at the origin
 * @page: a 0-based page number
 *
 * Draws one page: the same calls on a PDF surface, a print context or an image.
 */
void
budget_renderer_draw_page (BudgetRenderer *self,
                           cairo_t        *cr,
                           guint           page)
{
  Page *p;
  double widths[] = { RULE_WIDTH, FRAME_WIDTH };

  g_return_if_fail (BUDGET_IS_RENDERER (self));
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);

  /* Thin rules first, then the heavier frames over them, each width in one stroke. */
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < p->rules->len; i++)
        {
          const Rule *rule = &g_array_index (p->rules, Rule, i);

          if (rule->width != widths[w])
            continue;
          cairo_move_to (cr, rule->x0, rule->y0);
          cairo_line_to (cr, rule->x1, rule->y1);
          any = TRUE;
        }
      if (any)
        {
          cairo_set_line_width (cr, widths[w]);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < p->texts->len; i++)
    {
      const TextItem *item = &g_array_index (p->texts, TextItem, i);

      cairo_move_to (cr, item->x, item->y);
      if (item->line < 0)
        pango_cairo_show_layout (cr, item->layout);
      else
        pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout, item->line));
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------------------------------ */
/* PDF                                                                                              */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  WriteClosure *write = closure;

  if (write->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (write->stream, data, length, NULL, NULL, &write->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static char *
creation_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  /* Reproducible builds and tests can pin the date. */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    now = g_date_time_new_from_unix_utc ((gint64) seconds);
  else
    now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_metadata (BudgetRenderer   *self,
              cairo_surface_t  *surface)
{
  const char *department = budget_document_get_meta (self->document, "department-name");
  int year = budget_document_get_year (self->document);
  g_autofree char *title = g_strdup_printf ("%s%d年部门预算公开", department != NULL ? department : "", year);
  g_autofree char *subject = g_strdup_printf ("%d年部门预算公开：部门预算报表及情况说明", year);
  g_autofree char *keywords = g_strdup_printf ("部门预算公开, %d, %s", year, department != NULL ? department : "");
  g_autofree char *date = creation_date ();

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, department != NULL ? department : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Budget Editor " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
add_outline_entries (BudgetRenderer  *self,
                     cairo_surface_t *surface)
{
  int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };
  guint depth = 0;

  for (guint i = 0; i < self->outline->len; i++)
    {
      const OutlineItem *item = &g_array_index (self->outline, OutlineItem, i);
      guint level = MIN (item->level, MIN (depth, G_N_ELEMENTS (parents) - 2));
      /* Integers: a link string must not depend on the locale's decimal separator. */
      g_autofree char *link = g_strdup_printf ("page=%u pos=[0 %d]", item->page + 1, (int) item->y);
      int id = cairo_pdf_surface_add_outline (surface, parents[level], item->title, link,
                                              item->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);

      parents[level + 1] = id;
      depth = level + 1;
    }
}

/**
 * budget_renderer_write_pdf:
 * @self: a renderer (paginated for the PDF now if it was not)
 * @path: the file to write; it is replaced only once the PDF is complete
 * @error: return location for an error
 *
 * Writes the pages as a PDF with embedded fonts, searchable text, metadata, an outline with one entry
 * per form and page labels.
 *
 * Returns: whether the file was written
 */
gboolean
budget_renderer_write_pdf (BudgetRenderer  *self,
                           const char      *path,
                           GError         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (BUDGET_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->paginated)
    budget_renderer_paginate (self, NULL);
  if (self->pages->len == 0)
    {
      g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_UNKNOWN_FORM,
                   _("There is no published form to export"));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);

  surface = cairo_pdf_surface_create_for_stream (write_stream, &closure, self->paper_width, self->paper_height);
  set_metadata (self, surface);
  cr = cairo_create (surface);
  for (guint p = 0; p < self->pages->len; p++)
    {
      double width, height;

      budget_renderer_get_page_size (self, p, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      cairo_pdf_surface_set_page_label (surface, budget_renderer_get_page_label (self, p));
      budget_renderer_draw_page (self, cr, p);
      cairo_show_page (cr);
    }
  add_outline_entries (self, surface);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (closure.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file and keeps any old PDF. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      if (closure.error != NULL)
        g_propagate_error (error, closure.error);
      else
        g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_WRITE,
                     _("Could not write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/**
 * budget_renderer_export_pdf:
 * @document: the document
 * @path: the PDF file to write
 * @form_ids: (nullable) (array zero-terminated=1): the forms to export, %NULL for every published form
 * @error: return location for an error
 *
 * Exports the disclosure (or some of its forms, in document order) as a PDF in the official layout.
 *
 * Returns: whether the PDF was written
 */
gboolean
budget_renderer_export_pdf (BudgetDocument     *document,
                            const char         *path,
                            const char * const *form_ids,
                            GError            **error)
{
  g_autoptr(BudgetRenderer) renderer = NULL;
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();

  g_return_val_if_fail (BUDGET_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!collect_forms (document, form_ids, forms, error))
    return FALSE;
  renderer = budget_renderer_new (document, form_ids);
  budget_renderer_paginate (renderer, NULL);
  return budget_renderer_write_pdf (renderer, path, error);
}
