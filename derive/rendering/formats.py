"""The output formats of `derive show` (here, apart from the renderers, so the CLI can list them cheaply)."""

FORMATS = ("text", "latex", "markdown", "json")
