"""Figure 4 and the stability maps, checked against Floquet theory and Eq. 6."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from consolidation import floquet_growth_rate, simulate  # noqa: E402
from consolidation.figures import fig4, stability_map  # noqa: E402

OMEGA = 0.2 * math.pi


@pytest.fixture(scope="module")
def runs():
    return fig4.compute()


@pytest.fixture(scope="module")
def small_maps():
    return stability_map.compute(
        alphas=np.linspace(0.0, 20.0, 41),
        depths=np.linspace(0.0, 0.99, 34),
        ratios=np.linspace(0.5, 3.0, 26),
        resonance_depths=np.linspace(0.0, 0.99, 12),
    )


def test_stable_run_converges(runs):
    stable = runs["A"]
    assert not stable.diverged
    assert stable.t_end == pytest.approx(400.0)
    # L(400 s) bounds the errors: |w2 - w*| <= sqrt(2 L) and, with
    # w1 = W~ - w2~, |w1| <= |W~| + |w2~| <= 2 sqrt(L).
    lyapunov = stable.lyapunov[-1]
    assert lyapunov < 1e-9
    assert abs(stable.w2[-1] - 1.0) <= math.sqrt(2 * lyapunov)
    assert abs(stable.w1[-1]) <= 2 * math.sqrt(lyapunov)


def test_stable_run_alpha_stays_below_one(runs):
    # max alpha(t) = eta2 / (eta_bar (1 - depth)) = 0.02 / 0.03 = 2/3, reached
    # at t = 7.5 s + 10 k s, which lie on the 0.5 s sample grid.
    alpha = runs["A"].alpha
    assert np.max(alpha) == pytest.approx(2.0 / 3.0, rel=1e-12)


def test_stable_run_lyapunov_never_rises(runs):
    # With alpha(t) < 1, dL/dt = -(eta1 - eta2) W~^2 - eta2 w2~^2 < 0 (Eq. 7
    # with mu = 0). The integrator's relative tolerance 1e-8 allows rises of
    # that relative size only.
    lyapunov = runs["A"].lyapunov
    assert np.all(np.diff(lyapunov) <= 1e-8 * lyapunov[:-1])


def test_stable_run_decays_at_floquet_rate(runs):
    # Over [200, 400] s the subdominant multiplier's share has fallen by
    # (0.485 / 0.758)^20 ~ 1e-4, so only the dominant one shapes the fit.
    measured = fig4.envelope_growth_rate(runs["A"], 10.0, 200.0)
    expected = floquet_growth_rate(0.02, eta_bar=0.1, depth=0.7, omega=OMEGA)
    assert measured == pytest.approx(expected, rel=1e-2)


def test_unstable_run_diverges(runs):
    unstable = runs["B"]
    assert unstable.diverged
    assert "exceeded" in unstable.message
    assert max(abs(unstable.w1[-1]), abs(unstable.w2[-1])) == pytest.approx(1e6)
    # From |w| ~ 1 the envelope grows at 0.0052 1/s: reaching 1e6 takes
    # about ln(1e6) / 0.0052 = 2650 s.
    assert 2000.0 < unstable.t_end < 3000.0


def test_unstable_run_grows_at_floquet_rate(runs):
    # The fit spans [500 s, end] (about 100 windows of one response period,
    # 2 T = 20 s); the second multiplier (-0.35 against -1.05) has decayed
    # by 3^-25 at 500 s, so only the window sampling of the peaks limits the
    # agreement.
    measured = fig4.envelope_growth_rate(runs["B"], 20.0, 500.0)
    expected = floquet_growth_rate(1.0, eta_bar=0.1, depth=0.7, omega=OMEGA)
    assert measured == pytest.approx(expected, rel=1e-3)


def test_released_variant_diverges_within_its_run():
    # The released script's variant: eta1(t) = 0.01 (1 + 0.7 sin 0.2 t),
    # eta2 = 1, w* = 0.1, w(0) = (0, 0), r_in = 1, run for 1500 s.
    def eta1(t):
        return 0.01 * (1.0 + 0.7 * math.sin(0.2 * t))

    run = simulate(eta1, 1.0, 1500.0, w_star=0.1, w0=(0.0, 0.0), r_in=1.0)
    assert run.diverged
    assert "exceeded" in run.message
    assert run.t_end < 1500.0
    # The envelope grows from |w~| = w* = 0.1 to the bound 1e6 at the Floquet
    # rate, so the run should stop near ln(1e7) / rate ~ 1313 s. The start's
    # projection on the growing mode and the peaks' offset from the envelope
    # shift ln|w| by a term of order 1, so the test allows one e-folding time,
    # 1 / rate ~ 81 s.
    rate = floquet_growth_rate(1.0, eta_bar=0.01, depth=0.7, omega=0.2)
    assert run.t_end == pytest.approx(math.log(1e6 / 0.1) / rate, abs=1.0 / rate)


def test_envelope_fit_rejects_bad_windows(runs):
    with pytest.raises(ValueError, match="window"):
        fig4.envelope_growth_rate(runs["A"], 0.0, 0.0)
    with pytest.raises(ValueError, match="fewer than 3 windows"):
        fig4.envelope_growth_rate(runs["A"], 10.0, 380.0)


def test_plot_draws_five_rows_per_run(runs):
    figure = fig4.plot(runs)
    assert len(figure.axes) == 10
    assert figure.axes[0].get_title(loc="left").startswith("A")
    assert figure.axes[1].get_title(loc="left").startswith("B")
    plt.close(figure)


def test_maps_have_no_instability_inside_guarantee(small_maps):
    summary = stability_map.guarantee_summary(small_maps)
    assert summary["unstable_guaranteed"] == 0
    assert summary["max_radius_guaranteed"] <= 1.0 + stability_map.UNSTABLE_MARGIN
    assert 0.0 < summary["stable_share"] < 1.0
    assert summary["unstable_share"] > 0.0


def test_guarantee_summary_counts_points():
    alphas = np.array([0.0, 0.5, 2.0])
    depths = np.array([0.0, 0.8])
    radius = np.array([[0.9, 0.95, 1.2], [0.99, 0.5, 0.7]])
    maps = stability_map.StabilityMaps(
        alphas=alphas, depths=depths, radius=radius, eta_bar=0.1, omega=1.0,
        ratios=np.array([1.0]), resonance_depths=np.array([0.0]),
        resonance_radius=np.array([[0.5]]), resonance_eta_bar=0.1, resonance_eta2=1.0,
    )
    summary = stability_map.guarantee_summary(maps)
    # Guaranteed (alpha <= 1 - depth): (0, 0), (0.5, 0), (0, 0.8).
    assert summary["n_guaranteed"] == 3
    assert summary["n_outside"] == 3
    assert summary["max_radius_guaranteed"] == pytest.approx(0.99)
    assert summary["unstable_guaranteed"] == 0
    # Outside: 1.2 (unstable), 0.5 and 0.7 (stable).
    assert summary["stable_share"] == pytest.approx(2.0 / 3.0)
    assert summary["unstable_share"] == pytest.approx(1.0 / 6.0)


def test_resonance_growth_rate_converts_per_second(small_maps):
    omega = small_maps.ratios * math.sqrt(0.1)
    expected = np.log(small_maps.resonance_radius) * omega / (2 * math.pi)
    np.testing.assert_allclose(small_maps.resonance_growth_rate, expected)
    # Unmodulated and underdamped: every solution decays at eta_bar / 2.
    np.testing.assert_allclose(small_maps.resonance_growth_rate[0], -0.05, atol=1e-6)


def test_maps_plot_two_panels(small_maps):
    figure = stability_map.plot(small_maps)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert any(title.startswith("A") for title in titles)
    assert any(title.startswith("B") for title in titles)
    plt.close(figure)
