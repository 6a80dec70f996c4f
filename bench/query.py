#!/usr/bin/env python3
"""bench/query.py -- issue 19 item 2 on ../shared/corpora/laws: what `tifa count` gives for
NEAR, literal parentheses and punctuation of either width, against an oracle that reads the
stored titles (not derived ones) and texts with its own rules, and against an older tifa
(--before) when given. Writes bench/QUERY.md. Run through bench/query."""
import argparse, itertools, os, re, resource, sqlite3, subprocess, sys, tempfile, time

WIDE = {0x3000: 0x20, 0xFF5F: 0x2985, 0xFF60: 0x2986}
WIDE.update({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
WIDE.update(dict(zip(range(0xFF61, 0xFF66), (0x3002, 0x300C, 0x300D, 0x3001, 0x30FB))))
WIDE.update(dict(zip(range(0xFFE0, 0xFFE7), (0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9))))

def fold(s):
    return s.translate(WIDE).lower()

def occ(t, s):
    r, i = [], 0
    while (j := s.find(t, i)) >= 0:
        r.append((j, j + len(t)))
        i = j + len(t)
    return r

def near_spans(terms, n, s):
    """Every choice of one occurrence per term, none overlapping, within n characters
    outside them; then by end, the latest start, each after the last taken."""
    tl = sum(len(t) for t in terms)
    cands = set()
    for combo in itertools.product(*(occ(t, s) for t in terms)):
        if any(a[0] < b[1] and b[0] < a[1] for a, b in itertools.combinations(combo, 2)):
            continue
        st, en = min(c[0] for c in combo), max(c[1] for c in combo)
        if en - st - tl <= n:
            cands.add((st, en))
    out, last = [], 0
    for c in sorted(cands, key=lambda c: (c[1], -c[0])):
        if c[0] >= last:
            out.append(c)
            last = c[1]
    return out

# (query, oracle on one folded field -> matches), in the order of the table
QUERIES = [
    ("NEAR(罚款 吊销, 10)", lambda s: len(near_spans(["罚款", "吊销"], 10, s))),
    ("NEAR(罚款 吊销 许可证, 20)", lambda s: len(near_spans(["罚款", "吊销", "许可证"], 20, s))),
    ("(一)", lambda s: len(occ("(一)", s))),
    ("（一）", lambda s: len(occ("(一)", s))),
    ("一", lambda s: len(occ("一", s))),
    ("(试行)", lambda s: len(occ("(试行)", s))),
    ("第(一)项", lambda s: len(occ("第(一)项", s))),
    ("处罚:", lambda s: len(occ("处罚:", s))),
    ("title:(试行)", None),
]

def tifa_count(tifa, db, q):
    t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([tifa, "-d", db, "count", "-n", "0", q], capture_output=True, text=True)
    t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        return None, None, None
    m = re.match(r"(\d+) match(?:es)? in (\d+) articles?", p.stdout.strip())
    cpu = (t1.ru_utime - t0.ru_utime) + (t1.ru_stime - t0.ru_stime)
    return int(m.group(1)), int(m.group(2)), cpu

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tifa", required=True)
    ap.add_argument("--before", help="an older tifa binary, for the 'before' columns")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--commit", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tifa-query-")
    dbs = {"after": os.path.join(tmp, "after.db")}
    if a.before:
        dbs["before"] = os.path.join(tmp, "before.db")
    for k, db in dbs.items():
        exe = a.tifa if k == "after" else a.before
        subprocess.run([exe, "-d", db, "ingest", a.corpus], check=True, capture_output=True)
    con = sqlite3.connect(dbs["after"])
    fields = [(fold(t), fold(x)) for t, x in con.execute(
        "SELECT iif(title_source = 'derived', '', title), text FROM article")]
    titles = [t for t, _ in fields]
    narts = len(fields)
    rows, bad = [], 0
    for q, f in QUERIES:
        if f is None:                                   # title:(试行): the titles only
            per = [len(occ("(试行)", t)) for t in titles]
        else:
            per = [f(t) + f(x) for t, x in fields]
        want = (sum(per), sum(1 for n in per if n))
        got = tifa_count(a.tifa, dbs["after"], q)
        before = tifa_count(a.before, dbs["before"], q) if a.before else (None, None, None)
        ok = got[:2] == want
        bad += not ok
        rows.append((q, before, got, want, ok))
    with open(a.out, "w") as o:
        o.write("# Queries: NEAR spans, literal parentheses, punctuation of either width\n\n")
        o.write(f"Made by `{a.command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                f"commit {a.commit}, on ../shared/corpora/laws ({narts} articles). `tifa count "
                f"QUERY` (matches in articles) after issue 19 and, in the first column, by the "
                f"tifa given as the one before; the oracle reads the stored titles (not derived "
                f"ones) and texts in Python with its own rules (bench/query.py: NEAR spans by "
                f"brute force, width folded by Unicode's <wide> and <narrow> mappings). CPU "
                f"seconds of the whole `tifa count` process.\n\n")
        o.write("| query | before | after | oracle | after CPU s |\n|---|---|---|---|---|\n")
        for q, b, g, w, ok in rows:
            bs = f"{b[0]} in {b[1]}" if b[0] is not None else ("error" if a.before else "-")
            gs = f"{g[0]} in {g[1]}" if g[0] is not None else "error"
            o.write(f"| `{q}` | {bs} | {gs} | {w[0]} in {w[1]}{'' if ok else ' (differs)'} | "
                    f"{g[2]:.2f} |\n" if g[2] is not None else f"| `{q}` | {bs} | {gs} | - | - |\n")
        o.write("\nBefore, NEAR counted every occurrence of its terms in the articles where it "
                "held, and a parenthesis always grouped, so `(一)` counted 一; `（一）` and `(一)` "
                "were different text.\n")
    print(open(a.out).read())
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
