"""Stances people hold as members of a list or a group, and which way a vote on a topic points.

Most real evidence of who voted how is a list: names one a line under a heading ("Yes", "Voted
against:", "Conservative"), names after a colon ("they were: A, B and C"), "including A and B",
"A and B were among the MPs who ...". The stance comes from the words that introduce the list (or
the heading above it), and the topic from the cue those words name, else from the topic the text
is about at that point. A vote on a motion the text does not name by a cue ("voted against the
amendment") points the way the topic's own divisions point (``aye_means``).

Everything here reads the text and the references already found; nothing is rewritten, and every
span is an offset into the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import find_dates, parse_published
from .mentions import Ref
from .records import TopicSpec, TopicVote
from .stance import CueHit, CueMatcher

_V = r"vot(?:ed|es|ing|e)"
# predicates that put their subject (or the members of a list) for the thing named after them
_FOR = re.compile(
    rf"\b(?:{_V}\s+(?:(?:on|last|this|yesterday|earlier|tonight|today|overwhelmingly|narrowly|again|also|both|"
    r"all|unanimously|instead|\w+day|night|morning|evening|afternoon)\s+){0,3}(?:in\s+favou?r(?:\s+of)?|for|yes|aye|through|"
    r"to\s+(?:back|support|approve|pass|keep|endorse|"
    rf"accept|implement|introduce|give|allow|pause|delay|halt|overhaul|reform|change))|"
    r"backed|backing|backs|(?:to|will|would|and|not|n[’']t)\s+back|support(?:ed|ing|s)?|endors(?:ed|ing|es)|"
    r"call(?:ed|ing|s)?\s+for|urg(?:ed|ing|es)|demand(?:ed|ing|s)?|push(?:ed|ing)?\s+for|in\s+favou?r\s+of|"
    r"advocat(?:ed|ing|es?)\s+(?:for\s+)?|"
    r"signed|signing|put\s+(?:their|his|her)\s+names?\s+to|spoke\s+in\s+favou?r)\b",
    re.IGNORECASE,
)
_AGAINST = re.compile(
    rf"\b(?:{_V}\s+(?:(?:on|last|this|yesterday|earlier|tonight|today|overwhelmingly|narrowly|again|also|both|"
    r"all|unanimously|\w+day|night|morning|evening|afternoon)\s+){0,3}(?:against|no|nay|down|to\s+(?:reject|block|"
    r"oppose|scrap|defeat|throw\s+out|remove|strike\s+out|"
    r"kill|stop|overturn))|oppos(?:ed|ing|es?)|reject(?:ed|ing|s)?|rebel(?:led|ling|s)?\s+against|"
    r"help(?:ed|ing)?\s+(?:to\s+)?(?:defeat|block|vote\s+down)|spoke\s+against)\b",
    re.IGNORECASE,
)
_ABSTAIN = re.compile(
    rf"\b(?:abstain(?:ed|ing|s)?|did\s+not\s+vote|didn[’']t\s+vote|not\s+{_V}|no\s+vote\s+(?:was\s+)?recorded|"
    r"absent|sat\s+on\s+(?:their|his|her)\s+hands|tellers?)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|n[’']t|refus\w*\s+to|declin\w*\s+to|fail\w*\s+to|won[’']t|"
                      r"resist\w*\s+(?:pressure|calls|demands)\s+(?:to|for)|refusal\s+to|failure\s+to)\s+(?:\w+\s+){0,2}$",
                      re.IGNORECASE)
# "voted for the rejection of", "backed a move to scrap": the thing voted on is turned round
_TURNED = re.compile(
    r"[\s\u00a0]*(?:(?:the|a|an|this|their)\s+)?(?:(?:rejection|defeat|removal|scrapping|blocking|"
    r"overturning|striking\s+out)\s+of|(?:move|bid|attempt|plans?)\s+to\s+(?:reject|block|scrap|remove|defeat|"
    r"kill)|to\s+(?:reject|block|scrap|remove|defeat|kill)|rejecting|blocking|scrapping|removing)\b",
    re.IGNORECASE,
)
# what a vote is on when the text does not name it by a cue
_MOTION_HEAD = re.compile(
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
# "- No.", ": voted against", "(Yes)": a list item's own way
_ITEM_WAY = re.compile(
    r"(?:^|[\s(:–—-])(?P<way>yes|aye|no|noe|against|for|abstained|did\s+not\s+vote|voted\s+(?:for|against|in\s+favour)|"
    r"in\s+favour)"
    r"\W*$", re.I)
_BULLET = re.compile(r"[\s\u00a0]*(?:[-*•·–—>]+|\d{1,3}[.)])?[\s\u00a0]*")
_JOIN = re.compile(r"[\s\u00a0]*(?:,|;|&|\band\b|\bas\s+well\s+as\b)[\s\u00a0]*(?:and\b[\s\u00a0]*)?", re.I)
_PAREN = re.compile(r"[\s\u00a0]*\([^()\n]{0,80}\)")
_AMONG = re.compile(r"\b(?:among(?:st)?|including|includ(?:ed|es)|such\s+as|alongside|joined\s+by|"
                    r"namely|notably|as\s+well\s+as|along\s+with|together\s+with)\b[\s\u00a0]*(?:them[\s\u00a0,]*|others[\s\u00a0,]*)?", re.I)
_OTHERS = re.compile(r"[\s\u00a0“\"]*(?:The\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|both|"
                     r"other|others)\b[\w\s\u00a0-]{0,30}?\b(?:others?|more|also|too)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
_RELATIVE_START = re.compile(r"[\s\u00a0,]*(?:who|which|that)\b", re.I)


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


@dataclass
class _ListState:
    """Where a reading of a text's lines stands: the words that introduced the list in force, its heading."""

    intro: Way | None = None
    intro_start: int = 0
    heading: str | None = None  # aye | no | abstain from a heading ("Yes", "Voted against:")
    heading_start: int = 0
    quiet: int = 0  # prose lines without a way since the intro
    listed: bool = False  # the intro announces a list ("They were:", "the full list")
    members_seen: bool = False  # names have been listed under that intro
    legend: dict[str, str] | None = None  # what "Yes" and "No" mean, when the text says
    prev_named: bool = False


