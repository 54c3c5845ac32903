#!/usr/bin/env python3
"""posbound.py - how small word positions can be, for docs/ARCHITECTURE.md's
"What bounds the size": the entropy of a word's tf positions placed anywhere
in a document of L tokens, log2 C(L, tf), summed over every (word, document)
whose word is in at least POSDF documents (format 7 keeps positions only
for those). Compare with the positions line of `vbpack info`.

    python3 tests/posbound.py CORPUS_DIR [POSDF]

Tokens are \\w+ runs, lower-cased: close to format/token.c, not the same
(no compound parts, no folding of accents), so the result is approximate.
"""
import collections, math, os, re, sys

root = sys.argv[1]
posdf = int(sys.argv[2]) if len(sys.argv) > 2 else 64
tok = re.compile(r"\w+", re.U)
docs, df = [], collections.Counter()
for d, _, files in os.walk(root):
    for f in sorted(files):
        if not f.endswith((".txt", ".md")):
            continue
        with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
            t = tok.findall(fh.read().lower())
        c = collections.Counter(t)
        docs.append((len(t), c))
        df.update(c.keys())
lg = math.lgamma
bits, npos, ntok = 0.0, 0, 0
for n, c in docs:
    ntok += n
    for w, tf in c.items():
        if df[w] >= posdf:
            npos += tf
            bits += (lg(n + 1) - lg(tf + 1) - lg(n - tf + 1)) / math.log(2)
print("documents %d, tokens %d, positions kept %d (words in >= %d documents)"
      % (len(docs), ntok, npos, posdf))
print("bound %d bytes, %.2f bits a position" % (bits / 8, bits / max(npos, 1)))
