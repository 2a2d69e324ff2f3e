"""PNG plots of the results (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.stats import percentile


def latency_plot(
    ours_ms: list[float],
    bare_ms: list[float],
    path: Path,
    target_p95_ms: float,
    long: tuple[list[float], list[float]],
) -> None:
    """Histogram and CDF of turn latency, Rolewise vs the bare Rasa bot; and latency along one
    long conversation."""
    fig, (hist, cdf, growth) = plt.subplots(1, 3, figsize=(16, 4.4))
    top = max(percentile(ours_ms, 99.5) * 1.1, percentile(bare_ms, 99.5) * 1.1, target_p95_ms * 1.05)
    bins = [top * i / 60 for i in range(61)]
    series = ((ours_ms, "Rolewise as shipped", "tab:blue"), (bare_ms, "bare Rasa (rasa init)", "tab:orange"))
    for values, label, colour in series:
        hist.hist([min(v, top) for v in values], bins=bins, alpha=0.55, label=label, color=colour)
        ordered = sorted(values)
        cdf.plot(ordered, [(i + 1) / len(ordered) for i in range(len(ordered))], label=label, color=colour)
    for axis in (hist, cdf):
        axis.axvline(target_p95_ms, color="grey", linestyle=":", label=f"target p95 {target_p95_ms:.0f} ms")
        axis.set_xlabel("turn latency through REST (ms)")
        axis.legend(fontsize=8)
    hist.set_xlim(0, top)
    cdf.set_xlim(0, top)
    hist.set_ylabel("turns")
    hist.set_title(f"Latency distribution ({len(ours_ms)} turns each)")
    cdf.set_ylabel("fraction of turns")
    cdf.axhline(0.95, color="grey", linewidth=0.5)
    cdf.set_title("Cumulative distribution")
    for values, label, colour in ((long[0], "Rolewise as shipped", "tab:blue"), (long[1], "bare Rasa", "tab:orange")):
        growth.plot(range(1, len(values) + 1), values, ".", markersize=3, color=colour, label=label)
    growth.axhline(target_p95_ms, color="grey", linestyle=":", label=f"{target_p95_ms:.0f} ms")
    growth.set_xlabel("turn number in one conversation (one sender)")
    growth.set_ylabel("turn latency (ms)")
    growth.set_ylim(0, None)
    growth.set_title("Latency along one long conversation")
    growth.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def kb_scaling_plot(points: list[dict[str, Any]], real: dict[str, Any], path: Path) -> None:
    """Query time against KB size: exact resolve + compare (flat) and the fuzzy fallback."""
    sizes = [p["roles"] for p in points]
    fig, axis = plt.subplots(figsize=(7.5, 4.5))
    axis.plot(
        sizes, [p["query_us"]["p50"] for p in points], "o-", label="resolve x2 (exact alias) + compare_on, median"
    )
    axis.plot(sizes, [p["query_us"]["p99"] for p in points], "o--", label="same, p99", color="tab:blue", alpha=0.5)
    axis.plot(sizes, [p["resolve_typo_us"]["p50"] for p in points], "s-", label="resolve one misspelt role, median")
    axis.scatter(
        [real["counts"]["roles"]], [real["query_us"]["p50"]], marker="*", s=120, color="black", zorder=5,
        label="real KB (in-memory), exact query median",
    )  # fmt: skip
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("roles in the knowledge base (synthetic, SQLite file)")
    axis.set_ylabel("time per query (µs)")
    axis.set_title("KB query time vs size")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
