"""JupyterHub for a Precision Medicine Workbooks workshop on ONE machine.

Start it from the project's environment (the one with the ``precisionmed`` package installed)::

    export WORKSHOP_PASSWORD='choose-a-phrase-for-today'    # never commit it
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Everything that differs between machines comes from environment variables (see
``deploy/jupyterhub/README.md`` for the full table); nothing secret is stored in this file.

What it sets up:

- **Shared password.** JupyterHub's built-in ``SharedPasswordAuthenticator``: any name plus the
  day's password (``WORKSHOP_PASSWORD``, at least 8 characters) logs in. Instructors listed in
  ``WORKSHOP_ADMINS`` log in with ``WORKSHOP_ADMIN_PASSWORD`` (at least 32 characters).
- **One home folder per learner** under ``WORKSHOP_HOMES``, made by ``SimpleLocalProcessSpawner``
  (no system accounts needed). All learners' servers run as the hub's own system user, so a
  learner's code *could* read another learner's folder: acceptable for a one-day class of
  simulated data, not for anything private. For real isolation use system users
  (``LocalProcessSpawner``/``SystemdSpawner``) or Kubernetes (``config.yaml`` beside this file).
- **Lessons in every home.** At start-up the hub writes the *classroom* copies of every lesson
  (outputs cleared, solutions removed; ``WORKSHOP_LESSON_BUILD`` picks another build) into its
  state folder; each learner's first start copies them into ``~/notebooks``. Files a learner
  already has are never overwritten, so work survives restarts.
- **Per-learner limits.** ``mem_limit``/``cpu_limit`` are *not enforced* by local-process
  spawners (they only set ``MEM_LIMIT``/``CPU_LIMIT`` in the environment). This file enforces them
  with ``systemd-run --scope -p MemoryMax=... -p CPUQuota=...`` when systemd runs the machine
  (real per-learner cgroup limits), and otherwise falls back to per-process ``rlimit`` guards
  (address-space cap on every process plus a lower CPU priority): a guard against one runaway
  kernel, not a per-learner limit. ``WORKSHOP_LIMITS`` chooses: ``auto``, ``systemd``,
  ``rlimit`` or ``none``.
- **Start-up storms.** ``start_timeout``/``http_timeout`` are 120 s (a whole room logging in at
  once on a small machine needs this; see ``docs/sizing-guide.md``).
- **Idle culling.** If ``jupyterhub-idle-culler`` is installed, it runs as a hub service and
  stops servers idle for ``WORKSHOP_CULL_IDLE`` seconds (default 3600; 0 turns it off).
  Learners' files stay; their next login starts a fresh server.
- **Hub restarts keep sessions.** ``cleanup_servers`` is off, so restarting the hub (for a
  config change) leaves learners' servers, kernels and files alone.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

HERE = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    """A ``WORKSHOP_*`` setting from the environment (empty strings count as unset)."""
    value = os.environ.get(name, "").strip()
    return value or default


def size_in_bytes(text: str) -> int:
    """``"1.5G"``, ``"800M"``, ``"1024K"`` or a plain number of bytes."""
    text = text.strip().upper().removesuffix("B")
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}.get(text[-1:], 1)
    number = text[:-1] if factor != 1 else text
    return int(float(number) * factor)


# --- where things live -----------------------------------------------------------------------
COURSE = Path(env("WORKSHOP_COURSE", str(HERE.parents[1]))).resolve()
STATE = Path(env("WORKSHOP_STATE_DIR", str(Path.cwd() / "workshop-state"))).resolve()
HOMES = Path(env("WORKSHOP_HOMES", str(STATE / "homes"))).resolve()
STATE.mkdir(parents=True, exist_ok=True)
HOMES.mkdir(parents=True, exist_ok=True)
os.chmod(STATE, 0o700)

c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --- network ---------------------------------------------------------------------------------
# Learners reach the public port; put HTTPS in front of it (or set ssl_cert/ssl_key) on a
# shared network, since the password travels in the login form.
c.JupyterHub.ip = env("WORKSHOP_IP", "0.0.0.0")  # noqa: S104 - a classroom must reach it
c.JupyterHub.port = int(env("WORKSHOP_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("WORKSHOP_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('WORKSHOP_PROXY_API_PORT', '8001')}"
if env("WORKSHOP_PROXY_COMMAND"):
    c.ConfigurableHTTPProxy.command = [env("WORKSHOP_PROXY_COMMAND")]

# --- who may log in --------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env("WORKSHOP_PASSWORD")
if not c.SharedPasswordAuthenticator.user_password:
    sys.exit("Set WORKSHOP_PASSWORD (the shared password for today, 8 characters or more).")
c.Authenticator.allow_all = True  # anyone with the password; names are free to choose
admins = {name.strip() for name in env("WORKSHOP_ADMINS").split(",") if name.strip()}
if admins:
    c.Authenticator.admin_users = admins
    c.SharedPasswordAuthenticator.admin_password = env("WORKSHOP_ADMIN_PASSWORD")

# An API token for instructors' scripts (and the class load test): create users, start and
# stop servers, and use learners' servers. Optional; keep it as secret as the password.
services: list[dict] = []
roles: list[dict] = []
if env("WORKSHOP_API_TOKEN"):
    services.append({"name": "workshop-admin", "api_token": env("WORKSHOP_API_TOKEN")})
    roles.append({
        "name": "workshop-admin",
        "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers",
                   "tokens", "list:users", "read:users"],
        "services": ["workshop-admin"],
    })

# --- learners' servers -----------------------------------------------------------------------
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/notebooks/00-start-here.ipynb"
singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
base_cmd = [str(singleuser) if singleuser.exists() else "jupyterhub-singleuser"]
c.Spawner.args = [
    "--ServerApp.terminals_enabled=False",  # one less way to reach the hub's user
    # Server extensions a workshop learner never uses: the language-server bridge (no
    # language servers are installed), Voila's app pages (apps are served by `run.py app` or
    # Binder) and the terminal API (terminals are off): less to load, fewer addresses served.
    "--ServerApp.jpserver_extensions={'jupyter_lsp': False, 'voila.server_extension': False,"
    " 'jupyter_server_terminals': False}",
    # Each open notebook holds a kernel (150-250 MB). Shut down kernels nobody is connected
    # to (a closed tab) after WORKSHOP_KERNEL_IDLE seconds; open tabs are left alone.
    f"--MappingKernelManager.cull_idle_timeout={int(env('WORKSHOP_KERNEL_IDLE', '1800'))}",
    "--MappingKernelManager.cull_interval=120",
    # Kernels talk to their server over Unix sockets, not TCP ports on 127.0.0.1. With TCP,
    # many servers starting kernels at the same moment can pick the same free port; the
    # losing kernel dies and jupyter_client's restarter retries with the same port (seen in
    # the class load test with 20 simultaneous learners). Unix sockets also keep other
    # users of the machine away from kernels.
    "--KernelManager.transport=ipc",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # containers and cloud machines often run as root
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "VIRTUAL_ENV", "CONDA_ROOT", "CONDA_DEFAULT_ENV",
                      "LANG", "LC_ALL", "PRECISIONMED_DATASETS",
                      "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
# A whole room logging in at once queues on the CPU: give servers time to come up.
c.Spawner.start_timeout = int(env("WORKSHOP_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env("WORKSHOP_START_TIMEOUT", "120"))
c.JupyterHub.concurrent_spawn_limit = int(env("WORKSHOP_CONCURRENT_SPAWNS", "100"))
c.JupyterHub.active_server_limit = int(env("WORKSHOP_MAX_SERVERS", "0"))  # 0 = no limit
c.JupyterHub.cleanup_servers = env("WORKSHOP_CLEANUP_SERVERS", "false").lower() == "true"

# --- per-learner memory and CPU --------------------------------------------------------------
MEM_LIMIT = env("WORKSHOP_MEM_LIMIT", "1G")
CPU_LIMIT = float(env("WORKSHOP_CPU_LIMIT", "1.0"))
c.Spawner.mem_limit = MEM_LIMIT  # shown to the server as MEM_LIMIT; enforced below, not here
c.Spawner.cpu_limit = CPU_LIMIT
limits = env("WORKSHOP_LIMITS", "auto").lower()
if limits == "auto":
    has_systemd = Path("/run/systemd/system").is_dir() and shutil.which("systemd-run")
    limits = "systemd" if has_systemd else "rlimit"
if limits == "systemd":
    # A transient scope per learner: the server and every kernel it starts share one cgroup
    # with a hard memory ceiling and a CPU quota. Needs systemd as PID 1 and root (or a
    # user manager with delegation, adding --user).
    c.Spawner.cmd = ["systemd-run", "--scope", "--quiet",
                     "-p", f"MemoryMax={size_in_bytes(MEM_LIMIT)}",
                     "-p", f"CPUQuota={int(CPU_LIMIT * 100)}%", "--", *base_cmd]
else:
    c.Spawner.cmd = base_cmd
# Per-process guard (inherited by kernels): virtual address space, which for Python with
# numpy is several times the resident memory, so it is set well above the learner limit.
PROCESS_AS = size_in_bytes(env("WORKSHOP_PROCESS_ADDRESS_SPACE", "8G"))
NICE = int(env("WORKSHOP_NICE", "5"))  # learners yield the CPU to the hub and the proxy


def runtime_dir(home: str, name: str) -> str:
    """A short per-learner folder for kernels' connection files and Unix sockets.

    A Unix socket path may have at most 107 bytes, and a kernel's socket is named
    ``kernel-<36-character id>-ipc-<n>`` inside this folder, so it lives under the system's
    temp folder rather than deep inside the learner's home. The hash of the home folder
    keeps two hubs on one machine (a workshop and its load test) apart.
    """
    import hashlib
    import tempfile

    tag = hashlib.sha256(home.encode()).hexdigest()[:8]
    return os.path.join(tempfile.gettempdir(), f"jupyter-{name[:20]}-{tag}")


class WorkshopSpawner(SimpleLocalProcessSpawner):
    """``SimpleLocalProcessSpawner`` with a short runtime folder and the ``rlimit`` guards."""

    def user_env(self, env: dict) -> dict:
        """Home, user name and the short runtime folder for kernels' sockets."""
        env = super().user_env(env)
        env["JUPYTER_RUNTIME_DIR"] = runtime_dir(self.home_dir, self.user.name)
        return env

    def make_preexec_fn(self, name: str):
        """Runs in the child before ``exec``: make and enter the home folder, apply guards."""
        home = self.home_dir
        runtime = runtime_dir(home, self.user.name)

        def preexec() -> None:
            import resource

            os.makedirs(home, 0o755, exist_ok=True)
            os.chdir(home)
            os.makedirs(runtime, 0o700, exist_ok=True)
            if limits == "rlimit":
                resource.setrlimit(resource.RLIMIT_AS, (PROCESS_AS, PROCESS_AS))
                os.nice(NICE)

        return preexec