@dataclass(frozen=True)
class Member:
    """A named person the text puts in a list or group that holds a way."""

    ref: Ref
    way: Way
    quote: tuple[int, int]
    date: str | None
    division: int | None


class Frames:
    """Lists and groups of one text, read line by line and sentence by sentence."""

    def __init__(self, text: str, refs: list[Ref], matcher: CueMatcher, published: str | None, kind: str,
                 holds=lambda ref: True, labels: tuple[tuple[int, int], ...] = (), vote_day: str | None = None,
                 hits: list[CueHit] | None = None):
        self.text = text
        self.vote_day = vote_day  # when the vote a text reports was held, if nothing closer says
        self.labels = labels  # speech labels of a Hansard page: never a list of names
        kept = [r for r in refs if holds(r)]
        # each name with the words that describe it ("Fylde MP", "Shadow Minister for Exports")
        self.refs = []
        floor = 0
        for r in kept:
            self.refs.append(_replace_np(r, _lead(text, r, floor)))
            floor = r.end
        self.ref_starts = [r.np_start for r in self.refs]
        self.matcher = matcher
        self.on = published
        self.kind = kind
        self.hits = hits if hits is not None else matcher.find(text, 0, len(text))
        self._ways: dict[tuple, Way | None] = {}
        self._written: dict[str, int] | None = None
        self._dates: dict[tuple[int, int], list] = {}
        self._lines_of: dict[int, list] = {}
        self.owner_topics = _owner_topics(matcher)
        self.hit_starts = [h.start for h in self.hits]
        counts: dict[str, int] = {}
        for h in self.hits:
            counts[h.topic.slug] = counts.get(h.topic.slug, 0) + 1
        self.main = max(self.hits, key=lambda h: (counts[h.topic.slug], -h.start)).topic if self.hits else None

    # -- topics and ways -----------------------------------------------------------------------

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
            if not _MOTION_HEAD.search(text, start, end):
                return None
            topic, conf = self.topic_at(start, end)
            if topic is None:
                return None
            topic = self.refine(topic, text[start:end])
            return Way(topic, _stance(topic, option, None), option, start, end, conf * 0.85)
        found = None
        for pattern, sign in ((_AGAINST, -1), (_FOR, 1), (_ABSTAIN, 0)):
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
            stance = _stance(topic, default_option, None)
            return Way(topic, stance, default_option, start, end, conf * 0.9)
        m, sign = found
        if sign == 0:
            topic, conf = self.topic_at(start, end)
            return Way(topic, None, "abstain", m.start(), m.end(), conf) if topic else None
        is_vote = bool(re.match(_V, m.group(), re.I))
        negated = _NEGATED.search(text, max(start, m.start() - 40), m.start()) or \
            re.match(r"(?:not|n[’']t)\b", m.group(), re.I) or self._oppose_cue_before(max(start, m.start() - 40), m.start())
        if negated:
            if is_vote:
                return None  # "did not vote for": no stance from that alone
            sign = -sign
        obj_end = _clause_end(text, m.end(), end)
        described = _DESCRIBED.match(text, obj_end, end)
        if described:  # "Labour's own amendment, which called for longer humanitarian pauses"
            obj_end = _clause_end(text, described.end(), end)
        turned = _TURNED.match(text, m.end(), obj_end)
        if turned:
            sign = -sign
        cues = self.hits_in(m.end(), obj_end)
        cues = _preferred(cues)
        conf = 0.9
        if cues and _CHANGES_TO.search(text, m.end(), cues[0].start):
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
        head = _MOTION_HEAD.search(text, m.end(), obj_end)
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
        return Way(topic, _stance(topic, option, None), option, m.start(), obj_end, conf * 0.9)

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
        stop = _sentence_end(text, last, pos)
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

    # -- lists -------------------------------------------------------------------------------

    def members(self, speeches: list[tuple[int, int, Ref]] = ()) -> list[Member]:
        """Everyone the text puts in a list or group with a way; ``speeches``: (start, end, speaker) of each
        speech of a Hansard page, whose first-person words are the speaker's."""
        out: list[Member] = []
        self._speeches(out, speeches)
        self._lines(out)
        self._inline(out)
        seen: set[tuple[int, str]] = set()
        unique = []
        for mem in out:
            key = (mem.ref.start, mem.way.topic.slug)
            if key in seen:
                continue
            seen.add(key)
            unique.append(mem)
        return unique

    def _speeches(self, out: list[Member], speeches) -> None:
        """ "I oppose the amendment", "We will vote against it tonight", "I beg to move, That the Bill be now
        read a Second time": a speech's own words, in the first person or its party's name, are the speaker's."""
        text = self.text
        for start, end, speaker in speeches:
            for s0, s1 in _sentences(text, start, end):
                for c0, c1 in _clauses(text, s0, s1):
                    subject = _SPEAKER_SUBJECT.match(text, c0, c1)
                    if subject is None:
                        continue
                    if _MOVE.match(text, subject.end(), c1) and _MOTION_MOVED.match(text[subject.end():min(end, s1 + 400)]):
                        # "I beg to move, That the draft Regulations be approved": the motion may follow
                        way = self.way_of(subject.end(), min(end, s1 + 400), "aye", subject=True)
                        if way is None or way.stance is None:
                            continue
                    else:
                        way = self.way_of(subject.end(), c1)
                        asking = _ASKING.match(text, subject.end(), c1)
                        if way is None or way.stance is None or way.start - subject.end() > 40 and not asking:
                            continue
                    way = Way(way.topic, way.stance, None, way.start, way.end, way.confidence * 0.95)
                    out.append(Member(speaker, way, (c0, max(way.end, c0)), self.on, None))

    def _lines(self, out: list[Member]) -> None:
        """Names one a line, under the words (or the heading) that introduce them. Prose lines are read only
        when a list follows them: a text with no list costs nothing here."""
        st = _ListState()
        pending: list[tuple[int, int, str]] = []
        pos = 0
        text = self.text
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            body = line.strip(" \t\u00a0")
            if not body:
                continue
            body_start = start + line.index(body[0])
            items = self._name_line(start, end)
            labelled = None if items else self._labelled_run(start, end)
            heading = _heading_of(body)
            if not (items or labelled or heading):
                pending.append((start, end, body))
                continue
            for p in pending:
                self._prose(st, *p)
            pending.clear()
            if items and not (st.intro is not None and (st.intro.end >= start - 2 or st.listed)
                              or st.heading is not None or self._name_line_next(pos) or st.prev_named):
                items = []
            st.prev_named = bool(items)
            if items:
                self._list_line(out, st, start, end, items)
                continue
            if labelled is not None and self._labelled(out, st, start, labelled):
                continue
            if heading is not None:
                st.heading, st.heading_start = heading, body_start
                continue
            self._prose(st, start, end, body)

    def _list_line(self, out: list[Member], st: _ListState, start: int, end: int, items) -> None:
        if st.intro is not None:
            st.listed = st.members_seen = True
        for ref, item_end, own in items:
            way = st.intro
            if own is not None:
                way = _with_option(st.intro, own, st.legend) if st.intro else self.way_of(start, end, own)
            elif st.heading is not None:
                way = _with_option(st.intro, st.heading, st.legend) if st.intro else \
                    self.way_of(st.heading_start, start, st.heading)
            if way is None:
                continue
            q0 = st.heading_start if st.heading is not None and start - st.heading_start < 300 else start
            if st.intro and start - st.intro_start < 300:
                q0 = st.intro_start
            self._add(out, ref, way, q0, item_end)
        st.quiet = 0

    def _labelled(self, out: list[Member], st: _ListState, start: int, labelled) -> bool:
        """ "22 Conservative MPs: A (X), B (Y)": a section of the list introduced before."""
        label_way, run = labelled
        way = label_way or st.intro
        if way is not None and st.heading is not None and label_way is None:
            way = _with_option(way, st.heading, st.legend)
        if way is None:
            return False
        q0 = st.intro_start if st.intro and label_way is None and start - st.intro_start < 300 else start
        for ref, stop in run:
            self._add(out, ref, way, q0, stop)
        st.quiet = 0
        return True

    def _prose(self, st: _ListState, start: int, end: int, body: str) -> None:
        """A line of prose before a list: it may introduce the list, say what "Yes" means, or end the list."""
        text = self.text
        body_start = start + text[start:end].index(body[0])
        nwords = len(_WORD.findall(body))
        found_legend = _legend(text, start, end, st.intro.topic if st.intro else self.topic_at(start, end)[0])
        if found_legend:
            st.legend = found_legend
            return
        if st.listed and st.members_seen and nwords > 5 and not body.endswith(":"):
            # a paragraph about the member named just above it: the list goes on
            st.quiet += 1
            if st.quiet >= 4:
                st.intro, st.heading, st.listed = None, None, False
            return
        way = self.way_of(start, end)
        if way is not None and (body.endswith((":", "…")) or nwords <= 12 or _LIST_WORDS.search(body)):
            st.intro, st.intro_start, st.heading, st.quiet = way, body_start, None, 0
            st.listed, st.members_seen = True, False
            return
        if nwords <= 5 and not body.endswith("."):
            # a party or section heading: the list goes on; "Voted on X:" keeps the way to come
            if body.endswith(":") and way is None and self.topic_at(start, end)[0] is not None:
                st.heading = None
            return
        if way is not None and way.option != "abstain" and nwords <= 60:
            st.intro, st.intro_start, st.heading, st.quiet = way, start, None, 0
            st.listed, st.members_seen = False, False
            return
        if body.endswith(":"):
            # "How Essex's MPs voted on the Cash amendment:": the topic now, the way from the headings
            named = self.hits_in(start, end)
            st.intro = Way(named[0].topic, None, None, start, end, 0.9) if named else self._previous_way(start)
            st.heading, st.quiet = None, 0
            st.listed, st.members_seen = True, False
            st.intro_start = st.heading_start = body_start
            return
        st.quiet += 1
        if st.quiet >= 2 or nwords > 45:
            st.intro, st.heading = None, None

    def _name_line_next(self, pos: int) -> bool:
        """Whether the next line that is not blank is a line of names too."""
        text = self.text
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            if text[pos:end].strip(" \t\u00a0"):
                return bool(self._name_line(pos, end))
            pos = end + 1
        return False

    def _labelled_run(self, start: int, end: int) -> tuple[Way | None, list[tuple[Ref, int]]] | None:
        """A line "<label>: A (X), B (Y) and C." whose label is a few words naming a group."""
        text = self.text
        colon = text.find(":", start, end)
        if colon == -1:
            return None
        label = text[start:colon]
        if len(_WORD.findall(label)) > 8 or self._refs_in(start, colon):
            return None
        run = self._run_after(colon + 1, end)
        if not run:
            return None
        rest = text[run[-1][1]:end].strip(" \t\u00a0.;")
        if rest:
            return None
        return self.way_of(start, colon), run

    def _name_line(self, start: int, end: int) -> list[tuple[Ref, int, str | None]]:
        """The names a line lists, when it is a line of names ("Jane Doe (Con, Somewhere)",
        "Jane Doe, Somewhere, Shadow Minister for X", "Jane Doe - No", "A, B and C")."""
        if start not in self._lines_of:
            self._lines_of[start] = self._read_name_line(start, end)
        return self._lines_of[start]

    def _read_name_line(self, start: int, end: int) -> list[tuple[Ref, int, str | None]]:
        text = self.text
        if any(a <= start < b_ or start <= a < end for a, b_ in self.labels):
            return []
        b = _BULLET.match(text, start, end).end()
        i = bisect.bisect_left(self.ref_starts, b)
        if i >= len(self.refs) or self.refs[i].start >= end:
            return []
        if self.refs[i].np_start > b + 1 and not _descriptor(text[b:self.refs[i].np_start]):
            return []  # "Shadow equalities minister Yasmin Qureshi": a description first is fine
        # "PPS to Angela Rayner Mary Foy": a name right before another describes it
        while i + 1 < len(self.refs) and self.refs[i + 1].np_start < end and \
                not text[self.refs[i].end:self.refs[i + 1].np_start].strip(" \t\u00a0"):
            i += 1
        b = min(b, self.refs[i].np_start)
        items: list[tuple[Ref, int, str | None]] = []
        at = self.refs[i].np_start
        while i < len(self.refs) and self.refs[i].np_start <= end:
            ref = self.refs[i]
            if ref.np_start > at + 1 and items:
                gap = text[at:ref.np_start]
                if not _JOIN.fullmatch(gap):
                    break
            elif ref.np_start > at + 1:
                break
            stop = ref.end
            p = _PAREN.match(text, stop, end)
            if p:
                stop = p.end()
            items.append((ref, stop, None))
            at = stop
            i += 1
        rest = text[at:end].strip(" \t\u00a0.")
        if len(items) == 1 and rest.startswith(","):
            # "Jane Doe, Somewhere, Shadow Minister for X": a seat and a role after the name
            m = _ITEM_WAY.search(rest)
            if m:
                rest, own_word = rest[:m.start()], m.group("way")
            else:
                own_word = None
            if len(_WORD.findall(rest)) > 16 or not _only_describes(rest):
                return []
            return [(r, e, _item_option(own_word)) for r, e, _ in items]
        own = None
        m = _ITEM_WAY.search(rest) if rest else None
        if m and len(_WORD.findall(rest)) <= 4:
            own = _item_option(m.group("way"))
            rest = ""
        if rest and (len(_WORD.findall(rest)) > 3 or not _only_describes(rest)):
            return []
        return [(r, e, own) for r, e, _ in items]

    def _inline(self, out: list[Member]) -> None:
        """Names run together in a sentence: after a colon, "including", "among", or before the verb."""
        text = self.text
        group_way: Way | None = None  # "Ten Labour MPs ... voted for X": the way of a counted group just before
        for sent_start, sent_end in _sentences(text):
            before = len(out)
            self._inline_sentence(out, sent_start, sent_end)
            refs = self._refs_in(sent_start, sent_end)
            if group_way is not None and len(out) == before and refs and self.way_of(sent_start, sent_end) is None:
                # "A, B and C left their roles, while D and E also departed": the group's members, named
                named = [r for r in refs if not _OBJECT_BEFORE.search(text, max(sent_start, r.np_start - 25), r.np_start)]
                if len(named) >= 2:
                    for ref in named:
                        self._add(out, ref, _weaker(group_way), sent_start, ref.end)
            group_way = None
            if _COUNTED_GROUP.match(text, sent_start, sent_end):
                group_way = self.way_of(sent_start, sent_end)

    def _inline_sentence(self, out: list[Member], sent_start: int, sent_end: int) -> None:
        text = self.text
        for sent_start, sent_end in ((sent_start, sent_end),):  # noqa: B020 (one sentence; "continue" ends it)
            refs = [r for r in self._refs_in(sent_start, sent_end)]
            if not refs:
                continue
            colon = text.find(":", sent_start, sent_end)
            if colon != -1:
                run = self._run_after(colon + 1, sent_end)
                if len(run) >= 2 or (run and self._counted(sent_start, colon)):
                    way = self.way_of(sent_start, colon)
                    if way is None and self._counted(sent_start, colon):
                        way = self._previous_way(sent_start)
                    if way is not None:
                        for ref, stop in run:
                            self._add(out, ref, way, sent_start, stop)
                        continue
            for m in _AMONG.finditer(text, sent_start, sent_end):
                run = self._run_after(m.end(), sent_end)
                group_end = m.start()
                if not run:
                    # "Amongst the MPs voting for X were A and B"
                    cop = _COPULA_AFTER.search(text, m.end(), sent_end)
                    if cop is None:
                        continue
                    run = self._run_after(cop.end(), sent_end)
                    if not run:
                        continue
                    rest_way = self.way_of(m.end(), cop.start())
                    ways = [rest_way] if rest_way else []
                else:
                    ways = [w for w in (self.way_of(sent_start, group_end), self.way_of(run[-1][1], sent_end)) if w]
                    if len(ways) == 2 and ways[0].topic is ways[1].topic:
                        ways = ways[:1]
                for rest_way in ways:
                    for ref, stop in run:
                        self._add(out, ref, rest_way, sent_start, max(stop, rest_way.end))
            # "The eleven Conservatives who voted against it were A, B and C"
            cop = _COPULA_AFTER.search(text, sent_start, sent_end)
            if cop is not None and not [r for r in refs if r.end <= cop.start()]:
                run = self._run_after(cop.end(), sent_end)
                if run:
                    way = self.way_of(sent_start, cop.start())
                    if way is None and _GROUP_REF.search(text, sent_start, cop.start()):
                        way = self._previous_way(sent_start)  # "One of those who left her post was X"
                        way = _weaker(way) if way else None
                    if way is not None:
                        for ref, stop in run:
                            self._add(out, ref, way, sent_start, stop)
                        continue
            # "A and B were among the MPs who voted for X", "A was one of the rebels"
            cop = _AMONG_AFTER.search(text, sent_start, sent_end)
            if cop is not None:
                before = [r for r in refs if r.end <= cop.start()]
                if before and before[0].np_start - sent_start <= 3:
                    run = self._run_after(before[0].np_start, cop.start() + 1)
                    if run and cop.start() - run[-1][1] <= 3:
                        way = self.way_of(cop.end(), sent_end)
                        if way is not None:
                            for ref, stop in run:
                                self._add(out, ref, way, sent_start, way.end)
            # "the amendment was supported by 39 SNP MPs and independent MPs A, B and C"
            for m in _PASSIVE.finditer(text, sent_start, sent_end):
                sign = -1 if m.group("verb").lower().startswith(("oppos", "reject")) else 1
                stop_at = _clause_end(text, m.end(), sent_end)
                named = [r for r in self._refs_in(m.end(), stop_at) if not _inside_parens(text, m.end(), r.np_start)]
                if not named:
                    continue
                thing = self.way_of(sent_start, m.start(), "aye" if sign > 0 else "no", subject=True)
                if thing is None:
                    continue
                for ref in named:
                    self._add(out, ref, thing, sent_start, ref.end)
            # "an amendment tabled by Andrea Leadsom", "Sir Bill Cash's amendment": its owner backs it
            for m in _TABLED_BY.finditer(text, sent_start, sent_end):
                after = self._refs_in(m.end(), min(sent_end, m.end() + 60))
                if not after or not _descriptor(text[m.end():after[0].np_start] or "x") and \
                        text[m.end():after[0].np_start].strip():
                    continue
                way = self._owned(after[0], sent_start, m.start("verb"), m.end(), sent_end)
                if way is not None:
                    self._add(out, after[0], way, sent_start, after[0].end)
            for r in refs:
                m = _OWNS.match(text, r.end, sent_end)
                if m is not None:
                    way = self._owned(r, m.start("thing"), m.end(), m.end(), sent_end)
                    if way is not None:
                        self._add(out, r, way, r.np_start, m.end())
            # "A, B and C voted against ...": the names that are the subject of the verb
            first = refs[0]
            lead = text[sent_start:first.np_start]
            if first.np_start - sent_start <= 3 or _descriptor(lead.rstrip(" ,\u00a0")) or _appositive(lead):
                run = self._run_after(first.np_start, sent_end)
                if run:
                    after = _past_asides(text, run[-1][1], sent_end)
                    way = self.way_of(after, sent_end)
                    between = text[after:way.start] if way is not None else ""
                    if way is not None and _MODIFIES.search(text, max(after, way.start - 40), way.start) \
                            and re.match(r"\w+ing\b", text[way.start:way.end]):
                        way = None  # "apologised for a vote calling for X": the vote calls for it, not them
                    if way is not None and len(between) <= 130 and not _PREP_BEFORE.match(between) \
                            and not any(after <= r.np_start < way.start and not _DEFY.search(text, after, r.np_start)
                                        for r in refs) \
                            and not re.search(r"[,;:–—]\s", between) and not _OTHER_SUBJECT.search(between):
                        for ref, stop in run:
                            self._add(out, ref, way, sent_start, way.end)
                        # "..., as did Stephen Morgan": more people the same way
                        for m in _AS_DID.finditer(text, way.start, sent_end):
                            for ref, stop in self._run_after(m.end(), sent_end):
                                self._add(out, ref, way, sent_start, stop)
            # "... Boris Johnson and Liz Truss, who opposed the deal"
            for r in refs:
                rel = _WHO.match(text, r.end, sent_end)
                if rel is None:
                    continue
                rel_end = text.find(",", rel.end(), sent_end)
                way = self.way_of(rel.end(), rel_end if rel_end != -1 else sent_end)
                if way is None or way.start - rel.end() > 25 and rel_end == -1:
                    continue
                start_run = r
                for other in reversed([x for x in refs if x.end <= r.np_start]):
                    gap = text[other.end:start_run.np_start]
                    if _JOIN.fullmatch(gap):
                        start_run = other
                    else:
                        break
                for ref, stop in self._run_after(start_run.np_start, r.end + 1):
                    self._add(out, ref, way, ref.np_start, way.end)
            # "Two others, A and B, ...": more members of the group just spoken of
            m = _OTHERS.match(text, sent_start, sent_end)
            if m:
                run = self._run_after(m.end(), sent_end)
                prev = self._previous_way(sent_start)
                prev = _weaker(prev) if prev else None
                if run and prev is not None:
                    for ref, stop in run:
                        self._add(out, ref, prev, sent_start, stop)

    def _owned(self, owner: Ref, thing_start: int, thing_end: int, after: int, sent_end: int) -> Way | None:
        """The way of the one who tabled a motion: for it, on the topic named after them ("the Cash
        amendment"), else the topic the motion's words name, else (a motion with no other name) the topic
        in force."""
        family = (owner.person.family_name if owner.person else (owner.name or "").split()[-1]).lower()
        named = [t for t in self.owner_topics.get(family, ())]
        if named:
            topic = named[0]
            return Way(topic, "support", None, thing_start, after, 0.8)
        clause_end = _clause_end(self.text, after, sent_end)
        cues = self.hits_in(thing_start, clause_end)
        if cues and not _CHANGES_TO.search(self.text, thing_start, cues[0].start):
            return Way(cues[0].topic, "support", None, thing_start, max(after, cues[0].end), 0.8)
        if cues:
            return None
        way = self.way_of(thing_start, thing_end, "aye", subject=True)
        return Way(way.topic, way.stance, None, way.start, way.end, way.confidence) if way else None

    def _counted(self, start: int, end: int) -> bool:
        """ "22 Conservative MPs", "Six DUP MPs", "They were": words that label a list of names."""
        head = self.text[start:end]
        return bool(re.search(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|"
                              r"\b(?:they|these|those)\s+(?:were|are|included)\b", head, re.I)) and \
            len(_WORD.findall(head)) <= 8

    def _previous_way(self, pos: int) -> Way | None:
        """The way of the words just before ``pos``: the line or sentence that introduced a list."""
        look = max(0, pos - 1500)
        best = None
        for s, e in _sentences(self.text, look, pos):
            w = self.way_of(s, e)
            if w is not None:
                best = w
        return best

    def _run_after(self, pos: int, end: int) -> list[tuple[Ref, int]]:
        """Names one after another from ``pos``: "A (X), B (Y) and C"."""
        text = self.text
        i = bisect.bisect_left(self.ref_starts, pos)
        run: list[tuple[Ref, int]] = []
        at = pos
        while i < len(self.refs) and self.refs[i].np_start < end:
            ref = self.refs[i]
            if _POSSESSIVE.match(text, ref.end):
                break  # "15 of Sir Keir's frontbenchers": the one named owns something, and is no member
            gap = text[at:ref.np_start]
            if run and not _JOIN.fullmatch(gap) and not _descriptor_gap(gap):
                break
            if not run and gap.strip(" \t\u00a0,:“\"") != "" and not _descriptor(gap):
                break
            stop = ref.end
            p = _PAREN.match(text, stop, end)
            if p:
                stop = p.end()
            run.append((ref, stop))
            at = stop
            i += 1
        return run

    def _refs_in(self, start: int, end: int) -> list[Ref]:
        i = bisect.bisect_left(self.ref_starts, start)
        out = []
        while i < len(self.refs) and self.refs[i].np_start < end:
            out.append(self.refs[i])
            i += 1
        return out

    def _add(self, out: list[Member], ref: Ref, way: Way, q0: int, q1: int) -> None:
        out.append(self._member(ref, way, q0, q1))
        other = self._instead(way)
        if other is not None:
            out.append(self._member(ref, other, q0, max(q1, other.end)))

    def _instead(self, way: Way) -> Way | None:
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

    def _member(self, ref: Ref, way: Way, q0: int, q1: int) -> Member:
        q0 = min(q0, ref.np_start)
        q1 = max(q1, ref.end)
        if q1 - q0 > 400:
            q0 = ref.np_start if ref.np_start < q1 else q0
        text = self.text
        while q0 < q1 and text[q0] in " \t\n\u00a0-*•·–—“\"":
            q0 += 1
        while q1 > q0 and text[q1 - 1] in " \t\n\u00a0,;:":
            q1 -= 1
        division = self.division_for(way.topic, way.start)
        day = self.vote_date(way, division)
        return Member(ref, way, (q0, q1), day, division.division if division else None)

    # -- when ----------------------------------------------------------------------------------

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
        if division is not None and division.date:
            if not around or any(d.iso == division.date or division.date.startswith(d.iso) for d in around):
                return division.date
        if around:
            return around[0].iso
        if division is not None:
            return division.date
        return self.vote_day if way.option in ("aye", "no", "abstain") else self.on


