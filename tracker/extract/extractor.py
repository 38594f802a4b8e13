"""One pass over one text: mentions, then speakers, then stances, tallies and votes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .dates import UNDATED_PAST, day_before, find_dates
from .lists import Lists, Member
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
    needs_review,
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
    CueHit,
    CueMatcher,
    Lean,
    lean,
    passive_lean,
    walk_back,
)
from .tallies import chamber, find_tallies, motion, party_counts
from .text import Quotation, Sentence, clauses, quotations, sentences, words
from .ways import Ways

_VOTED_ON_MOTION = re.compile(
    r"\b(?:vot\w*\s+(?:for|against)|back(?:ed|s)?|support(?:ed|s)?|oppos(?:ed|es)?)\s+(?:an?\s+|the\s+)?"
    r"(?:[A-Z][\w’']*\s+)*(?:amendment|motion)\b"
)
_MOTION_WORDS = r"(?P<name>(?:[A-Z][\w’']*[ \u00a0]+){1,3})(?:amendment|motion)"
# "an SNP motion calling for an immediate": a motion named with the topic it calls for
_MOTION_CALLING = re.compile(
    rf"{_MOTION_WORDS}[ \u00a0]+(?:calling[ \u00a0]+for|demanding|which[ \u00a0]+called[ \u00a0]+for)[ \u00a0]+"
    r"(?:[\w-]+[ \u00a0]+){0,3}$"
)
_MOTION_NAMED = re.compile(rf"\b(?:the|an?|their|its)[ \u00a0]+{_MOTION_WORDS}\b")
_PRO_FORM = re.compile(
    r"\b(?:(?:do|does|did|doing)\s+(?P<same>so|the\s+same)|(?:call(?:s|ed|ing)?\s+for|back(?:s|ed|ing)?|"
    r"support(?:s|ed|ing)?)\s+(?P<one>one))\b",
    re.IGNORECASE,
)
_NEGATED_PRO_FORM = re.compile(r"\b(?:not|never|n[’']t|refus\w*\s+to|declin\w*\s+to)\W*(?:\w+\W+){0,2}$", re.I)
# words reported in the simple past: said at the event the text reports
_SAID = re.compile(r"\b(?:said|told|wrote|added|insisted|warned)\b")
_MOTION_NOUNS = frozenset(
    ["vote", "votes", "motion", "motions", "amendment", "amendments", "petition", "letter", "bill"])
_DEFIED = re.compile(r"\b(?:defy|defies|defied|defying|snub(?:s|bed)?)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
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


class Extractor:
    def __init__(self, text: str, meta: ArticleMeta, resolver: Resolver, topics: list[TopicSpec]):
        self.text = text
        self.meta = meta
        self.resolver = resolver
        self.on = meta.published
        self.matcher = CueMatcher.for_topics(tuple(topics))
        self.sents = sentences(text)
        self.hits = self.matcher.find(text, 0, len(text))  # every cue of every topic, once
        self.hit_starts = [h.start for h in self.hits]
        self.quotes = quotations(text)
        self.quote_starts = [q.start for q in self.quotes]
        self.first_person = is_first_person(text, meta, self.quotes)
        self.author, self.author_how = (
            find_author(text, meta, resolver, self.on) if self.first_person else (None, "none")
        )
        self.refs = MentionFinder(text, resolver, self.on).find()
        if self.author is not None:
            self.refs = _with_author_names(text, self.refs, self.author, self.on)
        self.ref_ends = [r.end for r in self.refs]
        self.sal = Salience(text, self.refs, self.sents)
        self.speakers = attribute(text, self.quotes, self.sal)
        self.hansard = meta.kind == "hansard" or bool(meta.speeches)
        # the page's markup names the speakers when it can; otherwise they are read from the labels' words
        self.labels = self._marked_labels() or (
            hansard_labels(text, resolver, self.on, self.refs) if self.hansard else [])
        self.tallies: list[ReportedTally] = []
        self.motions: dict[str, TopicSpec] = {}
        self.last_cue: tuple[int, CueHit] | None = None
        self.last_lean: tuple[int, Lean] | None = None

    def run(self) -> Extraction:
        self.tallies = self._tallies()
        candidates: list[Position] = []
        for sent in self.sents:
            candidates.extend(self._sentence_positions(sent))
        ways = Ways(self.text, self.matcher, self.on, vote_day=self._reported_vote_day(), hits=self.hits)
        members = Lists(self.text, self.refs, ways, holds=lambda r: _holds_positions(r) and r.how != "pronoun",
                        labels=tuple((a, b) for a, b, _ in self.labels)).members(self._speeches())
        said = [p for p in candidates if p.person_name]
        for m in members:
            if m.way.stance is None:
                continue
            who = m.ref.person.key if m.ref.person else m.ref.name
            if any((p.person_key or p.person_name) == who and p.topic == m.way.topic.slug
                   and p.start < m.quote[1] and m.quote[0] < p.end for p in said):
                continue  # the sentence's own reading of what this person said stands
            candidates.append(self._member_position(m))
        positions = _best_per_holder(candidates)
        return Extraction(
            mentions=[self._mention(r) for r in self.refs],
            positions=positions,
            vote_claims=sorted(self._vote_claims(candidates) + self._member_claims(members, candidates),
                               key=lambda v: (v.start, v.end, v.topic or "")),
            tallies=self.tallies,
            author_key=self.author.key if self.author else None,
            author_name=self.author.name if self.author else None,
        )

    # -- positions ---------------------------------------------------------------------------

    def _sentence_positions(self, sent: Sentence) -> list[Position]:
        out = []
        hits = self._hits_in(sent.start, sent.end)
        self._learn_motions(hits)
        hits = sorted(hits + self._motion_hits(sent, hits), key=lambda h: h.start)
        if not hits and not _PRO_FORM.search(self.text, sent.start, sent.end):
            return []
        parts = clauses(self.text, sent.start, sent.end)
        leans: list[tuple[Lean, tuple[int, int]]] = []
        for hit in hits:
            clause = next((c for c in parts if c[0] <= hit.start < c[1]), (sent.start, sent.end))
            found = lean(self.text, hit, clause, self.matcher)
            if found is not None:
                leans.append((found, clause))
            passive = passive_lean(self.text, hit, clause[0], sent.end)
            if passive is not None:
                leans.append((passive, clause))
        leans += self._pro_forms(sent, parts, hits, leans)
        for found, clause in _without_excluded(leans):
            out.extend(self._position(sent, clause, parts, found))
        if hits:
            self.last_cue = (sent.index, hits[-1])
        if leans:
            self.last_lean = (sent.index, leans[-1][0])
        return out

    def _hits_in(self, start: int, end: int) -> list[CueHit]:
        i = bisect.bisect_left(self.hit_starts, start)
        j = bisect.bisect_left(self.hit_starts, end)
        return self.hits[i:j]

    def _learn_motions(self, hits: list[CueHit]) -> None:
        """ "an SNP motion calling for a ceasefire": later, "the SNP motion" names the same topic."""
        for hit in hits:
            m = _MOTION_CALLING.search(self.text, max(0, hit.start - 90), hit.start)
            if m:
                self.motions.setdefault(_motion_key(m.group("name")), hit.topic)

    def _motion_hits(self, sent: Sentence, hits: list[CueHit]) -> list[CueHit]:
        out = []
        if not self.motions:
            return out
        for m in _MOTION_NAMED.finditer(self.text, sent.start, sent.end):
            topic = self.motions.get(_motion_key(m.group("name")))
            if topic is not None and not any(h.topic == topic for h in hits):
                if _MOTION_CALLING.match(self.text, m.start("name")):
                    continue  # the motion is named with its own cue
                out.append(CueHit(topic, m.start(), m.end()))
        return out

    def _pro_forms(self, sent: Sentence, parts, hits: list[CueHit], leans) -> list[tuple[Lean, tuple[int, int]]]:
        """ "and I do so again", "urging him to do the same", "I have called for one": the stance or the
        topic of the words just before."""
        out = []
        for clause in parts:
            if any(clause[0] <= h.start < clause[1] for h in hits):
                continue
            m = _PRO_FORM.search(self.text, clause[0], clause[1])
            if not m or _NEGATED_PRO_FORM.search(self.text, max(clause[0], m.start() - 30), m.start()):
                continue
            if m.group("same"):
                prior = leans[-1][0] if leans else None
                if prior is None and self.last_lean and sent.index - self.last_lean[0] <= 1:
                    prior = self.last_lean[1]
                if prior is None:
                    continue
                cue = CueHit(prior.topic, m.start(), m.end())
                out.append((Lean(prior.topic, prior.stance, m.start(), m.end(), cue, m.end(), (), 0.7, False), clause))
            else:
                prior_cue = hits[-1] if hits else None
                if prior_cue is None and self.last_cue and sent.index - self.last_cue[0] <= 1:
                    prior_cue = self.last_cue[1]
                if prior_cue is None:
                    continue
                cue = CueHit(prior_cue.topic, m.start("one"), m.end("one"))
                out.append(
                    (Lean(prior_cue.topic, "support", m.start(), m.end(), cue, m.end(), (), 0.7, False), clause)
                )
        return out

    def _position(self, sent: Sentence, clause: tuple[int, int], parts, found: Lean) -> list[Position]:
        if found.by_end is not None:
            return self._passive_positions(sent, clause, found)
        clause_words = words(self.text, clause[0], clause[1])
        agent = walk_back(clause_words, found.trigger_start, self._ref_at, self.sal.is_object)
        if agent.kind == "ref" and _DEFIED.search(
                self.text, max(clause[0], agent.ref.np_start - 30), agent.ref.np_start):
            return []  # "A and B defy Keir Starmer to back ...": the one defied is not the one who backs
        if agent.kind == "none" and clause[0] > parts[0][0]:
            agent = self._sentence_subject(sent, parts[0])
        if agent.word is not None and not found.vote and "conditional" not in found.qualifiers:
            between = self.text[agent.word.end : found.trigger_start]
            if _VOTED_ON_MOTION.search(between) and not re.search(r"\bwould\s+have\b", between):
                found = replace(found, vote=True)  # "backed the SNP amendment calling for": a vote
        quote = self._quote_of(found.trigger_start)
        date = self._date(sent, clause, found, quote)
        if agent.kind == "group":
            return []  # a group's members, where the text names them, are read as lists (frames.py)
        agents = [agent]
        if agent.kind == "ref":  # "Richard Burgon and Navendu Mishra backed": each name of the list
            agents = [Agent("ref", agent.word, ref) for ref in self._coordinated(agent.ref, clause[0])]
        out = []
        for each in agents:
            holder = self._holder(each, quote, found)
            if holder is None:
                continue
            start = self._quote_start(sent, clause, holder, quote)
            if each is not agents[0]:
                start = self._quote_start(sent, clause, self._holder(agents[0], quote, found) or holder, quote)
            end = found.end
            if re.search(r",", self.text[found.trigger_end : found.cue.start]):
                end = clause[1]  # the cue is one item of a list: the quote runs to the end of the list
                while end > start and self.text[end - 1] in ".,;:!? \u00a0":
                    end -= 1
            out.append(self._make(found, holder, start, end, date, "vote-claim" if found.vote else "statement"))
        return out

    def _passive_positions(self, sent: Sentence, clause: tuple[int, int], found: Lean) -> list[Position]:
        """ "a ceasefire was opposed by X and Y": the people named straight after "by", each holding the stance;
        a group or a thing there ("backed by Labour MPs", "by the UN") holds nothing."""
        following = self._refs_between(found.by_end, sent.end)
        if not following or following[0].np_start - found.by_end > 12:
            return []
        agents = [following[0]]
        for ref in following[1:]:
            if not _LIST_JOIN.fullmatch(self.text, agents[-1].end, ref.np_start):
                break
            agents.append(ref)
        quote = self._quote_of(found.trigger_start)
        date = self._date(sent, clause, found, quote)
        start = self._past_open_quotes(clause[0], sent.end)
        end = agents[-1].end
        out = []
        for ref in agents:
            holder = self._from_ref(ref, 1.0, ref.np_start)
            if holder is not None:
                out.append(self._make(found, holder, start, end, date, "statement"))
        return out

    def _coordinated(self, last: Ref, floor: int) -> list[Ref]:
        """The references joined to ``last`` by commas and "and" before it, first to last."""
        i = self.refs.index(last)
        out = [last]
        while i > 0:
            prev = self.refs[i - 1]
            if prev.end < floor or not _LIST_JOIN.fullmatch(self.text, prev.end, out[0].np_start):
                break
            out.insert(0, prev)
            i -= 1
        return out

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
        if agent.kind == "thing" and agent.word is not None and agent.word.lower in _MOTION_NOUNS \
                and not self.text[agent.word.end:found.trigger_start].strip(" \u00a0,"):
            return None  # "a vote calling for a ceasefire": what the vote called for, not the speaker's words
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
        if ref is None or not _holds_positions(ref):
            return None
        return Holder(ref.person, ref.name, as_written or ref.text, ref.confidence * factor, ref.is_mp, start)

    def _from_speaker(self, speaker: Speaker | None, factor: float, agent: Agent) -> Holder | None:
        start = agent.word.start if agent.kind == "first" and agent.word else None
        if speaker is None:
            if self.hansard:  # a Member who is not named: kept, pinned on no one
                return Holder(None, None, None, 0.6 * factor, None, start)
            return None
        ref = speaker.ref
        if ref is None or not _holds_positions(ref):
            return None
        return Holder(ref.person, ref.name, ref.text, min(ref.confidence, 0.9) * factor, ref.is_mp, start)

    def _sentence_subject(self, sent: Sentence, first_clause: tuple[int, int]) -> Agent:
        """The subject of a sentence's first clause, for a later clause that has none of its own."""
        clause_words = words(self.text, first_clause[0], first_clause[1])
        return _first_subject(clause_words, self._ref_at, self.sal.is_object)

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
        return self._past_open_quotes(start, sent.end)

    def _past_open_quotes(self, start: int, end: int) -> int:
        """``start`` moved past opening quotation marks and spaces: a quote begins with a word."""
        while start < end and self.text[start] in '“"‘ \u00a0':
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
                if _SAID.search(self.text, *speaker.attribution):
                    return self._event_date()
            return self.on
        dates = [
            d
            for d in find_dates(self.text, clause[0], clause[1], self.on)
            if not _NOT_STATEMENT_DATE.search(self.text[max(0, d.start - 12) : d.start])
        ]
        if dates:
            return dates[0].iso
        return self._event_date() if _SAID.search(self.text, clause[0], found.trigger_start) else self.on

    def _event_date(self) -> str | None:
        """When words reported as said ("she said", "said a ceasefire was needed") were said: in a news report
        of a vote, at the vote it reports; otherwise on the day of publication."""
        if self.meta.kind == "news":
            dated = [t.date for t in self.tallies if t.date]
            if dated:
                return dated[0]
        return self.on

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
            cues = self._hits_in(sent.start, sent.end)
            out.append(
                ReportedTally(
                    quote=self.text[hit.start : hit.end],
                    start=hit.start,
                    end=hit.end,
                    ayes=hit.ayes,
                    noes=hit.noes,
                    result=hit.result,
                    motion=motion(self.text[sent.start : sent.end]),
                    chamber=chamber(context, hit.start - prev),
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
            if p.evidence != "vote-claim" or p.person_name is None:
                continue  # members of lists and groups make their own claims
            spec = next((t for t in self.matcher.topics if t.slug == p.topic), None)
            aye = spec.aye_means() if spec is not None else "support"
            option = "aye" if p.stance == aye else "no"  # a vote for a motion whose aye opposes the topic
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

    # -- members of lists and groups ----------------------------------------------------------

    def _reported_vote_day(self) -> str | None:
        """The day of the vote a text reports when nothing closer says: a tally's, else (news) the day
        before publication, else the day of publication."""
        dated = [t.date for t in self.tallies if t.date]
        if dated:
            return dated[0]
        return day_before(self.on) if self.meta.kind == "news" else self.on

    def _marked_labels(self) -> list[tuple[int, int, Ref]]:
        """Speech labels whose speaker the page's markup gave (a member link or id), as (start, end, speaker)."""
        out = []
        for s in self.meta.speeches:
            person = self.resolver.person(s.person_key) if s.person_key else None
            is_mp = person.is_mp_on(self.on) if person is not None and self.on else None
            ref = Ref(s.label_start, s.label_start + len(s.name), s.label_start, s.name, person,
                      person.name if person else s.name, "markup", 0.99 if person else 0.0, None, is_mp)
            out.append((s.label_start, s.label_end, ref))
        return out

    def _speeches(self) -> list[tuple[int, int, Ref]]:
        """Each speech of a Hansard page: from the end of its label to the next label, with its speaker; the
        whole of a first-person text (a member's statement, a letter passed on) with its author."""
        out = []
        if self.author is not None and not self.labels:
            ref = Ref(0, 0, 0, self.author.name, self.author, self.author.name, "author", 0.8, None,
                      self.author.is_mp_on(self.on) if self.on else None)
            return [(0, len(self.text), ref)]
        for i, (_a, b, ref) in enumerate(self.labels):
            end = self.labels[i + 1][0] if i + 1 < len(self.labels) else len(self.text)
            if ref.person is not None:
                out.append((b, end, ref))
        return out

    def _member_position(self, m: Member) -> Position:
        ref, way = m.ref, m.way
        confidence = round(min(1.0, way.confidence * ref.confidence), 3)
        is_mp = ref.is_mp
        if ref.person is not None and m.date and is_mp is not False:
            is_mp = ref.person.is_mp_on(m.date)
        start, end = m.quote
        return Position(
            topic=way.topic.slug, stance=way.stance, quote=self.text[start:end], start=start, end=end,
            person_key=ref.person.key if ref.person else None, person_name=ref.name,
            speaker_as_written=ref.text, date=m.date, date_precision=precision_of(m.date),
            confidence=confidence, is_mp=is_mp,
            evidence="vote-claim" if way.option in ("aye", "no") and not way.inherited else "implied",
            needs_review=needs_review(confidence),
        )

    def _member_claims(self, members: list[Member], candidates: list[Position]) -> list[VoteClaim]:
        """Each named member of a list of how people voted: a claim to check against the record."""
        claimed = {(p.person_key or p.person_name, p.topic, "aye" if p.stance == "support" else "no")
                   for p in candidates if p.evidence == "vote-claim"}
        out = []
        for m in members:
            if m.way.option is None or m.ref.name is None:
                continue
            key = (m.ref.person.key if m.ref.person else m.ref.name, m.way.topic.slug, m.way.option)
            if m.way.option != "abstain" and key in claimed and m.division is None:
                continue
            start, end = m.quote
            out.append(VoteClaim(m.way.topic.slug, m.way.option, self.text[start:end], start, end,
                                 m.ref.person.key if m.ref.person else None, m.ref.name, m.date,
                                 precision_of(m.date), round(m.way.confidence * m.ref.confidence, 3),
                                 m.division))
        return out

    # -- records ------------------------------------------------------------------------------

    def _make(
        self, found: Lean, holder: Holder, start: int, end: int, date: str | None, evidence: str
    ) -> Position:
        is_mp = holder.is_mp
        if holder.person is not None and date and is_mp is not False:
            is_mp = holder.person.is_mp_on(date)
        confidence = round(min(1.0, found.confidence * holder.confidence), 3)
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
            confidence=confidence,
            is_mp=is_mp,
            evidence=evidence,
            needs_review=needs_review(confidence),
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


def _with_author_names(text: str, refs: list[Ref], author: DirectoryPerson, on: str | None) -> list[Ref]:
    """In the author's own text, "Barbara voted for ..." and "Ms Keeley" are the author: their given name or
    surname alone, where no one else was found."""
    names = {n for n in (author.given_name, author.family_name) if n and len(n) > 2}
    if not names:
        return refs
    pattern = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s+)?(?:" + "|".join(map(re.escape, names)) +
                         r")\b(?![\s\u00a0]+[A-Z])")
    taken = [(r.np_start, r.end) for r in refs]
    added = [
        Ref(m.start(), m.end(), m.start(), m.group(), author, author.name, "author", 0.8, None,
            author.is_mp_on(on) if on else None)
        for m in pattern.finditer(text)
        if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken)
    ]
    return sorted([*refs, *added], key=lambda r: (r.start, r.end)) if added else refs


