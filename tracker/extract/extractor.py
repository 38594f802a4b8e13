"""One pass over one text: mentions, then speakers, then stances, tallies and votes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .dates import UNDATED_PAST, day_before, find_dates
from .mentions import MentionFinder, Ref
from .records import (
    ArticleMeta,
    DirectoryPerson,
    Extraction,
    Mention,
    Position,
    ReportedTally,
    TopicSpec,
    VoteClaim,
    precision_of,
)
from .resolve import Resolver
from .speakers import Salience, Speaker, attribute, find_author, hansard_labels, is_first_person
from .stance import (
    FIRST_PERSON,
    GROUP_WORDS,
    SUBJECT_PRONOUNS,
    THING_WORDS,
    Agent,
    CueMatcher,
    Lean,
    lean,
    walk_back,
)
from .tallies import chamber, find_tallies, motion, party_counts
from .text import Quotation, Sentence, clauses, quotations, sentences, words

# "One of those who resigned was Jane Smith": a named member of the group just spoken of
_ONE_OF = re.compile(
    r"[“\"]?\s*(?:One|Two|Three|Four|Five|Some|Several|Many|Most|Both|Among)\s+(?:of\s+)?(?:those|them|these|the\s+"
    r"(?:\w+\s+){0,2}(?:MPs|members|rebels))\b",
    re.IGNORECASE,
)
_COPULA = re.compile(r"\b(?:was|were|is|are|included|include|includes)\b")
_NOT_STATEMENT_DATE = re.compile(
    r"\b(?:since|until|after|before|from|ahead\s+of|following)\s+$", re.IGNORECASE
)


@dataclass(frozen=True)
class Holder:
    """Whose position a lean is: a registry person, a person outside it, or an unnamed speaker."""

    person: DirectoryPerson | None
    name: str | None
    as_written: str | None
    confidence: float
    is_mp: bool | None
    quote_start: int | None  # where the quote begins when the holder's words start it


@dataclass(frozen=True)
class GroupLean:
    sentence: int
    lean: Lean
    date: str | None


class Extractor:
    def __init__(self, text: str, meta: ArticleMeta, resolver: Resolver, topics: list[TopicSpec]):
        self.text = text
        self.meta = meta
        self.resolver = resolver
        self.on = meta.published
        self.matcher = CueMatcher.for_topics(tuple(topics))
        self.sents = sentences(text)
        self.quotes = quotations(text)
        self.quote_starts = [q.start for q in self.quotes]
        self.refs = MentionFinder(text, resolver, self.on).find()
        self.ref_ends = [r.end for r in self.refs]
        self.sal = Salience(text, self.refs, self.sents)
        self.speakers = attribute(text, self.quotes, self.sal)
        self.hansard = meta.kind == "hansard"
        self.labels = hansard_labels(text, resolver, self.on, self.refs) if self.hansard else []
        self.first_person = is_first_person(text, meta, self.quotes)
        self.author, self.author_how = (
            find_author(text, meta, resolver, self.on) if self.first_person else (None, "none")
        )
        self.groups: list[GroupLean] = []
        self.tallies: list[ReportedTally] = []

    def run(self) -> Extraction:
        self.tallies = self._tallies()
        candidates: list[Position] = []
        for sent in self.sents:
            candidates.extend(self._sentence_positions(sent))
        positions = _best_per_holder(candidates)
        return Extraction(
            mentions=[self._mention(r) for r in self.refs],
            positions=positions,
            vote_claims=self._vote_claims(candidates),
            tallies=self.tallies,
            author_key=self.author.key if self.author else None,
            author_name=self.author.name if self.author else None,
        )

    # -- positions ---------------------------------------------------------------------------

    def _sentence_positions(self, sent: Sentence) -> list[Position]:
        out = []
        hits = self.matcher.find(self.text, sent.start, sent.end)
        if not hits:
            return self._one_of(sent)
        parts = clauses(self.text, sent.start, sent.end)
        leans: list[tuple[Lean, tuple[int, int]]] = []
        for hit in hits:
            clause = next((c for c in parts if c[0] <= hit.start < c[1]), (sent.start, sent.end))
            found = lean(self.text, hit, clause, self.matcher)
            if found is not None:
                leans.append((found, clause))
        for found, clause in _without_excluded(leans):
            position = self._position(sent, clause, parts, found)
            if position is not None:
                out.append(position)
        out.extend(self._one_of(sent))
        return out

    def _position(self, sent: Sentence, clause: tuple[int, int], parts, found: Lean) -> Position | None:
        clause_words = words(self.text, clause[0], clause[1])
        agent = walk_back(clause_words, found.trigger_start, self._ref_at, self.sal.is_object)
        if agent.kind == "none" and clause[0] > parts[0][0]:
            agent = self._sentence_subject(sent, parts[0])
        quote = self._quote_of(found.trigger_start)
        date = self._date(sent, clause, found, quote)
        if agent.kind == "group":
            self.groups.append(GroupLean(sent.index, found, date))
            return None
        holder = self._holder(agent, quote, found)
        if holder is None:
            return None
        start = self._quote_start(sent, clause, holder, quote)
        end = found.end
        if re.search(r",", self.text[found.trigger_end : found.cue.start]):
            end = clause[1]  # the cue is one item of a list: the quote runs to the end of the list
            while end > start and self.text[end - 1] in ".,;:!? \u00a0":
                end -= 1
        return self._make(found, holder, start, end, date, "vote-claim" if found.vote else "statement")

    def _holder(self, agent: Agent, quote: Quotation | None, found: Lean) -> Holder | None:
        speech = quote is not None and quote.speech
        speaker = self._speaker_at(found.trigger_start, quote)
        if agent.kind == "ref":
            ref = agent.ref
            return self._from_ref(ref, 1.0, ref.np_start)
        if agent.kind == "pronoun":
            if speech or self.hansard or agent.word.lower not in ("he", "she"):
                return None
            ref = self.sal.pronoun(agent.word.text, agent.word.start)
            return self._from_ref(ref, 0.9, agent.word.start, agent.word.text) if ref else None
        if agent.kind in ("first", "thing", "none"):
            if speech or self.hansard:
                factor = 0.95 if agent.kind == "first" else 0.85
                return self._from_speaker(speaker, factor, agent)
            if agent.kind == "first" and self.first_person and self.author is not None:
                return Holder(
                    self.author,
                    self.author.name,
                    None,
                    0.8,
                    self.author.is_mp_on(self.on) if self.on else None,
                    agent.word.start,
                )
        return None

    def _from_ref(
        self, ref: Ref | None, factor: float, start: int, as_written: str | None = None
    ) -> Holder | None:
        if ref is None or ref.person is None:
            return None  # people outside the registry are kept as mentions, not as holders of positions
        return Holder(ref.person, ref.name, as_written or ref.text, ref.confidence * factor, ref.is_mp, start)

    def _from_speaker(self, speaker: Speaker | None, factor: float, agent: Agent) -> Holder | None:
        start = agent.word.start if agent.kind == "first" and agent.word else None
        if speaker is None:
            if self.hansard:  # a Member who is not named: kept, pinned on no one
                return Holder(None, None, None, 0.6 * factor, None, start)
            return None
        ref = speaker.ref
        if ref is None or ref.person is None:
            return None
        return Holder(ref.person, ref.name, ref.text, min(ref.confidence, 0.9) * factor, ref.is_mp, start)

    def _sentence_subject(self, sent: Sentence, first_clause: tuple[int, int]) -> Agent:
        """The subject of a sentence's first clause, for a later clause that has none of its own."""
        clause_words = words(self.text, first_clause[0], first_clause[1])
        return _first_subject(clause_words, self._ref_at, self.sal.is_object)

    def _one_of(self, sent: Sentence) -> list[Position]:
        """A named member of a group inherits the group's stance from the sentences just before."""
        head = _ONE_OF.match(self.text, sent.start, sent.end)
        if not head:
            return []
        group = next((g for g in reversed(self.groups) if sent.index - 2 <= g.sentence <= sent.index), None)
        if group is None:
            return []
        copula = _COPULA.search(self.text, head.end(), sent.end)
        if not copula:
            return []
        out = []
        for ref in self._refs_between(copula.end(), sent.end):
            if ref.person is None:
                continue
            holder = Holder(ref.person, ref.name, ref.text, ref.confidence * 0.7, ref.is_mp, sent.start)
            out.append(self._make(group.lean, holder, head.start(), ref.end, group.date, "implied"))
            break
        return out

    # -- quotes, speakers, dates --------------------------------------------------------------

    def _quote_of(self, pos: int) -> Quotation | None:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def _speaker_at(self, pos: int, quote: Quotation | None) -> Speaker | None:
        if quote is not None and quote.speech:
            return self.speakers.get(quote.run)
        if self.hansard:
            label = next((lab for lab in reversed(self.labels) if lab[1] <= pos), None)
            return Speaker(label[2], None) if label else None
        return None

    def _quote_start(
        self, sent: Sentence, clause: tuple[int, int], holder: Holder, quote: Quotation | None
    ) -> int:
        """Speech is quoted from its sentence's start (or its clause's, in a long sentence); reported
        speech from the holder's words when they are in the clause, else from the clause."""
        if quote is not None and quote.speech:
            start = max(sent.start, quote.start)
            if len(self.text[start : clause[0]].split()) > 25:
                start = clause[0]
        elif holder.quote_start is not None and clause[0] <= holder.quote_start < clause[1]:
            start = holder.quote_start
        else:
            start = clause[0]
        while start < sent.end and self.text[start] in '“"‘ \u00a0':
            start += 1
        return start

    def _date(
        self, sent: Sentence, clause: tuple[int, int], found: Lean, quote: Quotation | None
    ) -> str | None:
        if found.vote:
            return self._vote_date(sent, clause)
        if quote is not None and quote.speech:
            speaker = self.speakers.get(quote.run)
            if speaker and speaker.attribution:
                dates = find_dates(self.text, *speaker.attribution, self.on)
                if dates:
                    return dates[0].iso
            return self.on
        dates = [
            d
            for d in find_dates(self.text, clause[0], clause[1], self.on)
            if not _NOT_STATEMENT_DATE.search(self.text[max(0, d.start - 12) : d.start])
        ]
        return dates[0].iso if dates else self.on

    def _vote_date(self, sent: Sentence, clause: tuple[int, int]) -> str | None:
        """When a vote the text reports was held: as written, else unknown when put in the past, else the
        division the text reports, else (news) the evening before publication."""
        dates = find_dates(self.text, clause[0], clause[1], self.on)
        if dates:
            return dates[0].iso
        if UNDATED_PAST.search(self.text, sent.start, sent.end):
            return None
        dated = [t.date for t in self.tallies if t.date]
        if dated:
            return dated[0]
        return day_before(self.on) if self.meta.kind == "news" else self.on

    # -- tallies and votes --------------------------------------------------------------------

    def _tallies(self) -> list[ReportedTally]:
        out = []
        for hit in find_tallies(self.text, 0, len(self.text)):
            sent = self.sal.sentence_of(hit.start)
            prev = self.sents[sent.index - 1].start if sent.index else sent.start
            context = self.text[prev : sent.end]
            dates = find_dates(self.text, sent.start, sent.end, self.on)
            date = dates[0].iso if dates else (day_before(self.on) if self.meta.kind == "news" else self.on)
            cues = self.matcher.find(self.text, sent.start, sent.end)
            out.append(
                ReportedTally(
                    quote=self.text[hit.start : hit.end],
                    start=hit.start,
                    end=hit.end,
                    ayes=hit.ayes,
                    noes=hit.noes,
                    result=hit.result,
                    motion=motion(self.text[sent.start : sent.end]),
                    chamber=chamber(context),
                    date=date,
                    date_precision=precision_of(date),
                    party_counts=party_counts(self.text, sent.start, sent.end),
                    topic=cues[0].topic.slug if cues else None,
                    confidence=0.8,
                )
            )
        return out

    def _vote_claims(self, candidates: list[Position]) -> list[VoteClaim]:
        seen = set()
        out = []
        for p in candidates:
            if p.evidence not in ("vote-claim", "implied") or p.person_name is None:
                continue
            if p.evidence == "implied" and not re.search(
                r"\bvot", self.text[max(0, p.start - 400) : p.start]
            ):
                continue
            option = "aye" if p.stance == "support" else "no"
            k = (p.person_key or p.person_name, p.topic, option, p.date)
            if k in seen:
                continue
            seen.add(k)
            out.append(
                VoteClaim(
                    p.topic,
                    option,
                    p.quote,
                    p.start,
                    p.end,
                    p.person_key,
                    p.person_name,
                    p.date,
                    precision_of(p.date),
                    round(p.confidence, 3),
                )
            )
        return out

    # -- records ------------------------------------------------------------------------------

    def _make(
        self, found: Lean, holder: Holder, start: int, end: int, date: str | None, evidence: str
    ) -> Position:
        is_mp = holder.is_mp
        if holder.person is not None and date and is_mp is not False:
            is_mp = holder.person.is_mp_on(date)
        return Position(
            topic=found.topic.slug,
            stance=found.stance,
            quote=self.text[start:end],
            start=start,
            end=end,
            person_key=holder.person.key if holder.person else None,
            person_name=holder.name,
            speaker_as_written=holder.as_written,
            date=date,
            date_precision=precision_of(date),
            qualifiers=found.qualifiers,
            confidence=round(min(1.0, found.confidence * holder.confidence), 3),
            is_mp=is_mp,
            evidence=evidence,
        )

    def _mention(self, ref: Ref) -> Mention:
        return Mention(
            ref.start,
            ref.end,
            ref.text,
            ref.person.key if ref.person else None,
            ref.name,
            ref.how,
            round(ref.confidence, 3),
            ref.role,
            ref.is_mp,
        )

    def _ref_at(self, word) -> Ref | None:
        i = bisect.bisect_right(self.ref_ends, word.start)
        if i < len(self.refs) and self.refs[i].np_start <= word.start < self.refs[i].end:
            return self.refs[i]
        return None

    def _refs_between(self, start: int, end: int) -> list[Ref]:
        i = bisect.bisect_right(self.ref_ends, start)
        return [r for r in self.refs[i:] if r.start >= start and r.end <= end]


