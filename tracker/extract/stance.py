"""Which way a clause leans on a topic, and whose lean it is.

A topic is named by a cue phrase (from ``topics.yaml``). A cue alone is no
stance: it needs a trigger that governs it ("called for", "backed", "voted
for", "in support of", or after it: "a ceasefire was needed"). An oppose cue
("resisted pressure", "helped defeat") or a negation ("did not back") turns
the trigger round. The holder is found by walking back from the trigger to
its subject: a named person, a pronoun, a group ("40 Labour MPs") or a thing
("a vote calling for"); only a person, or the speaker of a quotation, holds a
position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .records import TopicSpec
from .text import Word

_SUPPORT = (
    r"call(?:s|ed|ing)?(?:\s+on\s+[\w’']+(?:\s+[\w’']+)?)?\s+(?:for|to)|urg(?:e|es|ed|ing)|back(?:s|ed|ing)?|"
    r"support(?:s|ed|ing)?|endors(?:e|es|ed|ing)|vot(?:e|es|ed|ing)\s+(?:for|in\s+favour\s+of)|in\s+favour\s+of|"
    r"favour(?:s|ed|ing)?|argu(?:e|es|ed|ing)\s+for|demand(?:s|ed|ing)?|(?:press|push)(?:es|ed|ing)?\s+for|"
    r"plead(?:s|ed|ing)?\s+for|plea\s+for|appeal(?:s|ed|ing)?\s+for|campaign(?:s|ed|ing)?\s+for|need(?:s|ed)?(?:\s+for)?|"
    r"ask(?:s|ed|ing)?\s+for|"
    r"want(?:s|ed)?|agree(?:s|d)?\s+to|seek(?:s|ing)?|sought|advocat(?:e|es|ed|ing)|pressure\s+for|"
    r"in\s+support\s+of|welcom(?:e|es|ed|ing)|champion(?:s|ed|ing)?|implor(?:e|es|ed|ing)"
)
SUPPORT = re.compile(rf"\b(?:{_SUPPORT})\b", re.IGNORECASE)
OPPOSE = re.compile(
    r"\b(?:oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|resist(?:s|ed|ing)?|refus(?:e|es|ed|ing)\s+to|"
    r"declin(?:e|es|ed|ing)\s+to|rul(?:e|es|ed|ing)\s+out|help(?:s|ed)?\s+(?:to\s+)?defeat|"
    r"vot(?:e|es|ed|ing)\s+(?:down|against)|(?:argu|spok|speak|came\s+out|com(?:e|es|ing)\s+out)\w*\s+against|"
    r"dismiss(?:es|ed|ing)|block(?:s|ed|ing)|veto(?:es|ed|ing)?|(?:refusal|failure|failing|failed)\s+to)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^[”\"’]?\s*(?:(?:was|is|were|are|be|would\s+be)\s+(?P<not>not\s+)?(?:urgently\s+|now\s+|badly\s+)?"
    r"[“\"‘]?(?:needed|necessary|essential|vital|required|the\s+only\s+way|(?:the\s+)?(?:right|correct|best|only)\s+"
    r"[“\"‘]?(?:course|approach|answer|way|option|thing|step|position|decision|response))|(?:should|must)\s+(?:now\s+)?be\s+(?:called\s+for|agreed|"
    r"implemented|backed)|now(?=\s*[.,;!?”\"’]))",
    re.IGNORECASE,
)
# "we do not believe that a ceasefire is the right course": the belief denied turns the predicate round
_DENIED_BELIEF = re.compile(
    r"\b(?:(?:do|does|did)\s+not|don[’']t|doesn[’']t|never)\s+(?:\w+\s+)?(?:believe|think|accept|agree)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|n[’']t|cannot|nor)\b\W*(?:\w+\W+){0,2}$", re.IGNORECASE)
_NOT_YET = re.compile(r"\b(?:yet\s+to|(?:stopped|stops|stop|fell|falls|fall)\s+short\s+of)\W*(?:\w+\W+){0,2}$",
                      re.IGNORECASE)
_FAILURE = re.compile(
    r"\b(?:condemn|criticis|criticiz|attack|slam|lambast|decr[iy])\w*\s+(?:\w+[’']?s?\s+){0,2}(?:failure|refusal)\s+"
    r"to\s*$",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:would|could|might|may)\s+(?!have\b)(?:\w+\s+){0,2}$", re.IGNORECASE)
_CONDITION_AFTER = re.compile(
    r"^[^.;]*?\b(?:if|provided|as\s+long\s+as|only\s+if|on\s+condition|so\s+long\s+as"
    r"|once|unless)\b",
    re.IGNORECASE,
)
_COUNTERFACTUAL = re.compile(r"\bwould\s+have\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
VOTE = re.compile(r"\bvot(?:e|es|ed|ing)\b", re.IGNORECASE)
ABSTAIN = re.compile(r"\babstain(?:s|ed|ing)?\b", re.IGNORECASE)
QUALIFIER_WORDS = ("immediate", "permanent", "bilateral", "humanitarian")

SUBJECT_PRONOUNS = frozenset(["i", "we", "he", "she", "they", "you"])
OBJECT_PRONOUNS = frozenset(["him", "her", "them", "me", "us"])
FIRST_PERSON = frozenset(["i", "we", "my", "our", "me", "us", "myself", "ourselves"])
GROUP_WORDS = frozenset(
    [
        "mps",
        "members",
        "councillors",
        "rebels",
        "people",
        "thousands",
        "hundreds",
        "dozens",
        "many",
        "some",
        "others",
        "colleagues",
        "ministers",
        "parties",
        "protesters",
        "protestors",
        "campaigners",
        "crowds",
        "crowd",
        "students",
        "experts",
        "figures",
        "residents",
        "constituents",
        "msps",
        "peers",
        "leaders",
        "governments",
        "government",
        "countries",
        "nations",
        "states",
        "unions",
        "charities",
        "groups",
        "those",
        "everyone",
        "all",
        "most",
        "party",
        "labour",
        "tories",
        "conservatives",
        "snp",
        "backbenchers",
        "frontbenchers",
        "activists",
        "voters",
        "public",
        "majority",
        "minority",
        "number",
        "none",
        "few",
    ]
)
THING_WORDS = frozenset(
    [
        "vote",
        "votes",
        "motion",
        "motions",
        "amendment",
        "amendments",
        "resolution",
        "resolutions",
        "letter",
        "letters",
        "calls",
        "call",
        "pressure",
        "campaign",
        "protest",
        "protests",
        "march",
        "marches",
        "petition",
        "statement",
        "report",
        "plea",
        "bill",
        "debate",
        "speech",
        "this",
        "it",
        "demands",
        "demand",
        "group",
        "coalition",
        "council",
        "language",
        "move",
        "decision",
        "policy",
        "stance",
        "position",
        "deal",
        "proposal",
        "plan",
        "text",
        "paper",
        "article",
        "vigil",
        "rally",
    ]
)
# words passed over between a subject and its verb
SKIP_WORDS = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "repeatedly",
        "previously",
        "already",
        "would",
        "will",
        "is",
        "was",
        "were",
        "been",
        "being",
        "be",
        "now",
        "today",
        "then",
        "still",
        "firmly",
        "publicly",
        "openly",
        "again",
        "once",
        "further",
        "later",
        "earlier",
        "finally",
        "strongly",
        "unequivocally",
        "consistently",
        "yesterday",
        "tonight",
        "last",
        "night",
        "just",
        "even",
        "both",
        "jointly",
        "themselves",
        "herself",
        "himself",
        "itself",
        "to",
        "did",
        "does",
        "do",
        "not",
        "never",
        "n't",
        "can",
        "could",
        "should",
        "must",
        "might",
        "may",
    ]
)
ASK_VERBS = frozenset(
    [
        "urge",
        "urges",
        "urged",
        "urging",
        "ask",
        "asks",
        "asked",
        "asking",
        "press",
        "presses",
        "pressed",
        "pressing",
        "tell",
        "told",
        "telling",
        "encourage",
        "encouraged",
        "encouraging",
        "implore",
        "implored",
        "imploring",
        "lobby",
        "lobbied",
        "lobbying",
        "call",
        "called",
        "calling",
        "want",
        "wanted",
        "wants",
    ]
)


@dataclass(frozen=True)
class CueHit:
    topic: TopicSpec
    start: int
    end: int


@dataclass(frozen=True)
class Lean:
    """A stance a clause takes on a topic, with the trigger that carries it."""

    topic: TopicSpec
    stance: str
    trigger_start: int
    trigger_end: int
    cue: CueHit
    end: int  # where the stance-bearing words end
    qualifiers: tuple[str, ...]
    confidence: float
    vote: bool  # the trigger is a vote ("voted for")
    by_end: int | None = None  # a passive ("was rejected by X"): where the words after "by" begin


class CueMatcher:
    """Cue phrases of all topics in one pattern; at each place the longest phrase wins."""

    def __init__(self, topics: list[TopicSpec]):
        self.topics = topics
        self.by_phrase: dict[str, TopicSpec] = {}
        for t in topics:
            for cue in t.cues:
                self.by_phrase.setdefault(_norm(cue), t)
        phrases = sorted(self.by_phrase, key=len, reverse=True)
        alt = "|".join(_words_pattern(p) for p in phrases)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alt})s?(?![\w-])", re.IGNORECASE) if phrases else None
        # the same phrases by their first word: a text is scanned word by word, each word tried only against
        # the phrases that begin with it (one pattern of hundreds of phrases at every place is slow)
        by_first: dict[str, list[str]] = {}
        for p in phrases:
            first = _FIRST_WORD.match(p)
            if first:
                by_first.setdefault(first.group(), []).append(p)
        self.by_first = {
            w: re.compile(rf"(?<![\w-])(?:{'|'.join(_words_pattern(p) for p in ps)})s?(?![\w-])", re.IGNORECASE)
            for w, ps in by_first.items()
        }
        firsts = "|".join(re.escape(w) for w in sorted(by_first, key=len, reverse=True))
        self.firsts = re.compile(rf"(?<![\w-])(?:{firsts})(?![^\W_])", re.IGNORECASE) if firsts else None
        self.oppose = {t.slug: _phrase_pattern(t.oppose_cues) for t in topics}

    @staticmethod
    @lru_cache(maxsize=16)
    def for_topics(topics: tuple[TopicSpec, ...]) -> CueMatcher:
        """One matcher per set of topics, shared by every text."""
        return CueMatcher(list(topics))

    def find(self, text: str, start: int, end: int) -> list[CueHit]:
        if self.pattern is None:
            return []
        out = []
        pos = start
        for w in self.firsts.finditer(text, start, end):
            if w.start() < pos:
                continue
            pattern = self.by_first.get(w.group().lower())
            m = pattern.match(text, w.start(), end) if pattern is not None else None
            if m is None:
                continue
            phrase = _norm(m.group())
            topic = self.by_phrase.get(phrase) or self.by_phrase.get(phrase[:-1])
            if topic is not None:
                out.append(CueHit(topic, m.start(), m.end()))
                pos = m.end()
        return out


_FIRST_WORD = re.compile(r"[^\W_]+")


def _words_pattern(phrase: str) -> str:
    return r"[\s\u00a0-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))


@lru_cache(maxsize=4096)
def _norm(phrase: str) -> str:
    return " ".join(re.split(r"[\s\u00a0-]+", phrase.lower()))


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not phrases:
        return None
    alt = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


def lean(text: str, hit: CueHit, clause: tuple[int, int], matcher: CueMatcher) -> Lean | None:
    """The stance the clause takes on the cue's topic, or None when it takes none."""
    c_start, c_end = clause
    window_start = _back_words(text, hit.start, c_start, 14)
    before = text[window_start : hit.start]
    oppose_pat = matcher.oppose.get(hit.topic.slug)
    opp = _last(oppose_pat, before) if oppose_pat else None
    opp = opp or _last(OPPOSE, before)
    if opp is not None and opp.group().lower().endswith("ed") and re.search(r"[’']s\s+$", before[: opp.start()]):
        opp = None  # "Israel's rejected ceasefire": a description of the thing, not a stance
    sup_offset = _back_words(text, hit.start, c_start, 9)
    sup = _last(SUPPORT, text[sup_offset : hit.start])
    after = _AFTER.match(text[hit.end : c_end])
    if opp is not None and sup is not None and window_start + opp.start() < sup_offset + sup.start():
        between = text[window_start + opp.end() : sup_offset + sup.start()]
        if re.search(r"[,;]|\b(?:and|who|which|but)\b", between):
            # "X, who opposed the war, called for a ceasefire": the oppose word governs something else
            opp = None
    if opp is not None:
        t_start, t_end = window_start + opp.start(), window_start + opp.end()
        stance, confidence = "oppose", 0.85
        if _NEGATION.search(text[max(c_start, t_start - 30) : t_start]):
            return None  # "did not oppose" says too little
        if _FAILURE.search(text[max(c_start, t_start - 60) : t_end]):
            stance, confidence = "support", 0.6  # "condemned the failure to call for a ceasefire"
    elif sup is not None:
        t_start, t_end = sup_offset + sup.start(), sup_offset + sup.end()
        stance, confidence = "support", 0.9
        lead = text[max(c_start, t_start - 60) : t_start]
        if _NOT_YET.search(lead):
            return None
        elif _NEGATION.search(lead):
            if VOTE.search(text, t_start, t_end):
                return None  # "did not vote for": an abstention says nothing of a stance by itself
            stance, confidence = "oppose", 0.6
    elif after is not None:
        t_start, t_end = hit.start, hit.end + after.end()
        stance, confidence = "support", 0.85
        if after.group("not") or _DENIED_BELIEF.search(text, c_start, hit.start):
            stance, confidence = "oppose", 0.7
    else:
        return None
    end = max(hit.end, t_end)
    if end < c_end and text[end] in '”"’':
        end += 1
    quals = _qualifiers(text, t_start, hit, c_end)
    if "conditional" in quals:
        confidence = min(confidence, 0.55)
    elif _COUNTERFACTUAL.search(text[max(c_start, t_start - 30) : t_start]):
        confidence = min(confidence, 0.75)
    vote = (
        bool(VOTE.search(text[t_start:t_end]) or re.search(r"\b(?:amendment|motion)\b", text[t_end:hit.start], re.I))
        and "conditional" not in quals
        and not _COUNTERFACTUAL.search(text[max(c_start, t_start - 30) : t_start])
    )
    return Lean(hit.topic, stance, t_start, t_end, hit, end, quals, confidence, vote)


