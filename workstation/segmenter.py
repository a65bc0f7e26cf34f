"""Text → search tokens (Chinese and English): the one module using rjieba, OpenCC and pypinyin.

Both sides go through the same normalisation (NFKC, Traditional → Simplified, lower case, tone
marks stripped), so that a document token and a query token meet in PostgreSQL's ``'simple'``
text-search configuration, which keeps them as they are. Tokens are only runs of letters and digits
or runs of CJK characters: nothing PostgreSQL's parser would split again or read as an operator.

Documents get:
- for the Chinese name: the whole name, each character (a single surname finds its people) and
  each character bigram (``王伟明`` → ``王伟``, ``伟明``); the pinyin syllables, the given name
  joined, the whole name joined in both orders (``wangwei``, ``weiwang``), with every spelling
  of ü people type (吕 → ``lv``, ``lu``, ``lyu``) and its reading as a surname (曾 → ``zeng``
  as well as ``ceng``);
- for the English name: its words, and the words joined in both orders;
- for employer, title, expertise, school: words, and for Chinese text rjieba's search-mode segments
  plus every character bigram (so any two or more consecutive characters can be found).

A query is a list of terms that must all match; each term is a list of alternatives, each
alternative a tuple of tokens that must all be present (``parse_query``).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

# CJK ideographs (with extensions and compatibility forms), kana and Hangul: written without spaces.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
_RUN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W_])+)")
_HAN = re.compile(rf"[{_CJK}]")
_TONE_DIGITS = re.compile(r"([a-z]+)([0-5])")
_TONED_WORD = re.compile(r"(?:[a-z]+[0-5])+")
# lü, nü (and lǚ...) typed with the dots: the ü is certain, so it is kept apart from lu, nu.
_WRITTEN_U_UMLAUT = re.compile(r"(?<![a-z])([ln])u\u0308")

# Two-character surnames (复姓) that are still met today.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 "  # noqa: SIM905
    "西门 呼延 万俟 澹台 公冶 申屠 太史 闻人 钟离 宗政 濮阳 淳于 单于 赫连 拓跋 东郭 百里".split()
)

# Surnames read otherwise than the character's common reading (pypinyin has no surname mode):
# 曾 is zeng as a surname, not ceng. The common reading is kept too, as people type it.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "翟": "zhai",
    "覃": "qin",
    "缪": "miao",
    "种": "chong",
    "重": "chong",
    "秘": "bi",
    "冼": "xian",
    "华": "hua",
    "过": "guo",
    "纪": "ji",
    "燕": "yan",
    "繁": "po",
    "折": "she",
    "那": "na",
    "藏": "zang",
    "都": "du",
    "薄": "bo",
    "乐": "yue",
    "阚": "kan",
    "车": "che",
    "沈": "shen",
    "宿": "su",
    "卜": "bu",
    "召": "shao",
    "谌": "chen",
    "褚": "chu",
    "俞": "yu",
    "贲": "ben",
    "莘": "shen",
    "郦": "li",
    "员": "yun",
    "贠": "yun",
    "牟": "mou",
    "柏": "bai",
    "居": "ju",
    "六": "lu",
    "石": "shi",
    "瞿": "qu",
    "殷": "yin",
    "陆": "lu",
    "叶": "ye",
    "强": "qiang",
    "汤": "tang",
    "万": "wan",
    "许": "xu",
    "余": "yu",
    "和": "he",
    "盛": "sheng",
    "贾": "jia",
    "隗": "wei",
    "句": "gou",
    "能": "nai",
    "洗": "xian",
    "曲": "qu",
    "应": "ying",
    "祭": "zhai",
    "佴": "nai",
    "校": "xiao",
    "粘": "nian",
    "长孙": "zhang sun",
    "万俟": "mo qi",
    "尉迟": "yu chi",
    "单于": "chan yu",
}

# ü is typed v, u or yu (吕: lv, lu, lyu); only after l and n is that ambiguous with u.
_U_UMLAUT_SPELLINGS = ("v", "u", "yu")
_UNAMBIGUOUS_U_UMLAUT = frozenset({"lv", "lyu", "nv", "nyu", "lve", "lyue", "nve", "nyue"})

# A bound on the joined spellings of one name (readings × ü spellings).
MAX_JOINED_SPELLINGS = 16
# What a search box reads of a query (the directory's field allows 100 characters).
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class DocumentTokens:
    names: list[str]  # ranked highest
    employer: list[str]
    work: list[str]  # title and expertise
    school: list[str]


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """NFKC (full-width forms), Traditional → Simplified, lower case, tone marks/accents removed."""
    text = unicodedata.normalize("NFKC", text or "")
    if _HAN.search(text):
        text = _t2s().convert(text)
    text = text.lower()
    if not text.isascii():
        # Drop combining marks (wáng → wang, lǚ → lu, josé → jose); NFC puts Hangul back together.
        decomposed = unicodedata.normalize("NFKD", text)
        text = unicodedata.normalize(
            "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
        )
    return text


def _runs(text: str) -> list[tuple[str, str]]:
    """``("cjk"|"word", run)`` pairs of an already normalised text."""
    return [(match.lastgroup, match.group()) for match in _RUN.finditer(text)]


def _bigrams(run: str) -> list[str]:
    return [run[index : index + 2] for index in range(len(run) - 1)]


def _segments(run: str) -> list[str]:
    import rjieba

    return [segment for segment in rjieba.cut_for_search(run) if segment.strip()]


def _u_umlaut_spellings(syllable: str) -> list[str]:
    """``lv`` → ``lv``, ``lu``, ``lyu``; other syllables as they are."""
    if syllable[:1] in ("l", "n") and "v" in syllable:
        return [syllable.replace("v", spelling) for spelling in _U_UMLAUT_SPELLINGS]
    return [syllable]


def _spellings(syllables: list[list[str]]) -> list[str]:
    """Every joined spelling of a name, given each character's alternative syllables (bounded)."""
    choices = [
        list(
            dict.fromkeys(
                spelling for reading in readings for spelling in _u_umlaut_spellings(reading)
            )
        )
        for readings in syllables
        if readings
    ]
    if not choices:
        return []
    return [
        "".join(combo)
        for combo in itertools.islice(itertools.product(*choices), MAX_JOINED_SPELLINGS)
    ]


