#!/usr/bin/python3
"""One timed fit of the paper's own NumPy code, for scripts/bench-ref.sh.

Rahma, Datar, Dietrich (2024), "Training Hamiltonian Neural Networks without
Backpropagation": its public code (github.com/AlphaGergedan/Sampling-HNNs, with its
swimnetworks submodule) is imported from the user's checkout, never copied here. This
driver builds the data with the paper's own get_train_test_set (uniform random states in
the box), builds the paper's S_HNN, and times only Sampler.train, as the paper's
src/*_experiment.py scripts do. It prints one JSON object on stdout:

    {"fit_seconds": ..., "rel_l2_H": ..., "rel_l2_grad": ..., "rel_l2_xdot": ..., ...}

Run it with Debian's interpreter, /usr/bin/python3, which has python3-numpy and
python3-scipy (apt-get install python3-numpy python3-scipy); a `python3` earlier on PATH
(pyenv, a venv) may have no NumPy. The paper's code also imports torch and scikit-learn,
though a sampled network never uses either: when they are not installed, this driver puts
inert stand-ins in sys.modules (torch.nn.Module and torch.Tensor as empty classes;
sklearn's BaseEstimator as an empty class and a minimal Pipeline: a list of steps with
len, indexing, transform and fit). The numerical work — sampling, the hidden layer's
gradients, np.linalg.lstsq — is the paper's NumPy code either way. The JSON says which.

Thread count: set OPENBLAS_NUM_THREADS / OMP_NUM_THREADS (bench-ref.sh sets both to 2)
before the interpreter starts; "blas_threads" in the output is what OpenBLAS reports.

Usage:
    /usr/bin/python3 scripts/bench_ref.py --paper DIR --check
    /usr/bin/python3 scripts/bench_ref.py --paper DIR --system pendulum --points 10000 \\
        --width 1000 --sampler elm [--box=-2pi,2pi,-1,1] [--test-points 10000] \\
        [--data-seed 3943] [--model-seed 992472] [--rcond 1e-13] [--alpha 1]
"""

import argparse
import contextlib
import ctypes
import importlib.abc
import importlib.util
import json
import math
import os
import platform
import sys
import time
import types

# The paper's boxes (src/*_experiment.py), lo,hi per coordinate, the q's then the p's:
# the same order as hnnplay's -domain flag, so bench-ref.sh passes one string to both.
PAPER_BOXES = {
    # single_pendulum_experiment.py, first domain: q in [-2pi, 2pi], p in [-1, 1]
    "pendulum": "-2pi,2pi,-1,1",
    # double_pendulum_experiment.py: q in [-pi, pi]^2, p in [-1, 1]^2
    "double-pendulum": "-pi,pi,-pi,pi,-1,1,-1,1",
    # henon_heiles_experiment.py: [-5, 5]^4
    "henon-heiles": "-5,5,-5,5,-5,5,-5,5",
}
DOF = {"pendulum": 1, "double-pendulum": 2, "henon-heiles": 2}


def parse_number(tok):
    """A number as hnnplay's -domain takes it: 1.5, -2, pi, -2pi, 2*pi, pi/2."""
    t = tok.strip().lower()
    sign = 1.0
    if t[:1] in "+-":
        sign, t = (-1.0 if t[0] == "-" else 1.0), t[1:]
    den = 1.0
    if "/" in t:
        t, d = t.split("/", 1)
        den = float(d)
    if t.endswith("pi"):
        c = t[:-2].rstrip("*")
        v = (float(c) if c else 1.0) * math.pi
    else:
        v = float(t)
    return sign * v / den


def parse_box(text, dof):
    v = [parse_number(s) for s in text.split(",")]
    if len(v) != 4 * dof:
        raise SystemExit(f"bench_ref.py: --box needs {4 * dof} numbers (lo,hi per coordinate), got {len(v)}")
    pairs = [[v[2 * i], v[2 * i + 1]] for i in range(2 * dof)]
    return pairs[:dof], pairs[dof:]  # q_lims, p_lims


# ---- stand-ins for torch and scikit-learn, installed only when they are missing ----

class _Inert:
    """Any torch name the sampled path touches only at import time (nn.Module, Tensor,
    torch.float32 as a default argument, ...)."""

    def __init__(self, *args, **kwargs):
        pass


class _InertModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = type(name, (_Inert,), {"__module__": self.__name__})
        setattr(self, name, value)
        return value


