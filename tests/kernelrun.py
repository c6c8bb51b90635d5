"""Kernels under test conditions: the sandboxed kernel nbval runs the lessons in, helpers
to run code in a fresh kernel (used by the reliability tests), and :func:`fresh_python` for
what a fresh interpreter imports or finds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: Code run first in the kernel to block the network: any connection to a non-loopback
#: address raises, and every attempt is recorded.
BLOCK_NETWORK = r'''
import sys as _sys
_blocked_connections = []
def _no_network(event, args):
    if event in ("socket.connect", "socket.connect_ex", "socket.getaddrinfo"):
        target = args[1] if event != "socket.getaddrinfo" else args[0]
        host = target[0] if isinstance(target, tuple) else target
        if isinstance(host, bytes):
            host = host.decode()
        if host not in ("127.0.0.1", "::1", "localhost", None) and not str(host).startswith("/"):
            _blocked_connections.append((event, str(host)))
            raise OSError(f"network blocked in this test: {event} {host}")
_sys.addaudithook(_no_network)
'''

#: Code run first to make datasets/ read-only for this kernel (also for root, who ignores
#: file permissions): opening a file there for writing raises PermissionError.
READ_ONLY_DATASETS = r'''
import sys as _sys, os as _os
from precisionmed.data import datasets_dir as _dd
_ro_root = str(_dd())
_write_attempts = []
def _read_only(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, _os.PathLike)):
        path = _os.path.abspath(_os.fsdecode(args[0]))
        mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        writing = any(c in mode for c in "wax+") or flags & (_os.O_WRONLY | _os.O_RDWR)
        if writing and path.startswith(_ro_root):
            _write_attempts.append(path)
            raise PermissionError(f"datasets/ is read-only in this test: {path}")
    if event in ("os.remove", "os.rename", "shutil.rmtree", "os.mkdir") and args:
        path = _os.path.abspath(_os.fsdecode(args[0]))
        if path.startswith(_ro_root):
            _write_attempts.append(path)
            raise PermissionError(f"datasets/ is read-only in this test: {path}")
_sys.addaudithook(_read_only)
'''

CHECK_GUARDS = "print(len(_blocked_connections), len(_write_attempts))"

#: The kernel nbval runs every lesson in (tests/conftest.py installs it for the session): a
#: plain Python kernel whose IPython startup file installs :data:`BLOCK_NETWORK` and
#: :data:`READ_ONLY_DATASETS` before the first cell. So the one nbval run of each lesson is also
#: its offline, read-only-datasets run: a lesson that reached for the network or wrote into
#: datasets/ would raise there, and nbval would fail.
SANDBOX_KERNEL = "precisionmed-sandbox"


def install_sandbox_kernel(folder: Path) -> str:
    """Write the :data:`SANDBOX_KERNEL` kernel spec and its IPython profile under ``folder``.

    Returns the ``JUPYTER_PATH`` value under which Jupyter finds it (``folder`` first).
    """
    import json
    import os
    import sys

    ipython_dir = folder / "ipython"
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-sandbox.py").write_text(BLOCK_NETWORK + READ_ONLY_DATASETS, encoding="utf-8")
    spec = folder / "kernels" / SANDBOX_KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (offline, datasets read-only)",
        "language": "python",
        "env": {"IPYTHONDIR": str(ipython_dir)},
    }, indent=1), encoding="utf-8")
    existing = os.environ.get("JUPYTER_PATH", "")
    return str(folder) + (os.pathsep + existing if existing else "")


def new_client(path: Path, kernel_name: str = "python3",
               ) -> tuple[NotebookClient, nbformat.NotebookNode]:
    """A client for a fresh copy of ``path`` (the lesson file itself is never written)."""
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}})
    return client, nb


def run_all(client: NotebookClient, nb: nbformat.NotebookNode) -> list[str]:
    """Execute every cell in the client's running kernel; return error summaries."""
    errors = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        client.execute_cell(cell, index)
        for out in cell.outputs:
            if out.output_type == "error":
                errors.append(f"cell {index}: {out.ename}: {out.evalue}")
    return errors


def run_code(client: NotebookClient, code: str) -> str:
    """Run ``code`` in the client's kernel and return what it printed (raises on error)."""
    cell = nbformat.v4.new_code_cell(code)
    client.execute_cell(cell, 0)
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if errors:
        raise AssertionError(f"{errors[0].ename}: {errors[0].evalue}")
    return "".join(o.get("text", "") for o in cell.outputs
                   if o.output_type == "stream" and o.get("name") == "stdout")


def fresh_python(code: str, cwd: Path | None = None) -> str:
    """Run ``code`` in a new Python interpreter (this environment's) and return its stdout.

    For checks that need a clean ``sys.modules`` or settings: what an import loads or
    changes, where the package finds its data from another working directory.
    """
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, check=True).stdout
