/* budget-failing-stream.h: an output stream that fails like a full disk, for fault-injection tests */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BUDGET_TYPE_FAILING_STREAM (budget_failing_stream_get_type ())

G_DECLARE_FINAL_TYPE (BudgetFailingStream, budget_failing_stream, BUDGET, FAILING_STREAM, GFilterOutputStream)

GOutputStream *budget_failing_stream_new            (GOutputStream       *base,
                                                     gsize                chunk,
                                                     guint                fail_at_call,
                                                     gsize                partial);
guint          budget_failing_stream_get_n_calls    (BudgetFailingStream *self);

G_END_DECLS
