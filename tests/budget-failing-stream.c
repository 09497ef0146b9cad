/* budget-failing-stream.c: an output stream that fails like a full disk, for fault-injection tests
 *
 * Each write passes at most @chunk bytes to the base stream, so that a save makes many write calls;
 * call number @fail_at_call (counting from 0) first writes @partial bytes of its buffer, as a disk
 * that fills up in the middle of a write does, and then fails with G_IO_ERROR_NO_SPACE, and so does
 * every later call. G_MAXUINT never fails.
 */

#include "budget-failing-stream.h"

struct _BudgetFailingStream
{
  GFilterOutputStream parent_instance;

  gsize chunk;
  guint fail_at_call;
  gsize partial;
  guint n_calls;
};

G_DEFINE_FINAL_TYPE (BudgetFailingStream, budget_failing_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
budget_failing_stream_write_fn (GOutputStream  *stream,
                                const void     *buffer,
                                gsize           count,
                                GCancellable   *cancellable,
                                GError        **error)
{
  BudgetFailingStream *self = BUDGET_FAILING_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  guint call = self->n_calls++;

  if (call >= self->fail_at_call)
    {
      gsize partial = MIN (self->partial, count);

      if (call == self->fail_at_call && partial > 0 &&
          !g_output_stream_write_all (base, buffer, partial, NULL, cancellable, error))
        return -1;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      return -1;
    }
  return g_output_stream_write (base, buffer, MIN (count, self->chunk), cancellable, error);
}

static void
budget_failing_stream_class_init (BudgetFailingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = budget_failing_stream_write_fn;
}

static void
budget_failing_stream_init (BudgetFailingStream *self)
{
}

/**
 * budget_failing_stream_new:
 * @base: the stream written to
 * @chunk: the most bytes one write passes on
 * @fail_at_call: the first write call that fails, or G_MAXUINT
 * @partial: how many bytes the failing call writes before it fails
 *
 * Returns: (transfer full): the stream; closing it does not close @base
 */
GOutputStream *
budget_failing_stream_new (GOutputStream *base,
                           gsize          chunk,
                           guint          fail_at_call,
                           gsize          partial)
{
  BudgetFailingStream *self = g_object_new (BUDGET_TYPE_FAILING_STREAM,
                                            "base-stream", base,
                                            "close-base-stream", FALSE,
                                            NULL);

  self->chunk = MAX (chunk, 1);
  self->fail_at_call = fail_at_call;
  self->partial = partial;
  return G_OUTPUT_STREAM (self);
}

guint
budget_failing_stream_get_n_calls (BudgetFailingStream *self)
{
  return self->n_calls;
}