def _chinese_name_tokens(name_zh: str) -> list[str]:
    from pypinyin import lazy_pinyin

    tokens: list[str] = []
    folded = normalize(name_zh)
    runs = [run for kind, run in _runs(folded) if kind == "cjk"]
    for run in runs:
        tokens.append(run)
        tokens.extend(run)
        tokens.extend(_bigrams(run))
    for kind, run in _runs(folded):
        if kind == "word":
            tokens.append(run)
    if not runs:
        return tokens
    first = runs[0]
    surname_length = 2 if first[:2] in COMPOUND_SURNAMES and len(first) > 2 else 1
    # The surname once more: "王" ranks the Wangs above people with 王 in their given name.
    tokens.append(first[:surname_length])

    # Pinyin from the name as written (pypinyin knows Traditional characters and phrase readings).
    han = "".join(
        run for kind, run in _runs(unicodedata.normalize("NFKC", name_zh)) if kind == "cjk"
    )
    primary = [reading for reading in lazy_pinyin(han, errors="ignore") if reading.isalpha()]
    if len(primary) != len(han):  # a character pypinyin does not know: no pinyin for this name
        return tokens
    syllables = [[reading] for reading in primary]
    # Surnames often take a reading other than the common one: 曾 zeng, 单 shan, 解 xie.
    special = SURNAME_READINGS.get(first[:surname_length], "").split()
    if not special and surname_length == 2:
        special = [
            SURNAME_READINGS.get(char, reading)
            for char, reading in zip(first, primary, strict=False)
        ]
    for index, reading in enumerate(special[:surname_length]):
        syllables[index] = list(dict.fromkeys([primary[index], reading]))
    for readings in syllables:
        for reading in readings:
            tokens.extend(_u_umlaut_spellings(reading))
    surname, given = syllables[:surname_length], syllables[surname_length:]
    surname_spellings = _spellings(surname)
    tokens.extend(surname_spellings)  # "ouyang"; and once more for a single surname, as above
    if given:
        if len(given) > 1:
            tokens.extend(_spellings(given))  # "xiaoming"
        tokens.extend(_spellings(surname + given) * 2)  # the whole name counts double
        tokens.extend(_spellings(given + surname))
    return tokens


def _latin_name_tokens(name: str) -> list[str]:
    """English name: words, hyphenated parts joined, and all words joined in both orders."""
    tokens: list[str] = []
    chunks = []
    for chunk in normalize(name).split():
        words = [run for _kind, run in _runs(chunk)]
        if not words:
            continue
        joined = "".join(words)
        tokens.extend(words)
        if len(words) > 1:  # Xiao-Ming: xiao, ming, xiaoming
            tokens.append(joined)
        chunks.append(joined)
    if len(chunks) > 1:
        tokens.append("".join(chunks))
        tokens.append("".join([chunks[-1], *chunks[:-1]]))
    # ü written out (Lü, Lyu, Lv): every spelling of it; "Lu" alone may be 卢 or 陆, so not that.
    written = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name or "").lower())
    if "u\u0308" in written:
        tokens.extend(_latin_name_tokens(written.replace("u\u0308", "v")))
    for word in list(tokens):
        if word in _UNAMBIGUOUS_U_UMLAUT:
            tokens.extend(_u_umlaut_spellings(word.replace("yu", "v")))
    return tokens


