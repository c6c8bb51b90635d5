"""Run numeric work on one thread: steady timings on small, shared machines.

On a busy 2-core machine, BLAS/OpenMP thread pools that wait for cores can turn a 15 ms
k-means into a second-long stall; results are the same with one thread. ``threadpoolctl``
comes with scikit-learn; if it is ever missing, this does nothing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext


def single_thread() -> AbstractContextManager[object]:
    """Context manager limiting BLAS and OpenMP pools to one thread (if threadpoolctl exists)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn always installs it
        return nullcontext()
    return threadpool_limits(limits=1)
