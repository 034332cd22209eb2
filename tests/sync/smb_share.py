"""A real SMB share on this machine for tests: a private Samba server on 127.0.0.1, mounted
through the FUSE client smbnetfs once per simulated laptop.

A temp folder behaves like a local disk; an SMB share has Windows semantics (a file open
elsewhere cannot be renamed or removed, names are case-insensitive, ``:`` in a name breaks the
mount, no hard links). Recipe and measured behaviour: ``../shared/notes/smb-test-share.md``.

Everything lives in one temp folder: the server's configuration, state, logs and the exported
folder, each mount point and smbnetfs's home. :func:`smb_share` starts the server and the mounts
and always takes them down again (unmount, stop the processes it started), also when the test
fails. Needs root (smbd, FUSE), ``/dev/fuse`` and the Debian packages ``samba``, ``smbnetfs``
and ``fuse3`` (``installer/dev.sh test`` installs them where it can).

Run it by hand to try: ``python tests/sync/smb_share.py`` mounts two laptops' views, writes a
file through one and reads it through the other.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROGRAMS = ("smbd", "smbpasswd", "smbnetfs")
START_TIMEOUT_S = 30.0


class SmbUnavailable(RuntimeError):
    """FUSE mounts are not possible here after all (e.g. a container without the right to
    mount): the caller skips, with this as the reason."""


def unavailable_reason() -> str | None:
    """Why a real SMB share cannot be had here (None: it can)."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return "the SMB test share needs Linux"
    if os.geteuid() != 0:
        return "the SMB test share needs root (smbd and FUSE mounts)"
    if not os.path.exists("/dev/fuse"):
        return "the SMB test share needs /dev/fuse (FUSE is not available here)"
    missing = [p for p in PROGRAMS if _which(p) is None]
    if _which("fusermount3") is None and _which("fusermount") is None:
        missing.append("fusermount")
    if missing:
        return (
            f"the SMB test share needs {', '.join(missing)} "
            "(Debian: apt-get install samba smbnetfs fuse3)"
        )
    return None