class _TorchFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            return importlib.util.spec_from_loader(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return _InertModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []


class _Pipeline:
    """What the paper's S_MLP uses of sklearn.pipeline.Pipeline."""

    def __init__(self, steps, **kwargs):
        self.steps = list(steps)

    def __len__(self):
        return len(self.steps)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return _Pipeline(self.steps[i])
        if isinstance(i, str):
            return dict(self.steps)[i]
        return self.steps[i][1]

    def transform(self, x):
        for _, step in self.steps:
            x = step.transform(x)
        return x

    def fit(self, x, y=None):
        for _, step in self.steps[:-1]:
            x = step.fit_transform(x, y)
        self.steps[-1][1].fit(x, y)
        return self


def install_stand_ins():
    used = {}
    if importlib.util.find_spec("torch") is None:
        sys.meta_path.insert(0, _TorchFinder())
        used["torch"] = "stand-in"
    else:
        used["torch"] = "installed"
    if importlib.util.find_spec("sklearn") is None:
        sk = types.ModuleType("sklearn")
        sk.__path__ = []
        base = types.ModuleType("sklearn.base")
        base.BaseEstimator = type("BaseEstimator", (), {"__module__": "sklearn.base"})
        pipe = types.ModuleType("sklearn.pipeline")
        pipe.Pipeline = _Pipeline
        sk.base, sk.pipeline = base, pipe
        sys.modules.update({"sklearn": sk, "sklearn.base": base, "sklearn.pipeline": pipe})
        used["sklearn"] = "stand-in"
    else:
        used["sklearn"] = "installed"
    return used


# ---- the paper's code ----

def paper_src(paper):
    """The directory the paper's modules import from (its src/)."""
    for d in (os.path.join(paper, "src"), paper):
        if os.path.isfile(os.path.join(d, "model", "s_hnn.py")):
            return os.path.abspath(d)
    raise SystemExit(f"bench_ref.py: {paper} is not a checkout of Sampling-HNNs: no src/model/s_hnn.py in it")


def import_paper(paper):
    src = paper_src(paper)
    sys.path.insert(0, src)
    stand_ins = install_stand_ins()
    try:
        import swimnetworks.swimnetworks  # noqa: F401  (the git submodule under src/)
    except ImportError as e:
        raise SystemExit(
            f"bench_ref.py: cannot import swimnetworks.swimnetworks from {src} ({e}); the paper's code "
            "needs its swimnetworks submodule: run `git submodule update --init` in the checkout")
    # The entry points of the paper's src/*_experiment.py scripts.
    from data import get_train_test_set
    from model.s_hnn import S_HNN
    from activation.type import ActivationType
    from model.sampled_network_type import SampledNetworkType
    from trainer.param_sampler import ParameterSampler
    from trainer.sampler import Sampler
    from util.device_type import DeviceType
    from hamiltonian.single_pendulum import SinglePendulum
    from hamiltonian.double_pendulum import DoublePendulum
    from hamiltonian.henon_heiles import HenonHeiles
    mods = types.SimpleNamespace(
        get_train_test_set=get_train_test_set, S_HNN=S_HNN, ActivationType=ActivationType,
        SampledNetworkType=SampledNetworkType, ParameterSampler=ParameterSampler, Sampler=Sampler,
        DeviceType=DeviceType, SinglePendulum=SinglePendulum, DoublePendulum=DoublePendulum,
        HenonHeiles=HenonHeiles)
    return src, stand_ins, mods


def blas_info():
    """The BLAS/LAPACK libraries NumPy loaded and OpenBLAS's thread count."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                p = line.split()[-1]
                b = os.path.basename(p)
                if b.startswith("lib") and any(k in b for k in ("blas", "lapack", "mkl", "blis")):
                    libs.add(p)
    except OSError:
        pass
    threads = None
    for p in sorted(libs):
        if "openblas" in os.path.basename(p):
            try:
                threads = ctypes.CDLL(p).openblas_get_num_threads()
            except (OSError, AttributeError):
                pass
    return sorted(libs), threads


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paper", required=True, help="checkout of github.com/AlphaGergedan/Sampling-HNNs (with its submodule)")
    ap.add_argument("--check", action="store_true", help="import the paper's code, print the setup as JSON, and exit")
    ap.add_argument("--system", choices=sorted(PAPER_BOXES), default="pendulum")
    ap.add_argument("--points", type=int, default=10000, help="training points K")
    ap.add_argument("--test-points", type=int, default=0, help="test points (default: K, as in the paper)")
    ap.add_argument("--width", type=int, default=1000, help="hidden neurons M")
    ap.add_argument("--sampler", choices=["elm", "uswim", "aswim", "swim"], default="aswim")
    ap.add_argument("--box", default="", help="lo,hi per coordinate, q's then p's; write --box=-1,1,... (default: the paper's box)")
    ap.add_argument("--data-seed", type=int, default=3943, help="the paper's start data seed is 3943")
    ap.add_argument("--model-seed", type=int, default=992472, help="the paper's start model seed is 992472")
    ap.add_argument("--rcond", type=float, default=1e-13, help="the paper's default")
    ap.add_argument("--alpha", type=float, default=1.0, help="Hénon–Heiles α (the paper sweeps 0…1; its default is 1)")
    ap.add_argument("--no-resample-duplicates", action="store_true",
                    help="the paper's batch scripts pass --resample-duplicates; this turns it off")
    a = ap.parse_args()

    import numpy as np

    src, stand_ins, m = import_paper(a.paper)
    libs, threads = blas_info()
    setup = {
        "paper_src": src,
        "python": sys.executable + " " + platform.python_version(),
        "numpy": np.__version__,
        "blas_libs": libs,
        "blas_threads": threads,
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", ""),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", ""),
        "torch": stand_ins["torch"],
        "sklearn": stand_ins["sklearn"],
    }
    if a.check:
        print(json.dumps(setup))
        return

    dof = DOF[a.system]
    q_lims, p_lims = parse_box(a.box or PAPER_BOXES[a.system], dof)
    target = {"pendulum": m.SinglePendulum, "double-pendulum": m.DoublePendulum,
              "henon-heiles": m.HenonHeiles}[a.system]()
    if a.system == "henon-heiles":
        target.alpha = a.alpha
    test_points = a.test_points or a.points

    # The paper's print()s (the sampler reports each draw) go to stderr, keeping stdout JSON.
    with contextlib.redirect_stdout(sys.stderr):
        t0 = time.perf_counter()
        train_set, test_set = m.get_train_test_set(dof, target, a.points, test_points, q_lims, p_lims,
                                                   rng=np.random.default_rng(a.data_seed))
        data_seconds = time.perf_counter() - t0
        (train_inputs, train_dt_truths, train_H_truths, _), (train_x_0, train_x_0_H_truth) = train_set
        if isinstance(train_inputs, tuple):  # later dataloader.py: (x, x_next); x_next is None here
            train_inputs = train_inputs[0]
        test_inputs, test_dt_truths, test_H_truths, test_H_grad_truths = test_set

        # As in the experiment scripts: elm_bias_start/end are the box's smallest and largest bound.
        model = m.S_HNN(input_dim=2 * dof, hidden_dim=a.width, activation=m.ActivationType.TANH,
                        resample_duplicates=not a.no_resample_duplicates, rcond=a.rcond,
                        random_seed=a.model_seed, elm_bias_start=float(np.min([q_lims, p_lims])),
                        elm_bias_end=float(np.max([q_lims, p_lims])))
        kind, params = {
            "elm": (m.SampledNetworkType.ELM, m.ParameterSampler.A_PRIORI),
            "uswim": (m.SampledNetworkType.U_SWIM, m.ParameterSampler.TANH),
            "aswim": (m.SampledNetworkType.A_SWIM, m.ParameterSampler.TANH),
            "swim": (m.SampledNetworkType.SWIM, m.ParameterSampler.TANH),
        }[a.sampler]
        sampler = m.Sampler(kind, params)
        h_truths = train_H_truths if a.sampler == "swim" else None

        t0 = time.perf_counter()
        sampler.train(model, train_inputs, train_dt_truths, train_x_0, train_x_0_H_truth, m.DeviceType.CPU, h_truths)
        fit_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        err_h = model.evaluate_H(test_inputs, test_H_truths)
        err_grad = model.evaluate_H_grad(test_inputs, test_H_grad_truths)
        err_dt = model.evaluate_dt(test_inputs, test_dt_truths)
        eval_seconds = time.perf_counter() - t0

    out = {
        "system": a.system, "points": a.points, "test_points": test_points, "width": a.width,
        "sampler": a.sampler, "box": a.box or PAPER_BOXES[a.system],
        "data_seed": a.data_seed, "model_seed": a.model_seed, "rcond": a.rcond,
        "fit_seconds": fit_seconds, "data_seconds": data_seconds, "eval_seconds": eval_seconds,
        "rel_l2_H": err_h, "rel_l2_grad": err_grad, "rel_l2_xdot": err_dt,
    }
    if a.system == "henon-heiles":
        out["alpha"] = a.alpha
    out.update(setup)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
