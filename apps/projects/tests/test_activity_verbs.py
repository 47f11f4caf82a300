"""Every verb that can write an activity row is in TIMELINE_VERBS (which the client gives a ko and
an en sentence: frontend/src/widgets/project-activity/model/describe.test.ts), so the feed never
shows a raw code such as `feedback.created`."""

import ast
from pathlib import Path

import pytest

from apps.feedbacks.services.feedback import feedback_create
from apps.feedbacks.tests.factories import VersionFactory
from apps.projects.activity import SYSTEM_VERBS, TIMELINE_VERBS, activity_record
from apps.projects.models import Activity

from .factories import ProjectFactory

APPS = Path(__file__).resolve().parents[2]


def _forwarders(tree: ast.Module) -> set[str]:
    """The module's functions that pass an argument on to activity_record as the verb."""
    names = set()
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef) and func.name != "activity_record":
            for call in ast.walk(func):
                if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "activity_record":
                    keywords = {k.arg: k.value for k in call.keywords}
                    no_row = isinstance(keywords.get("timeline"), ast.Constant) and not keywords["timeline"].value
                    if isinstance(keywords.get("verb"), ast.Name) and not no_row:
                        names.add(func.name)
    return names


def _verbs_written_by_the_code() -> set[str]:
    verbs = set()
    for path in APPS.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        forwarders = _forwarders(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            keywords = {k.arg: k.value for k in node.keywords}
            timeline = keywords.get("timeline")
            if isinstance(timeline, ast.Constant) and timeline.value is False:
                continue
            candidates = []
            if name == "activity_record":
                candidates.append(keywords.get("verb"))
            elif name in forwarders:
                candidates.extend(node.args)
            for value in candidates:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    verbs.add(value.value)
                elif isinstance(value, ast.IfExp):  # "a" if x else "b"
                    verbs.update(v.value for v in (value.body, value.orelse) if isinstance(v, ast.Constant))
    return verbs


def test_every_verb_the_code_writes_is_registered():
    written = _verbs_written_by_the_code()
    assert {"feedback.created", "share_link.created", "version.ready", "phase.created"} <= written
    assert written <= set(TIMELINE_VERBS), sorted(written - set(TIMELINE_VERBS))
    assert set(SYSTEM_VERBS) <= set(TIMELINE_VERBS)


@pytest.mark.django_db
def test_an_unregistered_verb_is_refused_before_it_reaches_the_feed():
    project = ProjectFactory()
    with pytest.raises(ValueError, match="TIMELINE_VERBS"):
        activity_record(project=project, actor=None, verb="something.new", target=project)
    assert not Activity.objects.filter(verb="something.new").exists()
    # An event without a timeline row may use any type.
    activity_record(project=project, actor=None, verb="something.new", target=project, timeline=False)


@pytest.mark.django_db
def test_a_guest_comment_row_names_the_guest():
    version = VersionFactory()
    feedback = feedback_create(version=version, body="좋아요", guest_name="클라이언트 이", frame=0)
    row = Activity.objects.get(verb="feedback.created", target_id=str(feedback.pk))
    assert row.actor is None
    assert row.data["guest_name"] == "클라이언트 이"
