"""Confinement the harness applies to itself before it imports a submission: Landlock and seccomp.

Runs inside the sandboxed child with the standard library only (plus `pyseccomp`, when the judge found
it). Landlock is reached through `ctypes` and the raw syscalls (no maintained PyPI binding was found; the
kernel does the enforcing, so a mistake here can only weaken the layer, which the hostile suite checks).
Both layers are irreversible for the process and its children; each function returns a short status
note instead of raising, so the judge can report which layers actually held.
"""

from __future__ import annotations

import ctypes
import errno
import os
from typing import Any

_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446
_PR_SET_NO_NEW_PRIVS = 38
_FS_ACCESS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_FILE_ONLY_ACCESS = (
    (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15)
)  # execute, write, read, truncate, ioctl
_READ_ACCESS = (1 << 0) | (1 << 2) | (1 << 3)  # execute, read file, read dir
_NET_TCP = (1 << 0) | (1 << 1)  # bind, connect
_SCOPE_ALL = (1 << 0) | (1 << 1)  # abstract unix sockets, signals to processes outside the domain


class _RulesetAttr(ctypes.Structure):
    _fields_ = (
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    )


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """The Landlock ABI version the kernel offers, 0 when it has none (or it is disabled)."""
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(version), 0)


def apply_landlock(read_paths: list[str], write_paths: list[str]) -> str:
    """Allow reading only `read_paths`, writing only `write_paths`, no TCP and no signals outside.

    Returns "" on success, else why the layer is not in force.
    """
    abi = landlock_abi()
    if abi <= 0:
        return "Landlock not offered by this kernel"
    fs_all = _FS_ACCESS_BY_ABI[max(k for k in _FS_ACCESS_BY_ABI if k <= abi)]
    attr = _RulesetAttr(fs_all, _NET_TCP if abi >= 4 else 0, _SCOPE_ALL if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        return f"landlock_create_ruleset failed: {os.strerror(ctypes.get_errno())}"
    try:
        for path, access in [(p, _READ_ACCESS) for p in read_paths] + [(p, fs_all) for p in write_paths]:
            problem = _add_path_rule(libc, ruleset, path, access & fs_all)
            if problem:
                return problem
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return "prctl(NO_NEW_PRIVS) failed"
        if libc.syscall(_SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return f"landlock_restrict_self failed: {os.strerror(ctypes.get_errno())}"
    finally:
        os.close(ruleset)
    return ""


def _add_path_rule(libc: Any, ruleset: int, path: str, access: int) -> str:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return ""
    try:
        if not os.path.isdir(path):
            access &= _FILE_ONLY_ACCESS
        rule = _PathBeneath(access, fd)
        if (
            libc.syscall(
                _SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0)
            )
            != 0
        ):
            return f"landlock_add_rule({path}) failed: {os.strerror(ctypes.get_errno())}"
    finally:
        os.close(fd)
    return ""


_DENY_ALWAYS = (
    "fork",
    "vfork",
    "execve",
    "execveat",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "socket",
    "socketpair",
    "connect",
    "bind",
    "listen",
    "accept",
    "accept4",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "sethostname",
    "setdomainname",
    "iopl",
    "ioperm",
    "acct",
    "quotactl",
    "open_by_handle_at",
    "name_to_handle_at",
    "syslog",
    "mknod",
    "mknodat",
    "setrlimit",
    "tkill",
    "pidfd_open",
    "pidfd_send_signal",
    "pidfd_getfd",
    "personality",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsmount",
)
_CLONE_THREAD = 0x00010000


def apply_seccomp(pyseccomp: Any) -> str:
    """Deny process creation (threads stay allowed), exec, sockets, signals to others and admin calls.

    Returns "" on success, else why the layer is not in force.
    """
    sc = pyseccomp
    eperm = sc.ERRNO(errno.EPERM)
    me = os.getpid()
    try:
        flt = sc.SyscallFilter(sc.ALLOW)
        for name in _DENY_ALWAYS:
            try:
                flt.add_rule(eperm, name)
            except (OSError, RuntimeError, ValueError):
                continue  # the syscall does not exist on this architecture
        flt.add_rule(eperm, "clone", sc.Arg(0, sc.MASKED_EQ, _CLONE_THREAD, 0))
        flt.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")  # flags live behind a pointer: make libc fall back
        for name in ("kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"):
            flt.add_rule(eperm, name, sc.Arg(0, sc.NE, me))
        flt.add_rule(eperm, "prlimit64", sc.Arg(2, sc.NE, 0))
        flt.load()
    except Exception as exc:
        return f"seccomp filter not loaded: {exc}"
    return ""
