"""The report's charts, drawn with matplotlib and saved as SVG files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..queries import DivisionReport, TimelineRow

# the colours the parties use, where they have one; others take a neutral grey
PARTY_COLOURS = {
    "Labour": "#d50000", "Labour/Co-operative": "#b71c1c", "Conservative": "#0087dc",
    "Liberal Democrat": "#fdbb30", "Scottish National Party": "#e6c619", "Green": "#00a85a",
    "Plaid Cymru": "#005b54", "Democratic Unionist Party": "#d46a4c", "Sinn Féin": "#326760",
    "Social Democratic and Labour Party": "#2aa82c", "Alliance": "#f6cb2f", "Alba": "#005eb8",
    "Independent": "#9e9e9e", "Reform UK": "#12b6cf", "Speaker": "#424242",
}
OTHER = "#bdbdbd"
OPTION_COLOURS = {"aye": "#2e7d32", "no": "#c62828", "did not vote": "#bdbdbd"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "tracker", "svg.fonttype": "none", "font.size": 10,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def day_of(text: str) -> date:
    """A date, or the first day of a month or year when only that is known."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(*parts[:3])


def supporters_over_time(rows: list[TimelineRow], title: str, out: Path) -> Path:
    """Cumulative supporters by party, stacked, one step for each date someone first backed the topic."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    days = sorted({day_of(r.date) for r in rows})
    parties = sorted({r.party for r in rows}, key=lambda p: -max(r.party_total for r in rows if r.party == p))
    totals = {p: [] for p in parties}
    for day in days:
        for p in parties:
            seen = [r.party_total for r in rows if r.party == p and day_of(r.date) <= day]
            totals[p].append(max(seen, default=0))
    end = days[-1] + timedelta(days=max(2, (days[-1] - days[0]).days // 10))
    x = days + [end]
    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    ax.stackplot(x, *[totals[p] + totals[p][-1:] for p in parties], step="post", labels=parties,
                 colors=[PARTY_COLOURS.get(p, OTHER) for p in parties], alpha=0.9)
    for i, day in enumerate(days):
        total = sum(totals[p][i] for p in parties)
        ax.annotate(str(total), (day, total), xytext=(3, 3), textcoords="offset points", fontsize=9,
                    fontweight="bold")
    ax.set_title(title, loc="left", fontweight="bold")
    ax.set_ylabel("supporters (cumulative)")
    ax.set_xlim(days[0] - timedelta(days=1), end)
    ax.set_ylim(0, sum(totals[p][-1] for p in parties) * 1.12)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out


def party_breakdown(report: DivisionReport, out: Path) -> Path:
    """Ayes, noes and members who did not vote, by party, as horizontal stacked bars."""
    plt = _pyplot()
    rows = list(reversed(report.by_party))
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(rows) + 1.4), layout="constrained")
    names = [r.party for r in rows]
    left = [0] * len(rows)
    for option, field in (("aye", "aye"), ("no", "no"), ("did not vote", "did_not_vote")):
        values = [getattr(r, field) for r in rows]
        bars = ax.barh(names, values, left=left, color=OPTION_COLOURS[option], label=option)
        ax.bar_label(bars, labels=[str(v) if v >= 8 else "" for v in values], label_type="center", fontsize=8,
                     color="white" if option != "did not vote" else "black")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(f"Division {report.division_id}, {report.date}: {report.ayes} ayes, {report.noes} noes",
                 loc="left", fontweight="bold")
    ax.set_xlabel("members")
    ax.legend(loc="lower right", frameon=False)
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out
