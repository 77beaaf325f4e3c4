"""The same action in several contracts: fiches whose titles or objectives share their words.

The similarity is meant to be read, not trusted blindly: each text becomes the set of its
*words* — lower case, accents removed, a plural ``s``/``x`` dropped, French stop words and a
few words every CLS uses (« santé », « action », « favoriser »…) left out — and two fiches score
the **Jaccard index** of their sets: shared words ÷ words of either. The pair is shown with its
score and the shared words, so a reader sees at once why two fiches were put side by side.

Two facets are compared, each on its own: the title (with the subtitle) and the general
objectives. A pair is listed when one facet reaches the threshold
(:data:`SEUIL`, 0.5: at least half the words in common) and shares at least
:data:`MIN_COMMUNS` words. Only fiches of *different* contracts are paired.

Scale: pairs are not all compared. Prefix filtering (Chaudhuri et al., 2006) is exact for a
Jaccard threshold: each set's words are sorted rarest first, and two sets can reach the
threshold only if they share a word among the first ``|x| − ⌈t·|x|⌉ + 1`` of each; only those
prefixes are indexed, so a national corpus (30 000 fiches) is compared in seconds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

SEUIL = 0.5
MIN_COMMUNS = 2

#: French stop words (articles, pronouns, prepositions, conjunctions, auxiliaries), folded.
STOP_WORDS = frozenset("""
a afin ai au aux avec c ce ces cet cette d dans de des du e elle en entre et est etre il ils
l la le les leur leurs lui m mais me meme n ne ni nos notre nous on ou par pas pour qu que qui
s sa sans se ses si son sont sur contre t ta te tes toi ton tous tout toute toutes un une vers vos
votre vous y afin ainsi autour aupres chez dont lors selon sous via plus moins tres bien
""".split())
#: Words that nearly every fiche of a CLS uses: they say nothing about what the action is.
GENERIC_WORDS = frozenset("""
sante action actions fiche axe mettre place mise oeuvre developper developpement favoriser
renforcer renforcement ameliorer amelioration promouvoir promotion accompagner accompagnement
soutenir soutien projet projets dispositif dispositifs territoire territoires local locale
locaux locales cls contrat public publics population populations habitant habitants
""".split())

#: Words whose final s or x is not a plural.
_NOT_PLURAL = frozenset("acces proces succes progres recours parcours cours temps corps pays prix choix voix "
                        "risque".split())
_WORD = re.compile(r"[a-z0-9]+")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})


def fold(text: str) -> str:
    """Lower case, accents removed, ligatures opened (« Œuvre » → « oeuvre »)."""
    text = text.translate(_LIGATURES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def words(text: str) -> frozenset[str]:
    """The words a text is compared by (see the module docstring)."""
    out = set()
    for word in _WORD.findall(fold(text)):
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word[-1] in "sx" and word not in _NOT_PLURAL:
            word = word[:-1]
        if len(word) > 1 and word not in STOP_WORDS and word not in GENERIC_WORDS and not word.isdigit():
            out.add(word)
    return frozenset(out)


@dataclass(frozen=True)
class Doc:
    """One fiche as compared: where it is, what it is called, its words by facet."""

    territoire: str
    dossier: str
    fiche: str
    titre: str
    facets: tuple[frozenset[str], ...]  #: (title words, objective words)


FACETS = ("intitulé", "objectifs")


@dataclass
class Pair:
    a: Doc
    b: Doc
    score: float
    facette: str  #: « intitulé » or « objectifs »
    communs: list[str] = field(default_factory=list)  #: shared words, sorted

    @property
    def score_texte(self) -> str:
        return f"{self.score:.2f}".replace(".", ",")


def doc(territoire: str, dossier: str, fiche: str, titre: str, sous_titre: str | None,
        objectifs: Iterable[str]) -> Doc:
    return Doc(territoire, dossier, fiche, titre,
               (words(f"{titre} {sous_titre or ''}"), words(" ".join(objectifs))))


def _prefix(tokens: list[str], threshold: float) -> list[str]:
    return tokens[:len(tokens) - math.ceil(threshold * len(tokens)) + 1]


def similar_pairs(docs: list[Doc], threshold: float = SEUIL, min_shared: int = MIN_COMMUNS) -> list[Pair]:
    """Pairs of fiches of different contracts at or above ``threshold`` on one facet, best first
    (a pair found on both facets is kept once, with its better score)."""
    best: dict[tuple[int, int], Pair] = {}
    for facet_index, facet in enumerate(FACETS):
        sets = [d.facets[facet_index] for d in docs]
        frequency: dict[str, int] = defaultdict(int)
        for s in sets:
            for w in s:
                frequency[w] += 1
        index: dict[str, list[int]] = defaultdict(list)
        # Smallest sets first: a set already indexed is never more than 1/t times smaller (size filter).
        order = sorted((i for i, s in enumerate(sets) if len(s) >= min_shared), key=lambda i: len(sets[i]))
        for i in order:
            s = sets[i]
            smallest = threshold * len(s)
            ordered = sorted(s, key=lambda w: (frequency[w], w))
            candidates: set[int] = set()
            for w in _prefix(ordered, threshold):
                postings = index[w]
                candidates.update(j for j in postings if len(sets[j]) >= smallest)
                postings.append(i)
            here = docs[i].dossier
            for j in candidates:
                if docs[j].dossier == here:
                    continue
                shared = s & sets[j]
                if len(shared) < min_shared:
                    continue
                score = len(shared) / (len(s) + len(sets[j]) - len(shared))
                if score < threshold:
                    continue
                a, b = (j, i) if (docs[j].dossier, docs[j].fiche) < (here, docs[i].fiche) else (i, j)
                if (a, b) not in best or score > best[a, b].score:
                    best[a, b] = Pair(docs[a], docs[b], score, facet, sorted(shared))
    return sorted(best.values(), key=lambda p: (-p.score, p.a.dossier, p.a.fiche, p.b.dossier, p.b.fiche))


def groups(pairs: list[Pair]) -> list[list[Doc]]:
    """Fiches linked by pairs, as groups (connected components), largest first: « three CLS
    each run this action »."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    docs: dict[tuple[str, str], Doc] = {}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for p in pairs:
        ka, kb = (p.a.dossier, p.a.fiche), (p.b.dossier, p.b.fiche)
        for k, d in ((ka, p.a), (kb, p.b)):
            parent.setdefault(k, k)
            docs[k] = d
        ra, rb = find(ka), find(kb)
        if ra != rb:
            parent[rb] = ra
    out: dict[tuple[str, str], list[Doc]] = defaultdict(list)
    for k in parent:
        out[find(k)].append(docs[k])
    return sorted(out.values(), key=lambda g: (-len({d.dossier for d in g}), g[0].dossier, g[0].fiche))
