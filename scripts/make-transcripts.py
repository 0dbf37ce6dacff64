#!/usr/bin/env python3
"""Generate a large archive of synthetic transcripts, and articles quoting it,
for the quote-verification benchmark (docs/verification.md).

    scripts/make-transcripts.py OUT [--mb 100] [--quotes 10000] [--seed 7]

Writes OUT/transcripts/*.txt (about --mb megabytes of labelled turns:
`FIRSTNAME LASTNAME:` and `Q:`), OUT/articles/*.txt (--quotes quotations, 20
per article, each attributed to a speaker: `"…," Firstname Lastname said.`) and
OUT/quotes.tsv (speaker, kind, quote) for the criterion bench.

The words are invented (syllables), drawn from a Zipf distribution over a
vocabulary of 60,000 words whose most frequent ranks are English function
words, so word frequencies look like prose. Quotes are: exact sentences (40%),
a word changed (20%), a middle stretch replaced by an ellipsis (20%), and
sentences nobody said (20%). Nothing is written into the repository unless OUT
points there; never commit the output.
"""

import argparse
import itertools
import os
import random

FUNCTION_WORDS = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so said "
    "what up its about into than them can only other new some could time these two may then do first any my now "
    "such like our over man me even most made after also did many before must through back years where much your "
    "way well down should because each just those people how too little state good very make world still own see "
    "men work long get here between both life being under never day same another know while last might us great "
    "old year off come since against go came right used take three"
).split()
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ar", "en")]
FIRST = ["Ada", "Bram", "Cleo", "Dara", "Emil", "Faye", "Gus", "Hana", "Ivo", "Juno", "Kai", "Lena", "Milo",
         "Nia", "Otto", "Pia", "Quin", "Rhea", "Saul", "Tova"]
LAST = ["Arden", "Brisk", "Corran", "Dunmore", "Elsby", "Farrow", "Gilroy", "Hask", "Ingle", "Jarrow", "Kell",
        "Lorne", "Marsh", "Nolle", "Orrin", "Pell", "Quarry", "Rusk", "Sorrel", "Tamsin"]


def vocabulary(rng, size):
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--quotes", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(rng, 60000)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(words))))
    speakers = [f"{f} {l}" for f in FIRST for l in LAST]  # 400 speakers

    def sentence():
        n = rng.randint(8, 24)
        ws = rng.choices(words, cum_weights=cumulative, k=n)
        if n > 12 and rng.random() < 0.5:
            ws[n // 2] += ","
        return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."

    transcripts = os.path.join(args.out, "transcripts")
    articles = os.path.join(args.out, "articles")
    os.makedirs(transcripts, exist_ok=True)
    os.makedirs(articles, exist_ok=True)
    target = int(args.mb * 1024 * 1024)
    written = 0
    file_no = 0
    # Sentences to quote later: (speaker, sentence, following sentence).
    pool = []
    while written < target:
        lines = [f"Transcript {file_no}, recorded at the harbour hall\n"]
        size = 0
        while size < 200_000:
            if rng.random() < 0.2:
                turn = "Q: " + sentence() + "\n"
            else:
                speaker = rng.choice(speakers)
                sentences = [sentence() for _ in range(rng.randint(2, 8))]
                if len(pool) < 200_000 and rng.random() < 0.3:
                    i = rng.randrange(len(sentences) - 1)
                    pool.append((speaker, sentences[i], sentences[i + 1]))
                turn = speaker.upper() + ": " + " ".join(sentences) + "\n"
            lines.append(turn)
            size += len(turn)
        text = "\n".join(lines)
        with open(os.path.join(transcripts, f"t{file_no:05}.txt"), "w") as f:
            f.write(text)
        written += len(text.encode())
        file_no += 1

    quotes = []
    for n in range(args.quotes):
        speaker, first, second = rng.choice(pool)
        kind = ("exact", "exact", "changed", "ellipsis", "unsaid")[n % 5]
        if kind == "exact":
            quote = first if rng.random() < 0.7 else first + " " + second
        elif kind == "changed":
            ws = first.split()
            i = rng.randrange(1, len(ws))
            ws[i] = rng.choice(words[2000:]) + ("," if ws[i].endswith(",") else "")
            quote = " ".join(ws)
        elif kind == "ellipsis":
            ws = (first + " " + second).split()
            i = rng.randrange(2, len(ws) // 2)
            j = rng.randrange(len(ws) // 2 + 1, len(ws) - 2)
            quote = " ".join(ws[:i]) + " … " + " ".join(ws[j:])
        else:
            quote = sentence()
        quotes.append((speaker, kind, quote.rstrip(".")))
    with open(os.path.join(args.out, "quotes.tsv"), "w") as f:
        for speaker, kind, quote in quotes:
            f.write(f"{speaker}\t{kind}\t{quote}\n")
    for a in range(0, len(quotes), 20):
        paragraphs = [f"Harbour report {a // 20}\n"]
        for speaker, _, quote in quotes[a:a + 20]:
            paragraphs.append(f"\u201c{quote},\u201d {speaker} said.\n")
        with open(os.path.join(articles, f"a{a // 20:05}.txt"), "w") as f:
            f.write("\n".join(paragraphs))
    print(f"{written / 1024 / 1024:.1f} MB of transcripts in {file_no} files, "
          f"{len(quotes)} quotes in {(len(quotes) + 19) // 20} articles under {args.out}")


if __name__ == "__main__":
    main()
