/* budget-window-private.h: what budget-window.c and budget-window-files.c share */
#pragma once

#include "budget-window.h"

G_BEGIN_DECLS

/* What to do once a save that a prompt asked for has finished. */
typedef enum
{
  BUDGET_AFTER_SAVE_NOTHING,
  BUDGET_AFTER_SAVE_CLOSE,
} BudgetAfterSave;

struct _BudgetWindow
{
  GtkApplicationWindow  parent_instance;

  BudgetDocument       *document;
  GSettings            *settings;
  GHashTable           *pages;            /* BudgetForm → its editor widget */
  BudgetForm           *current;
  gulong                modified_id;
  gulong                path_id;
  gulong                forms_changed_id;
  gulong                command_applied_id;
  gulong                meta_changed_id;
  gulong                can_undo_id;
  gulong                can_redo_id;
  gboolean              undoing;
  gboolean              close_confirmed;
  BudgetAfterSave       after_save;
  int                   removed_performance_index;

  BudgetChecker        *checker;
  gulong                n_errors_id;
  gulong                n_warnings_id;
  GtkWidget            *findings_panel;
  GtkWidget            *confirm_dialog;
  gboolean              errors_confirmed;

  GtkFileChooserNative *chooser;
  GtkWidget            *close_dialog;
  GtkWidget            *error_dialog;
  GMenu                *recent_menu;
  gulong                recent_changed_id;

  /* budget-window-guards.c: the recovery copy, the lock, changes on disk */
  BudgetRecovery       *recovery;
  char                 *recovery_id;
  guint                 recovery_source;
  gint64                last_edit;
  gulong                edited_id;
  gulong                saved_id;
  gulong                moved_id;
  BudgetLockFile       *lock;
  BudgetLockFile       *incoming_lock;
  gboolean              incoming_read_only;
  gboolean              read_only;
  GFileMonitor         *monitor;
  char                 *disk_etag;        /* the file as last loaded or saved */
  char                 *ignored_etag;     /* a change on disk the officer chose to edit over */
  guint                 disk_check_source;
  gboolean              overwrite_confirmed;
  GtkWidget            *disk_dialog;
  GtkWidget            *lock_dialog;

  /* template */
  GtkWidget            *title_label;
  GtkWidget            *subtitle_label;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *findings_button;
  GtkWidget            *findings_icon;
  GtkWidget            *findings_label;
  GtkWidget            *paned;
  BudgetSidebar        *sidebar;
  GtkWidget            *content_paned;
  GtkWidget            *form_stack;
  GtkWidget            *empty_page;
  GtkWidget            *findings_area;
  GMenu                *edit_section;
  GMenu                *recent_section;
};

void     budget_window_files_class_init    (GtkWidgetClass *widget_class);
void     budget_window_year_class_init     (GtkWidgetClass *widget_class);
void     budget_window_files_init          (BudgetWindow   *self);
void     budget_window_files_dispose       (BudgetWindow   *self);
void     budget_window_spreadsheets_class_init (GtkWidgetClass *widget_class);
gboolean budget_window_files_close_request (BudgetWindow   *self);
void     budget_window_update_title        (BudgetWindow   *self);
void     budget_window_save_state          (BudgetWindow   *self);
BudgetWindow *budget_window_for_new_document (BudgetWindow *self);

void     budget_window_guards_attach       (BudgetWindow   *self);
void     budget_window_guards_detach       (BudgetWindow   *self);
void     budget_window_guards_closed       (BudgetWindow   *self);
void     budget_window_guards_dispose      (BudgetWindow   *self);
void     budget_window_guards_saved        (BudgetWindow   *self);
gboolean budget_window_guards_may_save     (BudgetWindow   *self,
                                            const char     *path);
void     budget_window_adopt_document      (BudgetWindow   *self,
                                            BudgetDocument *document,
                                            BudgetLockFile *lock,
                                            gboolean        read_only);
void     budget_window_present_document    (BudgetWindow   *self,
                                            BudgetDocument *document,
                                            BudgetLockFile *lock,
                                            gboolean        read_only);

G_END_DECLS
