"""Bilingual auto-tagging of problem texts into skill areas, learning from the user's own tags.

How a text is scored (weights below):
- every token is folded and stemmed (growthdesk.core.text) with no stem under four letters;
  a token matches a keyword by stem ("gereset" = "reset", but "rest" is not), by compound
  part ("printerstoring" = printer + storing) or, for longer tokens, by one typo ("outlok");
  a token of four letters or fewer matches only keywords at most one letter longer ("plan"
  is not "planner"); a Dutch diminutive is the word it is made of ("laptopje" = laptop) and
  a separable verb after "te" is the whole verb ("om in te loggen" = inloggen);
- phrases ("paper jam", "loopt vast", "kan niet inloggen") match in order with up to two
  words in between and weigh more than single words;
- generic words (storing, error, melding, werkt niet…) carry no weight, so never decide;
- strong words (product names, unambiguous terms) weigh more, weak words (laptop, file…) less;
- boundary rules: an install request beats the product's area, a device next to a failure
  word beats the application it failed in, a training request beats the application it is
  about, a named business app with a failure word beats the login that failed in it;
- the shipped n-gram model (growthdesk.skills.ngrams) adds evidence for the areas its
  training texts resemble; it ranks, but cannot make a tag confident on its own: an area
  without keyword evidence stays below the threshold (shown 0.44 at most) and below every
  confident keyword area, unless the model is sure of it (NGRAM_SURE) and the keywords found
  little (NGRAM_OUTRANKS): then it ranks first, still shown below the threshold, so the
  user is asked; it says nothing when no area stands out (gibberish);
- the per-user model adds evidence from wins the user tagged by hand; where it speaks
  clearly (OWN_LESSON) the shipped model is not asked, so the user's corrections win.
Each matched word counts once per area, whatever its inflection. An area's raw evidence r
becomes a score r / (r + 1.2) in [0, 1); one plain keyword gives 0.45, the confidence
threshold. Ties go to the stronger single piece of evidence, never to the area order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from growthdesk.core.text import PARTICLES, STOPWORDS, fold, stem, terms, tokens
from growthdesk.skills import ngrams
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.taxonomy import LANGS, MIN_STEM, Taxonomy, load_taxonomy, raw_skills

__all__ = [
    "suggest",
    "decide",
    "learn",
    "unlearn",
    "correct",
    "build_model",
    "empty_model",
    "term_counts",
    "THRESHOLD",
    "MODEL_VERSION",
    "skip_token",
]

W_STRONG = 1.6
W_KEYWORD = 1.0
W_WEAK = 0.4
W_PHRASE = 2.2
W_SYMPTOM = 0.9  # a '~' phrase names a symptom ("loopt vast", "keeps dropping"), not an object
COMPOUND_FACTOR = 0.9  # a keyword found inside a compound is slightly less certain
FUZZY_FACTOR = 0.8  # and one found through a typo less still
HINT_FACTOR = 1.0  # an imported ticket's category counts like the text itself
SCORE_K = 1.2  # score = raw / (raw + SCORE_K)
THRESHOLD = 0.45  # one plain keyword; a weak word, a typo or a generic word alone is not enough
SECONDARY_RATIO = 0.75  # a second area is applied when its evidence is >= 75% of the best
MAX_APPLIED = 3
PHRASE_GAP = 2  # words allowed between two words of a phrase ("loopt steeds vast")

# Boundary rules. A request to install beats the product's own area ("install Acrobat" is
# software_install, not office_apps); a device next to a failure word beats the application
# it failed in ("camera fails before the Teams meeting" is telephony_av, not m365). The rule's
# area is lifted just above the leader when the leader is one of the areas it beats.
REQUEST_AREA = "software_install"
# Request forms only: a past participle ("geinstalleerd", "installed") reports what was done
# before something else failed ("plug-in geinstalleerd, nu werkt afrekenen niet"), so it is
# evidence for software_install but not a request that beats the failing application.
_INSTALL_WORDS = "install installs installing installeren installatie"
_APP_AREAS = frozenset(
    {"office_apps", "m365_collaboration", "email_calendar", "business_apps", "data_reporting"}
)
# An access request beats the application it is for ("graag toegang tot de gedeelde mailbox",
# "please give me access to the Power BI report" are access_permissions): an access word with an
# asking word near it. "I can't access Outlook" has no asking word and stays with the app.
ACCESS_AREA = "access_permissions"
_ACCESS_WORDS = "access toegang rechten permission permissions machtiging"
_ASK_WORDS = (
    "need needs needed give grant granted request requested requesting please "
    "graag aanvragen aangevraagd aanvraag krijgen toekennen nodig"
)
# A login that fails in a named line-of-business product is that product failing ("Magister
# login werkt niet" is business_apps, accounts_passwords secondary, by the labelling rules of
# tests/data/heldout/README.md); only a strong keyword names a product. It beats the login only.
APP_AREA = "business_apps"
_BEATS = {APP_AREA: frozenset({"accounts_passwords"})}  # the other rules beat _APP_AREAS
# A training request beats the application it is about ("een cursus Excel", "training on the
# SharePoint list" are user_guidance). Only words that ask to be taught: "uitleg" and "explain"
# also ask why something failed ("kun je uitleggen waarom Outlook crasht"), so they are not here.
GUIDE_AREA = "user_guidance"
_GUIDE_WORDS = (
    "training trainingen cursus workshop wegwijs handleiding instructie instructies demo "
    "tutorial walkthrough opfriscursus introductie elearning manual guide"
)
DEVICE_AREAS = frozenset({"telephony_av", "hardware", "printing"})
DEVICE_SPAN = 3  # tokens between the device and the failure word
LIFT = 0.3  # raw evidence a rule's area gets above the leader it beats
_FAIL_WORDS = (
    "fail fails failed failing broken stopped dead working works werkt kapot defect "
    "mislukt doet nothing niks"
)

# The shipped n-gram model (growthdesk.skills.ngrams) adds NGRAM_WEIGHT * its probability
# for each area it gives at least NGRAM_FLOOR; without a keyword it stays below THRESHOLD.
# Both chosen on 5-fold cross-validation (bench/cv_tagger.py): 1.5-6 and 0.02-0.1 are within
# a point of each other there; NGRAM_PEAK 0.2 costs nothing there.
NGRAM_WEIGHT = 2.5
NGRAM_FLOOR = 0.05
OWN_LESSON = 1.0  # learned evidence from which the user's tags replace the shipped model
NGRAM_PEAK = 0.2  # the model says nothing when no area gets this much (gibberish)
# A model this sure of an area ranks it first over keyword evidence weaker than NGRAM_OUTRANKS
# (one plain keyword, a weak word and a compound part), still shown below the threshold. On
# 5-fold cross-validation (bench/cv_tagger.py) 0.6-0.9 with 1.5 all beat the capped rank on
# every line; with 2.0 or no limit the model outvotes good keywords in the real texts.
NGRAM_SURE = 0.8
NGRAM_OUTRANKS = 1.5

# Learning. Evidence of a learned term for area a is LEARN_WEIGHT * lift * confidence, where
# lift = how much more often the term goes with a than a does overall (0..1) and confidence
# grows with the number of hand-tagged wins that contain the term (full at LEARN_FULL_AT).
MODEL_VERSION = 2
LEARN_WEIGHT = 1.5
LEARN_FULL_AT = 3
MAX_TERMS = 5000  # the model keeps at most this many terms (under ~250 KB of JSON) ...
KEEP_TERMS = 4000  # ... pruning the rarest down to this many when it grows past it
PROTECT_RECENT = 500  # terms seen in the last 500 hand-tagged wins are never pruned
MAX_SKILLS_PER_TERM = 4
TERM_COUNT_CAP = 200  # counts of one term are halved past this, so old habits fade

Match = tuple[str, float, str]  # (area id, weight, what matched)

SHORT_TOKEN = 4  # a token this short matches only keywords at most one letter longer


def _stem(token: str) -> str:
    return stem(token, MIN_STEM)


_INSTALL_TOKENS = frozenset(_INSTALL_WORDS.split())  # whole words: the stems of both forms are one
_FAIL_STEMS = frozenset(_stem(w) for w in _FAIL_WORDS.split())
_ACCESS_TOKENS = frozenset(_ACCESS_WORDS.split())
_GUIDE_TOKENS = frozenset(_GUIDE_WORDS.split())
_ASK_TOKENS = frozenset(_ASK_WORDS.split())


@dataclass
class _Index:
    """Keyword look-up tables compiled once from the taxonomy."""

    exact: dict[str, list[Match]] = field(default_factory=dict)  # '=word' entries, by word
    by_stem: dict[str, list[Match]] = field(default_factory=dict)
    short: dict[str, list[Match]] = field(default_factory=dict)  # by_stem, short keywords only
    generic: set[str] = field(default_factory=set)  # stems of generic single words
    phrases: dict[str, list[tuple[tuple[str, ...], str, float, str]]] = field(default_factory=dict)
    deletes: dict[str, set[str]] = field(default_factory=dict)  # typo look-up (one edit)
    deletes_built: bool = (
        False  # built on the first unknown word: a plain `log --skill` never needs it
    )
    vocab: set[str] = field(default_factory=set)  # folded words that may be typo targets
    cache: dict[str, tuple[tuple[Match, ...], tuple[str, ...]]] = field(default_factory=dict)


def _add(table: dict[str, list[Match]], key: str, match: Match) -> None:
    entries = table.setdefault(key, [])
    for i, (area, weight, _what) in enumerate(entries):
        if area == match[0]:
            if match[1] > weight:
                entries[i] = match
            return
    entries.append(match)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_INDEXES: dict[int, tuple[Taxonomy, _Index]] = {}


def _index_for(taxonomy: Taxonomy) -> _Index:
    """The compiled index of *taxonomy*, built once per taxonomy object."""
    hit = _INDEXES.get(id(taxonomy))
    if hit is not None and hit[0] is taxonomy:
        return hit[1]
    if len(_INDEXES) >= 4:
        _INDEXES.clear()
    idx = _build_index(taxonomy)
    _INDEXES[id(taxonomy)] = (taxonomy, idx)
    return idx


def _build_index(taxonomy: Taxonomy) -> _Index:
    idx = _Index()
    for lang in LANGS:
        for word in taxonomy.generic[lang]:
            toks = tokens(word)
            if len(toks) == 1:
                idx.generic.add(_stem(toks[0]))
                idx.vocab.add(toks[0])
    for area in taxonomy.areas:
        weighted: list[tuple[str, float]] = [(w, W_STRONG) for w in area.strong]
        for lang in LANGS:
            weighted += [(w, W_KEYWORD) for w in area.keywords[lang]]
            weighted += [(w, W_WEAK) for w in area.weak[lang]]
        for word, weight in weighted:
            if word.startswith("="):
                _add(idx.exact, word[1:], (area.id, weight, word[1:]))
            else:
                _add(idx.by_stem, _stem(word), (area.id, weight, word))
                if len(word) <= SHORT_TOKEN + 1:  # "plan" must not match "planner"
                    _add(idx.short, _stem(word), (area.id, weight, word))
                idx.vocab.add(word)
        for lang in LANGS:
            for phrase in area.phrases[lang]:
                weight = W_SYMPTOM if phrase.startswith("~") else W_PHRASE
                phrase = phrase.lstrip("~")
                toks = tokens(phrase)
                stems = tuple(_stem(t) for t in toks)
                idx.phrases.setdefault(stems[0], []).append((stems, area.id, weight, phrase))
                idx.vocab.update(t for t in toks if len(t) >= 6)
    return idx


def _typo_index(idx: _Index) -> dict[str, set[str]]:
    if not idx.deletes_built:
        for word in idx.vocab:
            if len(word) >= 5:
                idx.deletes.setdefault(word, set()).add(word)
                for d in _deletes(word):
                    idx.deletes.setdefault(d, set()).add(word)
        idx.deletes_built = True
    return idx.deletes


def _part_matches(idx: _Index, part: str) -> list[Match] | None:
    """Like _stem_matches, for a compound part: whole-word keywords count from 5 letters."""
    if len(part) >= 5 and part in idx.exact:
        return idx.exact[part]
    return _stem_matches(idx, part)


def _stem_matches(idx: _Index, part: str) -> list[Match] | None:
    """Matches of one word or compound part; [] for a generic word, None for unknown."""
    st = _stem(part)
    if st in idx.generic:
        return []
    return (idx.short if len(part) <= SHORT_TOKEN else idx.by_stem).get(st)


def _typo_target(idx: _Index, tok: str) -> str | None:
    """A vocabulary word one edit away from *tok*.

    Short words only match a dropped or extra letter ("outlok", "printr"): allowing a changed
    letter there turns real words into keywords ("coming" -> "coding"). From 8 letters on a
    changed or swapped letter is allowed too ("recieved", "suspicous").
    """
    deletes = _typo_index(idx)
    found: set[str] = {w for w in deletes.get(tok, ()) if len(w) == len(tok) + 1}
    for d in _deletes(tok):
        if d in idx.vocab and len(d) >= 5:
            found.add(d)
        if len(tok) >= 8:
            found.update(w for w in deletes.get(d, ()) if len(w) == len(tok))
    found.discard(tok)
    return min(found, key=lambda w: (abs(len(w) - len(tok)), w)) if found else None


def _analyse(idx: _Index, tok: str) -> tuple[tuple[Match, ...], tuple[str, ...]]:
    """(keyword matches, forms for phrase matching) of one folded token, cached."""
    hit = idx.cache.get(tok)
    if hit is not None:
        return hit
    matches: list[Match] = list(idx.exact.get(tok, ()))
    forms = [_stem(tok), tok]
    direct = _stem_matches(idx, tok)
    if direct is None and not matches:
        base = _diminutive_base(idx, tok)
        if base is not None:
            forms.append(_stem(base))
            direct = _stem_matches(idx, base)
    if direct is not None:
        matches.extend(direct)
    elif not matches and tok not in STOPWORDS and not tok.isdigit():
        matches.extend(_compound(idx, tok, forms))
        if not matches and len(tok) >= 6:
            target = _typo_target(idx, tok)
            if target is not None:
                forms.append(_stem(target))
                for area, weight, what in _stem_matches(idx, target) or ():
                    matches.append((area, weight * FUZZY_FACTOR, what))
    result = (tuple(matches), tuple(dict.fromkeys(forms)))
    if len(idx.cache) > 50_000:  # bound memory in long-running processes
        idx.cache.clear()
    idx.cache[tok] = result
    return result


def _diminutive_bases(tok: str) -> list[str]:
    """What a Dutch diminutive may be made of, likeliest first: "mapje" map, "linkje" link,
    "printertje" printer, "schermpje" scherm, "tabelletje" tabel, "agendaatje" agenda."""
    word = tok[:-1] if tok.endswith("jes") else tok
    if len(word) < 5 or not word.endswith("je"):
        return []
    out = [word[:-2]]  # "-je" after most consonants
    if word.endswith(("tje", "pje")):
        out.append(word[:-3])  # "-tje" after a vowel, l, n, r, w; "-pje" after m
        if word.endswith("etje") and len(word) > 6 and word[-5] == word[-6]:
            out.append(word[:-5])  # "-etje" doubles the consonant: "balletje" bal
        if len(word) > 5 and word[-4] == word[-5] and word[-4] in "aou":
            out.append(word[:-4])  # a doubled long vowel: "autootje" auto
    return [b for b in out if len(b) >= 3]


def _diminutive_base(idx: _Index, tok: str) -> str | None:
    """The known word a Dutch diminutive is made of, if any: the lexicon decides between the
    possible bases ("headsetje" is headset + je, "printertje" printer + tje)."""
    for base in _diminutive_bases(tok):
        if base in idx.exact or _stem_matches(idx, base):
            return base
    return None


def _compound(idx: _Index, tok: str, forms: list[str]) -> list[Match]:
    """Split a Dutch compound into two known parts (or one long known part)."""
    if len(tok) < 7:
        return []
    best: tuple[int, list[Match], list[str]] | None = None
    for i in range(3, len(tok) - 2):
        head, tail = tok[:i], tok[i:]
        hm = _part_matches(idx, head) if len(head) >= 4 else None
        tm = _part_matches(idx, tail)
        if hm is None and tm is None:
            continue
        if (hm is None or tm is None) and len(head if hm is not None else tail) < 5:
            continue  # one short known part inside an unknown word is too weak a signal
        covered = (len(head) if hm is not None else 0) + (len(tail) if tm is not None else 0)
        if best is None or covered > best[0]:
            parts = [p for p, m in ((head, hm), (tail, tm)) if m is not None]
            best = (covered, (hm or []) + (tm or []), [_stem(p) for p in parts])
    if best is None:
        return []
    forms.extend(best[2])
    return [(area, weight * COMPOUND_FACTOR, what) for area, weight, what in best[1]]


def _phrase_hits(idx: _Index, forms: Sequence[tuple[str, ...]]) -> list[Match]:
    """Phrases found in order; within one area, overlapping phrases count only once (the
    heaviest), so "on her new phone" is not both "new phone" and "on her phone"."""
    spans: list[tuple[float, int, int, str, str]] = []
    n = len(forms)
    for i in range(n):
        for first in forms[i]:
            for stems, area, weight, phrase in idx.phrases.get(first, ()):
                pos = i
                for want in stems[1:]:
                    nxt = next(
                        (
                            j
                            for j in range(pos + 1, min(n, pos + 2 + PHRASE_GAP))
                            if want in forms[j]
                        ),
                        None,
                    )
                    if nxt is None:
                        break
                    pos = nxt
                else:
                    spans.append((weight, i, pos, area, phrase))
    hits: list[Match] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for weight, start, end, area, phrase in sorted(spans, key=lambda h: (-h[0], h[1], h[4])):
        used = taken.setdefault(area, [])
        if any(start <= e and s <= end for s, e in used):
            continue
        used.append((start, end))
        hits.append((area, weight, phrase))
    return hits


@dataclass
class _Evidence:
    """What one text matched: per area {keyword stem or phrase: weight}, and where first."""

    found: dict[str, dict[str, float]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # area -> position of its first match
    lift: list[str] = field(default_factory=list)  # areas a boundary rule puts above the apps

    def add(self, area: str, key: str, weight: float, pos: int) -> None:
        seen = self.found.setdefault(area, {})
        seen[key] = max(seen.get(key, 0.0), weight)
        self.first.setdefault(area, pos)


def _separable_verbs(idx: _Index, toks: Sequence[str]) -> list[tuple[int, list[Match], str]]:
    """Dutch separable verbs put back together where the lexicon knows the whole verb: "om in
    te loggen" is "inloggen", "op te starten" "opstarten". (position of the verb, its matches,
    its stem) for each. Only after "te", which English never has: a particle after its verb
    ("log niet in") reads the same as English "after I logged in", and joining it there cost
    more seed texts than it won on cross-validation (bench/cv_tagger.py)."""
    out = []
    for i in range(len(toks) - 2):
        if toks[i] in PARTICLES and toks[i + 1] == "te":
            joined = toks[i] + toks[i + 2]
            matches = _stem_matches(idx, joined)
            if matches:
                out.append((i + 2, matches, _stem(joined)))
    return out


def _keyword_evidence(idx: _Index, text: str) -> _Evidence:
    """The keywords and phrases of *text*; one word counts once per area, whatever its
    inflection; ``lift`` names the areas whose boundary rule fired."""
    ev = _Evidence()
    all_forms: list[tuple[str, ...]] = []
    request = False
    guide = False
    fails: list[int] = []
    devices: list[tuple[int, str]] = []
    access: list[int] = []
    asks: list[int] = []
    toks = tokens(text)
    for pos, tok in enumerate(toks):
        matches, forms = _analyse(idx, tok)
        all_forms.append(forms)
        request = request or tok in _INSTALL_TOKENS
        guide = guide or tok in _GUIDE_TOKENS
        if forms[0] in _FAIL_STEMS:
            fails.append(pos)
        if tok in _ACCESS_TOKENS:
            access.append(pos)
        elif tok in _ASK_TOKENS:
            asks.append(pos)
        for area, weight, what in matches:
            ev.add(area, _stem(what), weight, pos)
            if area in DEVICE_AREAS and weight > W_WEAK:
                devices.append((pos, area))
    for pos, joined, form in _separable_verbs(idx, toks):
        all_forms[pos] += (form,)
        for area, weight, what in joined:
            ev.add(area, _stem(what), weight, pos)
    for area, weight, phrase in _phrase_hits(idx, all_forms):
        ev.add(area, phrase, weight, len(all_forms))
    ev.lift = [area for pos, area in devices if any(abs(pos - f) <= DEVICE_SPAN for f in fails)]
    if request and REQUEST_AREA in ev.found:
        ev.lift.append(REQUEST_AREA)
    if fails and max(ev.found.get(APP_AREA, {}).values(), default=0.0) >= W_STRONG:
        ev.lift.append(APP_AREA)
    if guide and GUIDE_AREA in ev.found:
        ev.lift.append(GUIDE_AREA)
    if ACCESS_AREA in ev.found and any(abs(a - q) <= DEVICE_SPAN for a in access for q in asks):
        ev.lift.append(ACCESS_AREA)
    return ev


def skip_token(token: str) -> bool:
    """True for a generic word ("storing", "error"), which no model may learn from."""
    return _stem(token) in _index_for(load_taxonomy()).generic


def _ngram_evidence(idx: _Index, text: str) -> dict[str, float]:
    model = ngrams.load_model()
    if model is None:
        return {}
    feats = ngrams.features(text, lambda tok: _stem(tok) in idx.generic)
    posterior = model.posterior(feats)
    if max(posterior.values(), default=0.0) < NGRAM_PEAK:
        return {}  # no area stands out: gibberish or a text unlike any training text
    return {a: NGRAM_WEIGHT * p for a, p in posterior.items() if p >= NGRAM_FLOOR}


# ---------------------------------------------------------------- learned model


def empty_model() -> dict[str, Any]:
    """A fresh per-user model.

    ``terms`` maps a term to a row ``{"_": wins with the term, "@": seq when last seen,
    "<skill index>": wins with the term tagged so}``; skill indexes (into SKILL_IDS) keep the
    JSON small. ``seq`` counts learn operations and only grows.
    """
    return {"version": MODEL_VERSION, "wins": 0, "seq": 0, "skills": {}, "terms": {}}


def _valid(model: Mapping[str, Any] | None) -> bool:
    return (
        isinstance(model, Mapping)
        and model.get("version") == MODEL_VERSION
        and isinstance(model.get("terms"), Mapping)
        and isinstance(model.get("skills"), Mapping)
    )


def term_counts(model: Mapping[str, Any] | None, term: str) -> dict[str, int]:
    """{skill id: count} learned for one term (stemmed concept, see growthdesk.core.text.terms)."""
    if not _valid(model):
        return {}
    assert model is not None
    row = model["terms"].get(term) or {}
    return {SKILL_IDS[int(k)]: v for k, v in row.items() if k.isdigit() and int(k) < len(SKILL_IDS)}


def _learn_terms(text: str) -> set[str]:
    generic = _generic_stems()
    return {t for t in terms(text) if len(t) >= 2 and not t.isdigit() and t not in generic}


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    """Stems (as growthdesk.core.text.terms makes them) of the taxonomy's generic words, read
    without loading (and checking) the whole taxonomy: learning from a hand-tagged `log`
    needs only these, and the full load costs ~40 ms."""
    raw = raw_skills()
    out: set[str] = set()
    for lang in LANGS:
        for value in raw.get("generic", {}).get(lang) or ():
            toks = tokens(fold(value).strip())
            if len(toks) == 1:
                out.add(stem(toks[0]))
    return frozenset(out)


def _learned_evidence(model: Mapping[str, Any], text: str) -> dict[str, float]:
    wins = max(int(model.get("wins", 0)), 0)
    if wins == 0:
        return {}
    skills: Mapping[str, int] = model["skills"]
    table: Mapping[str, Mapping[str, int]] = model["terms"]
    k = len(SKILL_IDS)
    out: dict[str, float] = {}
    for term in _learn_terms(text):
        row = table.get(term)
        if not row:
            continue
        n = row.get("_", 0)
        if n <= 0:
            continue
        confidence = min(1.0, n / LEARN_FULL_AT)
        for key, count in row.items():
            if not key.isdigit() or count <= 0 or int(key) >= k:
                continue
            skill = SKILL_IDS[int(key)]
            p = count / (n + 1)  # shrunk towards 0 for rare terms
            prior = (skills.get(skill, 0) + 1) / (wins + k)  # smoothed: never 1
            if p > prior:
                lift = (p - prior) / (1 - prior)
                out[skill] = out.get(skill, 0.0) + LEARN_WEIGHT * lift * confidence
    return out


def _copy_for_update(model: Mapping[str, Any] | None) -> dict[str, Any]:
    if not _valid(model):
        return empty_model()
    assert model is not None
    # Shallow copies: the caller's dict stays untouched; rows are replaced, never edited.
    return {
        "version": MODEL_VERSION,
        "wins": int(model.get("wins", 0)),
        "seq": int(model.get("seq", 0)),
        "skills": dict(model["skills"]),
        "terms": dict(model["terms"]),
    }


_SKILL_KEY = {s: str(i) for i, s in enumerate(SKILL_IDS)}


def _apply(model: dict[str, Any], text: str, skills: Iterable[str], sign: int) -> None:
    wanted = sorted({_SKILL_KEY[s] for s in skills if s in _SKILL_KEY})
    if not wanted or (sign < 0 and model["wins"] <= 0):
        return
    table: dict[str, dict[str, int]] = model["terms"]
    model["wins"] = max(0, model["wins"] + sign)
    if sign > 0:
        model["seq"] = model.get("seq", 0) + 1
    for key in wanted:
        sid = SKILL_IDS[int(key)]
        left = model["skills"].get(sid, 0) + sign
        if left > 0:
            model["skills"][sid] = left
        else:
            model["skills"].pop(sid, None)
    for term in _learn_terms(text):
        row = dict(table.get(term) or {})
        if sign < 0 and not row:
            continue
        row["_"] = row.get("_", 0) + sign
        for key in wanted:
            row[key] = row.get(key, 0) + sign
        if sign > 0:
            row["@"] = model["seq"]
        counts = {k: v for k, v in row.items() if k.isdigit() and v > 0}
        if row["_"] <= 0 or not counts:
            table.pop(term, None)
            continue
        if len(counts) > MAX_SKILLS_PER_TERM:
            # A term spread over many areas says little; keep its strongest associations.
            keep = sorted(counts.items(), key=lambda kv: (-kv[1], int(kv[0])))
            counts = dict(keep[:MAX_SKILLS_PER_TERM])
        n = row["_"]
        if n > TERM_COUNT_CAP:
            n //= 2
            counts = {k: v // 2 for k, v in counts.items() if v // 2 > 0}
        table[term] = {"_": n, "@": row.get("@", 0), **counts}
    if len(table) > MAX_TERMS:
        _prune(table, model["seq"])


def _prune(table: dict[str, dict[str, int]], seq: int) -> None:
    """Drop the least used terms, oldest first; terms seen recently are always kept, so a new
    word can gather the few examples it needs before its first pruning."""
    recent = seq - PROTECT_RECENT
    candidates = sorted(
        (t for t, row in table.items() if row.get("@", 0) < recent),
        key=lambda t: (table[t].get("_", 0), table[t].get("@", 0), t),
    )
    for term in candidates[: max(0, len(table) - KEEP_TERMS)]:
        del table[term]


def learn(model: dict[str, Any] | None, text: str, skills: list[str]) -> dict[str, Any]:
    """The model after learning that *text* was tagged *skills* by hand (input not mutated)."""
    new = _copy_for_update(model)
    _apply(new, text, skills, +1)
    return new


def unlearn(model: dict[str, Any] | None, text: str, skills: list[str]) -> dict[str, Any]:
    """Take back one earlier ``learn(model, text, skills)``. Counts never go below zero.

    Only call it for tags that were learned, i.e. a win whose skills_source was "manual";
    ``correct`` does that check for you.
    """
    new = _copy_for_update(model)
    _apply(new, text, skills, -1)
    return new


def correct(
    model: dict[str, Any] | None,
    old_text: str,
    old_skills: list[str],
    old_source: str,
    new_text: str,
    new_skills: list[str],
) -> dict[str, Any]:
    """A hand correction (``wins edit``): forget the old tags if they were learned, learn the new.

    Auto-tagged skills were never learned, so correcting them only adds evidence and can never
    erase what the user taught by hand on other wins.
    """
    new = _copy_for_update(model)
    if old_source == "manual":
        _apply(new, old_text, old_skills, -1)
    _apply(new, new_text, new_skills, +1)
    return new


def build_model(wins: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Rebuild the model from every win whose skills were set by hand."""
    model = empty_model()
    for win in wins:
        if win.get("skills_source") == "manual" and win.get("skills"):
            _apply(model, str(win.get("problem") or ""), list(win["skills"]), +1)
    return model


