"""Text normalisation shared by the tagger, its learned model and recall.

One tokenizer for everything, so that a word the tagger learned is the same word recall searches.
Steps: fold case and accents, split on anything that is not a letter or digit, stem lightly
(English and Dutch inflections, including Dutch participles of English loanwords such as
"gereset", "geüpdatet", "gecrasht"), and, for recall and learning, map a small bilingual
synonym table to one concept ("wachtwoord" and "password" become the same term).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = [
    "fold",
    "tokens",
    "stem",
    "terms",
    "win_terms",
    "TERMS_VERSION",
    "concept",
    "STOPWORDS",
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
_APOS_RE = re.compile(r"(?<=[a-z])['\u2019](?=[a-z])")


def fold(text: str) -> str:
    """Lower-case, strip accents ('geüpdatet' -> 'geupdatet') and join split spellings."""
    if text.isascii():  # the common case, ten times faster than the Unicode path
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if "'" in plain or "\u2019" in plain:
        plain = _APOS_RE.sub("", plain)
    if "-" in plain or "/" in plain:
        plain = _JOIN_RE.sub(lambda m: _JOIN[m.group(0)], plain)
    return plain


def tokens(text: str) -> list[str]:
    """Folded word tokens, in order (stop words kept: phrases need them)."""
    return _TOKEN_RE.findall(fold(text))


# Dutch separable-verb particles: "ingelogd" -> "inlogd", "teruggezet" -> "terugzet".
_PARTICLES = ("terug", "door", "over", "mee", "aan", "uit", "weg", "bij", "op", "af", "in")
# One pass strips the longest matching ending; stemming repeats until nothing changes.
_SUFFIXES = ("ingen", "ings", "eren", "ing", "ers", "en", "er", "es", "ed", "e", "s", "t", "d")
_VOWELS = set("aeiouy")
_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(x for x in _SUFFIXES if x[-1] == last) for last in {x[-1] for x in _SUFFIXES}
}


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light, deterministic EN/NL stemmer. Not linguistics: both sides of every comparison
    go through it, so it only has to send inflected forms of one word to the same string."""
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
        for p in _PARTICLES:
            if t.startswith(p + "ge") and t[-1] in "td" and len(t) - len(p) - 2 >= 3:
                t = p + t[len(p) + 2 :]
                break
    changed = True
    while changed:
        changed = False
        for suf in _SUFFIXES_BY_LAST.get(t[-1], ()):
            if t.endswith(suf) and len(t) - len(suf) >= 3:
                cut = t[: -len(suf)]
                # "inloggen" -> "inlogg" -> "inlog", "resetten" -> "reset".
                if len(cut) >= 4 and cut[-1] == cut[-2] and cut[-1] not in _VOWELS:
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


def terms(text: str) -> list[str]:
    """Content terms for matching: stop words dropped, stemmed, bilingual synonyms merged."""
    return list(_text_terms(text))


@lru_cache(maxsize=32768)
def _text_terms(text: str) -> tuple[str, ...]:
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
        "p": " ".join(_text_terms(problem or "")),
        "s": " ".join(_text_terms(solution)) if solution else "",
    }
