"""Chinese-aware text analysis for search: one place, used at index time and at query time.

The database search backends split words on spaces and punctuation (SQLite FTS5's
``unicode61`` tokenizer, PostgreSQL's default parser), so a Chinese sentence, which
has no spaces, would be one long "word" that only an identical query finds. Before
text reaches the index, and before a query reaches the database, this module:

1. normalises it for matching only: NFKC (full-width Latin letters and digits become
   ASCII) and OpenCC ``hk2s`` (Traditional Chinese, Hong Kong variants included,
   becomes Simplified), so a query in either script finds text in either script;
2. folds regional vocabulary (`VocabularyFolding`): the Hong Kong and mainland forms
   of each of the term base's vocabulary pairs (core.terms) are one word, so 通訊
   finds 通信 and the reverse, 資訊 信息, 流動網絡 移动网络. A query is folded; the
   index holds each CJK run as written and, when folding changes it, folded as well,
   so a query for part of a regional word (移动 in 移动网络) still finds it;
3. replaces every run of CJK characters with its overlapping two-character tokens
   (bigrams) followed by the run's last character, e.g. 理工大学 -> "理工 工大 大学 学".
   Every character of the run then starts exactly one token, so:

   - a query of two or more CJK characters is the phrase of its bigrams
     (大数据 -> "大数 数据", the two tokens next to each other), which finds the word
     anywhere in the text, whatever the words around it;
   - a single-character query is a prefix match on the tokens ("大"*), which finds
     the character anywhere as well, without indexing every character twice.

Latin text (English, pinyin, numbers) is left exactly as it was, so English keeps
the backend's own behaviour (case folding; stemming on PostgreSQL).

Nothing here is stored for display: results and excerpts are rendered from the
page itself, in its own script.
"""

import re
import unicodedata
from dataclasses import dataclass

from core.chinese import to_simplified
from core.terms import site_entries, vocabulary_pairs

# Han (with extensions A-H and compatibility ideographs, 々 and 〇), Bopomofo, kana and
# Hangul: the scripts written without spaces between words (Elasticsearch's `cjk_bigram`
# filter covers the same four).
CJK_CHARACTERS = (
    "\u3005\u3007"
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK unified and compatibility ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0003134f"  # CJK extensions B to H
)
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
CJK_OR_OTHER = re.compile(f"([{CJK_CHARACTERS}]+)")
# A letter or digit of a script written with spaces (for highlighting whole words).
LATIN_CHARACTER = f"[^\\W_{CJK_CHARACTERS}]"

# Latin terms of at least this many letters also match longer words ("comput" finds
# "computing"); shorter terms and numbers match whole words only.
PREFIX_MIN_LENGTH = 3


def is_token_character(character):
    """True for characters the database tokenizers keep: letters, digits, private use."""
    category = unicodedata.category(character)
    return category[0] in "LN" or category == "Co"


def clean(text):
    """Drop what no database accepts or indexes: NUL and other control characters, and
    lone surrogates (a query string can carry them as %ED%A0%80)."""
    return "".join(
        " " if unicodedata.category(character) in {"Cc", "Cs"} else character for character in text
    )


def normalise_script(text):
    """Fold `text` for matching: NFKC, then Traditional -> Simplified Chinese."""
    return to_simplified(unicodedata.normalize("NFKC", clean(text)))


class VocabularyFolding:
    """The term base's regional vocabulary as one form per word, for matching only.

    Both forms of each pair, script-normalised (通訊 -> 通讯, 通信), belong to one
    class, and pairs that share a form join their classes; every form is replaced by
    its class's first form in code point order (here 通信), the same whatever the
    order of the term base. Pairs whose forms are the same once normalised (軟件 /
    软件) and forms that are not all CJK are left out. Longest match first.
    """

    def __init__(self, pairs):
        parent = {}

        def root(form):
            while parent.setdefault(form, form) != form:
                form = parent[form]
            return form

        for traditional, simplified in pairs:
            forms = {normalise_script(traditional).strip(), normalise_script(simplified).strip()}
            if len(forms) != 2 or not all(CJK_RUN.fullmatch(form) for form in forms):
                continue
            first, second = sorted(root(form) for form in forms)
            if first != second:
                parent[second] = first
        # Each class's root is its first form in code point order (unions keep the smaller).
        self.canonical = {form: root(form) for form in parent}
        self.lengths = sorted({len(form) for form in self.canonical}, reverse=True)
        # Where a form may start: most characters of a text start none.
        first_characters = "".join(sorted({form[0] for form in self.canonical}))
        self.starts = re.compile(f"[{re.escape(first_characters)}]") if first_characters else None

    def matches(self, text):
        """(start, end, canonical form) of each form in `text`, longest first, left to right."""
        if self.starts is None:
            return
        canonical = self.canonical
        position = 0
        while (start := self.starts.search(text, position)) is not None:
            position = start.start()
            for length in self.lengths:
                form = canonical.get(text[position : position + length])
                if form is not None:
                    yield position, position + length, form
                    position += length
                    break
            else:
                position += 1

    def fold(self, text):
        """`text` with every form replaced by its class's form."""
        folded = []
        position = 0
        for start, end, form in self.matches(text):
            folded.append(text[position:start])
            folded.append(form)
            position = end
        folded.append(text[position:])
        return "".join(folded)

    def fold_with_origins(self, text):
        """`text` folded, and for each character of the result the (start, end) it comes
        from in `text`: a replaced form's characters come from the whole form, or one
        for one if both forms have as many characters."""
        folded = []
        origins = []
        position = 0
        for start, end, form in self.matches(text):
            folded.append(text[position:start])
            origins.extend((i, i + 1) for i in range(position, start))
            folded.append(form)
            if len(form) == end - start:  # 數碼技術 / 数字技术: character for character
                origins.extend((i, i + 1) for i in range(start, end))
            else:
                origins.extend((start, end) for _ in form)
            position = end
        folded.append(text[position:])
        origins.extend((i, i + 1) for i in range(position, len(text)))
        return "".join(folded), origins


