"""Fuzzy search over the clause library: ranked, typo-tolerant, Act-aware."""

from __future__ import annotations

from oiadraft.clauses import Clause, Library


def ids(hits) -> list[str]:
    return [hit.clause.id for hit in hits]


def test_a_title_word_ranks_its_clause_first():
    library = Library.load()
    assert ids(library.search("searchable"))[0] == "searchable-text"
    assert ids(library.search("watermark"))[0] == "no-watermark"
    assert ids(library.search("public interest"))[0] == "grounds-in-support"


def test_typos_and_word_starts_still_find_the_clause():
    library = Library.load()
    assert ids(library.search("searchabel"))[0] == "searchable-text"
    assert ids(library.search("wtrmark"))[0] == "no-watermark"
    assert ids(library.search("spreadsh"))[0] == "native-data"


def test_tags_and_body_words_are_searched():
    library = Library.load()
    assert ids(library.search("csv"))[0] == "native-data"  # a tag
    assert "partial-release" in ids(library.search("redaction"))  # a tag
    assert "list-first" in ids(library.search("reference number"))  # only in the body


def test_section_citations_follow_the_act():
    library = Library.load()
    lgoima = ids(library.search("s15", act="lgoima"))
    assert "searchable-text" in lgoima and "priority-order" not in lgoima
    oia = ids(library.search("s15", act="oia"))
    assert "priority-order" in oia and "searchable-text" not in oia
    assert ids(library.search("s19(a)(ii)", act="oia"))[0] == "grounds-in-support"
    assert ids(library.search("section 18(a)(ii)", act="lgoima"))[0] == "grounds-in-support"
    assert "grounds-in-support" not in ids(library.search("18(a)(ii)", act="oia"))


def test_act_and_kind_filters_and_limit():
    library = Library.load()
    only_oia = Clause(id="oia-only", title="Extension for the OIA", kind="custom", body="x",
                      acts=("oia",))
    mixed = Library.from_clauses([*library.clauses(), only_oia])
    assert "oia-only" in ids(mixed.search("extension", act="oia"))
    assert "oia-only" not in ids(mixed.search("extension", act="lgoima"))
    assert "extension-notice" in ids(library.search("extension", act="lgoima"))
    hits = library.search("please", kind="closing", limit=2)
    assert len(hits) <= 2 and all(hit.clause.kind == "closing" for hit in hits)


def test_an_empty_query_lists_everything_in_letter_order():
    library = Library.load()
    assert ids(library.search("", limit=None)) == [c.id for c in library.clauses()]
    assert ids(library.search("   ", act="lgoima", limit=None)) == \
        [c.id for c in library.clauses("lgoima")]


def test_nonsense_finds_nothing_and_scores_are_ranked():
    library = Library.load()
    assert library.search("zzqxj") == []
    hits = library.search("email delivery")
    assert ids(hits)[0] == "email-delivery"
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_matching_every_word_beats_matching_one():
    library = Library.from_clauses([
        Clause(id="both", title="Ministerial briefings", kind="custom", body="Briefings on housing."),
        Clause(id="one", title="Housing", kind="custom", body="Anything."),
        Clause(id="other", title="Briefings", kind="custom", body="Anything."),
    ])
    assert ids(library.search("housing briefings"))[0] == "both"


def test_the_index_follows_edits():
    library = Library.load()
    assert library.search("kumara") == []
    library.save(Clause(id="kumara", title="Kumara", kind="custom", body="Root crops."))
    assert ids(library.search("kumara")) == ["kumara"]
    library.delete("kumara")
    assert library.search("kumara") == []
