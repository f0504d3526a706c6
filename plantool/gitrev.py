"""The plans as they were at a git revision, and the comparisons built on them. The only module that runs git.

Revisions are read with ``git ls-tree`` and ``git cat-file --batch``, never
by checking anything out: the user's working tree and index are not touched
(``GIT_OPTIONAL_LOCKS=0`` keeps even git's optional index refresh away).
Every command is an argument list, never a shell. A revision the user typed
is turned into a commit id by ``rev-parse --verify --end-of-options`` before
it goes anywhere else, so it can never be read as an option; pathspecs are
literal, so a plans folder named ``p*`` matches only itself. A blob larger
than ``sources.MAX_FILE_BYTES`` is reported, not read.

Files at a revision are named as git names them, ``REV:path``
(``HEAD~1:plans/tdp.yaml``), so a problem says which revision it is in.
A file unchanged between two revisions is parsed once (by blob id).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from plantool.changes import (
    Commit,
    Diff,
    History,
    Revision,
    State,
    Step,
    diff_workspaces,
    load_problems,
    state_in,
    step,
    unread_files,
)
from plantool.dates import DEFAULT_FINANCIAL_YEAR_START
from plantool.loader import LoadedFile, gc_paused, load_bytes
from plantool.problems import NoPlansFolder, PlantoolError, Problem, UnknownReference
from plantool.sources import MAX_FILE_BYTES, YAML_SUFFIXES, visible_name
from plantool.workspace import Item, People, Workspace, build_workspace, load_folder

WORKING_TREE = "working tree"

# %H commit, %P parents, %aN author (after .mailmap), %aE email, %aI strict ISO date, %s subject;
# NUL between fields and (with -z) after each commit: no text a person can type splits them wrongly.
_LOG_FORMAT = "--format=%H%x00%P%x00%aN%x00%aE%x00%aI%x00%at%x00%s"
_LOG_FIELDS = 7
_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


class GitError(PlantoolError):
    """git refused: not a repository, an unknown revision, or git itself missing."""


# ---------------------------------------------------------------------------
# Running git


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    # log.showSignature would mix gpg's output into the NUL-separated log.
    command = ["git", "--literal-pathspecs", "-c", "log.showSignature=false", *args]
    try:
        result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); diff and history read the plans from git") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or type(error).__name__}") from None
    if result.returncode != 0:
        raise GitError(_git_message(args[0], result.stderr))
    return result.stdout


def _git_message(command: str, stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    reason = lines[0].removeprefix("fatal: ").removeprefix("error: ") if lines else "no reason given"
    return f"git {command} failed: {reason}"


@dataclass(frozen=True, slots=True)
class Repository:
    """A git work tree and where the plans folder sits in it."""

    root: Path
    prefix: str
    """The plans folder from the top of the repository, '/'-separated; '' when it is the top."""
    folder: Path
    """The plans folder as the user named it (it may be missing from the working tree)."""

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        return _git(args, self.root, stdin)

    def path(self, relative: str) -> str:
        """A path inside the plans folder as a path from the top of the repository."""
        return f"{self.prefix}/{relative}" if self.prefix else relative


def open_repository(folder: Path) -> Repository:
    """The repository holding ``folder``; a ``PlantoolError`` when there is none."""
    start, missing = Path(os.path.abspath(folder)), list[str]()
    while not start.is_dir() and start != start.parent:  # a deleted plans folder still has a history
        missing.insert(0, start.name)
        start = start.parent
    try:
        output = _git(["rev-parse", "--show-toplevel", "--show-prefix"], start).decode("utf-8", "surrogateescape")
    except GitError as error:
        if missing:  # not there, and outside any repository so without a history either: say what is wrong first
            raise NoPlansFolder(folder) from None
        raise GitError(f"{folder} is not in a git repository ({error})") from None
    top, _, prefix = output.rstrip("\n").partition("\n")
    joined = posixpath.normpath(posixpath.join(prefix, *missing)) if (prefix or missing) else "."
    if joined.startswith(".."):
        raise GitError(f"{folder} is outside the git repository at {top}")
    if "\n" in joined:  # git's batch commands read one name a line
        raise GitError(f"{folder}: a folder name with a line break in it cannot be read from git")
    return Repository(Path(top), "" if joined == "." else joined, folder)


def folder_trees(repo: Repository, shas: Sequence[str]) -> list[str | None]:
    """The plans folder's tree id at each commit, ``None`` where it is not a folder there, in one git call."""
    if not shas:
        return []
    names = [f"{sha}:{repo.prefix}" if repo.prefix else f"{sha}^{{tree}}" for sha in shas]
    # surrogateescape: a folder name that is not UTF-8 goes back to git as the bytes it was.
    stdin = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    output = repo.git("cat-file", "--batch-check", stdin=stdin)
    trees: list[str | None] = []
    for line in output.decode("utf-8", "replace").split("\n")[: len(names)]:
        parts = line.split()  # "<id> <type> <size>", or "<name> missing" (a name may hold spaces)
        trees.append(parts[0] if parts[-1] != "missing" and parts[1] == "tree" else None)
    return trees


