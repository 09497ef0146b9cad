/* budget-print-operation.c: printing through BudgetRenderer, the renderer of the PDF export, so that a
 * printed page is the PDF's page: the same pagination, the same drawing calls.
 *
 * The operation works in points with the full page (STYLE.md §6: otherwise GTK shifts the drawing by
 * its default margins and the print context's Pango resolution differs from the PDF path's). Each
 * page asks for its own orientation, so the wide tables print landscape. The paper and the print
 * settings are remembered: in the application's settings when its schema has the paper-size key, and
 * in memory for the rest of the session in any case.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-print-operation.h"
#include "render/budget-renderer.h"
#include "budget-settings.h"

typedef struct
{
  BudgetDocument *document;
  BudgetRenderer *renderer;
  GSettings      *settings;   /* nullable: no schema */
  GtkWindow      *parent;     /* weak pointer */
  gboolean        running;    /* inside gtk_print_operation_run() */
  gboolean        finished;   /* "done" was emitted */
} PrintJob;

/* What the last print dialog chose, for the next one in this session. */
static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->document);
  g_clear_object (&job->settings);
  if (job->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (job->parent), (gpointer *) &job->parent);
  g_free (job);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key,
                  const char *type)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return FALSE;
  schema_key = g_settings_schema_get_key (schema, key);
  return g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key), G_VARIANT_TYPE (type));
}

static BudgetRendererOrientation
settings_orientation (GSettings *settings)
{
  g_autofree char *orientation = NULL;

  if (!settings_has_key (settings, "orientation", "s"))
    return BUDGET_RENDERER_ORIENTATION_AUTO;
  orientation = g_settings_get_string (settings, "orientation");
  if (g_str_equal (orientation, "portrait"))
    return BUDGET_RENDERER_ORIENTATION_PORTRAIT;
  if (g_str_equal (orientation, "landscape"))
    return BUDGET_RENDERER_ORIENTATION_LANDSCAPE;
  return BUDGET_RENDERER_ORIENTATION_AUTO;
}

static GtkPageSetup *
default_page_setup (GSettings *settings)
{
  GtkPageSetup *setup;
  g_autoptr(GtkPaperSize) paper = NULL;

  if (last_page_setup != NULL)
    return gtk_page_setup_copy (last_page_setup);
  setup = gtk_page_setup_new ();
  if (settings_has_key (settings, "paper-size", "s"))
    {
      g_autofree char *name = g_settings_get_string (settings, "paper-size");

      if (name[0] != '\0')
        paper = gtk_paper_size_new (name);
    }
  if (paper == NULL)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             PrintJob          *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPaperSize *paper = gtk_page_setup_get_paper_size (setup);

  job->renderer = budget_renderer_new (job->document, NULL);
  /* Lay out on the paper chosen in the dialog; the renderer turns the pages itself. */
  budget_renderer_set_paper_size (job->renderer, gtk_paper_size_get_width (paper, GTK_UNIT_POINTS),
                                  gtk_paper_size_get_height (paper, GTK_UNIT_POINTS));
  budget_renderer_set_orientation (job->renderer, settings_orientation (job->settings));
}

/* Paginating in the "paginate" signal rather than in "begin-print" lets GTK show progress and keeps
 * the Pango context the print context made, with its resolution for points. */
static gboolean
paginate (GtkPrintOperation *operation,
          GtkPrintContext   *context,
          PrintJob          *job)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages = budget_renderer_paginate (job->renderer, pango_context);

  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
  return TRUE;
}

static void
request_page_setup (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GtkPageSetup      *setup,
                    PrintJob          *job)
{
  if (page_nr < 0 || (guint) page_nr >= budget_renderer_get_n_pages (job->renderer))
    return;
  gtk_page_setup_set_orientation (setup, budget_renderer_page_is_landscape (job->renderer, page_nr)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (page_nr < 0 || (guint) page_nr >= budget_renderer_get_n_pages (job->renderer))
    return;
  budget_renderer_get_page_size (job->renderer, page_nr, &width, &height);
  /* A printer that cannot turn a page gets it scaled into the page it has. */
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  if (scale < 0.999)
    cairo_scale (cr, scale, scale);
  budget_renderer_draw_page (job->renderer, cr, page_nr);
  cairo_restore (cr);
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_DESTROY_WITH_PARENT | GTK_DIALOG_MODAL,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", _("Could not print"));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error != NULL ? error->message : "");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remember_settings (GtkPrintOperation *operation,
                   PrintJob          *job)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autoptr(GtkPaperSize) paper = NULL;

  if (settings == NULL)
    return;
  g_set_object (&last_settings, settings);
  paper = gtk_print_settings_get_paper_size (settings);
  if (paper == NULL)
    return;
  g_clear_object (&last_page_setup);
  last_page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (last_page_setup, paper);
  if (settings_has_key (job->settings, "paper-size", "s"))
    g_settings_set_string (job->settings, "paper-size", gtk_paper_size_get_name (paper));
}

static void
done (GtkPrintOperation       *operation,
      GtkPrintOperationResult  result,
      PrintJob                *job)
{
  job->finished = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    remember_settings (operation, job);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GError *error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (job->parent, error);
      g_clear_error (&error);
    }
  /* An asynchronous run ends here; a synchronous one in budget_print_operation_run(). */
  if (!job->running)
    g_object_unref (operation);
}

/**
 * budget_print_operation_run:
 * @parent: (nullable): the window the print dialog belongs to
 * @document: the document to print
 *
 * Shows the print dialog (with its preview) and prints every published form, laid out by
 * BudgetRenderer exactly as the PDF export lays them out. Returns at once: printing goes on in the
 * background when the platform allows it.
 */
void
budget_print_operation_run (GtkWindow      *parent,
                            BudgetDocument *document)
{
  GtkPrintOperation *operation;
  PrintJob *job;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  const char *department;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (BUDGET_IS_DOCUMENT (document));

  job = g_new0 (PrintJob, 1);
  job->document = g_object_ref (document);
  job->settings = budget_settings_new ();
  job->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &job->parent);
  department = budget_document_get_meta (document, "department-name");
  job_name = g_strdup_printf ("%s%d年部门预算公开", department != NULL ? department : "",
                              budget_document_get_year (document));

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "budget-print-job", job, (GDestroyNotify) print_job_free);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  setup = default_page_setup (job->settings);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), job);
  g_signal_connect (operation, "paginate", G_CALLBACK (paginate), job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), job);
  g_signal_connect (operation, "done", G_CALLBACK (done), job);

  job->running = TRUE;
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  job->running = FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !job->finished)
    show_error (parent, error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS || job->finished)
    g_object_unref (operation);
}