# ---------------------------------------------------------------- suggest / decide


def _raw_scores(
    text: str, model: Mapping[str, Any] | None, hint: str | None, taxonomy: Taxonomy
) -> dict[str, tuple[float, float, int, int, float]]:
    """area -> (raw evidence, strongest piece, pieces, -first position, shown evidence): the
    first four rank; the last is the evidence the shown score is made of."""
    idx = _index_for(taxonomy)
    ev = _keyword_evidence(idx, text)
    raw = {area: sum(found.values()) for area, found in ev.found.items()}
    if hint:
        for area, found in _keyword_evidence(idx, hint).found.items():
            raw[area] = raw.get(area, 0.0) + HINT_FACTOR * sum(found.values())
    learned: dict[str, float] = {}
    if _valid(model):
        assert model is not None
        learned = _learned_evidence(model, text)
        for area, value in learned.items():
            raw[area] = raw.get(area, 0.0) + value
    sure = _from_score(THRESHOLD)
    # The user's own lessons beat the shipped model: where they speak clearly, it is not asked.
    shipped = {} if max(learned.values(), default=0.0) >= OWN_LESSON else _ngram_evidence(idx, text)
    # The model ranks, but never makes a tag confident on its own: an area without a keyword
    # or the user's own tags strong enough gets a shown score below the threshold (``cap``).
    # Its rank is capped too, below one plain keyword, unless the model is sure of it and no
    # other area has keyword evidence of NGRAM_OUTRANKS: then the model's ranking decides.
    cap: dict[str, float] = {}
    own_raw = dict(raw)
    for area, value in shipped.items():
        own = own_raw.get(area, 0.0)
        total = own + value
        if own >= sure:
            raw[area] = total
            continue
        capped = min(total, sure * math.tanh(total / sure))
        rival = max((v for a, v in own_raw.items() if a != area), default=0.0)
        free = value >= NGRAM_SURE * NGRAM_WEIGHT and rival < NGRAM_OUTRANKS
        raw[area] = total if free else capped
        # visibly below the threshold, also when shown with two decimals
        cap[area] = min(capped, _from_score(THRESHOLD - 0.01))
    for area in dict.fromkeys(ev.lift):  # the failing device first, then the request
        leader = max(raw, key=lambda a: raw[a])
        if leader in _BEATS.get(area, _APP_AREAS):
            raw[area] = max(raw[area], raw[leader] + LIFT)
            cap.pop(area, None)
    out: dict[str, tuple[float, float, int, int, float]] = {}
    for area, value in raw.items():
        if value > 0:
            found = ev.found.get(area, {})
            strongest = max(found.values(), default=0.0)
            shown = cap.get(area, value)
            out[area] = (value, strongest, len(found), -ev.first.get(area, 1 << 30), shown)
    return out