def resolve(repo: Repository, revision: str) -> Commit:
    """The commit ``revision`` names (a branch, tag, ``HEAD~2``, an id...); unknown is a ``PlantoolError``."""
    if not revision.strip() or revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision")
    try:
        sha = repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError:
        hint = " (the repository has no commits yet)" if revision == "HEAD" else ""
        raise GitError(f"unknown revision {revision!r}: no commit by that name in {repo.root}{hint}") from None
    text = sha.decode("ascii", "replace").strip()
    # "^HEAD" (a negation) and "^@" (all parents) are valid to rev-parse yet name no single commit.
    found = log(repo, [text, "-1"]) if _COMMIT_ID.fullmatch(text) else []
    if not found:
        raise GitError(f"{revision!r} does not name one commit; give a branch, a tag, HEAD~1 or a commit id")
    return found[0]


def log(repo: Repository, args: Sequence[str]) -> list[Commit]:
    """Commits that ``git log ARGS`` lists, newest first."""
    fields = repo.git("log", "-z", _LOG_FORMAT, *args).decode("utf-8", "replace").split("\0")
    commits = []
    for start in range(0, len(fields) - _LOG_FIELDS + 1, _LOG_FIELDS):
        sha, parents, author, email, when, stamp, subject = fields[start : start + _LOG_FIELDS]
        commits.append(Commit(sha, tuple(parents.split()), author, email, _when(when, stamp), subject))
    return commits


