"""Which way words point: the topic a stretch of text speaks of, and whether it puts people for or against it.

"voted against the amendment", "backed a motion calling for a ceasefire", "voted for the rejection of
the amendment", "rebelled against the Bill". A verb says for or against; the words after it say what:
a topic's cue ("a ceasefire"), a motion no cue names ("the amendment": the topic in force, pointing the
way the topic's own divisions point, ``aye_means``), a motion the text described before ("an amendment
that would have required water companies to cut discharges"), or a thing turned round ("the rejection of").
Amendments to a bill and the bill itself are told apart by the titles of the divisions a topic links.

Nothing here touches a database; every span is an offset into the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import find_dates, parse_published
from .records import TopicSpec, TopicVote
from .stance import CueHit, CueMatcher

VOTED = r"vot(?:ed|es|ing|e)"

# predicates that put their subject (or the members of a list) for the thing named after them
FOR = re.compile(
    rf"\b(?:{VOTED}\s+(?:(?:on|last|this|yesterday|earlier|tonight|today|overwhelmingly|narrowly|again|also|both|"
    r"all|unanimously|instead|\w+day|night|morning|evening|afternoon)\s+){0,3}(?:in\s+favou?r(?:\s+of)?|for|yes|aye|through|"
    r"to\s+(?:back|support|approve|pass|keep|endorse|"
    rf"accept|implement|introduce|give|allow|pause|delay|halt|overhaul|reform|change))|"
    r"backed|backing|backs|(?:to|will|would|and|not|n[’']t)\s+back|support(?:ed|ing|s)?|endors(?:ed|ing|es)|"
    r"call(?:ed|ing|s)?\s+for|urg(?:ed|ing|es)|demand(?:ed|ing|s)?|push(?:ed|ing)?\s+for|in\s+favou?r\s+of|"
    r"advocat(?:ed|ing|es?)\s+(?:for\s+)?|"
    r"signed|signing|put\s+(?:their|his|her)\s+names?\s+to|spoke\s+in\s+favou?r)\b",
    re.IGNORECASE,
)

AGAINST = re.compile(
    rf"\b(?:{VOTED}\s+(?:(?:on|last|this|yesterday|earlier|tonight|today|overwhelmingly|narrowly|again|also|both|"
    r"all|unanimously|\w+day|night|morning|evening|afternoon)\s+){0,3}(?:against|no|nay|down|to\s+(?:reject|block|"
    r"oppose|scrap|defeat|throw\s+out|remove|strike\s+out|"
    r"kill|stop|overturn))|oppos(?:ed|ing|es?)|reject(?:ed|ing|s)?|rebel(?:led|ling|s)?\s+against|"
    r"help(?:ed|ing)?\s+(?:to\s+)?(?:defeat|block|vote\s+down)|spoke\s+against)\b",
    re.IGNORECASE,
)

ABSTAIN = re.compile(
    rf"\b(?:abstain(?:ed|ing|s)?|did\s+not\s+vote|didn[’']t\s+vote|not\s+{VOTED}|no\s+vote\s+(?:was\s+)?recorded|"
    r"absent|sat\s+on\s+(?:their|his|her)\s+hands|tellers?)\b",
    re.IGNORECASE,
)

_NEGATED = re.compile(r"\b(?:not|never|n[’']t|refus\w*\s+to|declin\w*\s+to|fail\w*\s+to|won[’']t|"
                      r"resist\w*\s+(?:pressure|calls|demands)\s+(?:to|for)|refusal\s+to|failure\s+to)\s+(?:\w+\s+){0,2}$",
                      re.IGNORECASE)

_REFUSED = re.compile(r"\b(?:refus\w*|declin\w*|fail\w*|refusal|failure|unwilling\w*|reluctan\w*)\s+$", re.I)
# quitting or condemning a refusal is being for the thing refused
_PROTEST = re.compile(r"\b(?:resign\w*|quit|quits|quitting|stood\s+down|stepped\s+down|left\s+(?:the|his|her|their)\b|"
                      r"condemn\w*|criticis\w*|criticiz\w*|attack\w*|slam\w*|protest\w*|lambast\w*)\b"
                      r"(?:(?!\b(?:and|but|while)\b)[^.;])*$", re.I)

# "voted for the rejection of", "backed a move to scrap": the thing voted on is turned round
_TURNED = re.compile(
    r"[\s\u00a0]*(?:(?:the|a|an|this|their)\s+)?(?:(?:rejection|defeat|removal|scrapping|blocking|"
    r"overturning|striking\s+out)\s+of|(?:move|bid|attempt|plans?)\s+to\s+(?:reject|block|scrap|remove|defeat|"
    r"kill)|to\s+(?:reject|block|scrap|remove|defeat|kill)|rejecting|blocking|scrapping|removing)\b",
    re.IGNORECASE,
)

# what a vote is on when the text does not name it by a cue
MOTION_HEAD = re.compile(
    r"\b(?:amendments?|motions?|bills?|regulations|legislation|measures?|proposals?|plans?|changes|deal|"
    r"framework|law|clause|vote|government|it|them|this)\b",
    re.IGNORECASE,
)

# headings that say which way the names below voted
_HEAD_AYE = re.compile(
    r"^(?:yes|ayes?|for|in\s+favou?r|voted\s+(?:for|yes|aye|in\s+favou?r)|supported|backed|content)\b\W*$", re.I)

_HEAD_NO = re.compile(r"^(?:no|noes|nays?|against|voted\s+(?:against|no)|opposed|not\s+content)\b\W*$", re.I)

_HEAD_NONE = re.compile(
    r"^(?:abstain(?:ed)?|abstentions?|did\s+not\s+vote|didn[’']t\s+vote|absent|no\s+vote(?:\s+recorded)?|"
    r"not\s+voting)\b\W*$", re.I)

CHANGES_TO = re.compile(r"\b(?:changes?|amendments?|alterations?|modifications?|revisions?)\s+(?:made\s+)?(?:to|of)\s+"
                         r"(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)

_LEGEND = re.compile(r"[“\"‘']?(?P<word>Yes|Aye|No|For|Against)[”\"’']?\s+(?:below\s+|here\s+|above\s+)?means?\s+"
                     r"(?P<what>[^;.\n]+)")

_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of|but\s+not|not)\s+(?:an?\s+|the\s+)?", re.I)

_THE_MOTION = re.compile(r"\s*(?:the|this|that)\s+(amendment|motion|new\s+clause)\b", re.I)

# words that say what a motion would do: "calling for", "that would have required", "to"
_DESCRIBES = re.compile(r"\b(?:call(?:ing|ed|s)\s+for|demanding|urging|which|that|to|seeking|aimed|designed|would|"
                        r"for|on)\b", re.I)

_UNDOES = re.compile(r"\b(?:remov\w*|strip\w*|scrap\w*|reject\w*|water\w*\s+down|overturn\w*|block\w*|to\s+end|"
                     r"ending)\b", re.I)

_DESCRIBED = re.compile(r",\s*(?:which|that)\s+(?:called|calls|would\s+have|would|sought|seeks|aimed|aims|demanded|"
                        r"urged)\b|,?\s*calling\s+for\b", re.I)

_OWNERS: dict[int, tuple[CueMatcher, dict[str, list[TopicSpec]]]] = {}


@dataclass(frozen=True)
class Way:
    """Which way a stretch of text puts the people it introduces: on a topic, for or against, by a vote."""

    topic: TopicSpec
    stance: str | None  # support | oppose; None for an abstention
    option: str | None  # aye | no | abstain, when it was a vote
    start: int  # where the words that carry it begin
    end: int
    confidence: float
    inherited: bool = False  # the people hold it as members of a group spoken of before


class Ways:
    """Which way the words of one text point: on which topic, for or against, by a vote or not."""

    def __init__(self, text: str, matcher: CueMatcher, published: str | None, vote_day: str | None = None,
                 hits: list[CueHit] | None = None):
        self.text = text
        self.matcher = matcher
        self.on = published
        self.vote_day = vote_day  # when the vote a text reports was held, if nothing closer says
        self.hits = hits if hits is not None else matcher.find(text, 0, len(text))
        self.hit_starts = [h.start for h in self.hits]
        self.owner_topics = _owner_topics(matcher)
        self._ways: dict[tuple, Way | None] = {}
        self._written: dict[str, int] | None = None
        self._dates: dict[tuple[int, int], list] = {}
        counts: dict[str, int] = {}
        for h in self.hits:
            counts[h.topic.slug] = counts.get(h.topic.slug, 0) + 1
        self.main = max(self.hits, key=lambda h: (counts[h.topic.slug], -h.start)).topic if self.hits else None

    def hits_in(self, start: int, end: int) -> list[CueHit]:
        """The cues that begin in ``text[start:end]``, in order."""
        return self.hits[bisect.bisect_left(self.hit_starts, start):bisect.bisect_left(self.hit_starts, end)]

    def topic_at(self, pos: int, end: int) -> tuple[TopicSpec | None, float]:
        """The topic in force at ``pos``: a cue in the words themselves, else the last named before them,
        else the one the text names most."""
        inside = self.hits_in(pos, end)
        if inside:
            return inside[0].topic, 1.0
        i = bisect.bisect_left(self.hit_starts, pos) - 1
        if i >= 0 and pos - self.hits[i].start < 2500:
            return self.hits[i].topic, 0.85
        if self.main is not None:
            return self.main, 0.75
        return None, 0.0

    def way_of(self, start: int, end: int, default_option: str | None = None, subject: bool = False) -> Way | None:
        """Which way the words ``text[start:end]`` put the people they introduce. ``subject``: the words are
        the thing voted on ("the amendment", "the call for a ceasefire"), the way is ``default_option``."""
        key = (start, end, default_option, subject)
        if key not in self._ways:
            self._ways[key] = self._way_of(start, end, default_option, subject)
        return self._ways[key]

    def _way_of(self, start: int, end: int, default_option: str | None, subject: bool) -> Way | None:
        text = self.text
        if subject:
            cues = self.hits_in(start, end)
            option = default_option
            if cues:
                sign = 1 if option == "aye" else -1
                if _TURNED.search(text, start, cues[0].start):
                    sign = -sign
                return Way(cues[0].topic, "support" if sign > 0 else "oppose", option, start, end, 0.85)
            if not MOTION_HEAD.search(text, start, end):
                return None
            topic, conf = self.topic_at(start, end)
            if topic is None:
                return None
            topic = self.refine(topic, text[start:end])
            return Way(topic, _stance(topic, option), option, start, end, conf * 0.85)
        found = None
        for pattern, sign in ((AGAINST, -1), (FOR, 1), (ABSTAIN, 0)):
            for m in pattern.finditer(text, start, end):
                if found is None or m.start() < found[0].start():
                    found = (m, sign)
                break
        if found is None:
            if default_option is None:
                return None
            topic, conf = self.topic_at(start, end)
            if topic is None:
                return None
            stance = _stance(topic, default_option)
            return Way(topic, stance, default_option, start, end, conf * 0.9)
        m, sign = found
        if sign == 0:
            topic, conf = self.topic_at(start, end)
            return Way(topic, None, "abstain", m.start(), m.end(), conf) if topic else None
        is_vote = bool(re.match(VOTED, m.group(), re.I))
        lead = max(start, m.start() - 40)
        negated = _NEGATED.search(text, lead, m.start()) or re.match(r"(?:not|n[’']t)\b", m.group(), re.I) \
            or self._oppose_cue_before(lead, m.start()) \
            or re.match(r"to\s", m.group()) and _REFUSED.search(text, lead, m.start())
        if negated:
            if is_vote:
                return None  # "did not vote for": no stance from that alone
            sign = -sign
            if _PROTEST.search(text, max(start, m.start() - 100), m.start()):
                sign = -sign  # "resigned over the party's refusal to back a ceasefire": for it
        obj_end = clause_end(text, m.end(), end)
        described = _DESCRIBED.match(text, obj_end, end)
        if described:  # "Labour's own amendment, which called for longer humanitarian pauses"
            obj_end = clause_end(text, described.end(), end)
        turned = _TURNED.match(text, m.end(), obj_end)
        if turned:
            sign = -sign
        cues = self.hits_in(m.end(), obj_end)
        conf = 0.9
        if cues and CHANGES_TO.search(text, m.end(), cues[0].start):
            cues = []  # "voted against the changes to Lords amendment 45": a vote on the changes
        if cues:
            topic = self.refine(cues[0].topic, text[m.end():obj_end])
            stance = "support" if sign > 0 else "oppose"
            option = None
            if is_vote or re.search(r"\b(?:amendment|motion|bill|regulations)\b", text[m.end():cues[0].start], re.I):
                option = "aye" if sign > 0 else "no"
                if not re.search(r"\b(?:amendment|motion|bill|regulations|vote)\b",
                                 text[m.end():cues[0].end + 40], re.I):
                    option = option if is_vote else None
        else:
            return self._generic(m, sign, is_vote, obj_end)
        return Way(topic, stance, option, m.start(), obj_end, conf)

    def _oppose_cue_before(self, start: int, pos: int) -> bool:
        """A topic's own phrase for being against it ("resisted calls for") just before a verb turns it."""
        return any(p is not None and p.search(self.text, start, pos) for p in self.matcher.oppose.values())

    def _generic(self, m: re.Match, sign: int, is_vote: bool, obj_end: int) -> Way | None:
        """A vote on a thing no cue names: "voted against the amendment", "backed it", "voted in favour"."""
        text = self.text
        head = MOTION_HEAD.search(text, m.end(), obj_end)
        if not is_vote and not head:
            return None  # "backed him": nothing the text names
        option = "aye" if sign > 0 else "no"
        obj = text[m.end():obj_end]
        named = self._named_motion(m.start(), obj)
        if named is not None:
            # "the amendment" after "a Lords amendment that would have required water companies to cut sewage
            # discharges": a vote on the thing the words before described
            topic, way = named
            sign = sign * way
            return Way(topic, "support" if sign > 0 else "oppose", option, m.start(), obj_end, 0.8)
        topic, conf = self.topic_at(m.end(), obj_end)
        if topic is None:
            return None
        topic = self.refine(topic, obj)
        if _amended_by_division(topic, obj):
            # "voted for the Lords' amendment" when the division was on an amendment to it: the other way
            option = "no" if option == "aye" else "aye"
            return Way(topic, _stance(topic, option), None, m.start(), obj_end, conf * 0.8)
        return Way(topic, _stance(topic, option), option, m.start(), obj_end, conf * 0.9)

    def _named_motion(self, pos: int, obj: str) -> tuple[TopicSpec, int] | None:
        """What "the amendment" (or "the motion") is, when the words before named or described one: a cue that
        names it ("Lords amendment 45", "the Leadsom amendment"), or the words after its last mention ("an SNP
        amendment calling for a ceasefire", "an amendment that would have required firms to cut discharges").
        The topic, and +1 when the motion is for it, -1 when it would undo it."""
        word = _THE_MOTION.match(obj)
        if not word:
            return None
        kind = word.group(1).lower().split()[-1]
        text = self.text
        floor = max(0, pos - 1500)
        last = None
        for m in re.finditer(rf"\b{kind}s?\b", text[floor:pos], re.I):
            last = floor + m.start()
        if last is None:
            return None
        i = bisect.bisect_left(self.hit_starts, last + 1) - 1
        if i >= 0 and self.hits[i].start <= last < self.hits[i].end:
            return self.hits[i].topic, 1  # the cue is the motion's name
        stop = sentence_end(text, last, pos)
        after = [h for h in self.hits if last < h.start < min(stop, last + 200)]
        if not after:
            return None
        between = text[last:after[0].start]
        if not _DESCRIBES.search(between):
            return None
        way = -1 if _UNDOES.search(between) else 1
        return after[0].topic, way

    def refine(self, topic: TopicSpec, obj: str) -> TopicSpec:
        """The topic the words voted on name most closely: amendments to a bill are a topic of their own when
        one is defined by divisions on the bill's amendments ("backed the amendments" in a text about the
        Rwanda Bill), and the bill's readings when the words say "the bill"."""
        wants = None
        if re.search(r"\b(?:amendments?|new\s+clauses?|changes)\b", obj, re.I):
            wants = "amendment"
        elif re.search(r"\b(?:bill|legislation|third\s+reading|second\s+reading)\b", obj, re.I) and \
                not re.search(r"\bamend", obj, re.I):
            wants = "reading"
        if wants is None or not topic.votes:
            return topic
        if _kind_of(topic) == wants:
            return topic
        stem = _bill_of(topic)
        if not stem:
            return topic
        for other in self.matcher.topics:
            if other is not topic and _kind_of(other) == wants and _bill_of(other) == stem:
                return other
        return topic

    def instead(self, way: Way) -> Way | None:
        """ "backed humanitarian pauses rather than a ceasefire": against the topic offered instead."""
        if way.stance != "support":
            return None
        m = _INSTEAD.search(self.text, way.start, min(len(self.text), way.end + 80))
        if m is None:
            return None
        cues = [h for h in self.hits if m.end() <= h.start <= m.end() + 30 and h.topic is not way.topic]
        if not cues:
            return None
        return Way(cues[0].topic, "oppose", None, way.start, cues[0].end, way.confidence * 0.9)

    def division_for(self, topic: TopicSpec, pos: int) -> TopicVote | None:
        """The topic's division the text speaks of: the one held on or before publication, nearest it."""
        if not topic.votes:
            return None
        day, given = parse_published(self.on)
        dated = [v for v in topic.votes if v.date]
        if not dated:
            return None
        if day is not None:
            before = [v for v in dated if v.date <= day.isoformat()
                      and date.fromisoformat(v.date) >= day - timedelta(days=60)]
            written = [v for v in before if v.date in self.written]
            if written:
                return min(written, key=lambda v: abs(self.text_pos_of(v.date) - pos))
            return max(before, key=lambda v: v.date) if before else None
        if given:
            inside = [v for v in dated if v.date.startswith(given)]
            written = [v for v in inside if v.date in self.written]
            if written:
                return min(written, key=lambda v: abs(self.text_pos_of(v.date) - pos))
            return inside[-1] if len(inside) >= 1 and len({v.date for v in inside}) == 1 else None
        return None

    @property
    def written(self) -> dict[str, int]:
        """The days the text names ("last night", "on Wednesday 15 November"), each where first written."""
        if self._written is None:
            self._written = {}
            for d in find_dates(self.text, 0, len(self.text), self.on):
                self._written.setdefault(d.iso, d.start)
        return self._written

    def text_pos_of(self, iso: str) -> int:
        return self.written.get(iso, 0)

    def vote_date(self, way: Way, division: TopicVote | None) -> str | None:
        span = (max(0, way.start - 120), way.end)
        if span not in self._dates:
            self._dates[span] = find_dates(self.text, span[0], span[1], self.on)
        around = self._dates[span]
        if division is not None and division.date and (
                not around or any(d.iso == division.date or division.date.startswith(d.iso) for d in around)):
            return division.date
        if around:
            return around[0].iso
        if division is not None:
            return division.date
        return self.vote_day if way.option in ("aye", "no", "abstain") else self.on


