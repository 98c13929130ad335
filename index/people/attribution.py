"""Quote and reported-speech attribution: who said each sentence, resolved as a careful reader would."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.people.coreference import Salience, article_genders
from index.people.names import DASH_CREDIT, LONG_NAME, REPORTING_VERBS, ROLE_WORDS, name_key
from index.people.quotation import (
    MIN_QUOTE_WORDS,
    as_double_quoted,
    opens_with_quote,
    unquoted,
    within,
)
from index.people.quotation import quoted_spans as spans_quoted
from index.people.registry import PeopleRegistry, Person
from index.people.voices import AUTHOR_ROLES, author_voice, delivered_text, interview_answers, interviewee
from seeds_loader import Article
from seeds_loader.lazy import LazyPattern
from seeds_loader.structure import label_role

_VERB = LazyPattern(rf"\b(?:{REPORTING_VERBS}|According to)\b")  # a sentence may open with "According to X"
_ADVERB = r"(?:\w+ly|also|instead|later|then|again|further|once|had|has|have|would|will|did not|had not)"
_PRONOUN_VERB = LazyPattern(rf"\b(he|she)\s(?:{_ADVERB}\s){{0,2}}(?:{REPORTING_VERBS})\b", re.I)
_ADJACENT = LazyPattern(rf"^[\s,]*(?:{_ADVERB}\s){{0,2}}$")
# Speech verbs that name the source of a sentence outrank verbs of action in it ("Lee asked Xi ..., Kang said").
_PRIORITY = (
    {"according to": 0}
    | dict.fromkeys(
        "said says added adds noted notes stated explained wrote writes insisted stressed emphasized".split(),
        1,
    )
    | dict.fromkeys("told tells".split(), 2)
)
_CLAUSE_BREAK = LazyPattern(r"[,;:—–]|\band\b|\bbut\b")
# A sentence opening with a subordinate or prepositional clause: its mentions are not the main subject.
_LEADING_CLAUSE = LazyPattern(
    r"^(?:when|after|as|if|while|before|although|though|because|since|once|until|during|despite|amid|in|on|at|"
    r"according to|with|for|unlike|like|last|earlier|later)\b[^,]*,\s*",
    re.I,
)
_ROLE_REFERENCE = LazyPattern(
    rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s(?:[a-z][\w-]*\s){{0,2}}?((?:{ROLE_WORDS}))\b(?!\s+of\b)"
)
_WHAT_PRONOUN = LazyPattern(r"\bwhat (he|she) (?:calls|called|describes|described)\b", re.I)
_NAME_RE = LazyPattern(LONG_NAME)
_SUBJECT_BLOCKERS = frozenset(
    "on with to for by of from about against at toward towards between under after before into over".split()
)
# After these a name is the speaker ("said Lin"); after others ("told Lee", "urged Seoul") it is the listener.
_INVERTING = frozenset(
    "said says added adds noted notes stated wrote writes explained recalled replied continued".split()
)
# Role words may stand between an inverted verb and the name: "according to presidential spokesperson Kang",
# also as a title: "according to Interior Minister Yun Ho-jung".
# ... or a role in apposition before it: "said the group's co-leader, Yoko Inoue".
_ROLE_GAP = LazyPattern(
    rf"^\s(?:(?:[A-Za-z][\w-]*\s){{0,2}}(?i:{ROLE_WORDS})\s"
    rf"|the\s(?:[A-Za-z][\w’'-]*\s){{0,3}}(?:co-)?(?i:{ROLE_WORDS}),\s)?$"
)
# How far back the words before a name or a verb are read (titles, prepositions, clause breaks).
_WINDOW = 80
_CLAUSE_WINDOW = 2000
_CONJUNCTION = LazyPattern(r"\b(?:after|before|since|until)\s$", re.I)


@dataclass(frozen=True)
class Quote:
    """A sentence of direct quotation or reported speech and the person it is attributed to."""

    person_id: str
    speaker: str
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    quoted: str | None
    verb: str | None
    # "named", "surname", "pronoun", "continuation"; "label" (a transcript's or interview's speaker label),
    # "interview" (an answer under an interviewer's question, printed without labels), "delivered" (a speech
    # or statement printed as its speaker delivered it), "author" (a first-person piece's own voice)
    resolved_by: str
    # Others whose words the sentence reports at second hand, named as the subject of a speech verb of
    # their own: "Lee asked Xi to lend a pair of pandas, Kang said" is Kang's sentence reporting Lee's words.
    reports: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "reports", tuple(self.reports))  # a list when read back from JSON


@dataclass(frozen=True)
class _Mention:
    person: Person
    start: int
    end: int
    subject: bool


def attribute(articles: list[Article], registry: PeopleRegistry) -> list[Quote]:
    """Every attributed quote and reported-speech sentence of the articles, in reading order."""
    quotes: list[Quote] = []
    for article in articles:
        quotes.extend(_attribute_article(article, registry))
    return quotes


_NOBODY = Person(id="", name="")
_STAGE_DIRECTION = LazyPattern(r"^\([^()]*\)\.?$")


def _about(text: str, author: Person) -> bool:
    """True when ``text`` speaks of the author in the third person: by a name or the role the article
    gives them ("Ahn Jae-kwon served ...", "A former diplomat on why ...")."""
    masked = unquoted(text)
    names = {w for v in author.variants for w in (v, v.split()[0], v.split()[-1]) if len(w) > 1}
    if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", masked) for n in names):
        return True
    return any(role.lower() in masked.lower() for role in author.roles if role not in AUTHOR_ROLES)


def _label_speaker(label: str, registry: PeopleRegistry, answerer: Person | None, article_id: str) -> Person | None:
    """The person a speaker label names ("National Security Adviser Wi Sung-lac", "KANG"), or the
    interviewee for "A:"; None for a reporter's or interviewer's label."""
    role = label_role(label)
    if role == "question":
        return None
    if role == "answer":
        return answerer
    # (after a comma, where the speaker is from: "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY")
    words = re.sub(r"\([^)]*\)", "", label).split(",")[0].split()
    # The longest tail of the label that is a person's name: titles of any length come before it.
    for i in range(len(words)):
        tail = " ".join(words[i:])
        # ... a surname alone is first someone of this article's ("PARK:" is not a Park of another story)
        person = registry.lookup(tail) if len(words) - i > 1 else registry.resolve_short(tail.title(), article_id)
        if person is not None:
            return person
    return None


def _attribute_article(article: Article, registry: PeopleRegistry) -> list[Quote]:
    out: list[Quote] = []
    salience = Salience(article_genders(article, registry))
    last_speaker: Quote | None = None
    seen: list[Person] = []  # people in the order the article mentions them, for "the spokesperson said"
    # British style quotes with single marks (‘We will implement it,’ Kihara said): read as double ones.
    single_quoted = "‘" in article.text and not any(c in article.text for c in '“"')
    author_name = author_voice(article)
    author = registry.lookup(author_name) if author_name else None
    answerer_name = interviewee(article)
    answerer = registry.lookup(answerer_name) if answerer_name else None
    # An interview printed without labels: the paragraphs under the interviewer's questions are the
    # interviewee's, as they are under "A:".
    answers = interview_answers(article) if answerer is not None else [False] * len(article.paragraphs)
    # A speech or statement printed as delivered: every paragraph after the one that says so is the speaker's.
    delivered = delivered_text(article)
    deliverer, delivered_after = (registry.lookup(delivered[0]), delivered[1]) if delivered else (None, 0)
    # surname -> the people of that surname named in full so far, with the paragraph of their latest full
    # mention (nearest last): what a bare surname can mean (see _nearest).
    local: dict[str, list[tuple[Person, int]]] = {}
    for number, paragraph in enumerate(article.paragraphs):
        continuing = False  # the sentence before left a quotation open: this one goes on with it
        unknown = False  # ... and it was opened in a voice the coverage does not name
        # A quotation set apart with its credit line under it ("— Inoue Yoko, co-leader of ...").
        # ... or an embedded post printed without quotation marks: all its words are the credited person's.
        unmarked = not any(c in paragraph.text for c in '“”"')
        credited = (
            _credited(article.paragraphs[number + 1 :], registry)
            if opens_with_quote(paragraph.text) or unmarked
            else None
        )
        # A voice the article's layout gives every sentence of the paragraph.
        voice: tuple[Person, str] | None = None
        if answers[number] and answerer is not None:
            voice = (answerer, "interview")
        elif deliverer is not None and number > delivered_after and not paragraph.speaker_label:
            voice = (deliverer, "delivered")
        if voice is not None:
            person, how = voice
            out.extend(_quote(person, article, paragraph.number, s, s.text, how) for s in paragraph.sentences)
            last_speaker = out[-1] if paragraph.sentences else None
            continue
        if paragraph.speaker_label is not None:
            # Every paragraph under a label, until the next label, is that speaker's; a reporter's
            # question is nobody's quote.
            asks = paragraph.kind == "question" or label_role(paragraph.speaker_label) == "question"
            speaker = None if asks else _label_speaker(paragraph.speaker_label, registry, answerer, article.id)
            if speaker is not None or asks:
                last_speaker = None
                for sentence in paragraph.sentences if speaker is not None else ():
                    if _STAGE_DIRECTION.match(sentence.text):
                        continue  # "(Laughs.)": the transcript's note, not the speaker's words
                    last_speaker = _quote(speaker, article, paragraph.number, sentence, sentence.text, "label")
                    out.append(last_speaker)
                continue
        # A first-person piece is its author's words throughout, except a paragraph that speaks of the
        # author in the third person (the standfirst, a contributor note).
        own_voice = author is not None and not _about(paragraph.text, author)
        pending: list[Quote] = []  # sentences of a quotation still open, waiting for its speaker
        about: Person | None = None  # the one person the sentence before (no quotation, no cue) is about
        for sentence in paragraph.sentences:
            text = as_double_quoted(sentence.text) if single_quoted else sentence.text
            quoted_spans = spans_quoted(text, continuing)
            mentions = _mentions(text, article.id, registry, quoted_spans, local, paragraph.number)
            mentions = sorted(mentions + _role_mentions(text, quoted_spans, seen), key=lambda m: m.start)
            seen.extend(m.person for m in mentions)
            quoted = " … ".join(text[a + 1 : b - 1].strip(" ,") for a, b in quoted_spans) or None
            long_quote = quoted is not None and len(quoted.split()) >= MIN_QUOTE_WORDS
            found = _speaker(text, mentions, quoted_spans, salience)
            opens = opens_with_quote(text) or (continuing and quoted_spans[0][0] < 0)
            # "..., a government official said": a cue naming someone the coverage does not name is no
            # continuation of the previous speaker.
            cued = any(not within(v.start(), quoted_spans) for v in _VERB.finditer(text))
            if found is None and long_quote and opens and not mentions and last_speaker and not cued:
                # A quote with no cue continues the previous speaker's words.
                found = (registry.get(last_speaker.person_id), None, "continuation")
            elif found is None and long_quote and opens and not mentions and not cued and about is not None:
                # ... or, right after a sentence about one person and no quotation ("Kim's message to Tokyo
                # was blunt. “Do not make us wait again.”"), that person's.
                found = (about, None, "continuation")
            elif (
                found is None
                and continuing
                and quoted_spans[0][0] < 0
                and not mentions
                and last_speaker
                and not unknown
            ):
                # The rest of a quotation the sentence before opened ("... feeling. I am no longer worried.”").
                found = (registry.get(last_speaker.person_id), None, "continuation")
            if found is not None and quoted is None and _says_nothing(text, found[1]):
                # "Kim spoke briefly to reporters on his way in": that they spoke, not what they said.
                found = None
            inside = continuing and quoted_spans[0][0] < 0  # this sentence goes on with an open quotation
            continuing = bool(quoted_spans) and quoted_spans[-1][1] > len(text)
            # A quotation opened after a cue whose speaker is nobody the coverage names ("Han Ji-woo, 45, a
            # teacher, said: “...") goes on in that unknown voice, never the previous speaker's.
            unknown = (unknown and inside) or (continuing and not inside and found is None and cued)
            if found is None and long_quote and (subjects := [m for m in mentions if m.subject]):
                found = (subjects[0].person, None, "named")
            if found is None and own_voice and author is not None and not (cued and quoted is not None):
                # (A quotation the author credits to someone the coverage does not name, "As one survivor's
                # son told me, “...”", is that someone's, not the author's.)
                found = (author, None, "author")
            if found is None and credited is not None and (quoted_spans or inside or unmarked):
                found = (credited, None, "named")
            if found is not None and inside and pending:
                # "Q1. Q2," X said: the quotation's earlier sentences are X's too.
                out.extend(replace(q, person_id=found[0].id, speaker=found[0].name) for q in pending)
            pending = pending if found is None and continuing and inside else []
            if found is None and continuing and quoted is not None:
                pending.append(_quote(_NOBODY, article, paragraph.number, sentence, quoted, "continuation"))
            if found is not None:
                person, verb, how = found
                quote = _quote(person, article, paragraph.number, sentence, quoted, how, verb=verb)
                named = _reported(text, mentions, quoted_spans, person) if how in ("named", "surname") else ()
                # ... and those reported by their role, in any voice: ""The president asked me ...," Furuya said"
                by_role = tuple(p.id for p in reported_by_role(text, registry, article.id) if p.id != person.id)
                if named or by_role:
                    quote = replace(quote, reports=tuple(dict.fromkeys((*named, *by_role))))
                out.append(quote)
                last_speaker = quote
                salience.push(person)
            else:
                if (main := _main_subject(text, mentions, len(text))) is not None:
                    salience.push(main.person)
                if quoted is None or not long_quote or cued:
                    # Someone else spoke (a cue with a speaker the coverage does not name): no continuation.
                    last_speaker = last_speaker if quoted is None and not mentions and not cued else None
            about = _only_subject(text, mentions) if found is None and quoted is None and not cued else None
            for mention in mentions:
                salience.mention(mention.person)
    return out


_TALK_VERBS = frozenset("spoke speak speaks spoken talked talk talks".split())
_TOLD_OF = LazyPattern(r"\b(?:spoke|speak|speaks|spoken|talked|talk|talks)\b[^.;]*?\b(?:of|about|that)\b", re.I)


def _says_nothing(text: str, verb: str | None) -> bool:
    """A speech verb that tells only that someone spoke, with no quotation and nothing of what was said:
    "She spoke to The Weekly Strait after the summit" (but "spoke of his hope that ..." tells)."""
    return verb is not None and verb.lower() in _TALK_VERBS and not _TOLD_OF.search(text)


def _credited(following: list, registry: PeopleRegistry) -> Person | None:  # type: ignore[type-arg]
    """The person the credit line right after a quotation names, if it is one."""
    if not following or (m := DASH_CREDIT.match(following[0].text.strip())) is None:
        return None
    return registry.lookup(m.group(1))


def _quote(  # type: ignore[no-untyped-def]
    person: Person, article: Article, paragraph: int, sentence, quoted: str | None, how: str, verb: str | None = None
) -> Quote:
    return Quote(
        person_id=person.id,
        speaker=person.name,
        article_id=article.id,
        paragraph=paragraph,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        quoted=quoted,
        verb=verb,
        resolved_by=how,
    )


def _mentions(
    text: str,
    article_id: str,
    registry: PeopleRegistry,
    quoted: list[tuple[int, int]],
    local: dict[str, list[tuple[Person, int]]],
    paragraph: int = 0,
) -> list[_Mention]:
    """Person mentions outside quotation marks, each marked as a possible grammatical subject or not.
    A surname is resolved by _nearest (a title before it, the same paragraph, those named so far)."""
    found: list[_Mention] = []
    for m in _NAME_RE.finditer(text):
        if within(m.start(), quoted):
            continue
        words = m.group(0).split()
        # Try the longest name first, then shorter tails ("Adviser Wi Sung-lac" -> "Wi Sung-lac").
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            if len(words) - i > 1:
                person = registry.lookup(candidate)
                if person is not None:
                    for token in (words[i], words[-1]):
                        named = [(p, at) for p, at in local.get(name_key(token), []) if p is not person]
                        local[name_key(token)] = [*named, (person, paragraph)]
            else:
                cut = m.start() + len(" ".join(words[:i]))
                lead = text[max(0, cut - _WINDOW) : cut]
                person = _nearest(candidate, lead, article_id, registry, local, paragraph)
            if person is not None:
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                before = text[max(0, start - _WINDOW) : start].split()
                after = text[m.end() : m.end() + 2]
                possessive = after.startswith(("’s", "'s"))
                blocked = bool(before) and before[-1].lower() in _SUBJECT_BLOCKERS
                found.append(_Mention(person, start, m.end(), subject=not possessive and not blocked))
                break
    # A family name in capitals alone ("TAKAICHI said ..."), where the article prints it so in full ("Prime
    # Minister TAKAICHI Sanae"): the same person.
    for m in _CAPITALS_WORD.finditer(text):
        if within(m.start(), quoted) or any(x.start <= m.start() < x.end for x in found):
            continue
        word = m.group(0)
        person = _nearest(word.capitalize(), "", article_id, registry, local, paragraph)
        if person is not None and any(word in v.split() for v in person.variants):
            after = text[m.end() : m.end() + 2]
            found.append(_Mention(person, m.start(), m.end(), subject=not after.startswith(("’s", "'s"))))
    return sorted(found, key=lambda x: x.start)


def _nearest(
    short: str,
    before: str,
    article_id: str,
    registry: PeopleRegistry,
    local: dict[str, list[tuple[Person, int]]],
    paragraph: int,
) -> Person | None:
    """A bare surname: among the people of that name, those whose title stands just before it ("Chief of
    Staff Kang", "President Lee"); then the one named in full in this same paragraph; then those the
    article has already named in full (one named only later cannot be meant), the most prominent of
    several; with none named yet, the most prominent of the name."""
    candidates = [p for p in registry.candidates(short) if article_id in p.articles] or registry.candidates(short)
    lead = before.rstrip().lower()
    titled = [p for p in candidates if any(lead.endswith(t.lower()) for t in p.titles() | set(p.roles) if t)]
    pool = titled or candidates
    # "The older Cho" of a father and a son: the one no role makes the other's child (and the reverse).
    # ... and of two brothers or sisters, "the elder Yoon" is the one no role calls the younger.
    if lead.endswith(("older", "elder")):
        pool = [p for p in pool if not _a_child(p) and not _younger(p)] or pool
    elif lead.endswith("younger"):
        pool = [p for p in pool if _younger(p)] or [p for p in pool if _a_child(p)] or pool
    named = [(p, at) for p, at in local.get(name_key(short), []) if p in pool]
    here = [p for p, at in named if at == paragraph]
    if here:
        return here[-1]  # named in full in this very paragraph ("Vice Minister Kim Min-jae ... Kim said")
    if len(named) == 1:
        return named[0][0]
    if named:
        # Several already named: a bare surname keeps to the article's principal figure of that name (a
        # president quoted as "Lee" after an analyst Lee was introduced is still the president).
        return max((p for p, _ in named), key=lambda p: p.mentions)
    return pool[0] if pool else registry.resolve_short(short, article_id)


_CHILD_ROLE = LazyPattern(r"[’']s\s(?:son|daughter|grandson|granddaughter|nephew|niece|child)$", re.I)


def _younger(person: Person) -> bool:
    """A role that makes the person the younger of two ("his younger brother")."""
    return any("younger" in r.lower().split() for r in person.roles)


def _a_child(person: Person) -> bool:
    """A role that makes the person someone's child ("Cho's son")."""
    return any(_CHILD_ROLE.search(r) for r in person.roles)


def referred_to(text: str, registry: PeopleRegistry, article_id: str | None) -> list[Person]:
    """The people a role stands for in ``text`` ("It was the prime minister's idea"): for each "the <role>",
    the one person of that article whose roles hold all its words; none when no one or several do. (With no
    article, the one person of the whole coverage.)"""
    found: list[Person] = []
    for m in _ROLE_REFERENCE.finditer(text):
        words = m.group(0).lower().split()[1:]  # "prime minister", without its determiner
        holders = [
            p
            for p in registry.people.values()
            if (article_id is None or article_id in p.articles)
            and any(set(words) <= set(r.lower().split()) for r in p.roles)
        ]
        if len(holders) == 1 and holders[0] not in found:
            found.append(holders[0])
    return found


def speaks_last(text: str, person: Person) -> bool:
    """The sentence's last speech verb is ``person``'s, named right before it: "Berg said the talks had been
    frank, and Lund said he hoped to return" is Lund's last clause in his own voice (not "Lee asked Xi ...,
    Kang said", where the one named last is the source of it all)."""
    verbs = [v for v in _VERB.finditer(text) if v.group(0) != "According to"]
    if not verbs:
        return False
    before = text[: verbs[-1].start()].rstrip()
    names = sorted({v for v in person.variants if v} | {person.name.split()[-1]}, key=len, reverse=True)
    return any(before.endswith(n) or re.search(rf"\b{re.escape(n)}(?:\s{_ADVERB}){{0,2}}$", before) for n in names)


def reported_by_role(text: str, registry: PeopleRegistry, article_id: str) -> list[Person]:
    """The people ``text`` reports speaking by their role, the role right before a speech verb of theirs:
    ""The president asked me how old she is," Furuya said" reports the president of the article (who is
    the one person of it holding that role, as ``referred_to`` reads it), inside someone's quotation or not."""
    found: list[Person] = []
    for m in _ROLE_REFERENCE.finditer(text):
        verb = _VERB.search(text, m.end())
        if verb is None or verb.group(0) == "According to" or not _ADJACENT.match(text[m.end() : verb.start()]):
            continue
        found += [p for p in referred_to(m.group(0), registry, article_id) if p not in found]
    return found


def _role_mentions(text: str, quoted: list[tuple[int, int]], seen: list[Person]) -> list[_Mention]:
    """ "the spokesperson", "the president": the person last mentioned in the article who holds that role."""
    found = []
    for m in _ROLE_REFERENCE.finditer(text):
        if within(m.start(), quoted):
            continue
        noun = m.group(1).lower()
        holder = next((p for p in reversed(seen) if any(noun in r.lower().split() for r in p.roles)), None)
        if holder is not None:
            before = text[max(0, m.start() - _WINDOW) : m.start()].split()
            blocked = bool(before) and before[-1].lower() in _SUBJECT_BLOCKERS
            found.append(_Mention(holder, m.start(), m.end(), subject=not blocked))
    return found


def _main_subject(text: str, mentions: list[_Mention], limit: int) -> _Mention | None:
    """The first person named as a subject before ``limit``, outside a leading subordinate clause."""
    start = 0
    while (lead := _LEADING_CLAUSE.match(text, start)) is not None and lead.end() < limit:
        start = lead.end()
    # ... and before the clause's first reporting verb: a person after it is in what is reported ("The drums
    # told Korean viewers that their president was not being lectured, and told ...": the drums told it).
    if (first := _VERB.search(text, start, limit)) is not None:
        limit = first.start()
    return next(
        (x for x in mentions if start <= x.start and x.end <= limit and x.subject and not _possessive(text, x)), None
    )


def _speaker(
    text: str, mentions: list[_Mention], quoted: list[tuple[int, int]], salience: Salience
) -> tuple[Person, str | None, str] | None:
    """The person a reporting verb in ``text`` attributes speech to, if any: the source cue first
    ("according to X", "X said"), then the subject of the verb's own clause."""
    for m in _WHAT_PRONOUN.finditer(text):
        if (target := salience.resolve(m.group(1))) is not None and not within(m.start(), quoted):
            own = _main_subject(text, mentions, m.start())
            return (own.person if own else target), m.group(0).split()[-1], "pronoun"
    verbs = [v for v in _VERB.finditer(text) if not within(v.start(), quoted)]
    lead = _LEADING_CLAUSE.match(text)
    # A verb in a leading subordinate clause ("When the administration said ..., Cho insisted") comes last.
    # "According to X" names the source, unless a verb cues the quotation itself: "“It is a good beginning,”
    # Lee told aides, according to his spokesperson" is Lee's words, which the spokesperson relays.
    relayed = any(_cues_quotation(text, v, quoted) for v in verbs)
    verbs.sort(
        key=lambda v: (
            lead is not None and v.start() < lead.end(),
            4 if relayed and v.group(0).lower() == "according to" else _PRIORITY.get(v.group(0).lower(), 3),
        )
    )
    for verb in verbs:
        if (found := _verb_subject(text, verb, mentions, salience)) is not None:
            return found
    return None


def _cues_quotation(text: str, verb: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    """The verb follows a closing quotation mark with at most a name between: ", Lee told", ," said Lee"."""
    if verb.group(0).lower() == "according to":
        return False
    return any(0 <= verb.start() - end <= 40 and _CUE_GAP.match(text[end : verb.start()]) for _, end in quoted)


_CAPITALS_WORD = LazyPattern(r"(?<![\w’'-])[A-Z]{3,}(?![\w’'-])")
_CUE_GAP = LazyPattern(r"^[\s,]*(?:[A-Z][\w.’'-]*\s){0,4}$")
# A verb right after a name: the name is its subject ("said Cho served ...", "said Lee would ...").
_VERB_NEXT = LazyPattern(
    r"\s(?:would|will|had|has|have|was|were|is|are|could|should|might|may|must|did|does|can|[a-z]+ed)\b"
)


def _reported(text: str, mentions: list[_Mention], quoted: list[tuple[int, int]], speaker: Person) -> tuple[str, ...]:
    """The other people a sentence reports speaking, each named right before a speech verb of their own
    ("Lee asked Xi to lend pandas, Kang said": Lee; "Lee also told Xi ..., according to Kang"). Only a name
    next to its verb: "the Lee administration said" is not Lee speaking, and a pronoun is not read this far."""
    found: dict[str, None] = {}
    for verb in _VERB.finditer(text):
        if within(verb.start(), quoted) or verb.group(0).lower() == "according to":
            continue
        before = [x for x in mentions if x.end <= verb.start() and not _possessive(text, x)]
        if before and before[-1].person.id != speaker.id and _ADJACENT.match(text[before[-1].end : verb.start()]):
            found[before[-1].person.id] = None
    return tuple(found)


def _verb_subject(
    text: str, verb: re.Match[str], mentions: list[_Mention], salience: Salience
) -> tuple[Person, str | None, str] | None:
    word = verb.group(0).lower() if verb.group(0) == "According to" else verb.group(0)
    pronoun = _PRONOUN_VERB.search(text, max(0, verb.start() - 40), verb.end())
    if pronoun is not None and pronoun.end() == verb.end():
        own = _main_subject(text, mentions, pronoun.start())
        if own is not None:
            return own.person, word, _how(text, own)
        target = salience.resolve(pronoun.group(1))
        return (target, word, "pronoun") if target is not None else None
    before = [x for x in mentions if x.end <= verb.start() and not _possessive(text, x)]
    # "Lee said Kim Koo’s dream ...": a name just before the verb is its subject, also after a conjunction
    # that is a preposition elsewhere ("after Takaichi stated ...").
    # ... but not one closing a phrase set off by commas ("Lee, speaking after Takaichi, said": Lee).
    if (
        before
        and (
            before[-1].subject
            or (
                _CONJUNCTION.search(text, max(0, before[-1].start - _WINDOW), before[-1].start)
                and "," not in text[before[-1].end : verb.start()]
            )
        )
        and _ADJACENT.match(text[before[-1].end : verb.start()])
    ):
        return before[-1].person, word, _how(text, before[-1])
    if word in _INVERTING or word == "according to":
        after = [
            x
            for x in mentions
            if x.start >= verb.end()
            and _ROLE_GAP.match(text[verb.end() : x.start])
            # "An earlier version said Cho served in Washington": the name opens what was said, not who said it
            and not _VERB_NEXT.match(text, x.end)
        ]
        if after:
            return after[0].person, word, _how(text, after[0])
        if word == "according to":
            return None
    # The verb's own clause: a person in it speaks; other words there ("the ministry", "officials") mean
    # someone else does; an empty clause ("..., and asked") continues the sentence's main subject.
    # The verb's clause starts at the last break before it, looked for within a window: scanning from the
    # sentence's start for every verb was quadratic in a run-on sentence.
    window = max(0, verb.start() - _CLAUSE_WINDOW)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, window, verb.start())), default=window)
    clause = [x for x in before if x.start >= clause_start and x.subject]
    if clause:
        return clause[-1].person, word, _how(text, clause[-1])
    gap = text[clause_start : verb.start()]
    if gap.strip(" ,;:—–\"“”'") and not _ADJACENT.match(gap):
        return None
    main = _main_subject(text, mentions, verb.start())
    return (main.person, word, _how(text, main)) if main is not None else None


def _only_subject(text: str, mentions: list[_Mention]) -> Person | None:
    """The one person a sentence is about: the only person it names, as its subject or as the possessor
    it opens with ("Kim's message to Tokyo was blunt.")."""
    if len({m.person.id for m in mentions}) != 1:
        return None
    first = mentions[0]
    opens = not text[: first.start].strip(" “\"'")
    return first.person if (first.subject and not _possessive(text, first)) or opens else None


def _possessive(text: str, mention: _Mention) -> bool:
    return text[mention.end : mention.end + 2] in ("’s", "'s")


def _how(text: str, mention: _Mention) -> str:
    return "surname" if " " not in text[mention.start : mention.end] else "named"
