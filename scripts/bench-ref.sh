#!/usr/bin/env bash
# bench-ref.sh: fit time of `hnnplay fit` against the paper's own NumPy code, side by side.
#
#   scripts/bench-ref.sh [PAPER_DIR] [SIZE...]
#   PAPER=dir scripts/bench-ref.sh [SIZE...]          (or: make bench-ref PAPER=dir)
#
# PAPER_DIR is a checkout of github.com/AlphaGergedan/Sampling-HNNs (Rahma, Datar, Dietrich
# 2024) with its swimnetworks submodule (`git clone --recurse-submodules`, or
# `git submodule update --init` in it). Nothing of the paper's code is in this repository:
# scripts/bench_ref.py imports it from PAPER_DIR and times only its training call,
# Sampler.train(S_HNN, ...), exactly where the paper's src/*_experiment.py time it.
#
# SIZE is SYSTEM:K:M[:BOX] — SYSTEM one of pendulum, double-pendulum, henon-heiles; K training
# points; M hidden neurons; BOX lo,hi per coordinate, the q's then the p's (hnnplay's -domain
# syntax: numbers, pi, -2pi, pi/2). Without BOX, the paper's box for the system:
#   pendulum        q ∈ [−2π, 2π],  p ∈ [−1, 1]      (single_pendulum_experiment.py, first domain)
#   double-pendulum q ∈ [−π, π]²,   p ∈ [−1, 1]²     (double_pendulum_experiment.py)
#   henon-heiles    [−5, 5]⁴, α = 1                  (henon_heiles_experiment.py; it sweeps α)
# Default sizes: pendulum:10000:1000 double-pendulum:20000:2000 henon-heiles:20000:5000.
#
# Each size runs once per sampler in SAMPLERS, REPEATS times, interleaved: paper, hnnplay,
# paper, hnnplay, ... Each run is its own process; data generation, imports and the test
# error evaluation are outside the timed region on both sides. Run r (0-based) uses data seed
# 3943+r and model seed 992472+r for the paper (its scripts' start seeds, incremented per run
# as they do) and -data-seed 1+r -seed 1+r for hnnplay: the same kind of data (uniform in the
# same box, test set of TEST_POINTS, default K as in the paper), not the same draws.
# The table gives medians over the repeats.
#
# Environment:
#   PAPER       the checkout (or give it as the first argument)
#   REPEATS     runs per size and sampler (default 3)
#   SAMPLERS    default "elm aswim" (also: uswim swim)
#   THREADS     default 2: OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=THREADS for the
#               paper's process; GOMAXPROCS=THREADS and -threads THREADS for hnnplay
#   PYTHON      default /usr/bin/python3: Debian's interpreter, with python3-numpy and
#               python3-scipy (apt-get install python3-numpy python3-scipy). A `python3`
#               earlier on PATH (pyenv, a venv) may lack NumPy. torch and scikit-learn, which
#               the paper's modules import but a sampled network does not use, may be absent.
#   HNNPLAY     an hnnplay binary (default: built from this checkout, as it is, into a temporary
#               dir with ${GO:-go})
#   SOLVER      hnnplay's -solver (default: hnnplay's own default, cod; svd is the paper's)
#   TEST_POINTS test points on both sides (default: K)
#   OUT         where the raw per-run JSON lines go (default: a new /tmp/bench-ref.*.jsonl)
#   SIZES       the sizes, if none are given as arguments
#
# The large default sizes take minutes per paper run and several GB of memory (Hénon–Heiles,
# K = 2·10⁴, M = 5000: the paper's least-squares matrix alone is 80001 × 5001 doubles, 3.2 GB,
# and NumPy holds a few copies of it). Run on an otherwise idle machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DRIVER="$ROOT/scripts/bench_ref.py"