# "a ceasefire was opposed by X", "the call for a ceasefire, which was rejected by X", "a ceasefire motion
# put forward by X": the stance is that of whoever comes after "by"
_PASSIVE = re.compile(
    r"^(?:\s+(?:motion|amendment|letter|bill|call|proposal|plan|demand|petition|resolution)s?\b)?"
    r"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+)?"
    r"(?P<not>(?:not|never)\s+)?(?:(?:also|then|later|since|\w+ly)\s+)?"
    r"(?:(?P<oppose>opposed|rejected|dismissed|blocked|vetoed|resisted|ruled\s+out|voted\s+down)|"
    r"(?P<support>backed|supported|endorsed|championed|welcomed|demanded|called\s+for|urged|sought|signed|"
    r"co-signed|tabled|put\s+forward|brought(?:\s+forward)?|moved|proposed|sponsored|led|launched|written))"
    r"\s+by\s+",
    re.IGNORECASE,
)


def passive_lean(text: str, hit: CueHit, clause_start: int, end: int) -> Lean | None:
    """The stance a passive after the cue gives to its agent, who is named after "by"; None when there is no
    such passive or it is negated ("was not backed by")."""
    m = _PASSIVE.match(text[hit.end : end])
    if m is None or m.group("not"):
        return None
    verb = "oppose" if m.group("oppose") else "support"
    t_start = hit.end + m.start(verb)
    t_end = hit.end + m.end(verb)
    quals = _qualifiers(text, _back_words(text, hit.start, clause_start, 3), hit, end)
    confidence = 0.55 if "conditional" in quals else 0.8
    return Lean(hit.topic, verb, t_start, t_end, hit, hit.end + m.end(), quals, confidence, False,
                by_end=hit.end + m.end())