def weaker(way: Way) -> Way:
    """The way of a group, held by members the text names after it: implied, and less sure."""
    return Way(way.topic, way.stance, way.option, way.start, way.end, way.confidence * 0.8, inherited=True)


def _owner_topics(matcher: CueMatcher) -> dict[str, list[TopicSpec]]:
    """Topics named after the one who tabled them ("the Cash amendment"), by that surname; once per matcher."""
    known = _OWNERS.get(id(matcher))
    if known is not None and known[0] is matcher:
        return known[1]
    out: dict[str, list[TopicSpec]] = {}
    for topic in matcher.topics:
        for cue in topic.cues:
            m = re.match(r"(?:[\w-]+\s+)?(?P<name>[A-Z][\w-]+)(?:[’']s)?\s+(?:amendments?|motion|changes)$", cue)
            if m:
                topics = out.setdefault(m.group("name").lower(), [])
                if topic not in topics:
                    topics.append(topic)
    _OWNERS.clear()
    _OWNERS[id(matcher)] = (matcher, out)
    return out


def _amended_by_division(topic: TopicSpec, obj: str) -> bool:
    """Whether the words voted on ("the Lords' amendment") name the motion that the topic's divisions amend
    ("Amendment (a) to Lords Amendment 45"), rather than the divisions' own motion."""
    m = re.search(r"\b(Lords)[’']?\s+amendment", obj, re.I)
    if not m or not topic.votes:
        return False
    return all(re.search(r"\bamendment\b.*\bto\s+Lords\s+Amendment\b", v.title or "", re.I) for v in topic.votes)