_CHANGES_TO = re.compile(r"\b(?:changes?|amendments?|alterations?|modifications?|revisions?)\s+(?:made\s+)?(?:to|of)\s+"
                         r"(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_LEGEND = re.compile(r"[“\"‘']?(?P<word>Yes|Aye|No|For|Against)[”\"’']?\s+(?:below\s+|here\s+|above\s+)?means?\s+"
                     r"(?P<what>[^;.\n]+)")
_SPEAKER_SUBJECT = re.compile(
    r"[\s\u00a0“\"]*(?:and\s+|but\s+|so\s+)?(?:I|We|we|My\s+party|my\s+party|Labour|The\s+SNP|the\s+SNP|The\s+Liberal\s+Democrats|"
    r"The\s+Conservatives|The\s+Government|the\s+Government|The\s+Opposition|Plaid\s+Cymru|The\s+DUP|"
    r"The\s+Green\s+Party)\b(?:\s+(?:will|shall|would|must|do|did|have|has|cannot|can|also|therefore|"
    r"tonight|again|still|never|not|firmly|strongly|wholeheartedly|fully|simply|now){1,3})?")
_ASKING = re.compile(r"\s*(?:ask|urge|call\s+on|press|implore|beg|plead\s+with|appeal\s+to)\b", re.I)
_MOTION_MOVED = re.compile(r"^\s*beg\s+to\s+move\s*(?:,\s*)?(?:That\s+the\b[^.]{0,300}?\bbe\s+(?:now\s+)?(?:approved|read|agreed)|"
                           r"(?:an|the)\s+amendment|amendment|the\s+(?:new\s+)?clause)", re.I)
_MOVE = re.compile(r"\s*beg\s+to\s+move\b", re.I)
_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of|but\s+not|not)\s+(?:an?\s+|the\s+)?", re.I)
_GROUP_REF = re.compile(r"\b(?:those|them|these|the\s+(?:[\w-]+\s+){0,2}(?:MPs|members|rebels|frontbenchers|ministers|"
                        r"backbenchers))\b", re.I)
