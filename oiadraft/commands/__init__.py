"""One module per CLI subcommand. Each exposes `register(subparsers)`, which adds its parser and
sets `func(args) -> int`. Modules import heavy things inside `func`, never at import time, so
`oiadraft --help` and `oiadraft check` start fast and never import Textual."""