def _text_tokens(text: str, *, join_all: bool = False) -> list[str]:
    """Free text: words (hyphenated parts also joined); Chinese as segments and bigrams."""
    tokens: list[str] = []
    chunks = []
    for chunk in normalize(text).split():
        words = []
        for kind, run in _runs(chunk):
            if kind == "cjk":
                tokens.append(run)
                tokens.extend(_segments(run) if len(run) > 2 else [])
                tokens.extend(_bigrams(run))
            else:
                words.append(run)
                tokens.append(run)
        if len(words) > 1:
            tokens.append("".join(words))
        chunks.append("".join(words))
    chunks = [chunk for chunk in chunks if chunk]
    if join_all and len(chunks) > 1:
        tokens.append("".join(chunks))
    return tokens


def document_tokens(
    *,
    name_zh: str = "",
    name_en: str = "",
    employer: str = "",
    title: str = "",
    expertise: str = "",
    school: str = "",
) -> DocumentTokens:
    """The tokens indexed for a profile, grouped by how much a match in them counts."""
    names = _chinese_name_tokens(name_zh) + _latin_name_tokens(name_en)
    return DocumentTokens(
        names=names,
        employer=_text_tokens(employer, join_all=True),
        work=_text_tokens(title) + _text_tokens(expertise),
        school=_text_tokens(school),
    )


@functools.cache
def _pinyin_syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            decomposed = unicodedata.normalize("NFKD", reading).replace("u\u0308", "v")
            syllables.add("".join(char for char in decomposed if not unicodedata.combining(char)))
    return frozenset(syllables)


def _toneless(word: str) -> str | None:
    """``wang2wei3`` → ``wangwei`` when every part is a pinyin syllable with its tone number."""
    if not _TONED_WORD.fullmatch(word):
        return None
    parts = [letters for letters, _tone in _TONE_DIGITS.findall(word)]
    if all(part in _pinyin_syllables() for part in parts):
        return "".join(parts)
    return None


Term = list[tuple[str, ...]]  # alternatives; each alternative's tokens must all match


@dataclass(frozen=True)
class ParsedQuery:
    # Every term must match; a term matches when any of its alternatives does.
    terms: list[Term]
    # Stricter terms matched by the profiles that have the query as a whole (the full name
    # "wang wei" written "wangwei", the name 王小明 rather than its bigrams), or None when the
    # same as ``terms``: their matches are a subset of those of ``terms`` and rank first.
    exact: list[Term] | None


def _unique(terms: list[Term]) -> list[Term]:
    unique: list[Term] = []
    for term in terms:
        term = list(dict.fromkeys(term))
        if term not in unique:
            unique.append(term)
    return unique


def parse_query(query: str) -> ParsedQuery:
    """The terms of a search-box query.

    ``"wang wei"`` → terms ``[[("wang",), ("wangwei",)], [("wei",), ("wangwei",)]]``, i.e.
    (wang AND wei) OR wangwei, exact ``[[("wangwei",)]]``; ``"王伟明"`` → the name itself or its
    bigrams ``王伟`` AND ``伟明``, exact the name itself.
    """
    terms: list[Term] = []
    exact: list[Term] = []
    latin_chunks: list[str] = []
    cjk_chunks: list[str] = []
    only_latin = True
    query = (query or "")[:MAX_QUERY_LENGTH]
    query = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", query).lower())
    query = _WRITTEN_U_UMLAUT.sub(r"\1v", query)
    for chunk in normalize(query).split():
        words = []
        runs = _runs(chunk)
        if len(runs) == 1 and runs[0][0] == "cjk":
            cjk_chunks.append(runs[0][1])
        for kind, run in runs:
            if kind == "cjk":
                only_latin = False
                alternatives: Term = [(run,)]
                if len(run) > 2:
                    alternatives.append(tuple(dict.fromkeys(_bigrams(run))))
                terms.append(alternatives)
                exact.append([(run,)])
            else:
                words.append(_toneless(run) or run)
        if not words:
            continue
        if len(words) == 1:
            terms.append([(words[0],)])
        else:  # node.js, xiao-ming: the parts, or the parts joined
            terms.append([tuple(dict.fromkeys(words)), ("".join(words),)])
        exact.append(terms[-1])
        latin_chunks.append("".join(words))
    if only_latin and 1 < len(latin_chunks) <= 4:
        # "wang wei", "Wei Wang", "xiao ming": the whole query written as one word also matches.
        joined = ("".join(latin_chunks),)
        terms = [[*term, joined] for term in terms]
        exact = [[joined]]
    elif 1 < len(cjk_chunks) == len(terms) <= 4:
        # "王 伟": the name written with a space.
        joined = ("".join(cjk_chunks),)
        terms = [[*term, joined] for term in terms]
        exact = [[joined]]
    terms, exact = _unique(terms), _unique(exact)
    return ParsedQuery(terms=terms, exact=exact if exact != terms else None)


def text_tokens(text: str) -> list[str]:
    """The tokens of free text in either language, normalised as everywhere in this module:
    words (hyphenated parts also joined) and, for Chinese, each run with its rjieba search-mode
    segments and character bigrams. The order follows the text; repeats are kept."""
    return _text_tokens(text or "")