_MODIFIES = re.compile(r"\b(?!(?:after|by|before|when|while|for|through|in|from|despite|without|also|both|all|and|"
                       r"not|were|are|was|is|been|be|now|still|openly|publicly|repeatedly|since|of)\b)[a-z]+\s+$")
_THE_MOTION = re.compile(r"\s*(?:the|this|that)\s+(amendment|motion|new\s+clause)\b", re.I)
# words that say what a motion would do: "calling for", "that would have required", "to"
_DESCRIBES = re.compile(r"\b(?:call(?:ing|ed|s)\s+for|demanding|urging|which|that|to|seeking|aimed|designed|would|"
                        r"for|on)\b", re.I)
_UNDOES = re.compile(r"\b(?:remov\w*|strip\w*|scrap\w*|reject\w*|water\w*\s+down|overturn\w*|block\w*|end(?:ing)?)\b",
                     re.I)
_DESCRIBED = re.compile(r",\s*(?:which|that)\s+(?:called|calls|would\s+have|would|sought|seeks|aimed|aims|demanded|"
                        r"urged)\b|,?\s*calling\s+for\b", re.I)
_POSSESSIVE = re.compile(r"[’']s?\b")
_COPULA_AFTER = re.compile(r"\b(?:were|was|are|is|included|include)\b[\s\u00a0]*", re.I)
_AMONG_AFTER = re.compile(r"[\s\u00a0,]+(?:were|was|are|is)\s+(?:also\s+)?(?:among(?:st)?|one\s+of|two\s+of|some\s+of|"
                          r"part\s+of|in)\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?P<verb>supported|backed|opposed|rejected|"
                      r"tabled|proposed|put\s+forward|signed|brought\s+forward)\s+(?:\w+\s+){0,2}?by\b", re.I)
