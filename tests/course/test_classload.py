"""Class load test: a JupyterHub on 127.0.0.1 with N simulated learners running real lessons.

    WORKBOOK_LEARNERS=20 python -m pytest -m classload tests/course/test_classload.py -s

The hub uses the workshop configuration in ``deploy/jupyterhub/jupyterhub_config.py`` (shared
password, one home per learner, lessons copied into each home, per-process guards), with free
ports, its database, cookie secret and homes in a temporary folder. ``configurable-http-proxy``
is taken from PATH or installed with npm into a cache folder under the system temp dir.

Each learner, arriving ``WORKBOOK_ARRIVAL_SECONDS`` (default 1) after the previous one: logs in
through the hub's login form, has its server started through the hub's REST API, starts a
kernel through its own server's REST API and runs lesson 00 and one core lesson (its classroom
copy, read from its home through the contents API) cell by cell over the kernel's websocket.
Per learner the test reports time to server, time to kernel, lesson run time, and the memory
(RSS, and peak) and CPU time of the learner's server and kernel, and their PSS once the whole
class is running (RSS counts shared library pages once per process, PSS shares them out, so
per learner PSS is what a class really occupies); it prints a table and writes
``benchmarks/results/classload-N.json`` (git-ignored).

Faults: a wrong password is refused; one learner's killed kernel is restarted through the API
while every other kernel keeps its process and its variables; the hub restarts with learners'
files, servers and kernels intact. The last test stops everything by process id and checks
that no single-user server or proxy is left. Every wait is bounded in count and time.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from servers import free_port, stop_process_group

psutil = pytest.importorskip("psutil")
requests = pytest.importorskip("requests")
websocket = pytest.importorskip("websocket")  # websocket-client, a jupyter_server dependency
pytest.importorskip("jupyterhub")

pytestmark = [pytest.mark.classload, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
LEARNERS = int(os.environ.get("WORKBOOK_LEARNERS", "5"))
ARRIVAL = float(os.environ.get("WORKBOOK_ARRIVAL_SECONDS", "1"))
START_LESSON = "00-start-here.ipynb"
#: Core lessons in order of preference; the first that exists is run after lesson 00.
CORE_LESSONS = ["01-same-drug-different-bodies.ipynb", "03-reading-a-tumours-dna.ipynb",
                "05-breast-cancer-is-several-diseases.ipynb"]
HUB_READY_SECONDS = 120
SERVER_READY_SECONDS = 240
CELL_SECONDS = 180
LEARNER_SECONDS = 900
CHP_VERSION = "5"

if os.name != "posix":
    pytest.skip("JupyterHub's local spawners need a POSIX system", allow_module_level=True)


# ----------------------------------------------------------------------------- helpers
def proxy_command() -> str:
    """``configurable-http-proxy`` from PATH, or installed with npm into a temp cache folder."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    cache = Path(tempfile.gettempdir()) / "precisionmed-classload-npm"
    binary = cache / "node_modules" / ".bin" / "configurable-http-proxy"
    if not binary.exists():
        npm = shutil.which("npm")
        if not npm or not shutil.which("node"):
            if os.environ.get("CI"):
                pytest.fail("CI needs Node.js and npm for configurable-http-proxy")
            pytest.skip("configurable-http-proxy is not installed and Node.js/npm is missing")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund",
                        "--loglevel=error", f"configurable-http-proxy@{CHP_VERSION}"],
                       check=True, timeout=600, stdout=subprocess.DEVNULL)
    assert binary.exists(), "npm did not install configurable-http-proxy"
    return str(binary)


def wait_for(predicate, seconds: float, interval: float = 0.5, what: str = "condition"):
    """Call ``predicate`` until it returns something truthy; bounded in time and count."""
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / interval) + 2):
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            break
        time.sleep(interval)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


def tree(pid: int) -> list[Any]:
    """A process and all its descendants (those still alive)."""
    try:
        proc = psutil.Process(pid)
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def memory_and_cpu(procs: list[Any]) -> tuple[float, float, float]:
    """(RSS MB, peak RSS MB, CPU seconds) summed over ``procs``."""
    rss = peak = cpu = 0.0
    for proc in procs:
        try:
            info = proc.memory_info()
            times = proc.cpu_times()
            rss += info.rss / 2**20
            status = Path(f"/proc/{proc.pid}/status")
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text()) if status.exists() \
                else None
            peak += int(match.group(1)) / 1024 if match else info.rss / 2**20
            cpu += times.user + times.system
        except (psutil.NoSuchProcess, OSError):
            continue
    return rss, peak, cpu


