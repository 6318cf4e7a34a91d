"""Sentences with their character offsets."""
from __future__ import annotations

from dataclasses import dataclass

from . import rx

# a quote's closing mark ends a sentence only after the quoted sentence's own stop: '« visé » Maaroub' goes on
BOUNDARY = rx.compile(r"(?P<stop>[.!?](?:[»”\"]| [»”])?)\s+(?=[A-ZÀ-Ý«“\"])|\n+")
ABBREV = rx.compile(r"(?:\b[A-Z]|\bU\.S|\bMr|\bMrs|\bDr|\bSt|\bGen|\bCol|\bLt|\bNo|\bM|\bMaj|\bCapt|\bSgt|\bGov|"
                    r"\bSen|\bRep|\bRev|\bJr|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul|\bAug|\bSept?|\bOct|\bNov|\bDec)\.$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    is_title: bool = False


def split(text: str, title_end: int = -1) -> list[Sentence]:
    out, start = [], 0
    for m in BOUNDARY.finditer(text):
        end = m.end("stop") if m.group("stop") else m.start()
        if m.group("stop") and "\n" not in m.group(0) and ABBREV.search(text[start:end]):
            continue
        _add(out, text, start, end, title_end)
        start = m.end()
    _add(out, text, start, len(text), title_end)
    return out


def _add(out: list, text: str, start: int, end: int, title_end: int) -> None:
    chunk = text[start:end]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, end, chunk.strip(), start < title_end))