_TABLED_BY = re.compile(r"\b(?:amendments?|motions?|bills?|changes|proposals?|plans?|clauses?)\s+(?:\w+\s+){0,2}?"
                        r"(?P<verb>tabled|proposed|moved|put\s+forward|brought\s+forward|drawn\s+up|led|introduced|"
                        r"laid)\s+(?:last\s+\w+\s+)?by\s+", re.I)
_OWNS = re.compile(r"[’']s?[\s\u00a0]+(?:own[\s\u00a0]+|new[\s\u00a0]+|proposed[\s\u00a0]+|rebel[\s\u00a0]+)?"
                   r"(?P<thing>amendments?|motion|changes|proposals?|new\s+clause|clauses?)\b", re.I)
_AS_DID = re.compile(r"[\s\u00a0,]*\b(?:as\s+did|as\s+were|and\s+so\s+did|like)\b[\s\u00a0]*", re.I)
_VERBISH = re.compile(r"^(?:is|was|were|are|has|have|had|said|says|will|would|did|does|do|can|could|should|been|"
                      r"told|voted|backed|\w+ed|\w+ing)$", re.I)
_NOT_DESCRIPTIVE = frozenset(["mr", "mrs", "ms", "miss", "sir", "dame", "dr", "lord", "lady", "one", "two", "three",
                              "four", "five", "six", "seven", "eight", "nine", "ten", "both", "all", "who", "which",
                              "by", "with", "from", "said", "says", "photo", "picture", "image", "credit"])