def _when(iso: str, stamp: str) -> datetime:
    """The author time in the author's zone; in UTC when the zone is one Python cannot hold.

    git accepts any offset up to +9959 (a typo in an author's clock settings stays in the
    history for good); Python's time zones end at 24 hours.
    """
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        try:
            return datetime.fromtimestamp(int(stamp), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise GitError(f"a commit's author date cannot be read ({iso!r})") from None


def plans_log(repo: Repository, revision_range: str, max_count: int | None = None) -> list[Commit]:
    """Commits in ``revision_range`` (ids, never user text) that touched the plans folder, newest first."""
    args = [f"--max-count={max_count}"] if max_count is not None else []
    args.append(revision_range)
    return log(repo, [*args, "--", repo.prefix] if repo.prefix else args)


# ---------------------------------------------------------------------------
# Files at a revision


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    """From the plans folder, '/'-separated."""
    blob: str


def list_plan_files(repo: Repository, sha: str, label: str) -> tuple[list[Entry], list[Problem]]:
    """The YAML files under the plans folder at commit ``sha``, as ``discover`` would pick them, and the ones refused."""
    args = ["ls-tree", "-r", "-z", "-l", "--full-tree", sha]
    output = repo.git(*args, "--", repo.prefix) if repo.prefix else repo.git(*args)
    entries, problems = [], []
    start = len(repo.prefix) + 1 if repo.prefix else 0
    for record in output.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob, size = meta.decode("ascii").split()
        full = raw_path.decode("utf-8", "replace")
        relative = full[start:]
        parts = relative.split("/")
        if any(part.startswith(".") for part in parts) or not parts[-1].lower().endswith(YAML_SUFFIXES):
            continue  # as on disk: dot names are skipped, other suffixes are not plans
        shown = f"{label}:{visible_name(full)}"
        if mode == "120000":
            problems.append(Problem(shown, 0, 0, "is a symbolic link; links are not followed at a revision"))
        elif kind == "blob" and int(size) > MAX_FILE_BYTES:
            problems.append(
                Problem(shown, 0, 0, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; split the plan")
            )
        elif kind == "blob":
            entries.append(Entry(relative, blob))
    entries.sort(key=lambda entry: entry.path.split("/"))  # folder by folder, as discover walks the disk
    return entries, problems


def read_blobs(repo: Repository, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of ``blobs`` (ids listed by ``list_plan_files``, so each within the size bound)."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    output = repo.git("cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in wanted).encode("ascii"))
    found, position = {}, 0
    for blob in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if header[-1] == b"missing":
            raise GitError(f"git cat-file failed: object {blob} is missing")
        size = int(header[2])
        found[blob] = output[end + 1 : end + 1 + size]
        position = end + 1 + size + 1  # the content is followed by a newline
    return found


@dataclass
class Reader:
    """Loads the plans at revisions of one repository; a blob already parsed is not parsed again."""

    repo: Repository
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
    _files: dict[str, LoadedFile] = field(default_factory=dict)

    def files(self, sha: str, label: str) -> tuple[list[tuple[Entry, LoadedFile]], list[Problem]]:
        """Every plan and people file at ``sha`` as loaded (some with problems), and the files refused unread."""
        entries, problems = list_plan_files(self.repo, sha, label)
        contents = read_blobs(self.repo, [e.blob for e in entries if e.blob not in self._files])
        loaded = []
        with gc_paused():
            for entry in entries:
                shown = f"{label}:{visible_name(self.repo.path(entry.path))}"
                cached = self._files.get(entry.blob)
                if cached is None:
                    # Each blob's bytes are let go once loaded: all of them at once are the size of the plans.
                    cached = self._files[entry.blob] = load_bytes(
                        contents.pop(entry.blob), shown, financial_year_start=self.financial_year_start
                    )
                loaded.append((entry, _relabel(cached, shown)))
        return loaded, problems

    def workspace(self, sha: str, label: str) -> tuple[Workspace, Callable[[str], str]]:
        """The plans at ``sha``, and how to turn its file names back into paths within the plans folder."""
        loaded, problems = self.files(sha, label)
        with gc_paused():
            workspace = build_workspace([file for _, file in loaded], problems)
        cut = len(label) + 1 + (len(self.repo.prefix) + 1 if self.repo.prefix else 0)
        return workspace, lambda shown: shown[cut:]  # every name here is LABEL:PREFIX/PATH

    def same_bytes(self) -> _SameBytes:
        """The files loaded so far as a cache by bytes, for loading the working tree (``_SameBytes``)."""
        return _SameBytes(self._files)


@dataclass
class _SameBytes:
    """The reader's loaded files as a cache for the working tree: a file whose bytes are a blob the
    reader has loaded is not read as YAML again, and a file loaded here is not loaded again for a
    commit that holds the same bytes. A ``diff`` or ``history`` against the working tree holds the
    unchanged files once, not twice.

    Found by git's own name for the bytes (the SHA-1 of ``blob <size>\\0`` and the bytes). In a
    repository that names objects by SHA-256 nothing matches, and every file is loaded as before.
    """

    files: dict[str, LoadedFile]
    """The reader's own: by blob id."""

    def get(self, data: bytes, path: str, variant: str = "") -> LoadedFile | None:
        found = self.files.get(blob_name(data))
        return None if found is None else _relabel(found, path)

    def put(self, data: bytes, loaded: LoadedFile, variant: str = "") -> None:
        self.files[blob_name(data)] = loaded

    def tidy(self) -> None:
        """Nothing to bound: the files live as long as the command."""


def blob_name(data: bytes) -> str:
    """The object id git gives a file of these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _relabel(file: LoadedFile, shown: str) -> LoadedFile:
    if file.path == shown:
        return file
    problems = [replace(problem, path=shown) for problem in file.problems]
    return LoadedFile(shown, file.plan, file.people, problems)


def _worktree(reader: Reader) -> Workspace:
    repo = reader.repo
    if not repo.folder.is_dir():  # deleted since (compare made sure it was there): everything was removed
        return build_workspace([])
    with gc_paused():  # load_folder pauses it for parsing only; building 10k items with it on cost a third more
        return load_folder(repo.folder, financial_year_start=reader.financial_year_start, cache=reader.same_bytes())


def _worktree_names(repo: Repository) -> Callable[[str], str]:
    """File names in the working tree (as ``load_folder`` gives them) as paths within the plans folder."""
    base = os.path.abspath(repo.folder)
    return lambda shown: Path(os.path.relpath(os.path.abspath(shown), base)).as_posix()


# ---------------------------------------------------------------------------
# diff


def compare(
    folder: Path,
    from_revision: str = "HEAD",
    to_revision: str | None = None,
    *,
    worktree: Workspace | None = None,
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> Diff:
    """What changed in the plans from ``from_revision`` to ``to_revision`` (``None``: the working tree).

    ``worktree``: the working tree's plans when the caller has loaded them already (``report --since``).
    """
    repo = open_repository(folder)
    reader = Reader(repo, financial_year_start)
    before_commit = resolve(repo, from_revision)
    after_commit = resolve(repo, to_revision) if to_revision is not None else None
    if worktree is None and not repo.folder.is_dir():
        # A folder deleted from the working tree is a real change; one that is nowhere is a wrong name,
        # not "no changes" (run from inside plans/, say, where ./plans is not there).
        shas = [before_commit.sha] + ([after_commit.sha] if after_commit is not None else [])
        if not any(folder_trees(repo, shas)):
            names = dict.fromkeys((from_revision, to_revision or from_revision))
            raise NoPlansFolder(folder, f"at {' or '.join(names)}")
    before, before_name = reader.workspace(before_commit.sha, from_revision)
    if after_commit is None:
        after, after_name = (
            worktree if worktree is not None else _worktree(reader),
            _worktree_names(repo),
        )
        after_side = Revision(WORKING_TREE, None, load_problems(after))
    else:
        after, after_name = reader.workspace(after_commit.sha, str(to_revision))
        after_side = Revision(str(to_revision), after_commit, load_problems(after))
    unsure = _unsure(before, before_name, after, after_name)
    with gc_paused():
        changes = diff_workspaces(before, after, unsure=unsure)
    return Diff(
        Revision(from_revision, before_commit, load_problems(before)),
        after_side,
        changes,
        _between(repo, before_commit, after_commit),
    )


def _unsure(
    before: Workspace, before_name: Callable[[str], str], after: Workspace, after_name: Callable[[str], str]
) -> set[str]:
    """Items whose file was not read on the other side: whether they are there is unknown."""
    failed_after = {after_name(path) for path in unread_files(after)}
    failed_before = {before_name(path) for path in unread_files(before)}
    unsure = {item.ref for item in before.items if before_name(item.path) in failed_after}
    unsure |= {item.ref for item in after.items if after_name(item.path) in failed_before}
    # A file can be renamed and broken in the same range: then an item missing on the
    # side with an unread file may well be in that file, so it is not called removed
    # (or, the other way round, added) on the strength of a path that no longer matches.
    if failed_after:
        present = {item.ref for item in after.items}
        unsure |= {item.ref for item in before.items if item.ref not in present}
    if failed_before:
        present = {item.ref for item in before.items}
        unsure |= {item.ref for item in after.items if item.ref not in present}
    return unsure


def _between(repo: Repository, before: Commit, after: Commit | None) -> list[Commit]:
    if after is None:
        try:
            after = resolve(repo, "HEAD")
        except GitError:
            return []
    return plans_log(repo, f"{before.sha}..{after.sha}")


# ---------------------------------------------------------------------------
# history


@dataclass
class _Timeline:
    """The item's state at any commit, cached by the plans tree and then by the files that matter."""

    reader: Reader
    ref: str
    _trees: dict[str, str] = field(default_factory=dict)
    _by_tree: dict[str, State] = field(default_factory=dict)
    _by_files: dict[tuple[str, ...], State] = field(default_factory=dict)

    def learn_trees(self, shas: Iterable[str]) -> None:
        """The plans folder's tree id at each commit, in one git call: commits that share it share a state."""
        wanted = [sha for sha in dict.fromkeys(shas) if sha not in self._trees]
        for sha, tree in zip(wanted, folder_trees(self.reader.repo, wanted), strict=True):
            self._trees[sha] = tree or "missing"

    def state(self, sha: str) -> State:
        self.learn_trees([sha])
        tree = self._trees[sha]
        if tree == "missing":
            return State(None, People())
        if tree not in self._by_tree:
            self._by_tree[tree] = self._load(sha)
        return self._by_tree[tree]

    def _load(self, sha: str) -> State:
        loaded, problems = self.reader.files(sha, sha[:7])
        plan_id = self.ref.split("/", 1)[0]
        # The item's plan, the people, and any file that gave nothing (the item may be in it): other plans
        # cannot hold it, so commits that differ only in them share a state.
        wanted = [
            (entry, file)
            for entry, file in loaded
            if file.people is not None
            or (file.plan is not None and file.plan.plan.id == plan_id)
            or (file.plan is None and file.people is None)
        ]
        key = tuple(entry.blob for entry, _ in wanted)
        if key in self._by_files and not problems:
            return self._by_files[key]
        found = state_in(build_workspace([file for _, file in wanted], problems), self.ref)
        if found.readable and not problems:  # problems name this commit: a state with them is not shared
            self._by_files[key] = found
        return found


def history(
    folder: Path,
    reference: str,
    *,
    max_count: int | None = None,
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> History:
    """One item's story: every commit (and uncommitted change) that changed it, oldest first."""
    repo = open_repository(folder)
    reader = Reader(repo, financial_year_start)
    head = resolve(repo, "HEAD")
    commits = plans_log(repo, head.sha, max_count)
    worktree = _worktree(reader) if Path(folder).is_dir() else None
    if worktree is None and not commits:  # not there now and never committed: a wrong name, not an unknown action
        raise NoPlansFolder(folder, "in any commit")
    ref = _history_ref(reference, worktree, reader, commits)
    timeline = _Timeline(reader, ref)
    timeline.learn_trees([head.sha, *(sha for c in commits for sha in (c.sha, *c.parents))])
    steps: list[Step] = []
    last_read: State | None = None
    with gc_paused():
        for commit in reversed(commits):
            parents = [timeline.state(parent) for parent in commit.parents]
            found = step(commit, ref, timeline.state(commit.sha), parents, last_read)
            if found is not None:
                steps.append(found)
                last_read = found.state if found.state.readable else last_read
        if worktree is not None:
            found = step(None, ref, state_in(worktree, ref), [timeline.state(head.sha)], last_read)
            if found is not None:
                steps.append(found)
    items = [s.state.item for s in steps if s.state.item is not None]
    if not steps:
        raise UnknownReference(reference, [])
    return History(ref, items[-1].title if items else ref, steps)


def _history_ref(text: str, worktree: Workspace | None, reader: Reader, commits: list[Commit]) -> str:
    """The full reference ``text`` means: in the working tree, else anywhere in the history it has."""
    if worktree is not None:
        found = worktree.lookup(text)
        items = list(dict.fromkeys(full for full, target in found if isinstance(target, Item)))
        if len(items) > 1:  # two items with one reference are one story (unknown where they clash), not a choice
            raise UnknownReference(text, items)
        if items:
            return items[0]
        if found:
            names = ", ".join(full for full, _ in found)
            raise PlantoolError(f"history follows one action, and {names} is not one; name one of its actions")
    # Not in the working tree: an action removed since. Look for it where it was (rare, so not cached).
    refs: set[str] = set()
    for commit in commits:
        workspace, _ = reader.workspace(commit.sha, commit.short)
        refs |= {full for full, target in workspace.lookup(text) if isinstance(target, Item)}
    if len(refs) != 1:
        raise UnknownReference(text, sorted(refs))
    return refs.pop()