def _kind_of(topic: TopicSpec) -> str | None:
    """ "amendment" when a topic's divisions are all on amendments or new clauses, "reading" when all are
    readings or the bill itself, else None."""
    titles = [v.title or "" for v in topic.votes]
    if not titles or not all(titles):
        return None
    if all(re.search(r"\b(?:amendment|new\s+clause|clause)\b", t, re.I) for t in titles):
        return "amendment"
    if all(re.search(r"\breading\b", t, re.I) for t in titles):
        return "reading"
    return None


def _bill_of(topic: TopicSpec) -> str | None:
    """The bill a topic's divisions are on: the part of their titles before the first colon, if they share it."""
    stems = {" ".join(re.split(r"\s*:\s*|\s+[–-]\s+", v.title or "", maxsplit=1)[0].lower().split()[:3])
             for v in topic.votes}
    return stems.pop() if len(stems) == 1 and "" not in stems else None


def _stance(topic: TopicSpec, option: str | None) -> str | None:
    if option not in ("aye", "no"):
        return None
    aye = topic.aye_means()
    return aye if option == "aye" else ("oppose" if aye == "support" else "support")


def heading_of(body: str) -> str | None:
    """The vote a heading line gives the names under it: "Yes", "Noes", "Did not vote"."""
    if _HEAD_AYE.match(body):
        return "aye"
    if _HEAD_NO.match(body):
        return "no"
    if _HEAD_NONE.match(body):
        return "abstain"
    return None