def _holds_positions(ref: Ref) -> bool:
    """A registry person, or a person outside it named in full ("Nisha Bains", "General Richards"), who is
    kept as a person who is not an MP."""
    if ref.person is not None:
        return True
    return ref.name is not None and ref.how == "none" and len(ref.name.split()) >= 2


def _motion_key(name: str) -> str:
    return " ".join(w.removesuffix("’s").removesuffix("'s") for w in name.lower().split())


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
    """A topic offered instead of another ("backed humanitarian pauses rather than a ceasefire") keeps the
    other from being credited by the same trigger."""
    out = []
    for found, clause in leans:
        blocked = any(
            other.topic.slug != found.topic.slug
            and found.topic.slug in other.topic.excludes
            and other_clause == clause
            and other.trigger_start == found.trigger_start
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
        if cur is None or _refines(p.date, cur.date) or (not _refines(cur.date, p.date) and _rank(p) > _rank(cur)):
            best[k] = p
    return sorted(best.values(), key=lambda p: (p.start, p.end, p.topic))


def _refines(day: str | None, other: str | None) -> bool:
    """ "2023-11-15" refines "2023-11": the same stance, known to the day."""
    return bool(day and other and len(day) > len(other) and day.startswith(other))


def _rank(p: Position) -> tuple:
    return (p.evidence == "statement", p.confidence, p.date is not None, -p.start)
