"""Expected values for libs/domain/src/kpi-statistics.ts, computed with NumPy and SciPy.

Writes tests/statistics/kpi-statistics.reference.json. Regenerate with
    python3 -m venv .tools/reference-venv
    .tools/reference-venv/bin/pip install -r scripts/reference/requirements.txt
    .tools/reference-venv/bin/python scripts/reference/statistics_reference.py
Inputs are rounded to 6 decimals before anything is computed, so the JSON holds exactly the
numbers the expectations were computed on.
"""

import json
import pathlib

import numpy as np
import scipy
from scipy import stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests/statistics/kpi-statistics.reference.json"
rng = np.random.default_rng(20261124)


def rounded(values):
    return [round(float(v), 6) for v in values]


def case(name, baseline, current):
    baseline = rounded(baseline)
    current = rounded(current)
    b, c = np.array(baseline), np.array(current)
    summary = lambda x: {
        "n": int(x.size),
        "mean": float(np.mean(x)),
        "variance": float(np.var(x, ddof=1)),
        "median": float(np.quantile(x, 0.5)),
        "p90": float(np.quantile(x, 0.9)),
        "p95": float(np.quantile(x, 0.95)),
        "last": float(x[-1]),
    }
    welch = stats.ttest_ind(c, b, equal_var=False)
    ci = welch.confidence_interval(0.95)
    mwu = stats.mannwhitneyu(c, b, alternative="two-sided", method="asymptotic", use_continuity=True)
    boot = stats.bootstrap(
        (c, b),
        statistic=lambda x, y, axis: np.quantile(x, 0.5, axis=axis) - np.quantile(y, 0.5, axis=axis),
        method="percentile",
        n_resamples=2000,
        vectorized=True,
        paired=False,
        random_state=np.random.default_rng(7),
    )
    return {
        "name": name,
        "baseline": baseline,
        "current": current,
        "summary": {"baseline": summary(b), "current": summary(c)},
        "welch": {
            "t": float(welch.statistic),
            "df": float(welch.df),
            "pValue": float(welch.pvalue),
            "ci": [float(ci.low), float(ci.high)],
        },
        "mannWhitney": {"u": float(mwu.statistic), "pValue": float(mwu.pvalue)},
        "bootstrapMedianCi": [float(boot.confidence_interval.low), float(boot.confidence_interval.high)],
    }


cases = [
    case("small samples", [12.1, 11.4, 13.0, 12.7, 11.9], [6.4, 7.1, 6.0, 6.9]),
    case(
        "integer data with ties",
        rng.integers(8, 16, size=60),
        rng.integers(4, 10, size=55),
    ),
    case(
        "skewed response times (lognormal), an improvement",
        rng.lognormal(np.log(12), 0.5, size=400),
        rng.lognormal(np.log(6.5), 0.5, size=350),
    ),
    case(
        "a regression (higher is worse)",
        rng.normal(4.5, 1.0, size=200),
        rng.normal(7.0, 1.5, size=180),
    ),
    case(
        "no real change, large samples",
        rng.normal(100, 15, size=2000),
        rng.normal(100.3, 15, size=2000),
    ),
    case("the retailer's evaluation of cycle 1", [12 - 3 * i / 20 for i in range(1, 21)] + [12 + 3 * i / 20 for i in range(1, 21)],
         [6.5] + [6.5 - 3 * i / 17 for i in range(1, 18)] + [6.5 + 3 * i / 17 for i in range(1, 18)]),
]

quantiles = {
    "values": rounded(rng.lognormal(2, 0.7, size=101)),
}
quantiles["expected"] = {
    str(p): float(np.quantile(np.array(quantiles["values"]), p)) for p in [0, 0.05, 0.25, 0.5, 0.9, 0.95, 0.99, 1]
}

OUT.write_text(
    json.dumps(
        {
            "generatedBy": "scripts/reference/statistics_reference.py",
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "cases": cases,
            "quantiles": quantiles,
        },
        indent=1,
    )
    + "\n"
)
print(f"wrote {OUT}")
