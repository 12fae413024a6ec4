"""A workspace file on a network share: SQLite's locking is not safe there (its write-ahead
log needs every process on one host), so the app warns and points to the team workspace."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Where Linux lists its mounts (read to find the file system a path lives on).
MOUNTS = Path("/proc/self/mounts")
_NETWORK_TYPES = (
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "davfs",
    "fuse.rclone",
)


def file_system_of(path: Path) -> str | None:
    """The type of the file system that holds `path` (Linux), or None when unknown."""
    try:
        lines = MOUNTS.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = os.path.abspath(path)
    best, kind = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, kind = mount, parts[2]
    return kind


def network_share_warning(path: Path) -> str | None:
    """A one-line warning when `path` is on a network file system, else None."""
    if sys.platform.startswith("win"):
        unc = str(path).startswith("\\\\")
        kind = "a network share" if unc else None
    else:
        fs = file_system_of(path)
        kind = fs if fs and fs.lower() in _NETWORK_TYPES else None
    if kind is None:
        return None
    return (
        f"{path} is on a network share ({kind}): a workspace file there can be damaged or "
        "locked when two computers open it. Keep it on this computer, or move it to a team "
        "workspace on a PostgreSQL server (kpi-desktop copy FILE postgresql://...)"
    )
