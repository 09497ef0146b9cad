/* budget-window.h: the editor window: a document, its forms in a sidebar, the selected form's editor */
#pragma once

#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "budget-core.h"
#include "budget-sidebar.h"

G_BEGIN_DECLS

/* Responses of the unsaved-changes prompt (budget_window_get_close_dialog()). */
typedef enum
{
  BUDGET_CLOSE_RESPONSE_CANCEL  = GTK_RESPONSE_CANCEL,
  BUDGET_CLOSE_RESPONSE_DISCARD = 1,
  BUDGET_CLOSE_RESPONSE_SAVE    = 2,
} BudgetCloseResponse;

#define BUDGET_TYPE_WINDOW (budget_window_get_type ())

G_DECLARE_FINAL_TYPE (BudgetWindow, budget_window, BUDGET, WINDOW, GtkApplicationWindow)

BudgetWindow   *budget_window_new                  (GtkApplication *application,
                                                    BudgetDocument *document);
BudgetDocument *budget_window_get_document         (BudgetWindow   *self);
void            budget_window_set_document         (BudgetWindow   *self,
                                                    BudgetDocument *document);
gboolean        budget_window_is_pristine          (BudgetWindow   *self);
char           *budget_window_dup_display_name     (BudgetWindow   *self);

BudgetSidebar  *budget_window_get_sidebar          (BudgetWindow   *self);
BudgetForm     *budget_window_get_current_form     (BudgetWindow   *self);
void            budget_window_show_form            (BudgetWindow   *self,
                                                    BudgetForm     *form);
GtkWidget      *budget_window_get_form_view        (BudgetWindow   *self,
                                                    BudgetForm     *form);
gboolean        budget_window_commit_pending       (BudgetWindow   *self,
                                                    GError        **error);

gboolean        budget_window_save_to              (BudgetWindow   *self,
                                                    const char     *path,
                                                    GError        **error);
gboolean        budget_window_export_pdf_to        (BudgetWindow   *self,
                                                    const char     *path,
                                                    GError        **error);
gboolean        budget_window_open_path            (BudgetWindow   *self,
                                                    const char     *path,
                                                    GError        **error);
void            budget_window_open_file            (BudgetWindow   *self,
                                                    GFile          *file);
void            budget_window_show_error           (BudgetWindow   *self,
                                                    const char     *primary,
                                                    const char     *secondary);
GtkWindow      *budget_window_get_close_dialog     (BudgetWindow   *self);
GtkWindow      *budget_window_get_error_dialog     (BudgetWindow   *self);

void            budget_window_set_findings_panel   (BudgetWindow   *self,
                                                    GtkWidget      *panel);
void            budget_window_set_findings_visible (BudgetWindow   *self,
                                                    gboolean        visible);
gboolean        budget_window_get_findings_visible (BudgetWindow   *self);
BudgetChecker  *budget_window_get_checker          (BudgetWindow   *self);
GtkWidget      *budget_window_get_findings_panel   (BudgetWindow   *self);
void            budget_window_show_finding         (BudgetWindow   *self,
                                                    BudgetFinding  *finding);
char           *budget_window_dup_findings_summary (BudgetWindow   *self);
GtkWindow      *budget_window_get_confirm_dialog   (BudgetWindow   *self);

G_END_DECLS
