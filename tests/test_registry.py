"""The registry of fact types and the checks rules get when they are declared (no analyzer needed)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import yaml

from schemas.facts import FACT_MODELS, ArrestFact, CrowdFact, Fact
from service.rules.engine import FactType
from service.rules.matcher import Example, Rule, RuleError, Trigger
from service.rules.registry import FACT_TYPES, RULES, claimed_words

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (Example("Trois manifestants ont été interpellés."),)


def _rule(**kw) -> Rule:
    base = dict(name="test-rule", doc="A test rule.", trigger=Trigger("triggers:arrest.verbs"), examples=EXAMPLE)
    return Rule(**{**base, **kw})


def _fact_type(**kw) -> FactType:
    base = dict(name="crowd", model=CrowdFact, rules=(_rule(),), conditions={}, build=lambda r, w, c: None)
    return FactType(**{**base, **kw})


def test_registry_holds_every_schema_fact_type():
    assert set(FACT_TYPES) == {m.model_fields["type"].default for m in FACT_MODELS}
    assert {"arrest", "casualties", "troops", "crowd"} <= set(FACT_TYPES)
    assert set(typing.get_args(typing.get_args(Fact)[0])) == set(FACT_MODELS)
    for t in FACT_TYPES.values():
        assert t.rules and t.slots and set(t.slots) <= set(t.model.model_fields)
    assert len({r.name for r in RULES}) == len(RULES)


def test_other_types_claim_their_words_from_crowds():
    words = claimed_words(but="crowd")
    assert {"interpeller", "blessé", "mort"} <= words
    assert "manifestant" not in words
    assert "interpeller" not in claimed_words(but="arrest")


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(count=("nsubj/obl*[de",)), "path"),  # a bracket left open
        (dict(count=("nsubj/Obj",)), "path"),  # deprels are lowercase
        (dict(slots={"agent": ("obl{triggers:no_such_list}",)}), "no lexicon list"),
        (dict(slots={"agent": ("<obl{triggers:no_such_list}/agent",)}), "no lexicon list"),  # up a relation
        (dict(count=("<Obl",)), "path"),
        (dict(trigger=Trigger("triggers:arrest.no_such_verbs")), "no lexicon list"),
        (dict(trigger=Trigger("triggers:arrest")), "no lexicon list"),  # a section, not a list
        (dict(name="Arrest Rule"), "rule name"),
        (dict(examples=()), "example"),
    ],
)
def test_a_rule_declared_wrong_fails_when_declared(kw, message):
    with pytest.raises(RuleError, match=message):
        _rule(**kw)


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(rules=(_rule(requires=("no_such_condition",)),)), "no condition"),
        (dict(builders={"no-such-rule": lambda r, w, c: None}), "builders for no rule"),
        (dict(rules=(_rule(attrs={"kind": "killed"}),)), "slots not in CrowdFact"),
        (dict(slots=("victims",)), "slots not in CrowdFact"),
        (dict(model=ArrestFact), "its model's type"),
        (dict(rules=(_rule(), _rule())), "repeat"),
        (dict(claims=("triggers:crowd.no_such_list",)), "no lexicon list"),
    ],
)
def test_a_fact_type_declared_wrong_fails_when_declared(kw, message):
    with pytest.raises(RuleError, match=message):
        _fact_type(**kw)


def test_a_fact_type_declared_right_runs_its_builders():
    built = []
    t = _fact_type(builders={"test-rule": lambda r, w, c: built.append(r.name)})
    assert t._build(t.rules[0], None, None) is None and built == ["test-rule"]


def test_rule_names_are_literals_in_their_modules():
    """A grep for a rule's name finds where it is declared (no names made up at run time, except the
    families built by one factory, whose pattern is literal)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "service" / "rules" / "facts").glob("*.py"))
    for rule in RULES:
        literal = f'name="{rule.name}"' in source
        factory = re.search(
            r'name=f"' + re.escape(rule.name.split("-")[0]) + r"-\{kind\}-" + re.escape(rule.name.split("-")[-1]) + '"',
            source,
        )
        assert literal or factory, rule.name


def _lists(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _lists(v, path + (str(k),))
    elif isinstance(node, list):
        yield path


@pytest.mark.parametrize("lexicon", ["triggers", "modality"])
def test_every_word_list_is_read(lexicon):
    """A list of the lexicon that no code names is dead weight: its key appears in the code (quoted, or
    in a path step's braces: "<obl{triggers:arrest.carrying_verbs}")."""
    source = "\n".join(p.read_text(encoding="utf-8") for d in ("service", "tools") for p in (ROOT / d).rglob("*.py"))
    data = yaml.safe_load((ROOT / "service" / "lexicon" / f"{lexicon}.yaml").read_text(encoding="utf-8"))
    unread = [
        ".".join(path)
        for path in _lists(data)
        if not re.search(r"""[.:"'\[]""" + re.escape(path[-1]) + r"""["'\]}]""", source)
    ]
    assert not unread
