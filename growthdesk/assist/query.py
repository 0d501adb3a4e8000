"""The search query a good agent would type for a problem text (`growthdesk query`, `ask`).

Keeps what finds the answer: error codes and identifiers (quoted, as written), exact quoted
messages, products with their versions, and the symptom words, translated to English when the
user wrote Dutch (most answers are in English). Drops what does not, or must not leave the
building: people's names (the user's own contacts included), e-mail addresses, phone numbers,
ticket numbers, internal host names and addresses, links, user names, and filler ("hi", "please
help", "de klant zegt"). Every kept and dropped part is reported, so the agent learns the habit.

Pure text in, a Query out: no network, no store (the caller passes the contact names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from growthdesk.assist import compiled
from growthdesk.assist.glossary import glossary, to_dutch
from growthdesk.assist.products import catalogue, find_products
from growthdesk.assist.words import PhraseIndex, Word, detect_language, stem_keys, words
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, pgettext
from growthdesk.core.text import GENERIC_WORDS, STOPWORDS, fold

__all__ = ["Query", "ENGINES", "build_query", "resolve_site", "explain", "scrub", "compile_part"]

ENGINES: dict[str, str] = {
    "google": "https://www.google.com/search?q=",
    "bing": "https://www.bing.com/search?q=",
    "duckduckgo": "https://duckduckgo.com/?q=",
}
MAX_WORDS = 8  # symptom words; a search engine weighs a short query best
MAX_MESSAGE_WORDS = 12
MAX_MESSAGES = 3

_HTTP_PHRASES = (
    "Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Time-?out|Conflict|"
    "Gone|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|"
    "Gateway Time-?out"
)
_HTTP_CANON = {fold(p): p for p in _HTTP_PHRASES.replace("-?", "").split("|")}


def _http(number: str, phrase: str) -> str:
    words_ = fold(phrase).replace("-", "")
    return f"{number} {_HTTP_CANON.get(words_, phrase)}"


def _hresult(m: re.Match[str]) -> str | None:
    code = m.group()
    if code.isdigit() and not code.startswith("800"):
        return None  # an 8-digit number is a phone or ticket number more often than a code
    return code.upper() if any(c.isdigit() for c in code) else None


def _generic(m: re.Match[str]) -> str:
    word = "code" if fold(m.group(1)) == "code" else "error"
    return f"{word} {m.group(2).upper()}"


# re.IGNORECASE matches four letters outside ASCII to an ASCII letter: İ and ı to i, ſ to s, the
# Kelvin sign to k. Mapped first, the lower-cased text holds every literal a match holds.
_CASELESS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _caseless(text: str) -> str:
    """*text* as IGNORECASE compares it: what the needs of a _Lazy pattern are looked up in."""
    return text.translate(_CASELESS).lower()


class _Lazy:
    """A pattern compiled on first use, and tried only on a text that holds one of its *needs*
    (lower case; every match holds one, and none only when *needs* is empty). A problem text
    needs a few of the patterns below; compiling all 30 cost every `query` run about 6 ms
    (bench/bench_assist.py). tests/test_assist_speed.py checks each need against matches."""

    __slots__ = ("source", "flags", "needs", "_compiled")

    def __init__(self, source: str, flags: int = 0, needs: tuple[str, ...] = ()) -> None:
        self.source = source
        self.flags = flags
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def wanted(self, caseless: str) -> bool:
        """Whether a text (as _caseless gives it) may hold a match."""
        return not self.needs or any(need in caseless for need in self.needs)

    def finditer(self, text: str, caseless: str) -> Iterator[re.Match[str]]:
        """The matches in *text*; *caseless* is _caseless of *text* or of a text it was cut or
        masked from (masking only takes characters away)."""
        return self.pattern.finditer(text) if self.wanted(caseless) else iter(())


_HTTP_NEEDS = tuple(p.split("-?")[0].lower() for p in _HTTP_PHRASES.split("|"))

# (kind, pattern, formatter): the first pattern to claim a span wins.
_CODES: tuple[tuple[str, _Lazy, object], ...] = (
    ("CVE", _Lazy(r"\bCVE-\d{4}-\d{4,7}\b", re.I, ("cve-",)), lambda m: m.group().upper()),
    ("KB", _Lazy(r"\bKB-?(\d{6,7})\b", re.I, ("kb",)), lambda m: "KB" + m.group(1)),
    ("hex", _Lazy(r"\b0x[0-9a-f]{4,8}\b", re.I, ("0x",)), lambda m: "0x" + m.group()[2:].upper()),
    ("sign-in", _Lazy(r"\bAADSTS\d{4,6}\b", re.I, ("aadsts",)), lambda m: m.group().upper()),
    ("code", _Lazy(r"\b(?:ORA|TNS)-\d{5}\b", re.I, ("ora-", "tns-")), lambda m: m.group().upper()),
    ("name", _Lazy(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", 0, ("_",)), lambda m: m.group()),
    (
        "event",
        _Lazy(
            r"\b(?:event\s*id|gebeurtenis-?\s?id)\s*[:#]?\s*(\d{1,5})\b",
            re.I,
            ("event", "gebeurtenis"),
        ),
        lambda m: f"Event ID {m.group(1)}",
    ),
    (
        "HTTP",
        _Lazy(rf"\b([1-5]\d\d)\s*[-:]?\s*({_HTTP_PHRASES})\b", re.I, _HTTP_NEEDS),
        lambda m: _http(m.group(1), m.group(2)),
    ),
    (
        "HTTP",
        _Lazy(rf"\b({_HTTP_PHRASES})\s*[:(]?\s*([1-5]\d\d)\b", re.I, _HTTP_NEEDS),
        lambda m: _http(m.group(2), m.group(1)),
    ),
    (
        "HTTP",
        _Lazy(r"\bHTTPS?(?:\s+(?:error|status|fout))?\s*[:/]?\s*([1-5]\d\d)\b", re.I, ("http",)),
        lambda m: f"HTTP {m.group(1)}",
    ),
    ("hex", _Lazy(r"\b(?:8[0-9a-f]{7}|c[0-9a-f]{7})\b", re.I), _hresult),
    (
        "code",
        _Lazy(r"\bwin\s?error\s*(\d{3,6})\b", re.I, ("error",)),
        lambda m: f"WinError {m.group(1)}",
    ),
    (
        "code",
        _Lazy(
            r"\b(error|fout|foutcode|errorcode|error\s+code|code|foutnummer|serverfout)"
            r"\s*[:#=-]?\s*\(?(-?[A-Z]{0,4}\d{2,6}[A-Z]?)\)?(?![\w.])",
            re.I,
            ("error", "fout", "code"),
        ),
        _generic,
    ),
    ("SMTP", _Lazy(r"#([45]\.\d\.\d{1,3})\b", 0, ("#",)), lambda m: m.group(1)),
    # Exception and error class names, dotted or not: the last part is what finds the answer.
    (
        "name",
        _Lazy(
            r"\b(?:[A-Za-z][A-Za-z0-9]*\.)*([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*(?:Exception|Error))\b",
            0,
            ("exception", "error"),
        ),
        lambda m: m.group(1),
    ),
)

_TECH_PREFIXES = frozenset(
    [
        "sha",
        "aes",
        "rsa",
        "tls",
        "ssl",
        "ipv",
        "usb",
        "hdmi",
        "wpa",
        "wpa2",
        "utf",
        "iso",
        "mp",
        "h",
        "x",
        "covid",
        "pcie",
        "ddr",
        "lte",
        "cat",
        "ieee",
        "rj",
        "win",
        "ms",
        "msi",
        "kb",
        "cve",
        "ora",
        "tns",
        "wi",
        "e",
        "ip",
        "os",
        "w",
        "v",
        "sp",
        "r",
        "tp",
        "p2p",
        "a",
        "b",
        "c",
        "d",
        "dp",
        "ac",
        "dc",
        "m2",
        "nvme",
        "gen",
    ]
)


_FQDN = _Lazy(
    r"\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|nl|be|de|eu|io|co|uk|info|biz|fr|cloud"
    r"|app|dev)\b",
    re.I,
    (".",),
)
# Vendors' and public services' domains name the service, not us: kept in a query.
_PUBLIC_DOMAINS = frozenset(
    [
        "microsoft.com",
        "microsoftonline.com",
        "office.com",
        "office365.com",
        "live.com",
        "outlook.com",
        "windows.com",
        "windowsupdate.com",
        "sharepoint.com",
        "onmicrosoft.com",
        "azure.com",
        "google.com",
        "gmail.com",
        "apple.com",
        "icloud.com",
        "github.com",
        "zoom.us",
        "cisco.com",
        "fortinet.com",
        "citrix.com",
        "adobe.com",
        "mozilla.org",
        "amazon.com",
        "amazonaws.com",
        "cloudflare.com",
    ]
)


def _not_public(m: re.Match[str]) -> bool:
    labels = m.group().lower().split(".")
    return ".".join(labels[-2:]) not in _PUBLIC_DOMAINS


def _internal_name(m: re.Match[str]) -> bool:
    return m.group(1).lower() not in _TECH_PREFIXES


# (kind, pattern, test or None): personal data and internal names, dropped.
_PERSONAL: tuple[tuple[str, _Lazy, object], ...] = (
    ("e-mail", _Lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", 0, ("@",)), None),
    (
        "link",
        _Lazy(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.I, ("://", "www.")),
        None,
    ),
    ("address", _Lazy(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b", 0, (".",)), None),
    (
        "path",
        _Lazy(r"\\\\[^\s\\]+(?:\\[^\s\\]*)*|\b[A-Za-z]:\\[^\s\"']*|%\w+%\\[^\s\"']*", 0, ("\\",)),
        None,
    ),
    (
        "host",
        _Lazy(
            r"\b[\w-]+(?:\.[\w-]+)*\.(?:local|lan|corp|internal|intra|intranet|localdomain|home"
            r"\.arpa)\b|\blocalhost(?::\d+)?\b",
            re.I,
            (".", "localhost"),
        ),
        None,
    ),
    (
        "host",
        _Lazy(
            r"\b([A-Za-z]{1,8})[-_](?=[\w-]*\d)[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\b", 0, ("-", "_")
        ),
        _internal_name,
    ),
    (
        "host",
        _Lazy(r"\b(?:srv|svr|pc|lt|nb|ws|dc|fs|wks|vm|prn|mfp|desktop|laptop)\d{2,}\b", re.I),
        None,
    ),
    ("host", _FQDN, _not_public),
    (
        "ticket",
        _Lazy(
            r"\b(?:INC|REQ|RITM|CHG|PRB|SCTASK|TASK|SR|TKT|WO|CS)[-#]?\d{4,}\b|(?<![\w#])#\d{4,}\b"
            r"|\b[IMSW]\s?\d{4}[\s-]\d{3,4}\b",
        ),
        None,
    ),
    (
        "ticket",
        _Lazy(
            r"\b(?:ticket|melding|incident|zaak|case|ticketnummer|meldingsnummer|ref)"
            r"\s*(?:nr\.?|number|nummer|no\.?)?\s*[:#]?\s*#?\s*[A-Z]{0,4}-?\d{4,}\b",
            re.I,
            ("ticket", "melding", "incident", "zaak", "case", "ref"),
        ),
        None,
    ),
    (
        "phone",
        _Lazy(
            r"(?<![\w.+])(?:\+|00)\d{2}[\s.-]?(?:\(0\)\s?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}\b",
            0,
            ("+", "00"),
        ),
        None,
    ),
    (
        "phone",
        _Lazy(r"(?<![\w.])0\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{2,4}){1,3}(?!\w|\.\d)", 0, ("0",)),
        None,
    ),
    (
        "user name",
        _Lazy(
            r"\b(?:gebruikersnaam|username|user\s?name|user\s?id|loginnaam|accountnaam)"
            r"\s*(?:is|=|:)\s*[\"“'‘]?[\w.@\\-]+[\"”'’]?",
            re.I,
            ("naam", "user"),
        ),
        None,
    ),
)

_PERSON_KINDS = frozenset(("e-mail", "phone", "ticket", "user name"))

_QUOTES = _Lazy(
    r"\"([^\"\n]{3,400})\"|“([^”\n]{3,400})”|„([^”“\n]{3,400})[”“]|«([^»\n]{3,400})»"
    r"|(?<![\w])'((?:[^'\n]|'(?=\w)){3,400})'(?![\w])|‘((?:[^’\n]|’(?=\w)){3,400})[’”]",
    0,
    ('"', "“", "„", "«", "'", "‘"),
)
_BARRIER = re.compile(r"[,;:!?()\[\]{}<>\"“”„«»‘’/\\|=*\n]|\.(?!\w)|\s[-–—]\s")

# English words kept although core.text calls them stop words: a negation changes the problem.
_KEEP = frozenset(
    [
        "not",
        "no",
        "cannot",
        "cant",
        "wont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "after",
        "during",
        "without",
        "since",
        "before",
    ]
)
# English function words that are not Dutch too: "is" and "was" are both ("computer is traag").
_EN_MARKERS = frozenset(
    [
        "the",
        "a",
        "an",
        "are",
        "were",
        "to",
        "of",
        "and",
        "you",
        "your",
        "my",
        "it",
        "this",
        "that",
    ]
)
_PHRASAL = frozenset(
    tuple(p.split())
    for p in (
        "sign in",
        "sign out",
        "signed in",
        "signed out",
        "signing in",
        "log in",
        "log on",
        "log out",
        "logged in",
        "logged on",
        "logging in",
        "set up",
        "start up",
        "boot up",
        "shut down",
        "pop up",
        "time out",
        "timed out",
        "lock out",
        "locked out",
    )
)
_NEGATIONS = frozenset(
    ["not", "no", "cannot", "cant", "wont", "doesnt", "didnt", "isnt", "arent", "wasnt"]
)
_ERROR_WORDS = frozenset(
    [
        "error",
        "errors",
        "error",
        "code",
        "error",
        "message",
        "message",
        "code",
        "fout",
        "foutcode",
        "foutmelding",
        "foutbericht",
        "melding",
        "foutnummer",
    ]
) | {"error code", "error message"}
_TUSSEN = frozenset(
    ["van", "de", "der", "den", "ter", "ten", "het", "in", "op", "la", "le", "von", "du", "da"]
)
# After these a capitalised word is a name (greetings, sign-offs, forms of address, roles).
_STRONG_CUES = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "dear",
        "hoi",
        "hallo",
        "beste",
        "geachte",
        "thanks",
        "regards",
        "groet",
        "groeten",
        "mvg",
        "bedankt",
        "mr",
        "mrs",
        "ms",
        "mister",
        "meneer",
        "mevrouw",
        "mevr",
        "dhr",
        "mw",
        "colleague",
        "collega",
        "user",
        "gebruiker",
        "klant",
        "customer",
    ]
)
# After these only a known first name or a full name ("for Kwame Mensah") is taken as a name.
_WEAK_CUES = frozenset(["for", "from", "voor", "van", "bij", "namens", "by", "with", "met"])


@dataclass
class Query:
    """The query for one problem text, and what went into it."""

    lang: str  # the language the problem was written in
    words_en: list[str] = field(default_factory=list)
    words_nl: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    vendor_sites: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    translated: list[tuple[str, str]] = field(default_factory=list)  # (from, to)
    untranslated: list[str] = field(default_factory=list)
    site: str | None = None

    def text(self, lang: str = "en") -> str:
        """The query in *lang* ('en' or 'nl'), with the site: filter when one was asked."""
        symptom = self.words_nl if lang == "nl" else self.words_en
        parts = [*self.products, *(f'"{c}"' for c in self.codes), *symptom]
        parts += [f'"{m}"' for m in self.messages]
        if self.site:
            parts.append(f"site:{self.site}")
        return " ".join(_dedupe(parts))

    def vague(self) -> bool:
        """True when the query names nothing a search could find: no product, code or message,
        and only words like "not working" or "error message" ("het werkt niet meer")."""
        if self.products or self.codes or self.messages:
            return False
        said = {t for w in (*self.words_en, *self.words_nl) for t in fold(w).split()}
        return not (said - STOPWORDS - GENERIC_WORDS - _ERROR_WORDS)

    def best_lang(self) -> str:
        """The language to search in: English finds the most answers, unless the English query
        lost more of a Dutch text's words than it kept ("Magister rooster laadt niet" is
        "not loading" in English: a Dutch product is best searched in Dutch)."""
        if self.lang == "nl" and len(self.untranslated) > len(self.words_en):
            return "nl"
        return "en"

    def url(self, lang: str = "en", engine: str = "google") -> str:
        return ENGINES[engine] + _quote_plus(self.text(lang))

    @property
    def kept(self) -> list[tuple[str, str]]:
        return (
            [("product", p) for p in self.products]
            + [("code", c) for c in self.codes]
            + [("message", m) for m in self.messages]
        )

    def as_json(self, langs: Sequence[str], engine: str) -> dict[str, object]:
        return {
            "query": self.text(langs[0]),
            "lang": self.lang,
            "queries": {lang: self.text(lang) for lang in langs},
            "urls": {lang: self.url(lang, engine) for lang in langs},
            "site": self.site,
            "kept": [{"kind": k, "text": t} for k, t in self.kept],
            "dropped": [{"kind": k, "text": t} for k, t in self.dropped],
            "translated": [{"from": a, "to": b} for a, b in self.translated],
            "untranslated": self.untranslated,
            "explanation": explain(self),
        }


_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


def _quote_plus(text: str) -> str:
    """urllib.parse.quote_plus, written out: importing urllib.parse costs `query` 20 ms
    (it pulls in ipaddress)."""
    return "".join(
        "+" if c == " " else c if c in _SAFE else "".join(f"%{b:02X}" for b in c.encode())
        for c in text
    )


def _dedupe(parts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for p in parts:
        key = fold(p.strip('"'))
        if key and key not in seen:
            seen.add(key)
            out.append(p)
    return out


def resolve_site(
    site: str | None, products: Sequence[str] = (), sites: Sequence[str] = ()
) -> str | None:
    """A site: value from a vendor id ('microsoft'), 'auto' (the first product's vendor) or a
    domain; InputError naming the known vendors for anything else."""
    if not site:
        return None
    if site == "auto":
        return sites[0] if sites else None
    if "." in site:
        return site.lower()
    vendors = catalogue().vendors
    if site.lower() in vendors:
        return vendors[site.lower()].site
    from growthdesk.core.names import did_you_mean

    raise InputError(
        _("unknown vendor '{site}'", site=site)
        + did_you_mean(site, vendors)
        + _(" (a vendor id, 'auto', or a domain such as docs.example.com)")
    )


@lru_cache(maxsize=1)
def _english_terms() -> frozenset[str]:
    """Folded words that read as English in a Dutch text: the glossary's English side, the
    words spelled the same in both languages, and the jargon list's English spellings."""
    tables = compiled.part("query")
    if tables is not None:  # compiled: `query` need not import plain (bench/bench_assist.py)
        return frozenset(tables["english_terms"])
    return _build_english_terms()


def _build_english_terms(
    same: Iterable[str] | None = None, english: Iterable[str] = ()
) -> frozenset[str]:
    from growthdesk.assist.plain import jargon_words

    if same is None:
        g = glossary()
        same, english = g.same, g.english
    return frozenset(same) | frozenset(english) | jargon_words("en")


def compile_part() -> dict[str, object]:
    """The query's own table built from the source data, for data/compiled_query.json."""
    from growthdesk.assist.glossary import compile_part as glossary_part

    g = glossary_part()  # not glossary(): that may be the compiled part being rebuilt
    terms = _build_english_terms(g["same"], g["english"])  # type: ignore[arg-type]
    return {"english_terms": sorted(terms)}


class _Masked:
    """The text with claimed spans blanked out, so later patterns cannot claim them again."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.chars = list(text)

    def claim(self, start: int, end: int) -> None:
        self.chars[start:end] = "\n" * (end - start)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _take_codes(masked: _Masked, q: Query) -> None:
    caseless = _caseless(masked.original)
    for _kind, pattern, fmt in _CODES:
        for m in pattern.finditer(masked.text, caseless):
            value = fmt(m)  # type: ignore[operator]
            if value:
                q.codes.append(str(value))
                masked.claim(m.start(), m.end())


def _take_personal(
    masked: _Masked, q: Query, record: bool = True, kinds: frozenset[str] | None = None
) -> None:
    caseless = _caseless(masked.original)
    for kind, pattern, test in _PERSONAL:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(masked.text, caseless):
            if test is not None and not test(m):  # type: ignore[operator]
                continue
            if record:
                q.dropped.append((kind, m.group().strip()))
            masked.claim(m.start(), m.end())


def _clean_message(inner: str, q: Query) -> str | None:
    """The part of a quoted message worth an exact-phrase search, or None (a single word, a
    code alone, or nothing left once personal data is cut out)."""
    probe = _Masked(inner)
    _take_personal(probe, q)
    fragments = [f.strip(" .,:;'\"-<>…") for f in probe.text.split("\n")]
    best = max(fragments, key=lambda f: len(words(f)), default="")
    items = words(best)
    # Two real words at least: not a lone term ('inloggen') nor a code dump ("STOP: 0x…").
    if sum(1 for w in items if w.text.isalpha() and len(w.text) >= 3) < 2:
        return None
    if len(items) > MAX_MESSAGE_WORDS:
        first = re.split(r"(?<=[.!?])\s", best)[0].rstrip(".!? ")
        best = (
            first
            if len(words(first)) <= MAX_MESSAGE_WORDS
            else " ".join(w.text for w in words(first)[:MAX_MESSAGE_WORDS])
        )
    return best


def _take_messages(masked: _Masked, q: Query) -> None:
    for m in _QUOTES.finditer(masked.original, _caseless(masked.original)):
        inner = next(g for g in m.groups() if g is not None)
        message = _clean_message(inner, q)
        if message and len(q.messages) < MAX_MESSAGES:
            q.messages.append(message)
            masked.claim(m.start(), m.end())


def _names(contacts: Iterable[str]) -> _Names:
    """The name index of *contacts*, built once per list: the dashboard scrubs a title for
    every repeat problem with the same 200 contact names (bench/bench_compare.py: `stats`
    at 25,000 wins spent 0.47 s rebuilding it)."""
    return _names_of(tuple(contacts))


class _Names:
    """Is the word at a position (the start of) a person's name?"""

    def __init__(self, contacts: Iterable[str]) -> None:
        full: list[tuple[str, object]] = []
        first: set[str] = set(glossary().first_names)
        for name in contacts:
            if words(name):
                full.append((name, True))
                head = words(name)[0].key
                if len(head) >= 3:
                    first.add(head)
        self.full = PhraseIndex(full)
        self.first = frozenset(first)

    def length(
        self, text: str, items: Sequence[Word], keys: Sequence[str], i: int, prev: str
    ) -> int:
        hit = self.full.match(keys, i)
        if hit is not None:
            return hit[0] + self._rest(text, items, i + hit[0])
        word = items[i]
        if not word.text[:1].isupper():
            return 0
        key = word.key[:-1] if word.text.endswith(("'s", "’s")) else word.key
        rest = self._rest(text, items, i + 1)
        if key in self.first:
            return 1 + rest
        if prev in _STRONG_CUES or (prev in _WEAK_CUES and rest):
            return 1 + rest
        return 0

    @staticmethod
    def _rest(text: str, items: Sequence[Word], j: int) -> int:
        """How many of the words from *j* on continue a name ("de Vries", "van der Berg"):
        only across spaces, never across punctuation ("Jan (Finance)")."""
        n = 0
        while j + n < len(items):
            w = items[j + n]
            if text[items[j + n - 1].end : w.start].strip():
                break
            if w.key in _TUSSEN and j + n + 1 < len(items):
                n += 1
                continue
            if w.text[:1].isupper() and w.text[1:2].islower():
                n += 1
                continue
            break
        while n and items[j + n - 1].key in _TUSSEN:
            n -= 1
        return n


def build_query(text: str, *, names: Iterable[str] = (), site: str | None = None) -> Query:
    """The search query for problem *text*; *names* are the user's contacts (always dropped)."""
    q = Query(lang="en")
    masked = _Masked(text)
    _take_codes(masked, q)
    _take_messages(masked, q)
    _take_personal(masked, q)
    # The language of the user's own words: a quoted English message in a Dutch text is Dutch.
    q.lang = _language(masked.text)
    # Products from the words that are left; then names, filler and symptoms chunk by chunk.
    rest = masked.text
    items = words(rest)
    for product in find_products(items, stem_keys(items)):
        q.products.append(product.name)
        if product.vendor is not None:
            q.vendor_sites.append(product.vendor.site)
        masked.claim(product.start, product.end)
    people = _names(names)
    pieces = _BARRIER.split(masked.text)
    for piece in pieces:
        _symptoms(piece, q, people)
    if q.codes or q.messages:  # "error" says nothing next to the error itself
        q.words_en = [w for w in q.words_en if fold(w) not in _ERROR_WORDS]
        q.words_nl = [w for w in q.words_nl if fold(w) not in _ERROR_WORDS]
    q.words_en = _trim(q.words_en)
    q.words_nl = _trim(q.words_nl)
    q.codes = _dedupe(_http_once(q.codes))
    q.dropped = list(dict.fromkeys(q.dropped))
    q.site = resolve_site(site, q.products, q.vendor_sites)
    return q


def _http_once(codes: list[str]) -> list[str]:
    """'500 Internal Server Error' makes 'error 500' and 'HTTP 500' say nothing new."""
    full = {c.split()[0] for c in codes if re.match(r"\d{3} [A-Z]", c)}
    return [c for c in codes if not (c.split()[-1] in full and c.split()[0] in ("error", "HTTP"))]


def _language(text: str) -> str:
    """detect_language, and for a text without function words ("Outlook 2016 loopt vast"):
    Dutch when a Dutch symptom phrase of the glossary is in it."""
    lang = detect_language(text)
    items = words(text)
    if lang == "nl" or any(w.key in _EN_MARKERS for w in items):
        return lang
    g = glossary()
    english = _english_terms()
    keys = stem_keys(items)
    for i, word in enumerate(items):
        hit = g.to_en.match(keys, i)
        if hit is not None and (hit[0] > 1 or (word.key not in g.same and word.key not in english)):
            return "nl"
    return "en"


def _trim(found: list[str]) -> list[str]:
    return _dedupe(found)[:MAX_WORDS]


def _symptoms(piece: str, q: Query, people: _Names) -> None:
    g = glossary()
    items = words(piece)
    lang = q.lang
    keys = stem_keys(items)
    consumed: set[int] = set()
    prev = ""
    i = 0
    while i < len(items):
        filler = g.filler[lang].match(keys, i) or g.filler["nl" if lang == "en" else "en"].match(
            keys, i
        )
        if filler is not None:
            prev = items[i + filler[0] - 1].key
            consumed.update(range(i, i + filler[0]))
            i += filler[0]
            continue
        n = people.length(piece, items, keys, i, prev)
        if n:
            q.dropped.append(("name", " ".join(w.text for w in items[i : i + n])))
            consumed.update(range(i, i + n))
            i += n
            prev = ""
            continue
        prev = items[i].key
        i += 1
    left = [
        items[j]
        for j in range(len(items))
        if j not in consumed and items[j].key not in g.skip[lang]
    ]
    if lang == "nl":
        _dutch(piece, left, q)
    else:
        _english(left, q)


def _content(word: Word) -> bool:
    key = word.key
    if word.text.isupper() and len(key) >= 2 and key.isalpha():
        return True  # an acronym: "VPN", "SSO", a product we do not list
    return (
        len(key) >= 2
        and not any(c.isdigit() for c in key)
        and key not in STOPWORDS
        and key not in GENERIC_WORDS
    )


def _dutch(piece: str, left: list[Word], q: Query) -> None:
    g = glossary()
    keys = stem_keys(left)
    english = _english_terms()
    en: list[str] = []
    i = 0
    while i < len(left):
        hit = g.to_en.match(keys, i)
        if hit is not None and (hit[0] > 1 or left[i].key not in g.same):
            n, term = hit
            written = piece[left[i].start : left[i + n - 1].end]
            q.translated.append((written, str(term)))
            en.append(str(term))
            q.words_nl.append(written.lower())
            i += n
            continue
        word = left[i]
        if _content(word):
            q.words_nl.append(_shown(word))
            proper = i > 0 and word.text[:1].isupper()  # a name of a thing reads the same
            if word.key in english or proper or word.text.isupper():
                en.append(_shown(word))
            else:
                q.untranslated.append(word.text)
        i += 1
    q.words_en += en


def _english(left: list[Word], q: Query) -> None:
    g = glossary()
    keys = stem_keys(left)
    found: list[Word] = []
    i = 0
    while i < len(left):
        word = left[i]
        negated = bool(found) and found[-1].key in _NEGATIONS
        after = left[i + 1].key if i + 1 < len(left) else ""
        if (word.key, after) in _PHRASAL:  # "sign in", "log on", "set up": one term
            found += [word, left[i + 1]]
            i += 2
            continue
        if word.key in _KEEP or _content(word) or (negated and word.key in GENERIC_WORDS):
            found.append(word)
        i += 1
    while found and found[-1].key in _KEEP:
        found.pop()
    q.words_en += [_shown(w) for w in found]
    # The Dutch query: glossary phrases back to Dutch, other words as written.
    kept = {id(w) for w in found}
    i = 0
    while i < len(left):
        hit = to_dutch().match(keys, i)
        same = hit is not None and hit[0] == 1 and left[i].key in g.same
        if hit is not None and not same and any(id(w) in kept for w in left[i : i + hit[0]]):
            q.words_nl.append(str(hit[1]))
            i += hit[0]
            continue
        if id(left[i]) in kept:
            q.words_nl.append(_shown(left[i]))
        i += 1


def _shown(word: Word) -> str:
    """A word as the query shows it: lower case, unless it is an acronym or mixes in digits."""
    text = word.text
    if text.isupper() and len(text) > 1 or any(c.isdigit() for c in text):
        return text
    return text.lower()


def _kind_word(kind: str) -> str:
    """What a kept or dropped part of the query is, in the interface language."""
    words = {
        "product": pgettext("query part", "product"),
        "code": pgettext("query part", "code"),
        "message": pgettext("query part", "message"),
        "name": pgettext("query part", "name"),
        "e-mail": pgettext("query part", "e-mail"),
        "link": pgettext("query part", "link"),
        "address": pgettext("query part", "address"),
        "host": pgettext("query part", "host"),
        "path": pgettext("query part", "path"),
        "phone": pgettext("query part", "phone"),
        "ticket": pgettext("query part", "ticket"),
        "user name": pgettext("query part", "user name"),
    }
    return words.get(kind, kind)


def explain(q: Query) -> str:
    """One line: what was kept, dropped and translated, and why it matters."""
    parts: list[str] = []
    if q.kept:
        kept = ", ".join(f"{_kind_word(k)} {_short(t)}" for k, t in q.kept)
        parts.append(_("kept {items}", items=kept))
    if q.dropped:
        dropped = ", ".join(f"{_kind_word(k)} {_short(t)}" for k, t in q.dropped)
        parts.append(_("dropped {items}", items=dropped))
    if q.translated:
        parts.append(
            _("translated {items}", items=", ".join(f"{a} → {b}" for a, b in q.translated))
        )
    if q.untranslated:
        shown = q.untranslated[:5] + (["…"] if len(q.untranslated) > 5 else [])
        parts.append(_("left out untranslated {items}", items=", ".join(shown)))
    if not parts:
        return _("Nothing to keep or drop: add the exact error message or code when you have it.")
    line = "; ".join(parts)
    return line[:1].upper() + line[1:] + "."


@lru_cache(maxsize=8)
def _names_of(contacts: tuple[str, ...]) -> _Names:
    return _Names(contacts)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_CUE_BEFORE_GAP = _Lazy(r"\s*\b(?:for|from|of|by|voor|van|bij|door|namens)\s*(?=\x00)", re.I)


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """*text* without personal data (names, e-mail addresses, phone and ticket numbers, user
    names): "Laptop of Jan very slow" -> "Laptop very slow". For titles and examples, which stay
    inside the team: internal names such as a printer's ("MFP-2A") are kept there."""
    masked = _Masked(text)
    _take_personal(masked, Query(lang="en"), record=False, kinds=_PERSON_KINDS)
    plain = masked.text
    items = words(plain)
    keys = stem_keys(items)
    people = _names(names)
    i, prev = 0, ""
    while i < len(items):
        n = people.length(plain, items, keys, i, prev)
        if n:
            masked.claim(items[i].start, items[i + n - 1].end)
            i += n
            prev = ""
            continue
        prev = items[i].key
        i += 1
    gaps = re.sub("\n+", "\x00", masked.text)
    gaps = _CUE_BEFORE_GAP.pattern.sub("", gaps)
    out = re.sub(r"\(\s*\x00\s*\)|\x00", " ", gaps)
    out = re.sub(r"\(\s*\)", " ", out)
    out = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"\s{2,}", " ", out))
    return out.strip(" ,.;:-")
