"""The team directory's git repository, through the git CLI (argv lists, never a shell).

The cache is a bare clone inside the home that only git writes. Publishing builds one commit
with plumbing (hash-object, mktree, commit-tree) on top of the latest fetched branch, changing
only agents/<id>.json, and pushes it; a push that loses a race is retried on a fresh fetch with
jittered exponential backoff. The agent's own git credentials are used; growthdesk stores none.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from growthdesk.core.errors import GrowthdeskError
from growthdesk.core.i18n import _

__all__ = [
    "GitError",
    "Backoff",
    "Repo",
    "TIMEOUT",
    "cache_of",
]

TIMEOUT = 60.0  # seconds per git call: a hung remote must not hang the agent's terminal
_TRACKING = "refs/remotes/origin/"
_RACE = (
    "[rejected]",
    "non-fast-forward",
    "fetch first",
    "cannot lock ref",
    "failed to lock",
    "failed to update ref",
    "incorrect old value",
)
_AUTH = (
    "authentication failed",
    "permission denied",
    "could not read username",
    "could not read password",
    "access denied",
    "403",
)
_UNREACHABLE = (
    "could not resolve host",
    "does not appear to be a git repository",
    "unable to access",
    "connection refused",
    "connection timed out",
    "no such file or directory",
    "does not exist",
    "not found",
    "could not read from remote",
)


def cache_of(home: Path) -> Path:
    """The team cache inside the home: a bare clone that only git writes."""
    return home / "team.git"


class GitError(GrowthdeskError):
    """git is missing, the remote is unreachable, authentication failed, or git refused."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # git's own output, to tell a lost push race from a failure


@dataclass(frozen=True)
class Backoff:
    """Full-jitter exponential backoff. 20 publishers racing for one branch: each round one
    wins, so the last one needs up to ~20 rounds; 40 attempts with a 2 s cap leave room."""

    attempts: int = 40
    base: float = 0.05
    cap: float = 2.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0.0, min(self.cap, self.base * 2**attempt))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Never prompt (a hidden prompt hangs until the timeout); parse English messages.
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", LANGUAGE="C", GCM_INTERACTIVE="never")
    # The commit's author is the card's agent id, not the user's personal git e-mail.
    return env