def _first_subject(clause_words, ref_at, is_object) -> Agent:
    """The first word of a clause that can be its subject."""
    for i, w in enumerate(clause_words):
        ref = ref_at(w)
        if ref is not None and not is_object(ref):
            return Agent("ref", w, ref)
        if w.lower in FIRST_PERSON:
            return Agent("first", w)
        if w.lower in SUBJECT_PRONOUNS:
            return Agent("pronoun", w)
        if w.lower in GROUP_WORDS:
            return Agent("group", w)
        if w.lower in THING_WORDS:
            prev = clause_words[i - 1].lower if i else ""
            return Agent("first", clause_words[i - 1]) if prev in FIRST_PERSON else Agent("thing", w)
    return Agent("none")


def _without_excluded(leans: list[tuple[Lean, tuple[int, int]]]) -> list[tuple[Lean, tuple[int, int]]]:
    """A topic offered instead of another ("humanitarian pauses") keeps the other from being credited
    in the same clause."""
    out = []
    for found, clause in leans:
        blocked = any(
            other.topic.slug != found.topic.slug
            and found.topic.slug in other.topic.excludes
            and other_clause == clause
            for other, other_clause in leans
        )
        if not blocked:
            out.append((found, clause))
    return out


def _best_per_holder(candidates: list[Position]) -> list[Position]:
    """One position per person, topic and stance: a statement before a reported vote, then the surest,
    then a dated one, then the first."""
    best: dict[tuple, Position] = {}
    for p in candidates:
        who = p.person_key or p.person_name
        k = (who, p.topic, p.stance) if who else (None, p.topic, p.stance, p.start)
        cur = best.get(k)
        if cur is None or _rank(p) > _rank(cur):
            best[k] = p
    return sorted(best.values(), key=lambda p: (p.start, p.end, p.topic))


def _rank(p: Position) -> tuple:
    return (p.evidence == "statement", p.confidence, p.date is not None, -p.start)
