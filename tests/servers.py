"""Helpers for tests that start servers (JupyterLab, JupyterHub) on this machine only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the only address these tests ever listen on)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process_group(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server started with ``start_new_session=True`` and everything it started.

    SIGTERM to the whole process group, then SIGKILL if it has not ended within ``grace``
    seconds.
    """
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
