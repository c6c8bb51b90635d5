"""Run a lesson in a real kernel under test conditions (used by the reliability tests)."""

from __future__ import annotations

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

#: Code that moves every live widget control to another valid value.
MOVE_CONTROLS = r'''
import ipywidgets as _w
from ipywidgets.widgets import widget as _widget_module
_moved = 0
_live = getattr(_widget_module, "_instances", None)
for _widget in list(_live.values()):
    if not isinstance(_widget, _w.ValueWidget) or getattr(_widget, "disabled", False):
        continue
    if isinstance(_widget, (_w.HTML, _w.HTMLMath, _w.Label, _w.Image, _w.Text, _w.Textarea)):
        continue
    if hasattr(_widget, "options") and len(getattr(_widget, "options", ())) > 1:
        _values = [o[1] if isinstance(o, tuple) else o for o in _widget.options]
        _others = [v for v in _values if v != _widget.value]
        _widget.value = _others[len(_others) // 2]
    elif (hasattr(_widget, "max") and hasattr(_widget, "min")
          and not isinstance(_widget.value, tuple)):
        _widget.value = _widget.min + (_widget.max - _widget.min) * 0.7
    elif isinstance(_widget.value, bool):
        _widget.value = not _widget.value
    else:
        continue
    _moved += 1
print("moved", _moved)
'''


def new_client(path: Path) -> tuple[NotebookClient, nbformat.NotebookNode]:
    """A client for a fresh copy of ``path`` (the lesson file itself is never written)."""
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
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
