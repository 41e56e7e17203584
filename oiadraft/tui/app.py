"""Placeholder until the chat assistant lands."""


def run(draft_id: str | None = None) -> int:
    from textual.app import App

    App().run()
    return 0