def proportional_mb(procs: list[Any]) -> float | None:
    """PSS MB summed over ``procs`` (None where the system does not report it).

    RSS counts every shared page (the Python, numpy, scipy... libraries mapped from the same
    files) in full in *every* process, so a sum of RSS over learners counts those pages once
    per server and once per kernel although the machine holds them once. PSS splits each
    shared page between the processes that map it: summed over a class it is what the class
    really occupies, and per learner it is the figure to size a machine with.
    """
    total = 0.0
    for proc in procs:
        try:
            pss = getattr(proc.memory_full_info(), "pss", None)
        except (psutil.NoSuchProcess, psutil.AccessDenied, OSError):
            continue
        if pss is None:
            return None
        total += pss / 2**20
    return total


# ----------------------------------------------------------------------------- kernel client
class KernelChannel:
    """Just enough of the Jupyter messaging protocol over a kernel's websocket."""

    def __init__(self, url: str, token: str, attempts: int = 4) -> None:
        self.session = uuid.uuid4().hex
        for attempt in range(1, attempts + 1):  # a busy machine can be slow to accept
            try:
                self.ws = websocket.create_connection(
                    f"{url}?session_id={self.session}",
                    header=[f"Authorization: token {token}"], timeout=60)
                return
            except (websocket.WebSocketException, OSError):
                if attempt == attempts:
                    raise
                time.sleep(2 * attempt)

    def close(self) -> None:
        self.ws.close()

    def _send(self, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "classload", "session": self.session,
                       "msg_type": msg_type, "version": "5.3",
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": [],
        }))
        return msg_id

    def _replies(self, msg_id: str, seconds: float):
        deadline = time.monotonic() + seconds
        for _ in range(100_000):  # bounded: no lesson cell sends this many messages
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.ws.settimeout(min(left, 30))
            try:
                raw = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            if not isinstance(raw, str):
                continue  # binary frames carry widget buffers, never replies we need
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                yield msg
        raise TimeoutError(f"no complete reply within {seconds:.0f} s")

    def wait_ready(self, seconds: float) -> None:
        """Send ``kernel_info_request`` (repeatedly, bounded) until the kernel answers."""
        deadline = time.monotonic() + seconds
        for _ in range(int(seconds) + 1):
            msg_id = self._send("kernel_info_request", {})
            try:
                for msg in self._replies(msg_id, min(5.0, max(deadline - time.monotonic(), 1))):
                    if msg["msg_type"] == "kernel_info_reply":
                        return
            except TimeoutError:
                if time.monotonic() > deadline:
                    break
        raise TimeoutError(f"kernel did not answer within {seconds:.0f} s")

    def execute(self, code: str, seconds: float = CELL_SECONDS) -> dict[str, Any]:
        """Run ``code``; return stdout, stderr and errors once the kernel is idle again."""
        msg_id = self._send("execute_request", {"code": code, "silent": False,
                                                "store_history": True, "user_expressions": {},
                                                "allow_stdin": False, "stop_on_error": True})
        out = {"stdout": "", "stderr": "", "errors": [], "status": None}
        idle = False
        for msg in self._replies(msg_id, seconds):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out[content["name"]] += content["text"]
            elif kind == "error":
                out["errors"].append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                out["status"] = content["status"]
                if content["status"] == "error" and not out["errors"]:
                    out["errors"].append(f"{content.get('ename')}: {content.get('evalue')}")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            if idle and out["status"] is not None:
                return out
        raise TimeoutError("unreachable")


