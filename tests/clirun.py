"""Run `oiadraft` in this process, as a script would see it: bytes in, text out, an exit status.

A subprocess costs a second of interpreter start-up per call on a busy 2-core machine; the
command's own code is the same either way (`oiadraft.cli.main`). The few tests about the
program as a process (the console script, `python -m oiadraft`, closed streams) keep their
subprocess.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from unittest import mock

from oiadraft.cli import main


def run_main(args: Sequence[str], *, stdin: bytes = b"",
             env: Mapping[str, str | None] | None = None,
             text: bool = True) -> subprocess.CompletedProcess:
    """`oiadraft ARGS` with `stdin` as standard input and `env` changes (None removes a name);
    stdout/stderr come back as str (or bytes with text=False), like `subprocess.run`."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        with mock.patch.dict(os.environ):  # every change undone on the way out
            for name, value in (env or {}).items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            status = main(list(args))
    finally:
        for stream in (sys.stdout, sys.stderr):
            if not stream.closed:
                stream.flush()
        stdout, stderr = out.getvalue(), err.getvalue()  # before a wrapper closes its buffer
        sys.stdin, sys.stdout, sys.stderr = streams
    if text:
        return subprocess.CompletedProcess(list(args), status, stdout.decode("utf-8"),
                                           stderr.decode("utf-8"))
    return subprocess.CompletedProcess(list(args), status, stdout, stderr)