def _which(program: str) -> str | None:
    # smbd lives in /usr/sbin, which a non-login PATH may lack.
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmbShare:
    """A running server and its mounts; ``folders[i]`` is laptop *i*'s view of the share."""

    root: Path
    port: int
    password: str
    export: Path
    folders: list[Path] = field(default_factory=list)
    mount_points: list[Path] = field(default_factory=list)
    _server: subprocess.Popen[bytes] | None = None
    _mounts: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's and the mounts' logs (for a failure message)."""
        parts = []
        for log in sorted((self.root / "log").glob("*")):
            if not log.is_file():
                continue  # e.g. samba's cores/ folder
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-chars:]}")
        return "\n".join(parts)


def _write_server_config(root: Path, port: int) -> Path:
    for sub in ("state", "lock", "cache", "private", "pid", "ncalrpc", "log", "export"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    conf = root / "smb.conf"
    conf.write_text(
        "[global]\n"
        "  server role = standalone server\n"
        "  interfaces = 127.0.0.1\n"
        "  bind interfaces only = yes\n"
        f"  smb ports = {port}\n"
        "  disable netbios = yes\n"
        "  load printers = no\n"
        "  printing = bsd\n"
        "  printcap name = /dev/null\n"
        "  disable spoolss = yes\n"
        "  map to guest = never\n"
        f"  state directory = {root / 'state'}\n"
        f"  lock directory = {root / 'lock'}\n"
        f"  cache directory = {root / 'cache'}\n"
        f"  private dir = {root / 'private'}\n"
        f"  pid directory = {root / 'pid'}\n"
        f"  ncalrpc dir = {root / 'ncalrpc'}\n"
        f"  passdb backend = tdbsam:{root / 'private' / 'passdb.tdb'}\n"
        f"  log file = {root / 'log' / 'smbd.log'}\n"
        "  log level = 1\n"
        "\n"
        "[share]\n"
        f"  path = {root / 'export'}\n"
        "  read only = no\n"
        "  force user = root\n"
    )
    return conf


def _write_client_config(home: Path, password: str) -> Path:
    smb = home / ".smb"
    smb.mkdir(parents=True, exist_ok=True)
    (smb / "smb.conf").write_text("[global]\n  client min protocol = SMB2\n")
    conf = smb / "smbnetfs.conf"
    conf.write_text(
        'smb_query_browsers "false"\n'
        'use_libsecret "false"\n'
        f'auth "root" "{password}"\n'
        "host 127.0.0.1 visible=true\n"
    )
    conf.chmod(0o600)
    return conf


def _wait_for(check: object, what: str, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def _stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a process this module started, and the children it made (its own group)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


def _unmount(mount_point: Path) -> None:
    program = _which("fusermount3") or _which("fusermount") or "fusermount"
    for _ in range(20):
        if not os.path.ismount(mount_point):
            return
        done = subprocess.run(
            [program, "-u", str(mount_point)], capture_output=True, check=False, timeout=20
        )
        if done.returncode == 0:
            return
        time.sleep(0.25)  # busy: a file still open for a moment
    subprocess.run([program, "-u", "-z", str(mount_point)], capture_output=True, check=False)


@contextlib.contextmanager
def smb_share(root: Path, laptops: int) -> Iterator[SmbShare]:
    """Start a Samba server for ``root/export`` and mount it ``laptops`` times."""
    reason = unavailable_reason()
    if reason:
        raise RuntimeError(reason)
    root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    password = secrets.token_hex(12)
    conf = _write_server_config(root, port)
    smb = SmbShare(root=root, port=port, password=password, export=root / "export")
    smbd = _which("smbd") or "smbd"
    try:
        subprocess.run(
            [_which("smbpasswd") or "smbpasswd", "-c", str(conf), "-s", "-a", "root"],
            input=f"{password}\n{password}\n".encode(),
            capture_output=True,
            check=True,
            timeout=30,
        )
        smb._server = subprocess.Popen(
            [smbd, "--foreground", "--no-process-group", "-s", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=(root / "log" / "smbd.stderr").open("wb"),
            start_new_session=True,
        )

        def listening() -> bool:
            assert smb._server is not None
            if smb._server.poll() is not None:
                raise RuntimeError(f"smbd stopped at start:\n{smb.log_tail()}")
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        _wait_for(listening, "the Samba server")
        for n in range(laptops):
            home = root / f"home{n}"
            mount_point = root / f"mnt{n}"
            mount_point.mkdir()
            client_conf = _write_client_config(home, password)
            options = f"config={client_conf},attr_timeout=0,entry_timeout=0,negative_timeout=0"
            env = {**os.environ, "HOME": str(home)}
            smb._mounts.append(
                subprocess.Popen(
                    [_which("smbnetfs") or "smbnetfs", str(mount_point), "-f", "-o", options],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=(root / "log" / f"smbnetfs{n}.stderr").open("wb"),
                    start_new_session=True,
                )
            )
            smb.mount_points.append(mount_point)
            folder = mount_point / f"127.0.0.1:{port}" / "share"
            smb.folders.append(folder)
            mount, log = smb._mounts[-1], root / "log" / f"smbnetfs{n}.stderr"

            def mounted(
                mount: subprocess.Popen[bytes] = mount, folder: Path = folder, log: Path = log
            ) -> bool:
                if mount.poll() is not None:
                    said = log.read_text(errors="replace")[-500:]
                    raise SmbUnavailable(f"smbnetfs could not mount the share: {said}")
                return folder.is_dir()

            _wait_for(mounted, f"mount {n} (smbnetfs)")
        yield smb
    finally:
        for mount_point in smb.mount_points:
            _unmount(mount_point)
        for process in smb._mounts:
            _stop(process)
        if smb._server is not None:
            _stop(smb._server)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as temp, smb_share(Path(temp), 2) as share:
        started = time.perf_counter()
        (share.folders[0] / "hello.txt").write_bytes(b"hallo")
        print("read through the second mount:", (share.folders[1] / "hello.txt").read_bytes())
        print("on the server:", sorted(p.name for p in share.export.iterdir()))
        print(f"port {share.port}; {time.perf_counter() - started:.2f} s")