_FUNCTION = frozenset(["the", "of", "for", "and", "in", "on", "upon", "at", "a", "an", "&"])


def _descriptor(words_text: str) -> bool:
    """A few words that describe a person ("Conservative MP for New Forest East", "former health secretary")."""
    ws = _WORD.findall(words_text)
    if not ws or len(ws) > 8:
        return False
    if any(_VERBISH.match(w) and w.lower() not in _ROLE_WORDS for w in ws):
        return False
    if re.search(r"[.;:!?“”\"]", words_text) or any(w.lower() in _NOT_DESCRIPTIVE for w in ws):
        return False
    def known(w: str) -> bool:
        low = w.lower()
        return w[0].isupper() or low in _ROLE_WORDS or low in _FUNCTION or low.startswith("ex-")

    others = sum(1 for w in ws if not known(w))
    roles = sum(1 for w in ws if w.lower() in _ROLE_WORDS or w.lower().startswith("ex-"))
    return others == 0 or others == 1 and len(ws) >= 2 and roles >= 1


def _appositive(lead: str) -> bool:
    """ "Buckingham's likely Conservative candidate at the next election, ": a noun phrase set before a name."""
    if not lead.rstrip().endswith(","):
        return False
    ws = _WORD.findall(lead)
    return 0 < len(ws) <= 16 and not any(_VERBISH.match(w) and w.lower() not in _ROLE_WORDS for w in ws) \
        and not re.search(r"[.;:!?“”\"]", lead)


