"""The one fold, tokenizer, stemmer and stop-word set of the package.

Used by the tagger and its learned model, recall, ranking, repeat-problem clustering, the
`--contains` filter, name matching and the importers' date words, so that a word the tagger
learned is the same word recall searches and a name typed with an accent finds its contact.
Steps: fold case and accents, split on anything that is not a letter or digit, stem lightly
(English and Dutch inflections, including Dutch participles of English loanwords such as
"gereset", "geüpdatet", "gecrasht"), and, for recall and learning, map a small bilingual
synonym table to one concept ("wachtwoord" and "password" become the same term).

It also holds the text rules every field shares: one length limit per kind of field
(:data:`SHORT_TEXT`, :data:`TEXT`, :data:`LONG_TEXT`), no control characters on the way in
(:func:`check_text`) and none on the way out to a terminal (:func:`printable`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = [
    "SHORT_TEXT",
    "TEXT",
    "LONG_TEXT",
    "check_text",
    "printable",
    "fold",
    "tokens",
    "stem",
    "terms",
    "win_terms",
    "TERMS_VERSION",
    "concept",
    "content_words",
    "forget_texts",
    "STOPWORDS",
    "GENERIC_WORDS",
    "PARTICLES",
]

# Spellings that tokenising on punctuation would tear apart or keep apart.
_JOIN = {
    "e-mail": "email",
    "e-mails": "emails",
    "wi-fi": "wifi",
    "add-in": "addin",
    "add-ins": "addins",
    "back-up": "backup",
    "back-ups": "backups",
    "de-installeren": "deinstalleren",
    "re-image": "reimage",
    "pop-up": "popup",
    "pop-ups": "popups",
    "ci/cd": "cicd",
}
_JOIN_RE = re.compile("|".join(re.escape(k) for k in sorted(_JOIN, key=len, reverse=True)))
_TOKEN_RE = re.compile(r"[a-z0-9]+")
# Apostrophes inside words: "can't" -> "cant", "won't" -> "wont", "pc's" -> "pcs".
_APOS_RE = re.compile(r"(?<=[a-z])'(?=[a-z])")
# What phones and word processors type for "'" (O’Brien, ‘t Hart, ʼs): read as "'".
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc", "'"))


def fold(text: str, *, keep_accents: bool = False) -> str:
    """Trim, lower-case, strip accents (' Geüpdatet' -> 'geupdatet'), join split spellings;
    curly and straight apostrophes alike. With *keep_accents* the accents stay (composed), for
    telling 'Zoë' from 'Zoe' where both exist."""
    text = text.strip()
    if text.isascii():  # the common case, ten times faster than the Unicode path
        plain = text.lower()
    elif keep_accents:
        plain = unicodedata.normalize("NFC", text.translate(_APOSTROPHES).casefold())
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if "'" in plain:
        plain = _APOS_RE.sub("", plain)
    if "-" in plain or "/" in plain:
        plain = _JOIN_RE.sub(lambda m: _JOIN[m.group(0)], plain)
    return plain


def tokens(text: str) -> list[str]:
    """Folded word tokens, in order (stop words kept: phrases need them)."""
    return _TOKEN_RE.findall(fold(text))


# Dutch separable-verb particles: "ingelogd" -> "inlogd", "teruggezet" -> "terugzet"; the
# tagger also joins them back to their verb ("log niet in").
PARTICLES = ("terug", "door", "over", "mee", "aan", "uit", "weg", "bij", "op", "af", "in")
# One pass strips the longest matching ending; stemming repeats until nothing changes.
_SUFFIXES = ("ingen", "ings", "eren", "ing", "ers", "en", "er", "es", "ed", "e", "s", "t", "d")
_VOWELS = set("aeiouy")
_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(x for x in _SUFFIXES if x[-1] == last) for last in {x[-1] for x in _SUFFIXES}
}


@lru_cache(maxsize=65536)
def stem(token: str, min_len: int = 3) -> str:
    """A light, deterministic EN/NL stemmer. Not linguistics: both sides of every comparison
    go through it, so it only has to send inflected forms of one word to the same string.
    No ending is cut below *min_len* letters, except a bare plural -s (the tagger uses 4, so
    that "rest" stays apart from "reset" and "access" does not become "acc")."""
    t = token
    if len(t) <= 3 or t.isdigit():
        return t
    # Dutch past participles: ge- + stem + -t/-d ("gereset", "geblokkeerd", "gecrasht").
    if (
        len(t) >= 6
        and t.startswith("ge")
        and t[-1] in "td"
        and not t.endswith(("ated", "ered", "ized", "ised"))
    ):
        t = t[2:]
    else:
        for p in PARTICLES:
            if t.startswith(p + "ge") and t[-1] in "td" and len(t) - len(p) - 2 >= 3:
                t = p + t[len(p) + 2 :]
                break
    changed = True
    while changed:
        changed = False
        for suf in _SUFFIXES_BY_LAST.get(t[-1], ()):
            floor = 3 if suf == "s" and t == token else min_len  # bare plural: "keys" -> "key"
            if t.endswith(suf) and len(t) - len(suf) >= floor:
                cut = t[: -len(suf)]
                # "inloggen" -> "inlogg" -> "inlog", "resetten" -> "reset".
                if len(cut) > min_len and cut[-1] == cut[-2] and cut[-1] not in _VOWELS:
                    cut = cut[:-1]
                t = cut
                changed = True
                break
    return t


_STOPWORD_TEXT = """
    a an the to of in on at for from with by and or is are was were be been being it its this that
    these those my his her their our your i he she they we you me him them us not no but so as if
    then than after before since when again still also just very can cant cannot could wont dont
    doesnt didnt isnt arent wasnt will would should has have had do does did get gets got says said
    keeps keep all any some now up out into about what which there here please pls plz too only
    even tho though today yesterday morning anymore
    de het een en of van in op aan te met voor bij naar uit om door over tot na als dan dat die dit
    deze er is zijn was waren wordt worden werd heeft hebben had kan kon kunnen moet moeten wil wilt
    willen zal zou ik je jij u hij zij ze we wij mijn haar hun ons onze uw niet geen wel nog al ook
    maar meer weer steeds nu toen sinds hem mij me wat waar even graag alleen zo dus heel hoe
    vandaag gisteren vanochtend vanmorgen meer
    """
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

# Words that say nothing about *which* problem it was: the generic helpdesk words the taxonomy
# research warns about, and a few fillers. Dropped by ranking and repeat-problem clustering;
# the tagger keeps them (its taxonomy lists its own generic words, which weigh nothing there).
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    user users gebruiker gebruikers issue issues problem problems probleem error errors fout
    foutmelding storing help urgent asap spoed work works working werkt werkte lukt broken kapot
    fix fixed gefixt solved resolved opgelost done ok via per ben jouw
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_CONTENT_STOP = STOPWORDS | GENERIC_WORDS


@lru_cache(maxsize=16384)
def content_words(text: str, min_len: int = 2) -> frozenset[str]:
    """The folded words of *text* that can tell problems apart: no stop or generic words, at
    least *min_len* letters. Unstemmed, so they read well in labels ("notes mention 'toner'")."""
    # Cached: helpdesk texts repeat, and clustering asks twice for every problem text.
    return frozenset(
        t for t in _TOKEN_RE.findall(fold(text)) if len(t) >= min_len and t not in _CONTENT_STOP
    )


# Bilingual concept groups for recall and learning. The first word names the concept.
# Only words whose meaning is the same in both languages in a helpdesk context.
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("password", "passwords", "wachtwoord", "wachtwoorden", "ww", "pwd", "passwd", "wachtwoordje"),
    ("login", "log", "logon", "signin", "inloggen", "ingelogd", "inlog", "aanmelden", "aangemeld"),
    ("reset", "resetten", "gereset", "resets"),
    ("locked", "lockout", "geblokkeerd", "blocked", "blokkeren", "vergrendeld"),
    ("unlock", "ontgrendelen", "ontgrendeld", "deblokkeren", "unlocked"),
    ("forgot", "forgotten", "vergeten"),
    ("expired", "expire", "expires", "verlopen", "verloopt"),
    ("printer", "printers", "print", "printen", "afdrukken", "afdruk", "printing", "geprint"),
    ("scan", "scanner", "scannen", "gescand", "scanning"),
    ("paper", "papier"),
    ("network", "netwerk"),
    ("wifi", "wireless", "draadloos", "wlan"),
    ("connection", "verbinding", "connect", "verbinden", "connected", "verbonden"),
    ("drive", "schijf", "disk"),
    ("folder", "map", "directory", "mappen", "folders"),
    ("file", "bestand", "bestanden", "files"),
    ("shared", "gedeeld", "gedeelde", "share", "delen", "gedeeld"),
    ("access", "toegang"),
    (
        "permission",
        "permissions",
        "rights",
        "rechten",
        "machtiging",
        "autorisatie",
        "authorization",
    ),
    ("deleted", "delete", "verwijderd", "verwijderen", "removed", "gewist"),
    ("restore", "terugzetten", "teruggezet", "herstellen", "hersteld", "recover", "restored"),
    ("version", "versie", "versions", "versies"),
    ("previous", "vorige"),
    ("mail", "email", "emails", "mails", "mailtje"),
    ("mailbox", "postvak", "postbus"),
    ("calendar", "agenda"),
    ("meeting", "vergadering", "overleg"),
    ("invite", "uitnodiging", "invitation"),
    ("attachment", "bijlage", "bijlagen", "attachments"),
    ("signature", "handtekening"),
    ("send", "versturen", "verzenden", "sent", "verstuurd", "verzonden"),
    ("receive", "ontvangen", "received"),
    ("screen", "scherm", "beeldscherm", "monitor", "display"),
    ("keyboard", "toetsenbord"),
    ("mouse", "muis"),
    ("battery", "accu", "batterij"),
    ("charger", "oplader", "charging", "opladen"),
    ("slow", "traag", "langzaam", "trage"),
    ("freeze", "freezes", "frozen", "hangs", "vastgelopen", "vastlopen", "hangt"),
    ("crash", "crasht", "crashes", "gecrasht", "crashed"),
    ("boot", "opstarten", "startup", "booten"),
    ("restart", "reboot", "herstarten", "herstart"),
    ("install", "installeren", "installatie", "installation", "installed", "geinstalleerd"),
    ("uninstall", "deinstalleren"),
    ("update", "updaten", "bijwerken", "geupdatet", "updates", "bijgewerkt"),
    ("licence", "license", "licentie", "licenties", "licenses", "licences"),
    ("phone", "telefoon", "mobile", "mobiel", "smartphone", "gsm"),
    ("sound", "audio", "geluid"),
    ("microphone", "mic", "microfoon"),
    ("camera", "webcam"),
    ("call", "bellen", "gesprek", "calls", "gebeld"),
    ("home", "thuis"),
    ("virus", "malware", "besmet", "infected"),
    ("suspicious", "verdacht", "verdachte"),
    ("hacked", "gehackt", "compromised", "gecompromitteerd"),
    ("stolen", "gestolen"),
    ("lost", "kwijt", "verloren"),
    ("certificate", "certificaat", "cert"),
    ("database", "databank"),
    ("report", "rapport", "rapportage", "reports"),
    ("error", "fout", "foutmelding", "errors", "fouten"),
    ("new", "nieuw", "nieuwe"),
    ("employee", "medewerker", "colleague", "collega"),
    ("request", "aanvraag", "aanvragen", "verzoek"),
    ("open", "openen", "opent", "opens"),
    ("floor", "verdieping"),
    ("room", "ruimte", "zaal"),
    ("laptop", "notebook"),
    ("computer", "pc"),
    ("user", "gebruiker", "gebruikers", "users"),
    ("group", "groep"),
    ("invoice", "factuur", "facturen", "invoices"),
    ("explain", "uitleg", "uitleggen", "uitgelegd", "explained"),
    ("manual", "handleiding"),
    ("slowness", "traagheid"),
    ("queue", "wachtrij"),
    ("full", "vol"),
    ("missing", "ontbreekt", "verdwenen"),
    ("black", "zwart"),
    ("blue", "blauw"),
    ("sync", "synchroniseren", "synchronisatie", "syncing", "synchroniseert"),
)


def _build_concepts() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _SYNONYMS:
        head = stem(group[0])
        for word in group:
            table.setdefault(stem(fold(word)), head)
    return table


_CONCEPTS: dict[str, str] = _build_concepts()
_WORDS: frozenset[str] = frozenset(fold(w) for group in _SYNONYMS for w in group)


def concept(token: str) -> str:
    """The concept term of one folded token (its stem when it has no bilingual group)."""
    st = stem(token)
    return _CONCEPTS.get(st, st)


@lru_cache(maxsize=65536)
def _token_terms(token: str) -> tuple[str, ...]:
    if token in STOPWORDS or len(token) < 2:
        return ()
    st = stem(token)
    hit = _CONCEPTS.get(st)
    if hit is not None:
        return (hit,)
    # A Dutch compound made of two known concepts ("wachtwoordreset", "netwerkschijf")
    # becomes both concepts, so it meets "password reset" and "network drive".
    # With one known word of 5+ letters inside, keep its concept plus the whole compound's
    # stem: "printerstoring" meets "printer" and still matches itself exactly.
    if len(token) >= 7 and token.isalpha():
        known: str | None = None
        for i in range(3, len(token) - 2):
            head, tail = token[:i], token[i:]
            h = _CONCEPTS.get(stem(head))
            t = _CONCEPTS.get(stem(tail))
            if h and t:
                return (h, t)
            for part, hit in ((head, h), (tail, t)):
                if (
                    hit
                    and len(part) >= 5
                    and part in _WORDS
                    and (known is None or len(part) > len(known))
                ):
                    known = part
        if known is not None:
            return (_CONCEPTS[stem(known)], st)
    return (st,)


@lru_cache(maxsize=32768)
def terms(text: str) -> tuple[str, ...]:
    """Content terms for matching: stop words dropped, stemmed, bilingual synonyms merged."""
    # Helpdesk problems repeat ("password reset"): caching whole texts pays off in recall.
    out: list[str] = []
    for tok in _TOKEN_RE.findall(fold(text)):
        out.extend(_token_terms(tok))
    return tuple(out)


# Bump when tokenising, stemming or the synonym table changes: stored terms of another version
# are ignored (and recomputed on the fly), so a stale index can cost speed but never results.
TERMS_VERSION = 1


def win_terms(problem: str, solution: str | None) -> dict[str, Any]:
    """The terms of a win, stored with it so that recall need not re-tokenise 25,000 texts.

    Space-joined strings, not lists: parsing 25,000 short lists of strings cost ~90 ms per
    command, one string per field ~30 ms.
    """
    return {
        "v": TERMS_VERSION,
        "p": " ".join(terms(problem or "")),
        "s": " ".join(terms(solution)) if solution else "",
    }


# One length limit per kind of field (README "Text fields"):
SHORT_TEXT = 200  # names, organisation, role, ticket, tag, e-mail, phone, kudos sender, event
TEXT = 2000  # one line that says what happened: a problem, a learning title, a kudos quote
LONG_TEXT = 20000  # free text over several lines: solutions and notes

# Control characters (C0, DEL, C1). Tabs pass everywhere, newlines only in multi-line text.
_CONTROL_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What must not reach a terminal: the controls above except newline and tab, and lone
# surrogates (undecodable bytes in argv or a file: they cannot even be encoded for output).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """*text* safe for a terminal: a control character (other than newline and tab) or a lone
    surrogate becomes a visible escape, so ESC prints as the four characters ``\\x1b`` and a
    name like ``"\\x1b]0;pwned\\x07"`` can neither retitle nor clear the terminal."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text) if text else text


def check_text(value: str, what: str, limit: int, *, multiline: bool = False) -> str:
    """*value* trimmed; refused when longer than *limit* or when it holds a control character
    (tabs pass; newlines only with *multiline*, where CR LF and CR become LF). May be empty."""
    text = value.strip()
    if multiline and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limit:
        raise InputError(
            _(
                "the {what} is {n} characters long; the limit is {limit}",
                what=what,
                n=len(text),
                limit=limit,
            )
        )
    bad = (_CONTROL_LINES if multiline else _CONTROL_LINE).search(text)
    if bad is not None:
        raise InputError(
            _(
                "the {what} contains a control character ({char})",
                what=what,
                char=_escape(bad.group()),
            )
        )
    if _UNPRINTABLE.search(text):  # a lone surrogate: bytes that were not UTF-8
        raise InputError(_("the {what} is not valid UTF-8 text", what=what))
    return text


def forget_texts() -> None:
    """Empty the memo caches of words and terms: a pass over every month (doctor) gains little
    from one month's texts in the next and would hold ~30 MB of them (doctor at 250,000 wins)."""
    for cached in (stem, content_words, _token_terms, terms):
        cached.cache_clear()
