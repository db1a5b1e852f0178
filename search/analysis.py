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
from bisect import bisect_right
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
# Compiled once: a pattern with this class takes ~15 ms to compile, and every new
# query would compile its own.
LATIN_CHARACTER = re.compile(f"[^\\W_{CJK_CHARACTERS}]")
LATIN_CHARACTERS = re.compile(f"[^\\W_{CJK_CHARACTERS}]*")

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
        # The lengths of the forms that start with each character, longest first: most
        # characters of a text start none, the others one or two.
        lengths = {}
        for form in self.canonical:
            lengths.setdefault(form[0], set()).add(len(form))
        self.lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}
        first_characters = "".join(sorted(self.lengths))
        self.starts = re.compile(f"[{re.escape(first_characters)}]") if first_characters else None

    def matches(self, text):
        """(start, end, canonical form) of each form in `text`, longest first, left to right."""
        if self.starts is None:
            return
        canonical = self.canonical
        position = 0
        while (start := self.starts.search(text, position)) is not None:
            position = start.start()
            for length in self.lengths[text[position]]:
                end = position + length
                # (A slice past the end of `text` is shorter than `length`.)
                form = canonical.get(text[position:end]) if end <= len(text) else None
                if form is not None:
                    yield position, end, form
                    position = end
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
        """`text` folded, and `origin(i)`: the (start, end) in `text` that character i of
        the result comes from. A replaced form's characters come from the whole form, or
        one for one if both forms have as many characters."""
        folded = []
        # (start in the result, end in the result, start, end) of each replaced form.
        replaced = []
        position = 0
        shift = 0  # length of the result minus length of `text`, so far
        for start, end, form in self.matches(text):
            folded.append(text[position:start])
            folded.append(form)
            replaced.append((start + shift, start + shift + len(form), start, end))
            shift += len(form) - (end - start)
            position = end
        folded.append(text[position:])
        replaced_starts = [folded_start for folded_start, *_ in replaced]

        def origin(index):
            found = bisect_right(replaced_starts, index) - 1
            if found < 0:
                return index, index + 1
            folded_start, folded_end, start, end = replaced[found]
            if index >= folded_end:  # after the form: shifted as the form shifted
                index += end - folded_end
                return index, index + 1
            if folded_end - folded_start == end - start:  # 數碼技術 / 数字技术
                index += start - folded_start
                return index, index + 1
            return start, end

        return "".join(folded), origin


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


class CharacterFolding(dict):
    """A `str.translate` table that maps each character to `fold(character)` when that is
    one character, else to itself; filled as characters are met, so a text is folded in C."""

    def __init__(self, fold):
        super().__init__()
        self.fold = fold

    def __missing__(self, code):
        character = chr(code)
        folded = self.fold(character)
        self[code] = folded if len(folded) == 1 else character
        return self[code]


NFKC_FOLDING = CharacterFolding(lambda character: unicodedata.normalize("NFKC", character))
LOWER_CASE_FOLDING = CharacterFolding(str.lower)


def fold_for_highlighting(text):
    """`text` folded like `normalise`, but character for character, so that a match at
    position i in the result is at position i in `text`."""
    folded = text.translate(NFKC_FOLDING)
    if CJK_RUN.search(folded):  # OpenCC changes CJK characters only
        simplified = to_simplified(folded)
        if len(simplified) != len(folded):
            # A phrase conversion changed the length: convert one character at a time.
            simplified = "".join(
                converted if len(converted := to_simplified(character)) == 1 else character
                for character in folded
            )
        folded = simplified
    return folded.translate(LOWER_CASE_FOLDING)


def match_spans(text, terms):
    """The (start, end) spans of `text` that `terms` match, sorted and merged.

    CJK terms (folded) are looked for in the text as written and with its vocabulary
    folded, so 信息 marks 資訊 on a Traditional page: the page's own words. Latin terms
    match where a word starts: the whole word, or its beginning for a prefix term."""
    if not text or not terms:
        return []
    folded = fold_for_highlighting(text)
    # One term at a time: the matches of different terms may overlap.
    spans = []
    cjk_texts = []
    for term in terms:
        if term.cjk:
            cjk_texts.append(term.text)
            spans.extend(_literal_spans(term.text, folded))
            continue
        for word in re.split(r"[^\w]+|_", term.text.lower()):
            if word:
                spans.extend(_word_spans(word, folded, term.prefix))
    if cjk_texts:
        vocabulary_folded, origin = vocabulary_folding().fold_with_origins(folded)
        if vocabulary_folded != folded:
            for cjk_text in cjk_texts:
                for start, end in _literal_spans(cjk_text, vocabulary_folded):
                    spans.append((origin(start)[0], origin(end - 1)[1]))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(span) for span in merged]


def _literal_spans(literal, text):
    """Where `literal` is in `text`, left to right, without overlaps."""
    start = text.find(literal)
    while start != -1 and literal:
        yield start, start + len(literal)
        start = text.find(literal, start + len(literal))


def _word_spans(word, text, prefix):
    """Where Latin `word` is in `text` as a whole word, or (`prefix`) where it starts one:
    then the whole word it starts."""
    position = 0
    while (start := text.find(word, position)) != -1:
        end = start + len(word)
        starts_word = start == 0 or not LATIN_CHARACTER.match(text, start - 1)
        if starts_word and prefix:
            end = LATIN_CHARACTERS.match(text, end).end()
        if starts_word and (prefix or not LATIN_CHARACTER.match(text, end)):
            yield start, end
            position = end
        else:
            position = start + 1