c.JupyterHub.spawner_class = WorkshopSpawner  # no system users needed (see the top)


# --- lessons in every home -------------------------------------------------------------------
LESSON_BUILD = env("WORKSHOP_LESSON_BUILD", "classroom")  # classroom | learner | instructor
LESSONS = STATE / "lessons"


def prepare_lessons() -> None:
    """Write this course's lesson copies once, when the hub starts."""
    try:
        from precisionmed import course

        course.build(LESSON_BUILD, out_dir=LESSONS, root=COURSE, progress=False)
    except Exception as err:  # noqa: BLE001 - fall back to the lessons as they are
        print(f"[workshop] could not build {LESSON_BUILD} copies ({err}); copying the lessons",
              file=sys.stderr)
        (LESSONS / "notebooks").mkdir(parents=True, exist_ok=True)
        for lesson in sorted((COURSE / "notebooks").glob("[0-9][0-9]-*.ipynb")):
            shutil.copy2(lesson, LESSONS / "notebooks" / lesson.name)


def prepare_font_cache() -> Path | None:
    """Build matplotlib's font list once, when the hub starts; return the file (or None).

    Every learner's kernel would otherwise build its own in its new home on the first figure,
    and when that takes over 5 s (thirty learners starting at once) matplotlib prints
    "Matplotlib is building the font cache; this may take a moment." under the learner's
    setup cell. The list names the machine's font files, the same for every learner.
    """
    try:
        import matplotlib
        from matplotlib import font_manager

        font_manager.findfont("DejaVu Sans")  # reads the cache, or builds it
        found = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-v*.json"))
    except Exception as err:  # noqa: BLE001 - learners then build their own, as before
        print(f"[workshop] no shared matplotlib font list ({err})", file=sys.stderr)
        return None
    return found[-1] if found else None


