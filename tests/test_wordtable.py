"""The SQLite copy of lemminflect's answers gives the same answers as
lemminflect, and an English check reads it instead of loading lemminflect's tables."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lemminflect import getAllInflections, getAllLemmas

from replylint.wordtable import LemminflectTable

# known words of every kind, forms lemminflect only knows through its rules, unknown words,
# words it returns in another capitalisation, and strings that are not words
WORDS = ["works", "worked", "went", "gone", "data", "better", "'d", "n't", "ca", "i", "children", "setup",
         "googled", "misconfigured", "whitelisted", "refills", "cinvakas", "zzzq", "3d", "ß", "", "Works",
         "NASA", "Paris", "go", "be", "have", "read", "lead", "set"]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    return LemminflectTable(tmp_path_factory.mktemp("wordtable") / "lemminflect.sqlite")


@pytest.mark.parametrize("word", WORDS)
def test_the_table_answers_as_lemminflect_does(table, word):
    assert table.lemmas(word) == getAllLemmas(word)
    assert table.verb_forms(word) == getAllInflections(word, upos="VERB")
    assert table._connection is not None  # answered by the file, not by the fallback to lemminflect


def test_an_unusable_cache_directory_falls_back_to_lemminflect(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    table = LemminflectTable(blocker / "lemminflect.sqlite")
    assert table.lemmas("went") == getAllLemmas("went")
    assert table.verb_forms("go") == getAllInflections("go", upos="VERB")


def test_a_damaged_file_is_rebuilt(tmp_path):
    path = tmp_path / "lemminflect.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    rebuilt = LemminflectTable(path)
    assert rebuilt.lemmas("went") == getAllLemmas("went") and rebuilt._connection is not None
    read_back = LemminflectTable(path)
    assert read_back.lemmas("went") == getAllLemmas("went") and read_back._connection is not None


def test_an_english_check_does_not_load_lemminflects_tables(tmp_path):
    reply = tmp_path / "reply.txt"
    # a real agent reply (twitter_customer_care_ibm_en) whose words the annotator reads
    reply.write_text("Thanks for the tag - if you believe the suspension was done in error, you can appeal so that "
                     "our policy team can take another look. Hope this helps!\n", encoding="utf-8")
    check = [sys.executable, "-m", "replylint", "check", "--format", "json", str(reply)]
    first = subprocess.run(check, capture_output=True, text=True, check=False)  # may build the table
    assert first.returncode == 0, first.stdout + first.stderr
    script = (
        "import sys\n"
        "from replylint.cli import main\n"
        "sys.argv = ['replylint', 'check', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "from replylint.wordtable import lemminflect_table\n"
        "assert lemminflect_table()._connection is not None\n"  # the annotator read the table
        "from lemminflect.core.Inflections import Inflections\n"
        "from lemminflect.core.Lemmatizer import Lemmatizer\n"
        "print(hasattr(Lemmatizer(), 'lemma_dict'), hasattr(Inflections(), 'infl_dict'))\n"
    )
    second = subprocess.run([sys.executable, "-c", script, str(reply)], capture_output=True, text=True, check=False)
    assert second.stdout.strip().splitlines()[-1] == "False False", second.stdout + second.stderr
