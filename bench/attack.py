"""Attack run: tries to lose a draft, crash a command or leak a file, category by category, and
prints how many tries each category had and how many oiadraft survived.

Everything runs against a private temp HOME (HOME, every XDG folder and the data folder point
into it); nothing outside it is touched. A try survives when nothing the user saved or typed is
lost and every failure is one `oiadraft: ...` line with exit status 2 (never a traceback, never
a hang). When this runs as root, the permission attacks run oiadraft without the capabilities
that let root ignore file modes (`setpriv`), so chmod 000 and read-only folders bite as they
would for a user. Failures are listed under the table.

Run: .venv/bin/python bench/attack.py [--rounds N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BASE = Path(tempfile.mkdtemp(prefix="oiadraft-attack-"))
HOME = BASE / "home"
ENV = {key: value for key, value in os.environ.items() if not key.startswith("OIADRAFT_")}
ENV.update(HOME=str(HOME), XDG_DATA_HOME=str(HOME / "data"), XDG_CONFIG_HOME=str(HOME / "config"),
           XDG_CACHE_HOME=str(HOME / "cache"), XDG_STATE_HOME=str(HOME / "state"),
           TEXTUAL_ANIMATIONS="none")
os.environ.clear()
os.environ.update(ENV)

from oiadraft import paths, yamlio  # noqa: E402 - after the environment is private
from oiadraft.model import Draft, Part, draft_to_dict  # noqa: E402
from oiadraft.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CONTROLS = set(chr(c) for c in range(32) if chr(c) not in "\n\t") | {"\x7f"}
tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
failures: list[str] = []


def record(category: str, ok: bool, detail: str = "") -> None:
    tally[category][0] += 1
    tally[category][1] += bool(ok)
    if not ok:
        failures.append(f"{category}: {detail}"[:300])


AS_USER = (["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
           if os.geteuid() == 0 and shutil.which("setpriv") else [])
"""Runs a command as root would run for a user: bound by file modes."""


def cli(*args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, shell: str = "",
        env: dict | None = None, as_user: bool = False, timeout: float = 60,
        data: bytes | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "oiadraft", *args]
    if shell:
        command = ["sh", "-c", f'exec "$@" {shell}', "sh", *command]
    if as_user:
        command = AS_USER + command
    try:
        return subprocess.run(command, stdin=None if data is not None else stdin, input=data,
                              stdout=stdout, stderr=subprocess.PIPE, env=env or ENV, cwd=BASE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -999, b"", b"TIMEOUT")


def one_line(result: subprocess.CompletedProcess, status: int = 2) -> bool:
    err = result.stderr
    return (result.returncode == status and err.count(b"\n") == 1
            and err.startswith(b"oiadraft: ") and b"Traceback" not in err)


def clean(result: subprocess.CompletedProcess) -> bool:
    """Finished (0, 1 or 2) without a traceback; any error is one line."""
    if result.returncode not in (0, 1, 2) or b"Traceback" in result.stderr:
        return False
    return result.returncode != 2 or one_line(result)


def fresh() -> Path:
    """An empty data folder with one good draft; returns the drafts folder."""
    shutil.rmtree(HOME, ignore_errors=True)
    Store().save(Draft(id="good00000001", agency="Treasury", topic="Budget",
                       parts=[Part("Briefings on the budget.")]))
    return paths.drafts_dir()


# ---- kills during saves ---------------------------------------------------------------------

def _fault_tests():  # the kill helpers the test suite uses (one fork per kill)
    import importlib.util

    if str(REPO / "tests") not in sys.path:  # it imports the suite's helpers (property_budget)
        sys.path.insert(0, str(REPO / "tests"))
    spec = importlib.util.spec_from_file_location("store_faults",
                                                  REPO / "tests" / "test_store_faults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kills(count: int, rng: random.Random) -> None:
    faults = _fault_tests()
    folder = BASE / "kills"
    folder.mkdir()
    forker = faults.start_forker(folder, env=ENV)
    for _ in range(count):
        last = faults.kill_one(forker, rng.uniform(0, 0.03))
        try:
            rev = faults.check(folder)
            record("kill -9 during saves", rev in (last, last + 1), f"rev {rev} after {last}")
        except AssertionError as exc:
            record("kill -9 during saves", False, f"incomplete version: {exc}")
    forker.stdin.close()
    forker.wait()
    left = len(list(folder.glob(".*.tmp")))
    store = Store(root=folder)
    store.list()
    record("temp files swept after kills", not list(folder.glob(".*.tmp")),
           f"{left} temp files before, {len(list(folder.glob('.*.tmp')))} after")


# ---- concurrent saves and edits -------------------------------------------------------------

WRITER = ("import sys\nfrom oiadraft.model import Part\nfrom oiadraft.store import Store\n"
          "store = Store()\ndraft = store.load('good00000001')\n"
          "for n in range(int(sys.argv[2])):\n"
          "    draft.parts.append(Part(f'{sys.argv[1]} {n}'))\n    store.save(draft)\n")


def concurrent(rounds: int) -> None:
    for _ in range(rounds):
        fresh()
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, name, "12"], env=ENV)
                   for name in ("A", "B", "C")]
        for writer in writers:
            writer.wait()
        texts = [p.text for p in Store().load("good00000001").parts]
        ok = all([t for t in texts if t.startswith(f"{name} ")] == [f"{name} {n}" for n in range(12)]
                 for name in "ABC") and len(texts) == 37
        record("concurrent saves (3 writers)", ok, f"{len(texts)} parts")


def edits() -> None:
    fresh()
    app = Store()
    draft = app.load("good00000001")
    renamed = cli("drafts", "rename", "good00000001", "From the CLI")
    draft.parts.append(Part("Typed in the app."))
    app.save(draft)
    stored = Store().load("good00000001")
    record("concurrent edits", renamed.returncode == 0 and stored.name == "From the CLI"
           and stored.parts[-1].text == "Typed in the app.", "rename + new part")
    one, two = Store(), Store()
    a, b = one.load("good00000001"), two.load("good00000001")
    a.topic, b.topic = "Window one", "Window two"
    one.save(a)
    two.save(b)
    topics = {s.topic for s in Store().list()}
    record("concurrent edits", {"Window one", "Window two"} <= topics, f"kept {topics}")
    export = BASE / "old-export.yaml"
    export.write_bytes(Store().path_for("good00000001").read_bytes())
    newer_store = Store()
    newer = newer_store.load("good00000001")
    newer.parts.append(Part("After the export."))
    newer_store.save(newer)
    before = Store().path_for("good00000001").read_bytes()
    refused = cli("drafts", "rename", str(export), "x")
    record("concurrent edits", one_line(refused)
           and Store().path_for("good00000001").read_bytes() == before, "rename old export")
    imported = Store().import_file(export)
    record("concurrent edits", imported.saved_as_new
           and Store().path_for("good00000001").read_bytes() == before, "import old export")


# ---- bad drafts, alias bombs, markup, control characters --------------------------------------

BOMB = ("version: 1\nid: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                  for p, n in zip("abcdefgh", "bcdefghi", strict=True)) + "answers: {x: *i}\n")
ISSUE_CASES = ["extension_days: .inf\nsent: 2024-09-13", "act: lgoima\nregion: [1]",
               "act: lgoima\nregion: {a: 1}", "answers: {_pending: 5}", "parts: 7",
               "sent: 2024-13-01", "extension_days: " + "9" * 5000, "\x00",
               "conversation: {pending: .nan}", "topic: one\ntopic: two"]
JUNK = [".inf", "-.inf", ".nan", "[1]", "{a: 1}", "[[[]]]", "99999999999999999999", "true",
        "2024-02-30", "!!binary aGk=", "''", "~", "{_pending: {kind: fill}}", "[{text: [1]}]"]
FIELDS = ["id", "created", "updated", "name", "act", "agency", "agency_id", "region", "topic",
          "period", "parts", "clauses", "clause_edits", "priority", "requester", "urgent",
          "urgency_reasons", "sent", "extension_days", "answers", "pending_input", "conversation"]


def bad_drafts(rounds: int, rng: random.Random) -> None:
    cases = [(f"issue case {n}", "version: 1\nid: bad\n" + text + "\n")
             for n, text in enumerate(ISSUE_CASES, 1)]
    for _ in range(rounds):
        name, value = rng.choice(FIELDS), rng.choice(JUNK)
        data = draft_to_dict(Draft(id="bad", topic="x", parts=[Part("p")]))
        data.pop(name, None)
        cases.append((f"{name}: {value}", yamlio.dump(data) + f"{name}: {value}\n"))
    for label, text in cases:
        folder = fresh()
        for args in (["drafts", "list"], ["drafts", "show", "bad"], ["render", "bad"],
                     ["drafts", "export", "bad"], ["drafts", "rename", "bad", "x"]):
            (folder / "bad.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
            result = cli(*args)
            listed = args[1:] != ["list"] or b"good00000001" in result.stdout
            record("bad drafts", clean(result) and listed, f"{label} / {' '.join(args)}: "
                   f"{result.returncode} {result.stderr[-200:]!r}")
        (folder / "bad.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        latest = Store().latest()
        record("bad drafts", latest is not None, f"{label}: resume offers nothing")


def bombs() -> None:
    folder = fresh()
    for args in (["drafts", "list"], ["drafts", "show", "bomb"], ["render", "bomb"],
                 ["drafts", "export", "bomb", "--format", "yaml"], ["drafts", "rename", "bomb", "x"]):
        (folder / "bomb.yaml").write_text(BOMB, encoding="utf-8")
        result = cli(*args, timeout=20)
        record("alias bombs", clean(result), f"draft / {' '.join(args)}: {result.stderr[-150:]!r}")
    (paths.home() / "config.yaml").write_text(BOMB, encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "from oiadraft.config import load_config; "
                            "print(load_config().problems)"], env=ENV, capture_output=True,
                           timeout=20)
    record("alias bombs", probe.returncode == 0 and b"alias" in probe.stdout, "config")
    (paths.user_clauses_dir() / "bomb.yaml").write_text(BOMB.replace("id: bomb", "id: bomb\n"
                                                                     "title: B\nkind: custom\n"
                                                                     "body: b"), encoding="utf-8")
    result = cli("clauses", "list", timeout=20)
    record("alias bombs", clean(result), f"clause file: {result.stderr[-150:]!r}")


MARKUP = ["[/]", "[bold red]x[/]", "oops [/] unbalanced", "[link=file:///etc/passwd]x[/link]",
          "{s.__dict__}", "{agency.__class__}", "\\[escaped]"]
ESCAPES = ["\x1b]0;PWNED\x07", "\x1b[2J", "\x1b[31m", "\x07", "\x08", "\x9b31m", "\x1bP+q\x1b\\"]


def fields_attack() -> None:
    for text in MARKUP + ESCAPES:
        fresh()
        Store().save(Draft(id="field0000001", name=f"n{text}n", agency=f"a{text}a",
                           topic=f"t{text}t", parts=[Part(f"p{text}p")],
                           clause_edits={"thanks": f"Thanks {text}"}))
        category = "markup in fields" if text in MARKUP else "control characters in output"
        for args in (["drafts", "list"], ["drafts", "show", "field0000001"],
                     ["render", "field0000001"], ["drafts", "export", "field0000001",
                                                  "--format", "markdown"]):
            result = cli(*args)
            out = result.stdout.decode("utf-8", "replace")
            ok = result.returncode == 0 and not CONTROLS & set(out + result.stderr.decode())
            if text in MARKUP and args[0] == "drafts" and args[1] in ("list", "show"):
                ok = ok and f"n{text}n" in out
            record(category, ok, f"{text!r} / {' '.join(args)}: {out[:120]!r}")
    clause = paths.user_clauses_dir() / "oops.yaml"
    clause.write_text("version: 1\nid: oops\ntitle: 'oops [/] unbalanced'\nkind: custom\n"
                      "acts: [oia]\nbody: Fine.\n", encoding="utf-8")
    result = cli("clauses", "list")
    record("markup in fields", result.returncode == 0 and b"oops [/] unbalanced" in result.stdout,
           "clause title")


# ---- the command line, stdio, input caps ----------------------------------------------------

def cli_edges() -> None:
    fresh()
    long_name, digits = "x" * 300, "9" * 5000
    cases = [["drafts", "show", long_name], ["drafts", "export", long_name],
             ["drafts", "rename", long_name, "x"], ["drafts", "delete", long_name],
             ["render", long_name], ["open", long_name], ["drafts", "show", "/" + "y" * 5000],
             ["deadline", "2024-09-13", "--days", digits],
             ["deadline", "2024-09-13", "--extend", digits], ["drafts", "show"], ["nope"],
             ["drafts", "list", "--format", "xml"], ["check", "--act"], ["render"],
             ["drafts", "rename", "good00000001", b"caf\xe9\xff"],
             ["drafts", "show", b"\xff\xfe"], ["check", str(BASE)], ["check", "/nonexistent"]]
    for args in cases:
        result = cli(*args)
        record("CLI edge cases", one_line(result), f"{args[:3]!r}: {result.stderr[-150:]!r}")
    for name, setup in (("home is a file", "file"), ("drafts is a file", "drafts")):
        shutil.rmtree(HOME, ignore_errors=True)
        data = HOME / "data"
        data.mkdir(parents=True)
        if setup == "file":
            (data / "oiadraft").write_text("", encoding="utf-8")
        else:
            (data / "oiadraft").mkdir()
            (data / "oiadraft" / "drafts").write_text("", encoding="utf-8")
        for args in (["drafts", "list"], ["render", "abcd"], ["drafts", "show", "abcd"]):
            result = cli(*args)
            record("CLI edge cases", one_line(result), f"{name} / {args}: {result.stderr!r}")
    fresh()
    fifo = BASE / "fifo"
    os.mkfifo(fifo)
    targets = [fifo]
    if os.geteuid() == 0:
        device = BASE / "nulldev"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append(device)
    for target in targets:
        result = cli("drafts", "export", "good00000001", "-o", str(target), "--force")
        kind = os.lstat(target).st_mode
        record("CLI edge cases", one_line(result) and not stat.S_ISREG(kind),
               f"export to {target.name}")
    result = cli("drafts", "export", "good00000001", "-o", str(BASE / "no" / "such" / "x"))
    record("CLI edge cases", one_line(result) and not (BASE / "no").exists(), "missing folder")


def stdio() -> None:
    fresh()
    request = BASE / "request.txt"
    request.write_text("1. All emails about the port since 2020.\n", encoding="utf-8")
    commands = [["drafts", "list"], ["drafts", "show", "good00000001"], ["render", "good00000001"],
                ["deadline", "2024-09-13"], ["clauses", "list"], ["check", str(request)],
                ["agencies", "search", "health"]]
    with open("/dev/full", "wb") as full:
        for args in commands:
            record("stdio", one_line(cli(*args, stdout=full)), f">/dev/full {args}")
    for args in commands:
        record("stdio", one_line(cli(*args, shell=">&-")), f"closed stdout {args}")
    record("stdio", one_line(cli("check", "-", shell="<&-")), "closed stdin")
    result = cli("check", "-", stdin=subprocess.DEVNULL)
    record("stdio", one_line(result), "empty stdin")
    piped = subprocess.run(["sh", "-c", f"{sys.executable} -m oiadraft clauses list | head -c 1"],
                           env=ENV, cwd=BASE, capture_output=True, timeout=60)
    record("stdio", b"Traceback" not in piped.stderr and b"Exception" not in piped.stderr,
           f"broken pipe: {piped.stderr[-150:]!r}")


def caps() -> None:
    fresh()
    record("input caps", one_line(cli("check", "/dev/zero", timeout=60)), "check /dev/zero")
    record("input caps", one_line(cli("check", "-", data=b"a" * 30_000_000, timeout=60)),
           "30 MB on stdin")
    huge = paths.drafts_dir() / "huge.yaml"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("version: 1\ntopic: ")
        handle.write("x" * 25_000_000)
    result = cli("drafts", "list", timeout=60)
    record("input caps", clean(result) and b"larger than 20 MB" in result.stderr, "25 MB draft")


# ---- permissions and privacy ----------------------------------------------------------------

def permissions() -> None:
    if os.geteuid() == 0 and not AS_USER:
        print("note: running as root without setpriv: file modes are not enforced, the "
              "chmod attacks are skipped")
        return
    fresh()
    folder = paths.drafts_dir()
    locked = folder / "locked.yaml"
    shutil.copy(folder / "good00000001.yaml", locked)
    os.chmod(locked, 0)
    result = cli("drafts", "list", as_user=True)
    record("permissions", result.returncode == 0 and locked.exists()
           and b"cannot read" in result.stderr and b"good00000001" in result.stdout,
           f"chmod 000 draft: {result.stderr!r}")
    os.chmod(locked, 0o600)
    os.chmod(folder, 0o500)
    for args in (["drafts", "delete", "good00000001"], ["drafts", "rename", "good00000001", "x"]):
        result = cli(*args, as_user=True)
        record("permissions", one_line(result) and (folder / "good00000001.yaml").exists(),
               f"read-only folder / {args}: {result.stderr!r}")
    os.chmod(folder, 0o700)
    shutil.rmtree(HOME, ignore_errors=True)
    run = subprocess.run([sys.executable, "-c", "import os; os.umask(0)\n"
                          "from oiadraft.model import Draft\nfrom oiadraft.store import Store\n"
                          "from oiadraft import paths\nStore().save(Draft(id='u0'))\n"
                          "paths.user_clauses_dir(); paths.trash_dir()"], env=ENV, timeout=60)
    home = paths.home()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode)
             for p in (home, home / "drafts", home / "clauses", home / "trash")}
    record("permissions", run.returncode == 0 and set(modes.values()) == {0o700}
           and stat.S_IMODE((home / "drafts" / "u0.yaml").stat().st_mode) == 0o600,
           f"umask 000: {modes}")
    os.chmod(home, 0o755)
    os.chmod(home / "drafts", 0o777)
    cli("drafts", "list")
    record("permissions", stat.S_IMODE(home.stat().st_mode) == 0o700
           and stat.S_IMODE((home / "drafts").stat().st_mode) == 0o700, "tightened")


# ---- signals --------------------------------------------------------------------------------

def signals(rounds: int, rng: random.Random) -> None:
    fresh()
    for _ in range(rounds):
        process = subprocess.Popen([sys.executable, "-m", "oiadraft", "drafts", "list"],
                                   env=ENV, cwd=BASE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        stop = time.perf_counter() + rng.uniform(0, 0.15)
        while time.perf_counter() < stop:
            pass
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        ours = b"/oiadraft/" in err and (b"Traceback" in err or b"Exception" in err)
        if b"Traceback" in err and not ours:
            tally["Ctrl-C in Python's start-up (not counted)"][0] += 1
            continue
        record("Ctrl-C at any moment", not ours and b"Traceback" not in err,
               err[-200:].decode("utf-8", "replace"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="random tries per category")
    parser.add_argument("--seed", type=int, default=20241201)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    started = time.perf_counter()
    try:
        kills(max(50, options.rounds * 3), rng)
        concurrent(max(3, options.rounds // 4))
        edits()
        bad_drafts(options.rounds, rng)
        bombs()
        fields_attack()
        cli_edges()
        stdio()
        caps()
        permissions()
        signals(options.rounds * 3, rng)
    finally:
        for root, dirs, _ in os.walk(BASE):
            for name in dirs:
                with __import__("contextlib").suppress(OSError):
                    os.chmod(os.path.join(root, name), 0o700)
        shutil.rmtree(BASE, ignore_errors=True)
    width = max(len(name) for name in tally)
    print(f"{'category':<{width}}  tried  survived")
    for name, (tried, survived) in tally.items():
        shown = "-" if name.startswith("Ctrl-C in Python") else str(survived)
        print(f"{name:<{width}}  {tried:>5}  {shown:>8}")
    counted = [v for k, v in tally.items() if not k.startswith("Ctrl-C in Python")]
    total, ok = sum(t for t, _ in counted), sum(s for _, s in counted)
    print(f"{'total':<{width}}  {total:>5}  {ok:>8}   ({total - ok} failures, "
          f"{time.perf_counter() - started:.0f} s)")
    for failure in failures:
        print("FAILED", failure)


if __name__ == "__main__":
    main()