FONT_LIST = prepare_font_cache()


def copy_lessons(spawner) -> None:
    """``pre_spawn_hook``: copy lessons the learner does not have yet; never overwrite.

    The glossary and course map the built lessons link to (``notebooks/glossary.md``,
    ``notebooks/course-map.md``) are copied the same way, and so is the hub's matplotlib font
    list (into ``~/.cache/matplotlib/``), so no learner's first figure waits for one.
    """
    home = Path(spawner.home_dir)
    if FONT_LIST is not None:
        fonts = home / ".cache" / "matplotlib"
        if not (fonts / FONT_LIST.name).exists():
            fonts.mkdir(parents=True, exist_ok=True)
            shutil.copy2(FONT_LIST, fonts / FONT_LIST.name)
    target = home / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    built = LESSONS / "notebooks"
    for lesson in sorted([*built.glob("*.ipynb"), *built.glob("glossary.md"),
                          *built.glob("course-map.md")]):
        if not (target / lesson.name).exists():
            shutil.copy2(lesson, target / lesson.name)


prepare_lessons()
c.Spawner.pre_spawn_hook = copy_lessons

# --- idle culling ----------------------------------------------------------------------------
CULL_IDLE = int(env("WORKSHOP_CULL_IDLE", "3600"))
CULL_EVERY = int(env("WORKSHOP_CULL_EVERY", "300"))  # how often the culler looks
if CULL_IDLE > 0 and importlib.util.find_spec("jupyterhub_idle_culler") is not None:
    services.append({
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_IDLE}",
                    f"--cull-every={CULL_EVERY}"],
    })
    roles.append({
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    })
elif CULL_IDLE > 0:
    print("[workshop] jupyterhub-idle-culler is not installed: idle servers are not stopped",
          file=sys.stderr)
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
