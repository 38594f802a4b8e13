"""Who the text puts in a list or a group, and so which way they hold.

Most real evidence of who voted how is a list: names one a line under a heading ("Yes", "Voted
against:", "Conservative"), names after a colon ("they were: A, B and C"), "including A and B",
"A and B were among the MPs who ...", "22 Conservative MPs: A (Seat), B (Seat)", names as headings
over a paragraph each. The way comes from the words that introduce the list or the heading above it
(read by :mod:`.ways`); a "Yes" or "No" points the way the topic's divisions (or the text's own
legend, "A 'Yes' means ...") say. Speeches of a Hansard page hold their speaker's first-person words.

Everything here reads the text and the references already found; every span is an offset into it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .mentions import Ref
from .ways import (
    ABSTAIN,
    AGAINST,
    CHANGES_TO,
    FOR,
    Way,
    Ways,
    clause_end,
    heading_of,
    legend,
    weaker,
    with_option,
)

# "- No.", ": voted against", "(Yes)": a list item's own way
_ITEM_WAY = re.compile(
    r"(?:^|[\s(:–—-])(?P<way>yes|aye|no|noe|against|for|abstained|did\s+not\s+vote|voted\s+(?:for|against|in\s+favour)|"
    r"in\s+favour)"
    r"\W*$", re.I)

_BULLET = re.compile(r"[\s\u00a0]*(?:[-*•·–—>]+|\d{1,3}[.)])?[\s\u00a0]*")

_JOIN = re.compile(r"[\s\u00a0]*(?:,|;|&|\band\b|\bas\s+well\s+as\b)[\s\u00a0]*(?:and\b[\s\u00a0]*)?", re.I)

_PAREN = re.compile(r"[\s\u00a0]*\([^()\n]{0,80}\)")

_AMONG = re.compile(r"\b(?:among(?:st)?|including|includ(?:ed|es)|such\s+as|alongside|joined\s+by|"
                    r"namely|notably|as\s+well\s+as|along\s+with|together\s+with)\b[\s\u00a0]*"
                    r"(?:them[\s\u00a0,]*|others[\s\u00a0,]*)?", re.I)

_OTHERS = re.compile(r"[\s\u00a0“\"]*(?:The\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|both|"
                     r"other|others)\b[\w\s\u00a0-]{0,30}?\b(?:others?|more|also|too)\b", re.I)

_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")


_SPEAKER_SUBJECT = re.compile(
    r"[\s\u00a0“\"]*(?:and\s+|but\s+|so\s+)?(?:I|We|we|My\s+party|my\s+party|Labour|The\s+SNP|the\s+SNP|The\s+Liberal\s+Democrats|"
    r"The\s+Conservatives|The\s+Government|the\s+Government|The\s+Opposition|Plaid\s+Cymru|The\s+DUP|"
    r"The\s+Green\s+Party)\b(?:\s+(?:will|shall|would|must|do|did|have|has|cannot|can|also|therefore|"
    r"tonight|again|still|never|not|firmly|strongly|wholeheartedly|fully|simply|now){1,3})?")

_ASKING = re.compile(r"\s*(?:ask|urge|call\s+on|press|implore|beg|plead\s+with|appeal\s+to)\b", re.I)

# what is moved: a motion that something be approved or read, or an amendment ("That this House has
# considered the matter" moves a debate, and says nothing of a stance)
_MOTION_MOVED = re.compile(r"^\s*beg\s+to\s+move\s*(?:,\s*)?(?:That\s+the\b[^.]{0,300}?\bbe\s+(?:now\s+)?"
                           r"(?:approved|read|agreed)|(?:an|the)\s+amendment|amendment|the\s+(?:new\s+)?clause)", re.I)

_MOVE = re.compile(r"\s*beg\s+to\s+move\b", re.I)

_GROUP_REF = re.compile(r"\b(?:those|them|these|the\s+(?:[\w-]+\s+){0,2}(?:MPs|members|rebels|frontbenchers|ministers|"
                        r"backbenchers))\b", re.I)

_FIRST_PERSON_VOTE = re.compile(r"\b(?:I|we|We)\s+(?:(?:have|had|also|then|both|all|duly|again|proudly|firmly)\s+){0,2}"
                                r"(?P<verb>voted|vote|backed|supported|opposed|rebelled)\b")
_LIKE = re.compile(r"\blike\s+", re.I)
_MODIFIES = re.compile(r"\b(?!(?:after|by|before|when|while|for|through|in|from|despite|without|also|both|all|and|"
                       r"not|were|are|was|is|been|be|now|still|openly|publicly|repeatedly|since|of)\b)[a-z]+\s+$")

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

_WHO = re.compile(r"(?:[\s\u00a0]*\([^()]{0,60}\))?[\s\u00a0]*,?[\s\u00a0]*who[\s\u00a0]+"
                  r"(?:also[\s\u00a0]+|had[\s\u00a0]+|have[\s\u00a0]+)?", re.I)

_COUNTED_GROUP = re.compile(r"[\s\u00a0“\"]*(?:The\s+|All\s+|Some\s+)?(?:\d+|two|three|four|five|six|seven|eight|"
                            r"nine|ten|eleven|twelve|several|a\s+number\s+of)\s+(?:of\s+)?(?:[\w’'-]+\s+){0,3}?(?:MPs|members|"
                            r"frontbenchers|ministers|rebels|backbenchers|shadow\s+ministers|councillors)\b", re.I)

_OBJECT_BEFORE = re.compile(r"\b(?:by|of|to|from|with|against|for|over|on|at|about|than|like|under|behind|"
                            r"said|told|urged|asked)\s+(?:[\w’'-]+\s+){0,2}$", re.I)

# "A and B defy Keir Starmer to back ...": the one defied holds nothing
_DEFY = re.compile(r"\b(?:defy|defies|defied|defying|rebel(?:s|led|ling)?\s+against|snub(?:s|bed)?|"
                   r"br(?:oke|eak|eaking)\s+with)\s+(?:[\w’'-]+\s+){0,3}$", re.I)

_OTHER_SUBJECT = re.compile(r"\b(?:MPs|members|frontbenchers|backbenchers|colleagues|rebels|councillors|people|"
                            r"ministers|who|which|with|while|others)\b", re.I)

_LIST_WORDS = re.compile(r"\b(?:list|following|below|here\s+(?:are|is)|they\s+(?:were|are)|were:|are:|each\s+of|"
                         r"every\s+one\s+of|by\s+party)\b", re.I)

_PREP_BEFORE = re.compile(r"[\s\u00a0]*(?:by|of|against|from|with|to|for|over|on)\b", re.I)

_ROLE_WORDS = frozenset([
    "mp", "mps", "msp", "minister", "ministers", "secretary", "secretaries", "shadow", "deputy", "leader",
    "member", "members", "for", "of", "the", "and", "former", "ex", "veteran", "backbencher", "backbench",
    "frontbencher", "chair", "chairman", "chairwoman", "tory", "tories", "conservative", "labour", "lib", "dem",
    "dems", "democrat", "democrats", "snp", "dup", "green", "independent", "sdlp", "alliance", "plaid", "cymru",
    "reform", "party's", "spokesperson", "spokesman", "spokeswoman", "solicitor", "attorney", "general",
    "chancellor", "pps", "parliamentary", "private", "aide", "to", "whip", "prime", "senior", "junior", "fellow",
    "colleague", "colleagues",
])

_LEAD_TOKEN = re.compile(r"([^\W_][\w’'.-]*)[\s\u00a0]*$")

_SENT_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[A-Z“\"‘(])|\n+")


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


class Lists:
    """The lists and groups of one text, read line by line and sentence by sentence."""

    def __init__(self, text: str, refs: list[Ref], ways: Ways, holds=lambda ref: True,
                 labels: tuple[tuple[int, int], ...] = ()):
        self.text = text
        self.ways = ways
        self.labels = labels  # speech labels of a Hansard page: never a list of names
        kept = [r for r in refs if holds(r)]
        # each name with the words that describe it ("Fylde MP", "Shadow Minister for Exports")
        self.refs = []
        floor = 0
        for r in kept:
            self.refs.append(_replace_np(r, _lead(text, r, floor)))
            floor = r.end
        self.ref_starts = [r.np_start for r in self.refs]
        self._lines_of: dict[int, list] = {}

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
                    moved = _MOVE.match(text, subject.end(), c1)
                    if moved and _MOTION_MOVED.match(text[subject.end():min(end, s1 + 400)]):
                        # "I beg to move, That the draft Regulations be approved": the motion may follow
                        way = self.ways.way_of(subject.end(), min(end, s1 + 400), "aye", subject=True)
                        if way is None or way.stance is None:
                            continue
                    else:
                        way = self.ways.way_of(subject.end(), c1)
                        asking = _ASKING.match(text, subject.end(), c1)
                        if way is None or way.stance is None or way.start - subject.end() > 40 and not asking:
                            continue
                    way = Way(way.topic, way.stance, None, way.start, way.end, way.confidence * 0.95)
                    out.append(Member(speaker, way, (c0, max(way.end, c0)), self.ways.on, None))
                self._first_person(out, speaker, s0, s1)

    def _first_person(self, out: list[Member], speaker: Ref, start: int, end: int) -> None:
        """ "I hope this makes clear why, like Mr Dunne, I voted for the Lords' amendment": a vote the speaker
        reports of themselves, wherever "I" or "we" stands right before it, and of those "like" them."""
        text = self.text
        for m in _FIRST_PERSON_VOTE.finditer(text, start, end):
            way = self.ways.way_of(m.end("verb") - len(m.group("verb")), end)
            if way is None or way.stance is None or way.start != m.start("verb"):
                continue
            day = self.ways.vote_date(way, self.ways.division_for(way.topic, way.start))
            out.append(Member(speaker, way, (m.start(), way.end), day, None))
            for like in _LIKE.finditer(text, max(start, m.start() - 80), m.start()):
                for ref, stop in self._run_after(like.end(), m.start()):
                    self._add(out, ref, way, like.start(), max(stop, way.end))

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
            heading = heading_of(body)
            if not (items or labelled or heading):
                pending.append((start, end, body))
                continue
            for p in pending:
                self._prose(st, *p)
            pending.clear()
            # a name alone on its line is one of a list under words that announce one, or among other names;
            # else it is a caption or a byline
            if items and not (st.intro is not None and st.listed or st.heading is not None
                              or self._name_line_next(pos) or st.prev_named):
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
            option = own or st.heading
            if option is not None:
                base = st.intro or self.ways.way_of(st.heading_start if own is None else start, end, option)
                way = with_option(base, option, st.legend) if base is not None else None
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
            way = with_option(way, st.heading, st.legend)
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
        found_legend = legend(text, start, end, st.intro.topic if st.intro else self.ways.topic_at(start, end)[0])
        if found_legend:
            st.legend = found_legend
            return
        if st.listed and st.members_seen and nwords > 5 and not body.endswith(":"):
            # a paragraph about the member named just above it: the list goes on
            st.quiet += 1
            if st.quiet >= 4:
                st.intro, st.heading, st.listed = None, None, False
            return
        way = self.ways.way_of(start, end)
        short = nwords <= 12 and not self._refs_in(start, end)  # "List of MPs calling for a ceasefire"
        if way is not None and (body.endswith((":", "…")) or short or _LIST_WORDS.search(body)):
            st.intro, st.intro_start, st.heading, st.quiet = way, body_start, None, 0
            st.listed, st.members_seen = True, False
            return
        if nwords <= 5 and not body.endswith("."):
            # a party or section heading: the list goes on; "Voted on X:" keeps the way to come
            if body.endswith(":") and way is None and self.ways.topic_at(start, end)[0] is not None:
                st.heading = None
            return
        if way is not None and way.option != "abstain" and nwords <= 60:
            st.intro, st.intro_start, st.heading, st.quiet = way, start, None, 0
            st.listed, st.members_seen = False, False
            return
        if body.endswith(":"):
            # "How Essex's MPs voted on the Cash amendment:": the topic now, the way from the headings
            named = self.ways.hits_in(start, end)
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
        return self.ways.way_of(start, colon), run

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
            if group_way is not None and len(out) == before and refs and self.ways.way_of(sent_start, sent_end) is None:
                # "A, B and C left their roles, while D and E also departed": the group's members, named
                named = [r for r in refs
                         if not _OBJECT_BEFORE.search(text, max(sent_start, r.np_start - 25), r.np_start)]
                if len(named) >= 2:
                    for ref in named:
                        self._add(out, ref, weaker(group_way), sent_start, ref.end)
            group_way = None
            if _COUNTED_GROUP.match(text, sent_start, sent_end):
                group_way = self.ways.way_of(sent_start, sent_end)

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
                    way = self.ways.way_of(sent_start, colon)
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
                    rest_way = self.ways.way_of(m.end(), cop.start())
                    ways = [rest_way] if rest_way else []
                else:
                    before_way = self.ways.way_of(sent_start, group_end)
                    ways = [w for w in (before_way, self.ways.way_of(run[-1][1], sent_end)) if w]
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
                    way = self.ways.way_of(sent_start, cop.start())
                    if way is None and _GROUP_REF.search(text, sent_start, cop.start()):
                        way = self._previous_way(sent_start)  # "One of those who left her post was X"
                        way = weaker(way) if way else None
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
                        way = self.ways.way_of(cop.end(), sent_end)
                        if way is not None:
                            for ref, _stop in run:
                                self._add(out, ref, way, sent_start, way.end)
            # "the amendment was supported by 39 SNP MPs and independent MPs A, B and C"
            for m in _PASSIVE.finditer(text, sent_start, sent_end):
                sign = -1 if m.group("verb").lower().startswith(("oppos", "reject")) else 1
                stop_at = clause_end(text, m.end(), sent_end)
                named = [r for r in self._refs_in(m.end(), stop_at) if not _inside_parens(text, m.end(), r.np_start)]
                if not named:
                    continue
                thing = self.ways.way_of(sent_start, m.start(), "aye" if sign > 0 else "no", subject=True)
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
                    way = self.ways.way_of(after, sent_end)
                    between = text[after:way.start] if way is not None else ""
                    if way is not None and _MODIFIES.search(text, max(after, way.start - 40), way.start) \
                            and re.match(r"\w+ing\b", text[way.start:way.end]):
                        way = None  # "apologised for a vote calling for X": the vote calls for it, not them
                    if way is not None and len(between) <= 130 and not _PREP_BEFORE.match(between) \
                            and not any(after <= r.np_start < way.start and not _DEFY.search(text, after, r.np_start)
                                        for r in refs) \
                            and not re.search(r"[,;:–—]\s", between) and not _OTHER_SUBJECT.search(between):
                        for ref, _stop in run:
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
                way = self.ways.way_of(rel.end(), rel_end if rel_end != -1 else sent_end)
                if way is None:
                    continue
                start_run = r
                restrictive = "," not in text[r.end:rel.end()]  # "A and B who opposed it": both; ", who": B
                for other in reversed([x for x in refs if x.end <= r.np_start] if restrictive else []):
                    gap = text[other.end:start_run.np_start]
                    if _JOIN.fullmatch(gap):
                        start_run = other
                    else:
                        break
                for ref, _stop in self._run_after(start_run.np_start, r.end + 1):
                    self._add(out, ref, way, ref.np_start, way.end)
            # "Two others, A and B, ...": more members of the group just spoken of
            m = _OTHERS.match(text, sent_start, sent_end)
            if m:
                run = self._run_after(m.end(), sent_end)
                prev = self._previous_way(sent_start)
                prev = weaker(prev) if prev else None
                if run and prev is not None:
                    for ref, stop in run:
                        self._add(out, ref, prev, sent_start, stop)

    def _owned(self, owner: Ref, thing_start: int, thing_end: int, after: int, sent_end: int) -> Way | None:
        """The way of the one who tabled a motion: for it, on the topic named after them ("the Cash
        amendment"), else the topic the motion's words name, else (a motion with no other name) the topic
        in force."""
        family = (owner.person.family_name if owner.person else (owner.name or "").split()[-1]).lower()
        named = [t for t in self.ways.owner_topics.get(family, ())]
        if named:
            topic = named[0]
            return Way(topic, "support", None, thing_start, after, 0.8)
        stop = clause_end(self.text, after, sent_end)
        cues = self.ways.hits_in(thing_start, stop)
        if cues and not CHANGES_TO.search(self.text, thing_start, cues[0].start):
            return Way(cues[0].topic, "support", None, thing_start, max(after, cues[0].end), 0.8)
        if cues:
            return None
        way = self.ways.way_of(thing_start, thing_end, "aye", subject=True)
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
            w = self.ways.way_of(s, e)
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
        other = self.ways.instead(way)
        if other is not None:
            out.append(self._member(ref, other, q0, max(q1, other.end)))

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
        division = self.ways.division_for(way.topic, way.start)
        day = self.ways.vote_date(way, division)
        return Member(ref, way, (q0, q1), day, division.division if division else None)


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
        if not (FOR.search(inner) or AGAINST.search(inner)):
            return pos + m.end()
    return pos


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


def _only_describes(rest: str) -> bool:
    """Whether the words after a name on its line only describe it (a seat, a role), saying nothing it did."""
    return not (FOR.search(rest) or AGAINST.search(rest) or ABSTAIN.search(rest)
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


def _clauses(text: str, start: int, end: int):
    pos = start
    for m in re.finditer(r",\s+(?=(?:and|but|so)\s)|;\s+|\s+[–—]\s+", text[start:end]):
        yield pos, start + m.start()
        pos = start + m.end()
    yield pos, end


def _sentences(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end