def _explain(args: Sequence[str], stderr: str) -> GitError:
    low = stderr.lower()
    lines = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    # git's first fatal/error line is the cause; hints follow it.
    last = next(
        (ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[-1] if lines else ""
    )
    if any(s in low for s in _AUTH):
        return GitError(_("git authentication failed for the team remote: {m}", m=last))
    if any(s in low for s in _UNREACHABLE):
        return GitError(_("the team remote is unreachable: {m}", m=last))
    return GitError(_("git {cmd} failed: {m}", cmd=args[0], m=last or "?"))


class Repo:
    """The bare clone at *path* (inside the home)."""

    def __init__(self, path: Path, timeout: float = TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout

    def exists(self) -> bool:
        return (self.path / "HEAD").is_file()

    def git(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: dict[str, str] | None = None,
        cwd: bool = True,
    ) -> bytes:
        argv = ["git", *(["--git-dir", str(self.path)] if cwd else []), *args]
        try:
            done = subprocess.run(
                argv,
                input=stdin,
                capture_output=True,
                timeout=self.timeout,
                env={**_env(), **(env or {})},
                check=False,
            )
        except FileNotFoundError:
            raise GitError(_("git is not installed (or not on PATH); install git first")) from None
        except subprocess.TimeoutExpired:
            raise GitError(
                _(
                    "git {cmd} took longer than {s:.0f} s; is the team remote reachable?",
                    cmd=args[0],
                    s=self.timeout,
                )
            ) from None
        if done.returncode != 0:
            err = _explain(args, done.stderr.decode("utf-8", "replace"))
            err.detail = (done.stderr + done.stdout).decode("utf-8", "replace").lower()
            raise err
        return done.stdout

    def _try(self, *args: str) -> tuple[bool, str]:
        try:
            self.git(*args)
        except GitError as exc:
            return False, str(exc)
        return True, ""

    # -- set up ------------------------------------------------------------------------------

    def init(self, remote: str) -> str:
        """Clone *remote* bare into the cache (or point the cache at it); returns the branch."""
        if not remote or remote.startswith("-"):
            raise GitError(_("'{r}' is not a git remote", r=remote))
        local = Path(remote).expanduser()
        url = str(local.resolve()) if local.exists() else remote
        if self.exists():  # joining again after leave, or a new remote: git replaces the refs
            self.git("remote", "set-url", "origin", url)
            self.fetch()
        else:
            self.git("clone", "--bare", "--quiet", "--", url, str(self.path), cwd=False)
            self.git("config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
            self.fetch()
        head = self.git("ls-remote", "--symref", "origin", "HEAD").decode()
        branch = "main"
        for line in head.splitlines():
            if line.startswith("ref: refs/heads/"):
                branch = line.split()[1].removeprefix("refs/heads/")
        self.git("config", "growthdesk.branch", branch)
        self.set_member(True)
        return branch

    def set_member(self, member: bool) -> None:
        """Whether `ask` uses the team by default (false after `team leave`)."""
        self.git("config", "growthdesk.member", "true" if member else "false")

    def is_member(self) -> bool:
        try:
            return self.git("config", "growthdesk.member").strip() == b"true"
        except GitError:
            return False

    @property
    def branch(self) -> str:
        return self.git("config", "growthdesk.branch").decode().strip()

    def fetch(self) -> None:
        """Fetch the directory; on failure the cache's refs stay as they were (git's fetch
        updates refs only after the objects arrived)."""
        self.git("fetch", "--quiet", "--prune", "origin")

    def tip(self) -> str | None:
        ok, out = True, b""
        try:
            out = self.git("rev-parse", "--verify", "--quiet", _TRACKING + self.branch)
        except GitError:
            ok = False
        return out.decode().strip() if ok and out.strip() else None

    # -- reading -----------------------------------------------------------------------------

    def entries(self) -> list[tuple[str, str, str, int]]:
        """(mode, sha, path, size) of every file on the fetched branch."""
        tip = self.tip()
        if tip is None:
            return []
        out: list[tuple[str, str, str, int]] = []
        for rec in self.git("ls-tree", "-r", "-l", "-z", tip).split(b"\0"):
            if not rec:
                continue
            meta, _tab, path = rec.partition(b"\t")
            mode, kind, sha, size = meta.decode().split()
            out.append(
                (mode, sha, path.decode("utf-8", "replace"), int(size) if size.isdigit() else -1)
            )
        return out

    def blobs(self, shas: Sequence[str]) -> list[bytes]:
        """The contents of *shas*, in one git call."""
        if not shas:
            return []
        raw = self.git("cat-file", "--batch", stdin=("\n".join(shas) + "\n").encode())
        out: list[bytes] = []
        pos = 0
        for _sha in shas:
            nl = raw.index(b"\n", pos)
            size = int(raw[pos:nl].split()[2])
            out.append(raw[nl + 1 : nl + 1 + size])
            pos = nl + 1 + size + 1
        return out

    # -- writing -----------------------------------------------------------------------------

    def _commit(
        self, base: str | None, path: str, blob: bytes | None, agent: str, message: str
    ) -> str | None:
        """A commit on *base* with *path* set to *blob* (None: removed); None if no change."""
        folder, name = path.split("/")
        sub: dict[str, str] = {}
        top: dict[str, str] = {}
        if base is not None:
            for line in self.git("ls-tree", "-z", base).split(b"\0"):
                if line:
                    meta, _t, p = line.partition(b"\t")
                    top[p.decode("utf-8", "surrogateescape")] = meta.decode()
            if folder in top:
                for line in self.git("ls-tree", "-z", f"{base}:{folder}").split(b"\0"):
                    if line:
                        meta, _t, p = line.partition(b"\t")
                        sub[p.decode("utf-8", "surrogateescape")] = meta.decode()
        old = sub.get(name)
        if blob is None:
            if old is None:
                return None
            del sub[name]
        else:
            sha = self.git("hash-object", "-w", "--stdin", stdin=blob).decode().strip()
            new = f"100644 blob {sha}"
            if old == new:
                return None
            sub[name] = new
        if sub:
            tree = self._mktree(sub)
            top[folder] = f"040000 tree {tree}"
        else:
            top.pop(folder, None)
        root = self._mktree(top)
        who = {
            "GIT_AUTHOR_NAME": "growthdesk",
            "GIT_AUTHOR_EMAIL": f"{agent}@growthdesk.invalid",
            "GIT_COMMITTER_NAME": "growthdesk",
            "GIT_COMMITTER_EMAIL": f"{agent}@growthdesk.invalid",
        }
        parents = ["-p", base] if base else []
        return self.git("commit-tree", root, *parents, "-m", message, env=who).decode().strip()

    def _mktree(self, entries: dict[str, str]) -> str:
        body = b"".join(
            f"{meta}\t{name}".encode("utf-8", "surrogateescape") + b"\0"
            for name, meta in sorted(entries.items())
        )
        return self.git("mktree", "-z", stdin=body).decode().strip()

    def put(
        self,
        path: str,
        blob: bytes | None,
        agent: str,
        message: str,
        backoff: Backoff = Backoff(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> bool:
        """Set (or with None remove) *path* on the remote branch; False if already so.

        Fetch, commit on the fetched tip, push; a push rejected because someone else pushed
        first is the race, retried. Any other failure (auth, unreachable) raises at once.
        """
        branch = self.branch
        for attempt in range(backoff.attempts):
            self.fetch()
            commit = self._commit(self.tip(), path, blob, agent, message)
            if commit is None:
                return False
            try:
                self.git(
                    "push", "--quiet", "--porcelain", "origin", f"{commit}:refs/heads/{branch}"
                )
            except GitError as exc:
                if not any(s in exc.detail for s in _RACE) and not self._lost_race(commit):
                    raise
                sleep(backoff.delay(attempt))
                continue
            self.git("update-ref", _TRACKING + branch, commit)
            return True
        raise GitError(
            _(
                "gave up after {n} attempts: the team repository kept changing; try again",
                n=backoff.attempts,
            )
        )

    def _lost_race(self, commit: str) -> bool:
        """git's last stderr line may not name the rejection; ask the remote directly."""
        try:
            self.fetch()
        except GitError:
            return False
        tip = self.tip()
        return tip is not None and tip != commit
