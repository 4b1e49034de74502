"""Where the villages of a build run: a local process pool (default) or a Dask cluster.

Both give a :class:`concurrent.futures.Executor`, so the build submits villages the same way.
On a Dask cluster every worker must see the output folder at the same path (a shared disk) and
have the same fonts installed; the documents' PDFs are still converted by the submitting
machine, in one LibreOffice run.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from paigen.errors import UsageError
from paigen.i18n import _, listing, quoted

EXECUTORS = ("local", "dask")


@contextlib.contextmanager
def executor(kind: str, jobs: int, scheduler: str | None = None,
             initializer: Callable | None = None, initargs: tuple = ()) -> Iterator[Executor]:
    """An executor for *jobs* villages at a time; *scheduler* is a Dask scheduler's address."""
    if kind == "local":
        # The forked workers share the build's pages (a county's profiles, the settings); a garbage
        # collection in a worker that walked those objects would copy every page it touched into
        # the worker. Frozen, the collector leaves them alone, in the workers and in the build.
        gc.freeze()
        try:
            with ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs) as pool:
                yield pool
        finally:
            gc.unfreeze()
        return
    if kind != "dask":
        raise UsageError(_("unknown executor {kind}; use one of {kinds}", kind=quoted(kind),
                           kinds=listing(EXECUTORS)))
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            _("the Dask executor needs dask.distributed: `pip install 'paigen[dask]'`")) from None
    # The cluster's own chatter (ports, worker start-up) is not the county's business.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with contextlib.ExitStack() as stack:
        if scheduler:
            check_address(scheduler)
            try:
                client = stack.enter_context(Client(scheduler, timeout="10s"))
            except (OSError, TimeoutError) as exc:
                raise UsageError(_("cannot reach the Dask scheduler at {address}: {why}", address=scheduler,
                                   why=exc)) from None
            except (ValueError, TypeError) as exc:  # an address Dask cannot read
                raise UsageError(_bad_address(scheduler, exc)) from None
        else:  # a cluster on this machine: one single-threaded worker process per job
            cluster = stack.enter_context(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                       dashboard_address=None, silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        yield client.get_executor(pure=False)


def check_address(address: str) -> None:
    """Refuse a scheduler address Dask cannot read before any connection is tried."""
    from distributed.comm import registry
    from distributed.comm.addressing import parse_address

    try:
        scheme, location = parse_address(address)
        backend = registry.get_backend(scheme)
        with contextlib.suppress(NotImplementedError):  # inproc:// has no host and port
            backend.get_address_host_port(location)  # tcp://host without its port
    except (ValueError, TypeError) as exc:
        raise UsageError(_bad_address(address, exc)) from None


def _bad_address(address: str, exc: Exception) -> str:
    return _("--scheduler {address} is not a Dask scheduler address ({why}); give it as tcp://host:8786, or "
             "leave --scheduler out for a cluster on this machine", address=quoted(address), why=exc)


def watch_parent(parent: int) -> None:
    """In a worker: exit when the build process is gone (killed), instead of running on."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="paigen-parent-watch", daemon=True).start()
