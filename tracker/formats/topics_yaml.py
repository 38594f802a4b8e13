"""Read ``topics.yaml``: the topics, their cue phrases and the divisions that speak to them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..extract.records import TopicSpec, TopicVote
from .yamlfile import read_yaml


@dataclass(frozen=True)
class TopicDivision:
    division: int  # Commons Votes API DivisionId
    aye_means: str  # support | oppose
    note: str | None = None


@dataclass(frozen=True)
class TopicDef:
    spec: TopicSpec
    divisions: tuple[TopicDivision, ...] = ()

    @property
    def slug(self) -> str:
        return self.spec.slug


def _phrases(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(where, "expected a list of non-empty phrases")
    return tuple(v.strip() for v in value)


def read_topics(path: Path) -> list[TopicDef]:
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise InputError(str(path), "expected a mapping with a 'topics' list")
    out: list[TopicDef] = []
    seen: set[str] = set()
    for i, item in enumerate(data["topics"]):
        where = f"{path}, topics[{i}]"
        if not isinstance(item, dict):
            raise InputError(where, "expected a mapping")
        slug = item.get("slug")
        if not isinstance(slug, str) or not slug.strip():
            raise InputError(where, "field 'slug' is missing")
        if slug in seen:
            raise InputError(where, f"topic '{slug}' is defined twice")
        seen.add(slug)
        cues = _phrases(item.get("cues"), f"{where}.cues")
        if not cues:
            raise InputError(f"{where}.cues", "a topic needs at least one cue phrase")
        divisions = []
        for j, d in enumerate(item.get("divisions") or []):
            dwhere = f"{where}.divisions[{j}]"
            if not isinstance(d, dict) or not isinstance(d.get("division"), int):
                raise InputError(dwhere, "expected {division: <DivisionId>, aye_means: support|oppose}")
            if d.get("aye_means") not in ("support", "oppose"):
                raise InputError(f"{dwhere}.aye_means", "must be 'support' or 'oppose'")
            divisions.append(TopicDivision(d["division"], d["aye_means"], d.get("note")))
        spec = TopicSpec(
            slug=slug,
            name=str(item.get("name") or slug),
            cues=cues,
            oppose_cues=_phrases(item.get("oppose_cues"), f"{where}.oppose_cues"),
            excludes=_phrases(item.get("excludes"), f"{where}.excludes"),
            description=" ".join(str(item.get("description") or "").split()),
            votes=tuple(TopicVote(d.division, d.aye_means) for d in divisions),
        )
        out.append(TopicDef(spec, tuple(divisions)))
    return out


def with_division_days(topics: list[TopicSpec], folder: Path) -> list[TopicSpec]:
    """The topics with the day and title of each linked division, read from a folder of division files
    (``seeds/divisions``): what a build gives extraction, for callers that read ``topics.yaml`` alone."""
    from dataclasses import replace

    from .division_files import read_divisions

    wanted = {v.division for t in topics for v in t.votes}
    known: dict[int, tuple[str, str]] = {}
    for division in wanted:
        path = Path(folder) / f"{division}.json"
        if path.exists():
            for rec in read_divisions(path):
                known[rec.id] = (rec.date, rec.title)
    return [
        replace(t, votes=tuple(replace(v, date=known.get(v.division, (v.date,))[0],
                                       title=known.get(v.division, (None, v.title))[1]) for v in t.votes))
        for t in topics
    ]
