"""The recap's picture: each company's talent arrivals (right, green) and departures (left, red) over the
period, with its net change, as a horizontal bar chart a phone shows whole. Drawn with matplotlib's Agg
canvas (no display, no pyplot state shared between threads) into a PNG."""

from __future__ import annotations

import io

from answer.recap_flows import Flows, busiest

# A phone shows this many bars legibly; the companies with the most moves are kept.
MAX_COMPANIES = 12
# 6.4 in at 170 dpi: about 1,090 pixels wide, what Telegram keeps of a photo's width without scaling it down
# much, so 12-point labels stay readable on a phone.
WIDTH_IN = 6.4
DPI = 170
# Height: room for the title and legend, plus this much per company.
BASE_HEIGHT_IN = 1.9
ROW_HEIGHT_IN = 0.42
# A company's name longer than this is shortened on its axis label.
MAX_LABEL = 24
ARRIVALS = "#2e9e5b"
DEPARTURES = "#d1495b"
INK = "#222222"


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


def flows_png(flows: Flows) -> bytes | None:
    """The chart as PNG bytes; None when no company gained or lost anyone in the period."""
    shown = busiest(flows, MAX_COMPANIES)
    if not shown:
        return None
    # matplotlib: loaded only when a chart is drawn, so commands that draw none start without it
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    rows = list(reversed(shown))  # the biggest net gain on top
    figure = Figure(
        figsize=(WIDTH_IN, BASE_HEIGHT_IN + ROW_HEIGHT_IN * len(rows)), dpi=DPI, layout="constrained"
    )
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    y = list(range(len(rows)))
    ax.barh(y, [f.arrivals for f in rows], color=ARRIVALS, label="joined")
    ax.barh(y, [-f.departures for f in rows], color=DEPARTURES, label="left")
    reach = max(max(f.arrivals, f.departures) for f in rows)
    for i, f in enumerate(rows):
        ax.text(
            f.arrivals + reach * 0.04,
            i,
            f"{f.net:+d}" if f.net else "0",
            va="center",
            fontsize=11,
            color=INK,
            weight="bold",
        )
    ax.axvline(0, color=INK, linewidth=1)
    ax.set_xlim(-reach * 1.15, reach * 1.3)
    ax.set_yticks(y, [_label(f.company) for f in rows], fontsize=12, color=INK)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(int(v))}"))
    ax.tick_params(axis="x", labelsize=10, colors=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    noun = "move" if flows.moves == 1 else "moves"
    ax.set_title(
        f"AI talent flows, {flows.label}\n{flows.moves} {noun}: people who joined and left (net change)",
        fontsize=13,
        color=INK,
        loc="left",
    )
    ax.legend(loc="lower right", fontsize=10, frameon=False)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()