def _qualifiers(text: str, t_start: int, hit: CueHit, c_end: int) -> tuple[str, ...]:
    span = text[t_start : hit.end].lower()
    found = [
        q
        for q in QUALIFIER_WORDS
        if re.search(rf"\b{q}\b", span) and q not in _norm(text[hit.start : hit.end])
    ]
    lead = text[max(0, t_start - 30) : t_start]
    if _CONDITIONAL.search(lead) or (
        _CONDITIONAL.search(lead + " ") is None
        and _CONDITION_AFTER.match(text[hit.end : c_end])
        and not _COUNTERFACTUAL.search(lead)
    ):
        found.append("conditional")
    return tuple(found)


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def _back_words(text: str, pos: int, floor: int, n: int) -> int:
    """The offset ``n`` words before ``pos`` (not before ``floor``, nor more than 25 characters a word back);
    ``floor`` when ``pos`` does not follow white space."""
    if pos <= floor or not text[pos - 1].isspace():
        return floor
    limit = max(floor, pos - 25 * n)
    i = pos
    for _ in range(n):
        while i > limit and text[i - 1].isspace():
            i -= 1
        if i <= limit:
            return limit
        while i > limit and not text[i - 1].isspace():
            i -= 1
    return i


@dataclass(frozen=True)
class Agent:
    """Who a trigger's subject is: a reference, a pronoun, a group, a thing, or the first person."""

    kind: str  # ref | pronoun | first | group | thing | none
    word: Word | None = None
    ref: object | None = None  # mentions.Ref


