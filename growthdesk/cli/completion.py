"""`growthdesk completion bash|zsh|fish`: the shell script that makes Tab know your data.

The script calls growthdesk back with ``_GROWTHDESK_COMPLETE`` set (click's completion
protocol); the words it offers come from the ``shell_complete=`` callbacks in cli.params. Bash
gets names with spaces escaped (see :class:`QuotingBash`), zsh and fish quote them themselves.
"""

from __future__ import annotations

import os

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

__all__ = ["completion_cmd", "QuotingBash", "COMPLETE_VAR", "SHELLS"]

COMPLETE_VAR = "_GROWTHDESK_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
_SAFE = frozenset("_-.,/:@%+=")  # and letters and digits, in any script


class QuotingBash(BashComplete):
    """Bash puts a completion into the line as it is, so "Ana de Vries" would become three
    words: each special character gets a backslash, unless the word was begun with a quote
    (then the user closes it). The backslash is doubled because click's script reads each
    line with `read`, which takes one level of backslashes off."""

    name = "bash"

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        typed = os.environ.get("COMP_WORDS", "").rstrip(" ")
        self.quoted = typed.endswith(('"' + incomplete, "'" + incomplete))
        return args, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        value = str(item.value)
        if item.type == "plain" and not getattr(self, "quoted", False):
            value = "".join(c if c.isalnum() or c in _SAFE else "\\\\" + c for c in value)
        return f"{item.type},{value}"


add_completion_class(QuotingBash)


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
def completion_cmd(shell: str) -> None:
    """Print the shell completion script: Tab then completes commands and options, and also
    skill ids, contact and event names, track ids and recent win ids from your data.

    Install it once, then open a new shell:

    \b
      bash:  growthdesk completion bash > ~/.growthdesk-complete.bash
             echo '. ~/.growthdesk-complete.bash' >> ~/.bashrc
      zsh:   growthdesk completion zsh > ~/.growthdesk-complete.zsh
             echo '. ~/.growthdesk-complete.zsh' >> ~/.zshrc   (after compinit)
      fish:  growthdesk completion fish \\
               > ~/.config/fish/completions/growthdesk.fish

    The script only calls growthdesk back, so new commands and your latest contacts
    complete without regenerating it. Completing reads your data folder, never writes it.

    \b
    Examples:
      growthdesk completion bash > ~/.growthdesk-complete.bash
      growthdesk completion fish > ~/.config/fish/completions/growthdesk.fish
    """
    from click.shell_completion import get_completion_class

    root = click.get_current_context().find_root().command
    comp_cls = get_completion_class(shell)
    assert comp_cls is not None  # click.Choice only lets the three through
    click.echo(comp_cls(root, {}, "growthdesk", COMPLETE_VAR).source(), nl=False)