_folding = {"entries": None, "folding": VocabularyFolding(())}


def vocabulary_folding():
    """The folding of the site's term base, built again only when the term base changes
    (core.terms.site_entries returns the same tuple until then)."""
    entries = site_entries()
    if _folding["entries"] is not entries:
        _folding["folding"] = VocabularyFolding(vocabulary_pairs(entries))
        _folding["entries"] = entries
    return _folding["folding"]


def normalise(text):
    """Fold `text` as a query is matched: script (`normalise_script`), then vocabulary."""
    return vocabulary_folding().fold(normalise_script(text))


def cjk_tokens(run):
    """The index tokens of one CJK run: its bigrams, then its last character.

    >>> cjk_tokens("理工大学")
    ['理工', '工大', '大学', '学']
    """
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text):
    """The text to store in the index for `text`: normalised, CJK runs tokenised, each
    run that holds regional vocabulary once as written and once folded."""
    if not text:
        return ""
    folding = vocabulary_folding()

    def tokens(match):
        run = match.group()
        forms = dict.fromkeys((run, folding.fold(run)))
        return f" {' '.join(token for form in forms for token in cjk_tokens(form))} "

    return CJK_RUN.sub(tokens, normalise_script(text))


@dataclass(frozen=True)
class Term:
    """One thing a query asks for; every term of a query must match.

    `tokens` are index tokens that must appear next to each other in that order
    (a phrase); `prefix` makes the last one match longer tokens as well.
    """

    tokens: tuple
    prefix: bool
    cjk: bool

    @property
    def text(self):
        """The normalised characters this term matches in a text, for highlighting."""
        if self.cjk:
            return self.tokens[0] + "".join(token[-1] for token in self.tokens[1:])
        return " ".join(self.tokens)


def query_terms(query, prefix_last_only=False):
    """Split a query typed by a visitor into the `Term`s that all must match.

    Latin words stay words (each is searched as the backend tokenizes it, so
    punctuation and query syntax such as `"`, `*`, `NEAR`, `:` or `^` are only text);
    CJK runs become the phrase of their bigrams, or a prefix match for a single
    character. Words without a letter or digit (emoji, punctuation) are dropped.

    With `prefix_last_only` (autocomplete), only the last Latin word is a prefix.
    """
    terms = []
    words = normalise(query).split()
    for word_index, word in enumerate(words):
        for part in CJK_OR_OTHER.split(word):
            if not any(is_token_character(character) for character in part):
                continue
            if CJK_RUN.fullmatch(part):
                if len(part) == 1:
                    terms.append(Term((part,), prefix=True, cjk=True))
                else:
                    terms.append(Term(tuple(cjk_tokens(part)[:-1]), prefix=False, cjk=True))
                continue
            letters = [character for character in part if is_token_character(character)]
            is_last = word_index == len(words) - 1
            prefix = (
                len(letters) >= PREFIX_MIN_LENGTH
                and not all(character.isdigit() for character in letters)
                and (is_last or not prefix_last_only)
            )
            terms.append(Term((part,), prefix=prefix, cjk=False))
    return list(dict.fromkeys(terms))


def fold_for_highlighting(text):
    """`text` folded like `normalise`, but character for character, so that a match at
    position i in the result is at position i in `text`."""
    folded = []
    for character in text:
        nfkc = unicodedata.normalize("NFKC", character)
        folded.append(nfkc if len(nfkc) == 1 else character)
    folded = "".join(folded)
    simplified = to_simplified(folded)
    if len(simplified) != len(folded):
        # A phrase conversion changed the length: convert one character at a time.
        simplified = "".join(
            converted if len(converted := to_simplified(character)) == 1 else character
            for character in folded
        )
    return "".join(
        lowered if len(lowered := character.lower()) == 1 else character for character in simplified
    )


def match_spans(text, terms):
    """The (start, end) spans of `text` that `terms` match, sorted and merged.

    CJK terms (folded) are looked for in the text as written and with its vocabulary
    folded, so 信息 marks 資訊 on a Traditional page: the page's own words."""
    if not text or not terms:
        return []
    folded = fold_for_highlighting(text)
    vocabulary_folded, origins = vocabulary_folding().fold_with_origins(folded)
    patterns = []
    for term in terms:
        if term.cjk:
            patterns.append(re.escape(term.text))
            continue
        for word in re.split(r"[^\w]+|_", term.text.lower()):
            if word:
                ending = rf"{LATIN_CHARACTER}*" if term.prefix else rf"(?!{LATIN_CHARACTER})"
                patterns.append(rf"(?<!{LATIN_CHARACTER}){re.escape(word)}{ending}")
    cjk_patterns = [re.escape(term.text) for term in terms if term.cjk]
    # One pattern at a time: the matches of different terms may overlap.
    spans = [
        [match.start(), match.end()]
        for pattern in patterns
        for match in re.finditer(pattern, folded)
        if match.end() > match.start()
    ]
    if vocabulary_folded != folded:
        spans.extend(
            [origins[match.start()][0], origins[match.end() - 1][1]]
            for pattern in cjk_patterns
            for match in re.finditer(pattern, vocabulary_folded)
            if match.end() > match.start()
        )
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(span) for span in merged]