def walk_back(sentence_words: list[Word], trigger_start: int, ref_at, is_object) -> Agent:
    """Walk back from a trigger to its subject.

    ``ref_at(word)`` gives the reference a word belongs to; ``is_object(ref)``
    says whether a reference stands as an object ("written to X"). Objects
    and object pronouns are passed over; after "to" the walk passes over an
    asked party ("urging both parties to agree to") back to the asker.
    """
    idx = [i for i, w in enumerate(sentence_words) if w.end <= trigger_start]
    adjacent = True
    i = idx[-1] if idx else -1
    while i >= 0:
        w = sentence_words[i]
        ref = ref_at(w)
        if ref is not None:
            if adjacent or not is_object(ref):
                return Agent("ref", w, ref)
            i = _index_before(sentence_words, ref.np_start)
            adjacent = False
            continue
        low = w.lower
        if low.endswith(("’s", "'s")):
            low = low[:-2]
        if low in _PARTY_WORDS and i + 1 < len(sentence_words):
            nxt = sentence_words[i + 1]
            if nxt.end <= trigger_start and nxt.lower not in SKIP_WORDS:
                i, adjacent = i - 1, False  # "the Labour amendment": a party word naming what follows
                continue
        if low in SKIP_WORDS:
            if low == "to":
                j = _asker(sentence_words, i)
                if j is not None:
                    i, adjacent = j, True
                    continue
                adjacent = (
                    False  # "written to X, to ask": what stands before an infinitive is no plain subject
                )
            i -= 1
            continue
        if low in FIRST_PERSON and low not in ("me", "us"):
            return Agent("first", w)
        if low in SUBJECT_PRONOUNS:
            return Agent("pronoun", w)
        if low in OBJECT_PRONOUNS:
            adjacent = False
            i -= 1
            continue
        if low in ("this", "that") and i + 1 < len(sentence_words):
            nxt = sentence_words[i + 1]
            if nxt.end <= trigger_start and nxt.lower not in SKIP_WORDS:
                i -= 1  # "this House": a determiner, not the subject
                continue
        if low in GROUP_WORDS:
            return Agent("group", w)
        if low in THING_WORDS:
            prev = sentence_words[i - 1].lower if i > 0 else ""
            if prev in FIRST_PERSON:
                return Agent("first", sentence_words[i - 1])
            owner = _owner_before(sentence_words, i, ref_at)
            if owner is not None:  # "Richard Burgon's amendment calling for": the owner's position
                return owner
            sponsor = _sponsor_before(sentence_words, i)
            if sponsor is not None:  # "signed a letter calling for": the signer's position
                i, adjacent = sponsor - 1, True
                continue
            return Agent("thing", w)
        adjacent = False
        i -= 1
    return Agent("none")