def _descriptor_gap(gap: str) -> bool:
    """Between two names of a list: ", Conservative MP for X, " or " Conservative MP for X and "."""
    g = " ".join(gap.split()) + " "
    if not g.strip():
        return False
    after = re.fullmatch(r" ?,? ?(?P<d>[^,()]+?) ?(?:, ?(?:and )?|and |& )", g, re.I)  # "A, MP for X, B"
    before = re.fullmatch(r" ?(?:, ?(?:and )?|and |& )(?P<d>[^,()]+?) ", g, re.I)  # "A, former minister B"
    return bool(after and _descriptor(after.group("d")) or before and _descriptor(before.group("d")))


def _past_asides(text: str, pos: int, end: int) -> int:
    """Past an appositive (", Labour,", ", a former minister,") and a relative clause (", who is from X,")
    after a name: where the verb the name is subject of may begin."""
    m = re.match(r",[\s\u00a0]*([^,]{1,60}),[\s\u00a0]*", text[pos:end])
    if m and (_descriptor(m.group(1)) or re.match(r"(?:who|which|\w+ing)\b", m.group(1), re.I)
              or re.match(r"(?:the|a|an)\s", m.group(1)) and not re.search(r"\b(?:is|was|has|said)\b", m.group(1))):
        inner = m.group(1)
        if not (_FOR.search(inner) or _AGAINST.search(inner)):
            return pos + m.end()
    return pos


_WHO = re.compile(r"(?:[\s\u00a0]*\([^()]{0,60}\))?[\s\u00a0]*,?[\s\u00a0]*who[\s\u00a0]+(?:also[\s\u00a0]+|had[\s\u00a0]+|have[\s\u00a0]+)?",
                  re.I)