if [[ $# -gt 0 && -d "$1" ]]; then
	PAPER=$1
	shift
fi
PAPER=${PAPER:-}
if [[ -z "$PAPER" ]]; then
	echo "bench-ref.sh: give the paper's checkout: scripts/bench-ref.sh DIR [SIZE...] or PAPER=DIR" >&2
	echo "  (git clone --recurse-submodules https://github.com/AlphaGergedan/Sampling-HNNs)" >&2
	exit 2
fi
if [[ ! -d "$PAPER" ]]; then
	echo "bench-ref.sh: PAPER=$PAPER is not a directory" >&2
	exit 2
fi

REPEATS=${REPEATS:-3}
SAMPLERS=${SAMPLERS:-elm aswim}
THREADS=${THREADS:-2}
PYTHON=${PYTHON:-/usr/bin/python3}
TEST_POINTS=${TEST_POINTS:-}
SOLVER=${SOLVER:-}
if [[ $# -gt 0 ]]; then
	SIZES="$*"
else
	SIZES=${SIZES:-pendulum:10000:1000 double-pendulum:20000:2000 henon-heiles:20000:5000}
fi
if ! [[ "$REPEATS" =~ ^[1-9][0-9]*$ ]]; then
	echo "bench-ref.sh: REPEATS must be a positive integer, got '$REPEATS'" >&2
	exit 2
fi

if ! "$PYTHON" -c 'import numpy, scipy' 2>/dev/null; then
	echo "bench-ref.sh: $PYTHON cannot import numpy and scipy; on Debian: apt-get install python3-numpy python3-scipy" >&2
	echo "  (or set PYTHON to an interpreter that has them)" >&2
	exit 2
fi

TMP=$(mktemp -d /tmp/bench-ref.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
if [[ -z "${HNNPLAY:-}" ]]; then
	echo "building hnnplay ..." >&2
	(cd "$ROOT" && "${GO:-go}" build -o "$TMP/hnnplay" ./core/cmd/hnnplay)
	HNNPLAY=$TMP/hnnplay
fi
OUT=${OUT:-$(mktemp /tmp/bench-ref.XXXXXX.jsonl)}
: >"$OUT"

paper_env=(env OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"
	VECLIB_MAXIMUM_THREADS="$THREADS" NUMEXPR_NUM_THREADS="$THREADS")

# The setup: fails early, with the reason, if the paper's code does not import.
check=$("${paper_env[@]}" "$PYTHON" "$DRIVER" --paper "$PAPER" --check)
echo "== bench-ref $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:  $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
echo "load:    $(uptime)"
echo "hnnplay:  $HNNPLAY (checkout $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo '?')), GOMAXPROCS=$THREADS, solver ${SOLVER:-default}"
"$PYTHON" -c '
import json, sys
c = json.loads(sys.argv[1])
print("paper:    %s (%s)" % (c["paper_src"], c["python"]))
print("numpy:    %s; BLAS %s; OpenBLAS threads %s (OPENBLAS_NUM_THREADS=%s)" % (
    c["numpy"], ", ".join(c["blas_libs"]) or "?", c["blas_threads"], c["OPENBLAS_NUM_THREADS"]))
print("torch:    %s; scikit-learn: %s (unused by the timed sampled fit)" % (c["torch"], c["sklearn"]))
if c["blas_threads"] is not None and str(c["blas_threads"]) != c["OPENBLAS_NUM_THREADS"]:
    print("WARNING: OpenBLAS reports %s threads" % c["blas_threads"])
' "$check"
echo "repeats:  $REPEATS per size and sampler, interleaved paper/hnnplay; raw runs in $OUT"
echo

# tag IMPL REPEAT SYSTEM K M SAMPLER: adds the run's identity to the JSON object on stdin.
tag() {
	"$PYTHON" -c '
import json, sys
d = json.loads(sys.stdin.read())
d.update(impl=sys.argv[1], repeat=int(sys.argv[2]), key_system=sys.argv[3],
         key_points=int(sys.argv[4]), key_width=int(sys.argv[5]), key_sampler=sys.argv[6])
print(json.dumps(d))
print("%-8s %s" % (sys.argv[1], "%.3f s" % d["fit_seconds"]), file=sys.stderr)
' "$@"
}

for size in $SIZES; do
	IFS=: read -r sys K M box <<<"$size"
	if [[ -z "$sys" || -z "$K" || -z "$M" ]]; then
		echo "bench-ref.sh: size '$size' is not SYSTEM:K:M[:BOX]" >&2
		exit 2
	fi
	case $sys in
	pendulum) box=${box:--2pi,2pi,-1,1} ;;
	double-pendulum) box=${box:--pi,pi,-pi,pi,-1,1,-1,1} ;;
	henon-heiles) box=${box:--5,5,-5,5,-5,5,-5,5} ;;
	*)
		echo "bench-ref.sh: unknown system '$sys' (pendulum, double-pendulum, henon-heiles)" >&2
		exit 2
		;;
	esac
	T=${TEST_POINTS:-$K}
	extra=()
	[[ $sys == henon-heiles ]] && extra+=(-param alpha=1)
	[[ -n "$SOLVER" ]] && extra+=(-solver "$SOLVER")
	for sampler in $SAMPLERS; do
		for ((r = 0; r < REPEATS; r++)); do
			echo "-- $sys K=$K M=$M $sampler, run $((r + 1))/$REPEATS" >&2
			"${paper_env[@]}" "$PYTHON" "$DRIVER" --paper "$PAPER" --system "$sys" --box="$box" \
				--points "$K" --test-points "$T" --width "$M" --sampler "$sampler" \
				--data-seed $((3943 + r)) --model-seed $((992472 + r)) 2>"$TMP/paper.err" |
				tag paper "$r" "$sys" "$K" "$M" "$sampler" >>"$OUT" ||
				{ echo "bench-ref.sh: the paper's run failed:" >&2; tail -20 "$TMP/paper.err" >&2; exit 1; }
			GOMAXPROCS=$THREADS "$HNNPLAY" fit -system "$sys" -domain "$box" -points "$K" -test-points "$T" \
				-width "$M" -sampler "$sampler" -data-seed $((1 + r)) -seed $((1 + r)) -threads "$THREADS" \
				${extra[@]+"${extra[@]}"} -json 2>"$TMP/hnnplay.err" |
				tag hnnplay "$r" "$sys" "$K" "$M" "$sampler" >>"$OUT" ||
				{ echo "bench-ref.sh: hnnplay failed:" >&2; tail -20 "$TMP/hnnplay.err" >&2; exit 1; }
		done
	done
done

"$PYTHON" - "$OUT" <<'EOF'
import json, statistics, sys
rows = {}
order = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    key = (d["key_system"], d["key_points"], d["key_width"], d["key_sampler"])
    if key not in rows:
        rows[key] = {"paper": [], "hnnplay": []}
        order.append(key)
    rows[key][d["impl"]].append(d)

def med(runs, field):
    v = [r[field] for r in runs if r.get(field) is not None]
    return statistics.median(v) if v else None

def fmt(v, f):
    return "-" if v is None else f % v

head = ("system", "K", "M", "sampler", "n", "paper s", "hnnplay s", "ratio", "paper relL2 H", "hnnplay relL2 H")
lines = []
for key in order:
    p, h = rows[key]["paper"], rows[key]["hnnplay"]
    ps, hs = med(p, "fit_seconds"), med(h, "fit_seconds")
    lines.append((key[0], str(key[1]), str(key[2]), key[3], str(min(len(p), len(h))),
                  fmt(ps, "%.3f"), fmt(hs, "%.3f"),
                  fmt(ps / hs if ps and hs else None, "%.2f"),
                  fmt(med(p, "rel_l2_H"), "%.2e"), fmt(med(h, "rel_l2_H"), "%.2e")))
w = [max(len(x) for x in col) for col in zip(head, *lines)]
print("  ".join(s.ljust(w[i]) if i < 4 else s.rjust(w[i]) for i, s in enumerate(head)))
for l in lines:
    print("  ".join(s.ljust(w[i]) if i < 4 else s.rjust(w[i]) for i, s in enumerate(l)))
print()
print("fit seconds and test errors are medians over n runs; ratio = paper s / hnnplay s (> 1: hnnplay faster).")
print("relL2 H = ||H_pred - H|| / ||H|| on the test set (the paper's l2_error_rel; hnnplay's rel_l2_H).")
EOF
