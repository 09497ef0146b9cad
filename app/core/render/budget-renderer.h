/* budget-renderer.h: lays out the disclosure in the official layout and draws its pages with cairo and Pango.
 * The same pages go to PDF export and to GtkPrintOperation. */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

#include "model/budget-document.h"

G_BEGIN_DECLS

#define BUDGET_RENDERER_ERROR (budget_renderer_error_quark ())

typedef enum
{
  BUDGET_RENDERER_ERROR_UNKNOWN_FORM,   /* a form id the document does not have */
  BUDGET_RENDERER_ERROR_NOT_PUBLISHED,  /* an input form (NF) asked for explicitly */
  BUDGET_RENDERER_ERROR_WRITE,          /* cairo or the file could not write the PDF */
} BudgetRendererError;

typedef enum
{
  BUDGET_RENDERER_ORIENTATION_AUTO,       /* portrait, landscape for the tables whose definition asks for it */
  BUDGET_RENDERER_ORIENTATION_PORTRAIT,
  BUDGET_RENDERER_ORIENTATION_LANDSCAPE,
} BudgetRendererOrientation;

/* A4 in points: the unit of every coordinate the renderer uses. */
#define BUDGET_RENDERER_A4_WIDTH  (210.0 / 25.4 * 72.0)
#define BUDGET_RENDERER_A4_HEIGHT (297.0 / 25.4 * 72.0)

#define BUDGET_TYPE_RENDERER (budget_renderer_get_type ())

G_DECLARE_FINAL_TYPE (BudgetRenderer, budget_renderer, BUDGET, RENDERER, GObject)

GQuark          budget_renderer_error_quark       (void);

BudgetRenderer *budget_renderer_new               (BudgetDocument      *document,
                                                   const char * const  *form_ids);
BudgetDocument *budget_renderer_get_document      (BudgetRenderer      *self);
guint           budget_renderer_get_n_forms       (BudgetRenderer      *self);
void            budget_renderer_set_paper_size    (BudgetRenderer      *self,
                                                   double               width,
                                                   double               height);
void            budget_renderer_set_orientation   (BudgetRenderer      *self,
                                                   BudgetRendererOrientation orientation);

guint           budget_renderer_paginate          (BudgetRenderer      *self,
                                                   PangoContext        *context);
guint           budget_renderer_get_n_pages       (BudgetRenderer      *self);
gboolean        budget_renderer_page_is_landscape (BudgetRenderer      *self,
                                                   guint                page);
void            budget_renderer_get_page_size     (BudgetRenderer      *self,
                                                   guint                page,
                                                   double              *width,
                                                   double              *height);
const char     *budget_renderer_get_page_label    (BudgetRenderer      *self,
                                                   guint                page);
int             budget_renderer_get_form_page     (BudgetRenderer      *self,
                                                   const char          *form_id,
                                                   guint               *n_pages);
void            budget_renderer_draw_page         (BudgetRenderer      *self,
                                                   cairo_t             *cr,
                                                   guint                page);
const char     *budget_renderer_get_body_font     (BudgetRenderer      *self);
const char     *budget_renderer_get_title_font    (BudgetRenderer      *self);

PangoContext   *budget_renderer_create_pdf_context (void);
gboolean        budget_renderer_write_pdf         (BudgetRenderer      *self,
                                                   const char          *path,
                                                   GError             **error);

gboolean        budget_renderer_export_pdf        (BudgetDocument      *document,
                                                   const char          *path,
                                                   const char * const  *form_ids,
                                                   GError             **error);

G_END_DECLS
