"""deploy/k8s: the probes name real routes open without a key, the ports agree, the timeouts nest, the
resources match the measured RSS; meta.analyzer.models names models, never a path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from service import config, create_app, security
from tests.conftest import STANZA_DIR

ROOT = Path(__file__).resolve().parents[1]
WORKER_RSS_MIB = 760  # spaCy md worker, the highest of the README's measured figures


def manifests() -> dict:
    docs = [
        d
        for f in sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
        for d in yaml.safe_load_all(f.read_text(encoding="utf-8"))
        if d
    ]
    return {d["kind"]: d for d in docs}


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


@pytest.fixture(scope="module")
def deployment():
    return manifests()["Deployment"]


@pytest.fixture(scope="module")
def container(deployment):
    [c] = deployment["spec"]["template"]["spec"]["containers"]
    return c


def env_of(container) -> dict:
    return {e["name"]: e.get("value") for e in container["env"]}


def test_probes_name_real_routes_open_without_a_key(container, analyzers):
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "API_KEY": "k", "LOG_LEVEL": "WARNING"})
    routes = {rule.rule for rule in app.url_map.iter_rules()}
    probes = {name: container[name]["httpGet"] for name in ("readinessProbe", "livenessProbe", "startupProbe")}
    assert probes["readinessProbe"]["path"] == "/readyz" and probes["livenessProbe"]["path"] == "/healthz"
    client = app.test_client()
    for probe in probes.values():
        assert probe["path"] in routes and probe["path"] in security.OPEN_PATHS
        assert client.get(probe["path"]).status_code == 200  # no key, and the analyzer is loaded


def test_ports_agree(deployment, container):
    [port] = container["ports"]
    env = env_of(container)
    assert int(env["FAITS_BIND"].rsplit(":", 1)[1]) == port["containerPort"]
    for name in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[name]["httpGet"]["port"] in (port["name"], port["containerPort"])
    [service_port] = manifests()["Service"]["spec"]["ports"]
    assert service_port["targetPort"] in (port["name"], port["containerPort"])
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert int(annotations["prometheus.io/port"]) == port["containerPort"]
    selector = manifests()["Service"]["spec"]["selector"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()


def test_timeouts_nest_and_settings_are_valid(deployment, container, monkeypatch):
    env = env_of(container)
    for name, value in env.items():
        if value is not None:
            monkeypatch.setenv(name, value)
    settings = config.from_env()  # raises on a bad value (the service would not start)
    assert settings["ANALYZER"] == "spacy" and settings["METRICS_PUBLIC"] is True
    live = container["livenessProbe"]
    # a worker busy with a long text answers /healthz only after it: the probe waits longer than that
    assert live["timeoutSeconds"] > settings["REQUEST_TIMEOUT"]
    assert settings["TIMEOUT"] > settings["REQUEST_TIMEOUT"]
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > settings["GRACEFUL_TIMEOUT"]


def test_resources_follow_the_measured_rss(container):
    workers = int(env_of(container)["FAITS_WORKERS"])
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    assert mebibytes(requests["memory"]) >= workers * WORKER_RSS_MIB
    assert mebibytes(limits["memory"]) > mebibytes(requests["memory"])
    assert float(requests["cpu"]) == workers  # one worker per requested core


def test_autoscaler_scales_the_deployment_on_cpu(deployment, container):
    hpa = manifests()["HorizontalPodAutoscaler"]
    target = hpa["spec"]["scaleTargetRef"]
    assert target["kind"] == "Deployment" and target["name"] == deployment["metadata"]["name"]
    [metric] = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and "cpu" in container["resources"]["requests"]
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


def test_models_are_named_not_located(analyzer):
    # "fr_core_news_md 3.8.0 sha256:0123456789ab", "stanza-fr/mini 1.15.0 sha256:0123456789ab"
    assert re.fullmatch(r"[\w.-]+(/[\w.-]+)? \d[\w.+-]* sha256:[0-9a-f]{12}", analyzer.models), analyzer.models
    assert STANZA_DIR not in analyzer.models and not analyzer.models.startswith("/")


def test_pods_stop_routing_before_they_stop(deployment, container, monkeypatch):
    """A preStop pause lets the endpoints update before gunicorn drains; the grace period covers the
    pause and the drain."""
    command = container["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep"
    drain = float(env_of(container).get("FAITS_GRACEFUL_TIMEOUT", 30))
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > float(command[1]) + drain
