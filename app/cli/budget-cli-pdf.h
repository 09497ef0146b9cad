/* budget-cli-pdf.h: the PDF export options of the command line (--export-pdf, --export-pdf-batch, --forms) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv     budget_cli_pdf_parse_forms      (int                  argc,
                                           char               **argv,
                                           GError             **error);
GPtrArray *budget_cli_pdf_operands        (int                  argc,
                                           char               **argv,
                                           int                  start);
int       budget_cli_export_pdf           (const char          *output,
                                           const char          *project,
                                           const char * const  *form_ids);
int       budget_cli_export_pdf_batch     (const char          *directory,
                                           const char * const  *projects,
                                           const char * const  *form_ids);
int       budget_cli_pdf_run              (int                  argc,
                                           char               **argv,
                                           int                  index);

G_END_DECLS
