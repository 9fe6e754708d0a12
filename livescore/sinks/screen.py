"""The terminal as a full screen: what the live table draws on.

- The alternate screen while live (the scrollback stays as it was, as with ``top``), the
  cursor hidden, both restored on exit, Ctrl-C and SIGTERM (``stop``), and the last frame
  printed on the normal screen so the final state stays in view.
- A frame is never taller than the terminal: lines past its height are dropped here too.
- Only the lines that differ from the last frame are written (cursor moved to each), inside
  synchronized output (DEC mode 2026: the terminal shows the frame whole, never half drawn;
  terminals without it ignore the mode).
- SIGWINCH (a resize) redraws at once, at the new size.
- The window title (OSC 2) is set, and the one before is restored (XTerm's title stack).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from typing import IO

from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.segment import Segment

from livescore.core.sanitize import clean

ENTER = "\x1b[?1049h\x1b[?25l\x1b[22;2t"  # alternate screen, hide cursor, push the title
LEAVE = "\x1b[?25h\x1b[?1049l\x1b[23;2t"  # show cursor, normal screen, pop the title
SYNC_ON, SYNC_OFF = "\x1b[?2026h", "\x1b[?2026l"

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
Frame = Callable[[int, int], RenderableType]  # (width, height) → what to draw


class Screen:
    def __init__(self, console: Console, out: IO[str]) -> None:
        self.console = console
        self.out = out
        self._lines: list[str] = []  # the frame on screen, one string (with SGR) per line
        self._frame: Frame | None = None
        self._title: str | None = None
        self._started = False
        self.written = 0  # characters written, for the benchmark

    def size(self) -> tuple[int, int]:
        try:
            size = os.get_terminal_size(self.out.fileno())
            return max(10, size.columns), max(3, size.lines)
        except (OSError, ValueError):
            return self.console.width, self.console.height

    def start(self) -> None:
        # started before a byte is written, and undone at exit whatever ends the process (an
        # interrupt at any moment, an error before the run's own clean-up is reached)
        self._started = True
        _restore_at_exit(self)
        self._write(ENTER + "\x1b[2J")
        with contextlib.suppress(RuntimeError, NotImplementedError, ValueError, AttributeError):
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGWINCH, self.resized)

    def resized(self) -> None:
        """The terminal changed size: everything is drawn again, at the new size."""
        self._lines = []
        self._write("\x1b[2J")
        if self._frame is not None:
            self.draw(self._frame)

    def title(self, text: str) -> None:
        text = clean(text, 120)
        if text != self._title and self._started:
            self._title = text
            self._write(f"\x1b]2;{text}\x07")

    def draw(self, frame: Frame) -> None:
        """Draw ``frame`` at the terminal's size, writing only the lines that changed."""
        self._frame = frame
        width, height = self.size()
        lines = self.render(frame(width, height), width, height)
        out = [SYNC_ON]
        for row, line in enumerate(lines):
            if row < len(self._lines) and self._lines[row] == line:
                continue
            out.append(f"\x1b[{row + 1};1H{line}\x1b[0m")
            if _cells(line) < width:
                out.append("\x1b[K")
        for row in range(len(lines), len(self._lines)):
            out.append(f"\x1b[{row + 1};1H\x1b[K")
        out.append(SYNC_OFF)
        self._lines = lines
        if len(out) > 2:
            self._write("".join(out))

    def render(self, renderable: RenderableType, width: int, height: int) -> list[str]:
        console = self.console
        options = console.options.update(width=width, height=height, no_wrap=True)
        rows = console.render_lines(renderable, options, pad=False)[:height]
        system = _SYSTEMS.get(console.color_system or "")
        out = []
        for row in rows:
            parts = []
            for text, style, control in Segment.simplify(row):
                if control:
                    continue
                if style is not None and system is not None:
                    shown = style.without_color if console.no_color else style
                    text = shown.render(text, color_system=system)
                parts.append(text)
            out.append("".join(parts).rstrip())
        return out

    def stop(self, last: RenderableType | None = None) -> None:
        """Back to the normal screen, where ``last`` (the final frame) is printed."""
        if not self._started:
            return
        with contextlib.suppress(RuntimeError, NotImplementedError, ValueError, AttributeError):
            import asyncio

            asyncio.get_running_loop().remove_signal_handler(signal.SIGWINCH)
        self._write(LEAVE)
        self._started = False
        if last is not None:
            width, height = self.size()
            lines = self.render(last, width, height)
            while lines and not _visible(lines[-1]):  # the frame, not the screen's padding
                lines.pop()
            self._write("".join(f"{line}\x1b[0m\n" for line in lines))

    def _write(self, text: str) -> None:
        self.written += len(text)
        with contextlib.suppress(BrokenPipeError, OSError):
            self.out.write(text)
            self.out.flush()


_live: list[Screen] = []  # screens started and not yet stopped


def _restore_at_exit(screen: Screen) -> None:
    """The normal screen and the cursor back when the interpreter exits, for a screen whose
    ``stop`` never ran (or was cut short)."""
    if not _live:
        import atexit

        atexit.register(_restore_all)
    _live.append(screen)


def _restore_all() -> None:
    for screen in _live:
        if screen._started:
            screen._started = False
            screen._write(LEAVE)
    _live.clear()


def _visible(line: str) -> str:
    """A drawn line's text without its escape sequences and edge spaces."""
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).strip()


def _cells(line: str) -> int:
    """The width of a drawn line (without its escape sequences)."""
    import re

    from rich.cells import cell_len

    return cell_len(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line))