# ----------------------------------------------------------------------------- the hub
@dataclass
class Hub:
    """A running JupyterHub started from the workshop configuration."""

    folder: Path
    env: dict[str, str]
    port: int
    token: str
    password: str
    process: subprocess.Popen | None = None
    log: Any = None
    learners: dict[str, dict] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log = open(self.folder / "hub.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=self.folder,
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

        def up() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited early:\n{self.log_tail()}")
            try:
                return requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_for(up, HUB_READY_SECONDS, what="the hub to answer")

    def log_tail(self, chars: int = 4000) -> str:
        path = self.folder / "hub.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def api(self, method: str, path: str, **kwargs) -> Any:
        kwargs.setdefault("timeout", 30)
        return requests.request(method, f"{self.url}/hub/api{path}",
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def user_api(self, name: str, method: str, path: str, **kwargs) -> Any:
        kwargs.setdefault("timeout", 60)
        return requests.request(method, f"{self.url}/user/{name}/api{path}",
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def server_pid(self, name: str) -> int | None:
        model = self.api("GET", f"/users/{name}").json()
        server = model.get("servers", {}).get("")
        return (server or {}).get("state", {}).get("pid")

    def kernel_pid(self, name: str, kernel_id: str) -> int | None:
        pid = self.server_pid(name)
        for proc in tree(pid) if pid else []:
            try:
                if any(f"kernel-{kernel_id}" in part for part in proc.cmdline()):
                    return proc.pid
            except psutil.NoSuchProcess:
                continue
        return None

    def channel(self, name: str, kernel_id: str) -> KernelChannel:
        ws = f"ws://127.0.0.1:{self.port}/user/{name}/api/kernels/{kernel_id}/channels"
        return KernelChannel(ws, self.token)

    def stop_hub_only(self) -> None:
        """Stop the hub process (SIGTERM, then SIGKILL to its process group)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            stop_process_group(self.process, grace=60)
        self.process = None
        if self.log:
            self.log.close()
            self.log = None

    def ours(self) -> list[Any]:
        """Live processes that belong to this hub: its proxy and the learners' servers."""
        marker = str(self.folder)
        found = []
        for proc in psutil.process_iter(["pid", "cmdline"]):
            try:
                cmdline = " ".join(proc.info["cmdline"] or [])
                if "jupyterhub-singleuser" not in cmdline and \
                        "configurable-http-proxy" not in cmdline and \
                        "ipykernel" not in cmdline:
                    continue
                environ = proc.environ()
                if marker in cmdline or any(marker in v for v in environ.values()):
                    found.append(proc)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return found

    def stop_all(self) -> list[str]:
        """Stop every learner's server through the hub, then the hub (which stops its proxy).

        Returns descriptions of processes that were still alive afterwards (and then killed).
        """
        if self.process is not None and self.process.poll() is None:
            try:  # every user the hub knows, including learners whose test failed
                names = {u["name"] for u in self.api("GET", "/users").json()}
            except (requests.RequestException, ValueError, KeyError, TypeError):
                names = set()
            for name in sorted(names | set(self.learners)):
                try:
                    self.api("DELETE", f"/users/{name}/server", timeout=60)
                except requests.RequestException:
                    pass

            def all_stopped() -> bool:
                try:
                    users = self.api("GET", "/users").json()
                except (requests.RequestException, ValueError):
                    return True
                return not any(u.get("servers") for u in users)

            try:
                wait_for(all_stopped, 90, what="learners' servers to stop")
            except AssertionError:
                pass
        self.stop_hub_only()
        strays = []
        for _ in range(20):  # bounded: give the proxy a moment to exit after the hub
            strays = self.ours()
            if not strays:
                break
            time.sleep(0.5)
        homes = Path(self.env["WORKSHOP_HOMES"])
        for home in homes.iterdir() if homes.is_dir() else []:
            # The config's runtime_dir(): short folders for kernels' Unix sockets.
            tag = hashlib.sha256(str(home).encode()).hexdigest()[:8]
            runtime = Path(tempfile.gettempdir()) / f"jupyter-{home.name[:20]}-{tag}"
            shutil.rmtree(runtime, ignore_errors=True)
        described = []
        for proc in strays:
            try:
                described.append(f"{proc.pid}: {' '.join(proc.cmdline())[:120]}")
                proc.kill()
            except psutil.NoSuchProcess:
                continue
        return described


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Hub:
    folder = tmp_path_factory.mktemp("classload")
    port = free_port()
    token = secrets.token_hex(32)
    password = "pw-" + secrets.token_hex(8)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update({
        "WORKSHOP_PASSWORD": password,
        "WORKSHOP_API_TOKEN": token,
        "WORKSHOP_STATE_DIR": str(folder / "state"),
        "WORKSHOP_HOMES": str(folder / "homes"),
        "WORKSHOP_COURSE": str(ROOT),
        "WORKSHOP_IP": "127.0.0.1",
        "WORKSHOP_PORT": str(port),
        "WORKSHOP_HUB_PORT": str(free_port()),
        "WORKSHOP_PROXY_API_PORT": str(free_port()),
        "WORKSHOP_PROXY_COMMAND": proxy_command(),
        "WORKSHOP_START_TIMEOUT": "120",
        "WORKSHOP_CULL_IDLE": "0",
        "WORKSHOP_LIMITS": "rlimit",
        "WORKSHOP_CLEANUP_SERVERS": "false",
    })
    running = Hub(folder=folder, env=env, port=port, token=token, password=password)
    running.start()
    yield running
    leftovers = running.stop_all()  # no-op when the last test already stopped everything
    assert not leftovers, f"processes left after the class test: {leftovers}"


# ----------------------------------------------------------------------------- a learner
def log_in(hub: Hub, name: str, password: str) -> tuple[int, Any]:
    """Log in through the hub's HTML form, as a browser does; return (status, session)."""
    session = requests.Session()
    page = session.get(f"{hub.url}/hub/login", timeout=30)
    assert page.status_code == 200, page.status_code
    match = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    form = {"username": name, "password": password}
    if match:
        form["_xsrf"] = match.group(1)
    reply = session.post(f"{hub.url}/hub/login", data=form, allow_redirects=False, timeout=60)
    return reply.status_code, session


def chosen_lessons() -> list[str]:
    """Lesson 00 and one core lesson, or the lessons named in ``WORKBOOK_CLASSLOAD_LESSONS``
    (comma-separated numbers such as ``00,02,05``, or ``all``)."""
    wanted = os.environ.get("WORKBOOK_CLASSLOAD_LESSONS", "").strip()
    existing = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    if not wanted:
        return [START_LESSON, core_lesson()]
    if wanted == "all":
        return existing
    numbers = [part.strip() for part in wanted.split(",") if part.strip()]
    chosen = [name for number in numbers for name in existing if name.startswith(number + "-")]
    assert chosen, f"WORKBOOK_CLASSLOAD_LESSONS={wanted!r} names no lesson"
    return chosen


def core_lesson() -> str:
    for name in CORE_LESSONS:
        if (ROOT / "notebooks" / name).exists():
            return name
    others = sorted(p.name for p in (ROOT / "notebooks").glob("0[1-9]-*.ipynb"))
    if not others:
        pytest.skip("no core lesson exists yet")
    return others[0]


def run_lesson(hub: Hub, name: str, channel: KernelChannel, lesson: str) -> list[str]:
    """Run the learner's own copy of ``lesson`` (read from its home); return problems."""
    reply = hub.user_api(name, "GET", f"/contents/notebooks/{lesson}")
    assert reply.status_code == 200, f"{lesson} is not in {name}'s home ({reply.status_code})"
    problems = []
    for index, cell in enumerate(reply.json()["content"]["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        out = channel.execute(source)
        problems += [f"{lesson} cell {index}: {error}" for error in out["errors"]]
        if out["stderr"].strip():
            problems.append(f"{lesson} cell {index} wrote to stderr: {out['stderr'][:300]}")
    return problems


def learner(hub: Hub, index: int, lessons: list[str]) -> dict[str, Any]:
    name = f"learner{index:02d}"
    time.sleep(index * ARRIVAL)  # a room arrives over a few seconds, not in one instant
    arrived = time.monotonic()
    status, session = log_in(hub, name, hub.password)
    assert status == 302, f"{name}: login answered {status}"
    assert any(c.name.startswith("jupyterhub-") for c in session.cookies), \
        f"{name}: no session cookie after login"

    started = time.monotonic()
    reply = hub.api("POST", f"/users/{name}/server", timeout=SERVER_READY_SECONDS)
    assert reply.status_code in (201, 202), f"{name}: spawn answered {reply.status_code}"

    def ready() -> bool:
        server = hub.api("GET", f"/users/{name}").json().get("servers", {}).get("")
        return bool(server and server.get("ready"))

    wait_for(ready, SERVER_READY_SECONDS, interval=0.5, what=f"{name}'s server")
    to_server = time.monotonic() - started
    # The config switches off the server extensions a learner never uses (language servers,
    # Voila's app pages, terminals): their addresses are not served, the server's API is.
    assert hub.user_api(name, "GET", "/status").status_code == 200
    for path in ("/lsp/status", "/voila/render/notebooks/00-start-here.ipynb",
                 "/api/terminals"):
        code = requests.get(f"{hub.url}/user/{name}{path}", allow_redirects=False, timeout=60,
                            headers={"Authorization": f"token {hub.token}"}).status_code
        assert code == 404, f"{name}: {path} answered {code}; its extension should be off"

    started = time.monotonic()
    reply = hub.user_api(name, "POST", "/kernels", json={"name": "python3", "path": "notebooks"})
    assert reply.status_code == 201, f"{name}: kernel start answered {reply.status_code}"
    kernel_id = reply.json()["id"]
    channel = hub.channel(name, kernel_id)
    try:
        channel.wait_ready(120)
        to_kernel = time.monotonic() - started
        timings, problems = {}, []
        for lesson in lessons:
            began = time.monotonic()
            problems += run_lesson(hub, name, channel, lesson)
            timings[lesson] = time.monotonic() - began
        # A marker the fault test uses to prove this kernel was never restarted.
        out = channel.execute(f"_classload_marker = {name!r}")
        assert out["status"] == "ok"
    finally:
        channel.close()
    server_pid = hub.server_pid(name)
    kernel_pid = hub.kernel_pid(name, kernel_id)
    assert server_pid and kernel_pid, f"{name}: server or kernel process not found"
    for pid in (server_pid, kernel_pid):  # the config's rlimit guards are in force
        proc = psutil.Process(pid)
        assert proc.rlimit(psutil.RLIMIT_AS) == (8 * 2**30, 8 * 2**30), f"{name}: no AS cap"
        assert proc.nice() >= 5, f"{name}: learner processes must run at a lower priority"
    kernel_procs = tree(kernel_pid)
    server_only = [p for p in tree(server_pid) if p.pid not in {k.pid for k in kernel_procs}]
    server_rss, server_peak, server_cpu = memory_and_cpu(server_only)
    kernel_rss, kernel_peak, kernel_cpu = memory_and_cpu(kernel_procs)
    return {
        "name": name, "kernel_id": kernel_id, "server_pid": server_pid,
        "kernel_pid": kernel_pid, "problems": problems,
        "arrived_s": arrived, "done_s": time.monotonic(),
        "time_to_server_s": round(to_server, 2), "time_to_kernel_s": round(to_kernel, 2),
        "lesson_s": {k: round(v, 2) for k, v in timings.items()},
        "server_rss_mb": round(server_rss, 1), "kernel_rss_mb": round(kernel_rss, 1),
        "server_peak_mb": round(server_peak, 1), "kernel_peak_mb": round(kernel_peak, 1),
        "server_cpu_s": round(server_cpu, 2), "kernel_cpu_s": round(kernel_cpu, 2),
    }


def print_table(rows: list[dict], lessons: list[str], summary: dict) -> str:
    short = [lesson[:2] for lesson in lessons]
    head = (f"{'learner':10} {'server s':>8} {'kernel s':>8} "
            + " ".join(f"{'lesson ' + s + ' s':>11}" for s in short)
            + f" {'server MB':>9} {'kernel MB':>9} {'peak MB':>8} {'CPU s':>6}")
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(
            f"{row['name']:10} {row['time_to_server_s']:8.1f} {row['time_to_kernel_s']:8.1f} "
            + " ".join(f"{row['lesson_s'][lesson]:11.1f}" for lesson in lessons)
            + f" {row['server_rss_mb']:9.0f} {row['kernel_rss_mb']:9.0f}"
            + f" {row['server_peak_mb'] + row['kernel_peak_mb']:8.0f}"
            + f" {row['server_cpu_s'] + row['kernel_cpu_s']:6.1f}")
    lines.append("-" * len(head))
    lines.append(
        f"{len(rows)} learners on {summary['cores']} cores: all done in "
        f"{summary['wall_s']:.0f} s; per learner RSS {summary['rss_per_learner_mb']:.0f} MB "
        f"(peak {summary['peak_per_learner_mb']:.0f} MB), CPU {summary['cpu_per_learner_s']:.1f} s;"
        f" hub + proxy {summary['hub_proxy_rss_mb']:.0f} MB"
        + (f"; per learner PSS (shared library pages split between processes) "
           f"{summary['pss_per_learner_mb']:.0f} MB"
           if summary.get("pss_per_learner_mb") is not None else ""))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the tests
def test_class_of_learners_runs_lessons(hub: Hub, capsys) -> None:
    assert 1 <= LEARNERS <= 100, "WORKBOOK_LEARNERS must be between 1 and 100"
    lessons = chosen_lessons()
    began = time.monotonic()
    rows, failures = [], []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=LEARNERS)
    try:
        futures = [pool.submit(learner, hub, i, lessons) for i in range(LEARNERS)]
        deadline = began + LEARNER_SECONDS + LEARNERS * ARRIVAL
        for future in futures:
            try:
                rows.append(future.result(timeout=max(deadline - time.monotonic(), 1)))
            except Exception as err:  # noqa: BLE001 - collect every learner's failure
                failures.append(f"{type(err).__name__}: {err}")
    finally:
        # Do not wait for a stuck learner: stopping the hub afterwards ends its server.
        pool.shutdown(wait=False, cancel_futures=True)
    wall = time.monotonic() - began
    for row in rows:
        hub.learners[row["name"]] = row
    assert not failures, f"{len(failures)} learners failed: {failures}\n{hub.log_tail()}"
    problems = [p for row in rows for p in row["problems"]]
    assert not problems, f"lessons reported errors: {problems[:10]}"
    # Each home got the hub's matplotlib font list, so no first figure builds its own (and,
    # on a busy machine, prints "Matplotlib is building the font cache" under the setup cell).
    import matplotlib

    hub_list = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-v*.json"))[-1]
    homes = [h for h in Path(hub.env["WORKSHOP_HOMES"]).iterdir() if h.is_dir()]
    copies = [h / ".cache" / "matplotlib" / hub_list.name for h in homes]
    assert homes and all(c.is_file() and c.stat().st_mtime == hub_list.stat().st_mtime
                         for c in copies), "a learner's home lacks the hub's font list copy"

    # PSS depends on how many processes map a shared page at that moment: read it for every
    # learner once the whole class is running (no learner's server or kernel has stopped yet).
    for row in rows:
        kernel_procs = tree(row["kernel_pid"])
        server_only = [p for p in tree(row["server_pid"])
                       if p.pid not in {k.pid for k in kernel_procs}]
        for key, procs in (("server_pss_mb", server_only), ("kernel_pss_mb", kernel_procs)):
            pss = proportional_mb(procs)
            row[key] = None if pss is None else round(pss, 1)
    hub_procs = [psutil.Process(hub.process.pid)]
    hub_procs += [p for p in psutil.process_iter(["cmdline"])
                  if "configurable-http-proxy" in " ".join(p.info["cmdline"] or [])
                  and hub.env["WORKSHOP_PROXY_API_PORT"] in " ".join(p.info["cmdline"] or [])]
    hub_rss, _, hub_cpu = memory_and_cpu(hub_procs)
    count = len(rows)
    summary = {
        "learners": count, "cores": os.cpu_count(),
        "memory_total_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "arrival_s": ARRIVAL, "wall_s": round(wall, 1),
        "rss_per_learner_mb": round(sum(r["server_rss_mb"] + r["kernel_rss_mb"]
                                        for r in rows) / count, 1),
        "peak_per_learner_mb": round(sum(r["server_peak_mb"] + r["kernel_peak_mb"]
                                         for r in rows) / count, 1),
        "cpu_per_learner_s": round(sum(r["server_cpu_s"] + r["kernel_cpu_s"]
                                       for r in rows) / count, 2),
        "pss_per_learner_mb": None if any(r["server_pss_mb"] is None or r["kernel_pss_mb"]
                                          is None for r in rows)
        else round(sum(r["server_pss_mb"] + r["kernel_pss_mb"] for r in rows) / count, 1),
        "time_to_server_max_s": max(r["time_to_server_s"] for r in rows),
        "time_to_kernel_max_s": max(r["time_to_kernel_s"] for r in rows),
        "hub_proxy_rss_mb": round(hub_rss, 1), "hub_proxy_cpu_s": round(hub_cpu, 1),
    }
    table = print_table(rows, lessons, summary)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform()},
        "lessons": lessons, "summary": summary,
        "learners": [{k: v for k, v in r.items() if k not in ("problems",)} for r in rows],
    }
    (results / f"classload-{count}.json").write_text(json.dumps(report, indent=2) + "\n")
    # Under pytest-xdist a worker's printed output is not shown: the table is kept here too.
    (results / f"classload-{count}.txt").write_text(table + "\n")
    with capsys.disabled():
        print(f"\n\nclass load test: {count} learners, lessons {', '.join(lessons)}\n{table}\n")


def _need_learners(hub: Hub, count: int) -> list[dict]:
    if len(hub.learners) < count:
        pytest.skip(f"needs the class test to have started at least {count} learners")
    return [hub.learners[name] for name in sorted(hub.learners)[:count]]


def test_wrong_password_is_refused(hub: Hub) -> None:
    for wrong in ("not-the-password", "", hub.password.upper(), hub.password + " "):
        status, session = log_in(hub, "intruder", wrong)
        assert status == 403, f"a wrong password got {status}"
        assert not any(c.name.startswith("jupyterhub-hub-login") for c in session.cookies)
    status, _ = log_in(hub, "intruder", hub.password)
    assert status == 302, "the right password must still work after wrong tries"
    bad_token = requests.get(f"{hub.url}/hub/api/users", timeout=30,
                             headers={"Authorization": "token not-a-token"})
    assert bad_token.status_code == 403


def test_a_killed_kernel_restarts_without_touching_others(hub: Hub) -> None:
    victim, *others = _need_learners(hub, min(LEARNERS, 3))
    name, kernel_id = victim["name"], victim["kernel_id"]
    old_pid = hub.kernel_pid(name, kernel_id)
    before = {o["name"]: hub.kernel_pid(o["name"], o["kernel_id"]) for o in others}
    assert old_pid and all(before.values())
    os.kill(old_pid, signal.SIGKILL)
    wait_for(lambda: not psutil.pid_exists(old_pid) or
             psutil.Process(old_pid).status() == psutil.STATUS_ZOMBIE, 30,
             what="the killed kernel to go")
    reply = None
    for _ in range(10):  # the server's own restarter may be restarting it at the same moment
        reply = hub.user_api(name, "POST", f"/kernels/{kernel_id}/restart", timeout=120)
        if reply.status_code == 200:
            break
        time.sleep(2)
    assert reply is not None and reply.status_code == 200, reply.status_code
    new_pid = wait_for(lambda: hub.kernel_pid(name, kernel_id), 60, what="the new kernel")
    assert new_pid != old_pid
    channel = hub.channel(name, kernel_id)
    try:
        channel.wait_ready(60)
        out = channel.execute("print(6 * 7); print('_classload_marker' in globals())")
        assert out["stdout"].split() == ["42", "False"], out  # a fresh kernel
    finally:
        channel.close()
    for other in others:
        pid = hub.kernel_pid(other["name"], other["kernel_id"])
        assert pid == before[other["name"]], f"{other['name']}'s kernel was touched"
        channel = hub.channel(other["name"], other["kernel_id"])
        try:
            channel.wait_ready(60)
            out = channel.execute("print(_classload_marker)")
            assert out["stdout"].strip() == other["name"], out
        finally:
            channel.close()


def test_hub_restart_keeps_learners_files_and_sessions(hub: Hub) -> None:
    (first,) = _need_learners(hub, 1)
    name = first["name"]
    text = f"notes of {name}: CYP2D6 poor metabolisers need another drug\n"
    reply = hub.user_api(name, "PUT", "/contents/my-notes.txt",
                         json={"type": "file", "format": "text", "content": text})
    assert reply.status_code in (200, 201), reply.status_code
    server_pid = hub.server_pid(name)
    kernel_pid = hub.kernel_pid(name, first["kernel_id"])

    hub.stop_hub_only()
    assert psutil.pid_exists(server_pid), "stopping the hub must not stop learners' servers"
    hub.start()

    def server_ready() -> bool:
        server = hub.api("GET", f"/users/{name}").json().get("servers", {}).get("")
        return bool(server and server.get("ready"))

    wait_for(server_ready, 60, what=f"{name}'s server after the hub restart")
    assert hub.server_pid(name) == server_pid
    home = Path(hub.env["WORKSHOP_HOMES"]) / name
    assert (home / "my-notes.txt").read_text() == text

    def readable():
        got = hub.user_api(name, "GET", "/contents/my-notes.txt")
        return got if got.status_code == 200 else None

    got = wait_for(readable, 60, what="the file through the restarted hub")
    assert got.json()["content"] == text
    assert hub.kernel_pid(name, first["kernel_id"]) == kernel_pid
    # The learner's lesson copies are still theirs (never overwritten by a restart).
    assert (home / "notebooks" / START_LESSON).exists()


def test_stopping_leaves_no_processes(hub: Hub) -> None:
    """Last: stop every server and the hub by process id; nothing of ours may be left."""
    leftovers = hub.stop_all()
    assert not leftovers, f"still running after stop: {leftovers}"
    assert hub.ours() == []
    hub.learners.clear()