_COUNTED_GROUP = re.compile(r"[\s\u00a0“\"]*(?:The\s+|All\s+|Some\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                            r"eleven|twelve|several|a\s+number\s+of)\s+(?:of\s+)?(?:[\w’'-]+\s+){0,3}?(?:MPs|members|"
                            r"frontbenchers|ministers|rebels|backbenchers|shadow\s+ministers|councillors)\b", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:by|of|to|from|with|against|for|over|on|at|about|than|like|under|behind|"
                            r"said|told|urged|asked)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
# "A and B defy Keir Starmer to back ...": the one defied holds nothing
_DEFY = re.compile(r"\b(?:defy|defies|defied|defying|rebel(?:s|led|ling)?\s+against|snub(?:s|bed)?|"
                   r"br(?:oke|eak|eaking)\s+with)\s+(?:[\w’'-]+\s+){0,3}$", re.I)
_OTHER_SUBJECT = re.compile(r"\b(?:MPs|members|frontbenchers|backbenchers|colleagues|rebels|councillors|people|"
                            r"ministers|who|which|with|while|others)\b", re.I)
_LIST_WORDS = re.compile(r"\b(?:list|following|below|here\s+(?:are|is)|they\s+(?:were|are)|were:|are:)\b", re.I)
_PREP_BEFORE = re.compile(r"[\s\u00a0]*(?:by|of|against|from|with|to|for|over|on)\b", re.I)


_ROLE_WORDS = frozenset(["mp", "mps", "msp", "minister", "ministers", "secretary", "secretaries", "shadow", "deputy", "leader", "member", "members", "for", "of", "the", "and", "former", "ex", "veteran", "backbencher", "backbench", "frontbencher", "chair", "chairman", "chairwoman", "tory", "tories", "conservative", "labour", "lib", "dem", "dems", "democrat", "democrats", "snp", "dup", "green", "independent", "sdlp", "alliance", "plaid", "cymru", "reform", "party's", "spokesperson", "spokesman", "spokeswoman", "solicitor", "attorney", "general", "chancellor", "pps", "parliamentary", "private", "aide", "to", "whip", "prime", "senior", "junior", "fellow", "colleague", "colleagues"])
_LEAD_TOKEN = re.compile(r"([^\W_][\w’'.-]*)[\s\u00a0]*$")


def _lead(text: str, ref: Ref, floor: int) -> int:
    """Where the words that describe a name begin: back over capitalised words and role words, on its line."""
    start = ref.np_start
    line_start = text.rfind("\n", 0, start) + 1
    floor = max(floor, line_start)
    steps = 0
    while steps < 10:
        m = _LEAD_TOKEN.search(text, floor, start)
        if m is None:
            break
        word = m.group(1)
        if not (word[0].isupper() or word.lower().rstrip("’'s") in _ROLE_WORDS or word.lower() in _ROLE_WORDS):
            break
        if word.lower() in ("the", "and", "for", "of", "to") and steps == 0:
            break
        start = m.start()
        steps += 1
    while start < ref.np_start and text[start:ref.np_start].split()[0].lower() in ("the", "and", "for", "of", "to"):
        start += len(text[start:].split(None, 1)[0])
        while start < ref.np_start and text[start] in " \u00a0":
            start += 1
    return start


def _replace_np(ref: Ref, np_start: int) -> Ref:
    from dataclasses import replace
    return replace(ref, np_start=min(ref.np_start, np_start))


def _weaker(way: Way) -> Way:
    """The way of a group, held by members the text names after it: implied, and less sure."""
    return Way(way.topic, way.stance, way.option, way.start, way.end, way.confidence * 0.8, inherited=True)


_OWNERS: dict[int, tuple[CueMatcher, dict[str, list[TopicSpec]]]] = {}


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


def _only_describes(rest: str) -> bool:
    """Whether the words after a name on its line only describe it (a seat, a role), saying nothing it did."""
    return not (_FOR.search(rest) or _AGAINST.search(rest) or _ABSTAIN.search(rest)
                or re.search(r"\b(?:said|says|told|voted|is|was|has|have|will|would)\b", rest)
                or any(_VERBISH.match(w) and w.lower() not in _ROLE_WORDS for w in _WORD.findall(rest)))


def _item_option(word: str | None) -> str | None:
    """The vote a list item's own last word gives: "- Yes", ": against", "(abstained)"."""
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w in ("yes", "aye", "for", "voted for", "voted in favour", "in favour"):
        return "aye"
    if w in ("no", "noe", "against", "voted against"):
        return "no"
    return "abstain"


def _inside_parens(text: str, start: int, pos: int) -> bool:
    return text.count("(", start, pos) > text.count(")", start, pos)


def _stance(topic: TopicSpec, option: str | None, cue: CueHit | None) -> str | None:
    if option not in ("aye", "no"):
        return None
    aye = topic.aye_means()
    return aye if option == "aye" else ("oppose" if aye == "support" else "support")


def _heading_of(body: str) -> str | None:
    """The vote a heading line gives the names under it: "Yes", "Noes", "Did not vote"."""
    if _HEAD_AYE.match(body):
        return "aye"
    if _HEAD_NO.match(body):
        return "no"
    if _HEAD_NONE.match(body):
        return "abstain"
    return None


def _with_option(way: Way, option: str, legend: dict[str, str] | None = None) -> Way:
    """The intro's topic with a heading's way ("how MPs voted on X:" then "No"): an aye points the way the
    text's legend says ("'Yes' means ..."), else the way the topic's own divisions point. What the intro
    itself says of the vote ("the Commons rejected a call for X") is the House's way, not the list's."""
    if option == "abstain":
        return Way(way.topic, None, "abstain", way.start, way.end, way.confidence)
    if legend and option in legend:
        return Way(way.topic, legend[option], option, way.start, way.end, way.confidence)
    return Way(way.topic, _stance(way.topic, option, None), option, way.start, way.end, way.confidence)


def _legend(text: str, start: int, end: int, topic: TopicSpec | None) -> dict[str, str] | None:
    """ "A 'Yes' below means the MP voted for the duty; 'No' means they voted to remove it"."""
    out: dict[str, str] = {}
    for m in _LEGEND.finditer(text, start, end):
        what = m.group("what")
        sign = 1
        if _AGAINST.search(what) or re.search(r"\b(?:remove|scrap|reject|block|against|oppos\w*|strip)\b", what, re.I):
            sign = -1
        if _MOTION_HEAD.search(what) and not re.search(r"\b(?:it|them|this)\b", what, re.I) and topic is not None:
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


def _preferred(cues: list[CueHit]) -> list[CueHit]:
    """A topic offered instead of another wins over it: "pauses, not a ceasefire"."""
    slugs = {c.topic.slug for c in cues}
    return [c for c in cues if not any(s in c.topic.excludes and False for s in slugs)] or cues


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[.!?](?:\s|$)|\n").search(text, pos, limit)
    return m.start() if m else limit


def _clause_end(text: str, pos: int, end: int) -> int:
    m = re.compile(r"[.;!?]\s|\n|,\s+(?:but|while|although|whereas|who|which)\b").search(text, pos, end)
    return m.start() if m else end


def _clauses(text: str, start: int, end: int):
    pos = start
    for m in re.finditer(r",\s+(?=(?:and|but|so)\s)|;\s+|\s+[–—]\s+", text[start:end]):
        yield pos, start + m.start()
        pos = start + m.end()
    yield pos, end


_SENT_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[A-Z“\"‘(])|\n+")


def _sentences(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end
