/* budget-window.h: the editor window: a document, its forms in a sidebar, the selected form's editor */
#pragma once

#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "io/budget-lock-file.h"
#include "io/budget-recovery.h"
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

/* Responses of the prompt about a project someone else has open (budget_window_get_lock_dialog()). */
typedef enum
{
  BUDGET_LOCK_RESPONSE_CANCEL      = GTK_RESPONSE_CANCEL,
  BUDGET_LOCK_RESPONSE_READ_ONLY   = 1,
  BUDGET_LOCK_RESPONSE_OPEN_ANYWAY = 2,
} BudgetLockResponse;

/* Responses of the prompts about the file changed on disk (budget_window_get_disk_dialog()). */
typedef enum
{
  BUDGET_DISK_RESPONSE_KEEP    = GTK_RESPONSE_CANCEL,  /* keep editing; before saving: cancel */
  BUDGET_DISK_RESPONSE_RELOAD  = 1,
  BUDGET_DISK_RESPONSE_REPLACE = 2,                    /* save over their version */
  BUDGET_DISK_RESPONSE_SAVE_AS = 3,
} BudgetDiskResponse;

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

void            budget_window_set_recovery         (BudgetWindow   *self,
                                                    BudgetRecovery *recovery);
const char     *budget_window_get_recovery_id      (BudgetWindow   *self);
void            budget_window_restore_recovered    (BudgetWindow   *self,
                                                    BudgetDocument *document,
                                                    const char     *recovery_id);
gboolean        budget_window_get_read_only        (BudgetWindow   *self);
GtkWindow      *budget_window_get_lock_dialog      (BudgetWindow   *self);
GtkWindow      *budget_window_get_disk_dialog      (BudgetWindow   *self);
BudgetWindow   *budget_window_find_for_path        (const char     *path);
void            budget_window_open_document        (BudgetWindow   *self,
                                                    BudgetDocument *document);

GPtrArray    *budget_window_start_next_year    (BudgetWindow   *self,
                                               gboolean        clear_amounts);

G_END_DECLS
