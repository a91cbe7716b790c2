"""A large plan's team network on paper: communities as discs with their hand-offs, then a page per community;
and a leadership pack of it that stays short."""

from __future__ import annotations

from storage.exchange import plan_from_json
from tests.bench.generate import generate_plan_json
from tests.views.test_pdf import export, flat, outline, page_texts
from views.pdf.communities import AGGREGATE_ABOVE


def test_a_large_plan_prints_communities_then_one_page_each_in_a_short_pack():
    plan = plan_from_json(generate_plan_json("large", 1))
    assert len(plan.teams) > AGGREGATE_ABOVE
    reader = export(plan, sections=("cover", "summary", "score", "network"))
    assert len(reader.pages) <= 40
    entries = [(level, title) for level, title, _ in outline(reader)]
    communities = [title for level, title in entries if level == 1 and title.startswith("Community ")]
    assert len(communities) >= 10
    assert (1, "Isolated teams") in entries
    texts = [flat(text) for text in page_texts(reader)]
    network_page = next(t for t in texts if "toomanyforonereadablepicture" in t)
    assert "Hand-offswithin" in network_page