def _to_score(raw: float) -> float:
    return round(raw / (raw + SCORE_K), 3)


def suggest(
    text: str,
    model: dict[str, Any] | None = None,
    hint: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[tuple[str, float]]:
    """Skill areas for *text*, best first, as (skill id, score in [0, 1]); [] if nothing matched.
    Ties go to the stronger single piece of evidence, then more pieces, then the earlier one."""
    raw = _raw_scores(text, model, hint, taxonomy or load_taxonomy())
    ranked = sorted(raw.items(), key=lambda kv: (kv[1][:4], kv[0]), reverse=True)
    out: list[tuple[str, float]] = []
    ceiling = float("inf")
    for area, ev in ranked:
        # Shown scores never rise down the list: when the model puts an area without keyword
        # evidence first, the keyword-backed areas below it are not confident either.
        ceiling = min(ceiling, ev[4])
        out.append((area, _to_score(ceiling)))
    return out


def _from_score(score: float) -> float:
    return SCORE_K * score / (1 - score) if score < 1 else float("inf")


def decide(ranked: Sequence[tuple[str, float]]) -> tuple[list[str], bool]:
    """(skills to apply, confident). Below the threshold: ([], False) and the caller asks."""
    if not ranked or ranked[0][1] < THRESHOLD:
        return [], False
    best = _from_score(ranked[0][1])
    chosen = [ranked[0][0]]
    for skill, score in ranked[1:MAX_APPLIED]:
        if score >= THRESHOLD and _from_score(score) >= SECONDARY_RATIO * best:
            chosen.append(skill)
    return chosen, True