_PARTY_WORDS = frozenset(["labour", "tories", "conservatives", "snp", "party"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "its", "early", "day"]
)
_MODIFIERS = _DETERMINERS | {"joint", "open", "cross-party"}
# verbs whose subject owns what the thing they act on calls for
SPONSOR_VERBS = frozenset(
    [
        "signed",
        "sign",
        "signs",
        "co-signed",
        "tabled",
        "tables",
        "table",
        "wrote",
        "written",
        "sent",
        "launched",
        "led",
        "brought",
        "put",
        "submitted",
        "moved",
        "proposed",
        "backed",
        "back",
        "backs",
        "supported",
        "support",
        "supports",
        "issued",
    ]
)


def _sponsor_before(sentence_words: list[Word], i: int) -> int | None:
    """Index of the verb whose object is the thing at ``i`` ("signed a letter", "back an SNP amendment")."""
    j = i - 1
    while j >= 0 and i - j <= 4 and (sentence_words[j].lower in _MODIFIERS or sentence_words[j].text[0].isupper()):
        j -= 1
    if j >= 1 and sentence_words[j].lower == "for" and sentence_words[j - 1].lower.startswith("vot"):
        j -= 1
    if j >= 0 and (sentence_words[j].lower in SPONSOR_VERBS or sentence_words[j].lower.startswith("vot")):
        return j
    return None


def _owner_before(sentence_words: list[Word], i: int, ref_at) -> Agent | None:
    """A named person's possessive just before the thing at ``i`` ("Burgon's cross-party amendment")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and sentence_words[j].lower in _MODIFIERS:
        j -= 1
    if j < 0 or not sentence_words[j].text.endswith(("’s", "'s")):
        return None
    ref = ref_at(sentence_words[j])
    return Agent("ref", sentence_words[j], ref) if ref is not None else None


def _asker(sentence_words: list[Word], to_index: int) -> int | None:
    """Index of the word before an asking verb a few words ahead of "to" ("urging both parties ... to")."""
    for j in range(to_index - 1, max(-1, to_index - 8), -1):
        if sentence_words[j].lower in ASK_VERBS:
            return j - 1
        if sentence_words[j].lower == "to":
            return None
    return None


def _index_before(sentence_words: list[Word], pos: int) -> int:
    for i in range(len(sentence_words) - 1, -1, -1):
        if sentence_words[i].end <= pos:
            return i
    return -1
