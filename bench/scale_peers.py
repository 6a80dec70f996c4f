"""bench/scale_peers.py -- the peers bench/run times in process (CPU seconds, first word printed).
  /usr/bin/python3 bench/scale_peers.py freq TEXTS       python3-jieba + Counter over every line
                                                        (accurate mode, HMM on); prints "secs distinct"
  /usr/bin/python3 bench/scale_peers.py search DB ROUNDS Q...
      SQLite FTS5 with the trigram tokenizer (the table doc_fts of bench/run's trigram store):
      ranked (bm25) top 20 with snippets, ROUNDS rounds after a warm-up; prints per query
      "query<TAB>hits<TAB>median ms<TAB>min ms<TAB>max ms" ("-" for queries under 3 characters,
      which the trigram tokenizer cannot match), then "median<TAB><TAB>median of medians"."""
import sys, time, statistics

what = sys.argv[1]
if what == "freq":
    import collections, logging
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    t = time.process_time()
    c = collections.Counter()
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            c.update(w for w in jieba.cut(line.rstrip("\n")) if not w.isspace())
    items = sorted(c.items(), key=lambda p: (-p[1], p[0]))
    print("%.3f %d" % (time.process_time() - t, len(items)))
elif what == "search":
    import sqlite3
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[2], uri=True)
    rounds = int(sys.argv[3])
    sql = ("SELECT rowid, snippet(doc_fts, 0, '[', ']', '…', 16) FROM doc_fts "
           "WHERE doc_fts MATCH ? ORDER BY rank LIMIT 20")
    meds = []
    for q in sys.argv[4:]:
        if len(q) < 3:
            print("%s\t-\t-\t-\t-" % q)
            continue
        m = '"' + q.replace('"', '""') + '"'
        db.execute(sql, (m,)).fetchall()
        ts, hits = [], 0
        for _ in range(rounds):
            t = time.process_time()
            hits = len(db.execute(sql, (m,)).fetchall())
            ts.append((time.process_time() - t) * 1000)
        meds.append(statistics.median(ts))
        print("%s\t%d\t%.2f\t%.2f\t%.2f" % (q, hits, statistics.median(ts), min(ts), max(ts)))
    print("median\t\t%.2f" % statistics.median(meds) if meds else "median\t\t-")
else:
    sys.exit("usage: scale_peers.py freq TEXTS | search DB ROUNDS Q...")