def with_option(way: Way, option: str, legend: dict[str, str] | None = None) -> Way:
    """The intro's topic with a heading's way ("how MPs voted on X:" then "No"): an aye points the way the
    text's legend says ("'Yes' means ..."), else the way the topic's own divisions point. What the intro
    itself says of the vote ("the Commons rejected a call for X") is the House's way, not the list's."""
    if option == "abstain":
        return Way(way.topic, None, "abstain", way.start, way.end, way.confidence)
    if legend and option in legend:
        return Way(way.topic, legend[option], option, way.start, way.end, way.confidence)
    return Way(way.topic, _stance(way.topic, option), option, way.start, way.end, way.confidence)


def legend(text: str, start: int, end: int, topic: TopicSpec | None) -> dict[str, str] | None:
    """ "A 'Yes' below means the MP voted for the duty; 'No' means they voted to remove it"."""
    out: dict[str, str] = {}
    for m in _LEGEND.finditer(text, start, end):
        what = m.group("what")
        sign = 1
        if AGAINST.search(what) or re.search(r"\b(?:remove|scrap|reject|block|against|oppos\w*|strip)\b", what, re.I):
            sign = -1
        if MOTION_HEAD.search(what) and not re.search(r"\b(?:it|them|this)\b", what, re.I) and topic is not None:
            aye = topic.aye_means()
            stance = aye if sign > 0 else ("oppose" if aye == "support" else "support")
        else:
            stance = "support" if sign > 0 else "oppose"
        option = "aye" if m.group("word").lower() in ("yes", "aye", "for") else "no"
        out[option] = stance
    if len(out) == 1:
        (option, stance), = out.items()
        out["no" if option == "aye" else "aye"] = "oppose" if stance == "support" else "support"
    return out or None


def sentence_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[.!?](?:\s|$)|\n").search(text, pos, limit)
    return m.start() if m else limit


def clause_end(text: str, pos: int, end: int) -> int:
    m = re.compile(r"[.;!?]\s|\n|,\s+(?:but|while|although|whereas|who|which)\b").search(text, pos, end)
    return m.start() if m else end
