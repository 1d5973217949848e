"""The timeline as one self-contained HTML page: inline SVG, no scripts, no network, printable."""

from __future__ import annotations

from datetime import date
from html import escape

from checker.results import TimelineReport

COLOURS = {
    "non_party": "#e8e8e8",
    "signatory": "#c6dbef",
    "pending": "#fdd49e",
    "party": "#41ab5d",
    "withdrawing": "#fd8d3c",
    "withdrawn": "#cb181d",
    "terminated": "#9e9ac8",
}
# A finding's marker, by severity: its shape (an SVG path drawn around (0, 0)) and colour, so that
# errors, warnings and notes differ in a grey print too.
MARKERS = {
    "error": ("M0 -5 L5 0 L0 5 L-5 0 Z", "#000000"),  # diamond
    "warning": ("M0 -5 L5 4 L-5 4 Z", "#6a3d9a"),  # triangle
    "info": ("M-3 0 A3 3 0 1 0 3 0 A3 3 0 1 0 -3 0 Z", "#8a8a8a"),  # circle
}
SYMBOLS = {"error": "◆", "warning": "▲", "info": "●"}  # the same shapes, in the legend's text
# Each state's row: a lane of finding markers above its status band, both inside the row.
LABEL_WIDTH, CHART_WIDTH, LANE, BAND, TOP = 230, 760, 12, 16, 28
ROW = LANE + BAND + 4


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _panel(report: TimelineReport, first: date, last: date, title: str) -> str:
    lo, hi = first.toordinal(), last.toordinal()

    def x(day: int) -> float:
        return LABEL_WIDTH + (min(max(day, lo), hi) - lo) / (hi - lo) * CHART_WIDTH

    height = TOP + ROW * len(report.states) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_WIDTH + CHART_WIDTH + 10}" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    step = max(1, (last.year - first.year) // 12)
    for year in range(first.year + 1, last.year, step):
        gx = x(date(year, 1, 1).toordinal())
        parts.append(f'<line x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{height - 8}" class="grid"/>')
        parts.append(f'<text x="{gx:.1f}" y="{TOP - 10}" class="year">{year}</text>')
    for index, row in enumerate(report.states):
        y = TOP + index * ROW
        parts.append(f'<text x="4" y="{y + LANE + 12}" class="label">{escape(row.state)}  {escape(row.name)}</text>')
        for interval in row.intervals:
            start = _day(interval.start) if interval.start else lo
            end = _day(interval.end) if interval.end else hi
            if end <= lo or start >= hi:
                continue
            x0, x1 = x(start), x(end)
            tip = f"{row.state} {interval.status} {interval.start or '…'} to {interval.end or '…'}"
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + LANE}" width="{max(x1 - x0, 0.5):.1f}" height="{BAND}" '
                f'fill="{COLOURS[interval.status]}" data-state="{escape(row.state)}" '
                f'data-status="{interval.status}" data-start="{interval.start or ""}" data-end="{interval.end or ""}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if x1 - x0 > 8 * len(interval.status):  # name the band, so a grey print still reads
                parts.append(f'<text x="{x0 + 3:.1f}" y="{y + LANE + 12}" class="band">{interval.status.replace("_", "-")}</text>')
        for finding in row.findings:
            day = _day(finding.date)
            if lo <= day <= hi:
                fx = x(day)
                tip = f"{finding.severity} {finding.code} {finding.date}: {finding.message}"
                shape, colour = MARKERS[finding.severity]
                parts.append(
                    f'<path d="{shape}" transform="translate({fx:.1f} {y + LANE / 2})" fill="{colour}" '
                    f'data-severity="{finding.severity}" data-code="{escape(finding.code)}" data-state="{escape(row.state)}">'
                    f"<title>{escape(tip)}</title></path>"
                )
    parts.append("</svg>")
    return f"<h2>{escape(title)}</h2>\n" + "\n".join(parts)


def timeline_html(report: TimelineReport) -> str:
    days = [
        date.fromisoformat(d)
        for row in report.states
        for d in [*(i.start for i in row.intervals), *(i.end for i in row.intervals), *(f.date for f in row.findings)]
        if d
    ]
    first = date(min(days).year, 1, 1) if days else date(2000, 1, 1)
    last = date(max(days).year + 2, 1, 1) if days else date(2001, 1, 1)
    recent = date(max(first.year, last.year - 4), 1, 1)
    legend = "".join(
        f'<span class="key"><span class="swatch" style="background:{colour}"></span>{status.replace("_", "-")}</span>'
        for status, colour in COLOURS.items()
    )
    markers = "".join(
        f'<span class="key"><span style="color:{colour}">{SYMBOLS[severity]}</span> {severity}</span>'
        for severity, (_, colour) in MARKERS.items()
    )
    panels = [_panel(report, first, last, f"{report.treaty}: status of each state, {first.year}-{last.year - 1}")]
    if recent > first:
        panels.append(_panel(report, recent, last, f"{report.treaty}: the last years in detail, {recent.year}-{last.year - 1}"))
    receipt = report.receipt
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Treaty timeline: {escape(report.treaty)}</title>
<style>
body {{ font: 13px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }}
.grid {{ stroke: #999; stroke-width: 0.5; stroke-dasharray: 2 2; }}
.year {{ font-size: 10px; text-anchor: middle; fill: #333; }}
.label {{ font-size: 12px; fill: #111; }}
.band {{ font-size: 10px; fill: #111; }}
.key {{ margin-right: 1.2em; white-space: nowrap; }}
.swatch {{ display: inline-block; width: 1em; height: 1em; margin-right: 0.3em; vertical-align: -0.15em; border: 1px solid #555; }}
footer {{ color: #555; font-size: 11px; margin-top: 1em; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
@media print {{ body {{ margin: 0; }} svg {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>Treaty timeline: {escape(report.treaty)}</h1>
<p>{legend}</p>
<p>{markers} <span class="key">(a finding sits above the band of its state, on its day; hover for the message)</span></p>
{chr(10).join(panels)}
<footer>treaty-check {escape(receipt.tool_version)}, clingo {escape(receipt.clingo_version)};
rules {receipt.rules_sha256[:12]}, treaties {receipt.treaties_sha256[:12]}, dataset {receipt.dataset_sha256[:12]}.</footer>
</body>
</html>
"""
