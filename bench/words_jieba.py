# bench/words_jieba.py -- the peer: python3-jieba (Debian's), accurate mode with its HMM,
# on the same input; words joined by two spaces. Prints "load_seconds cut_seconds".
#   python3 bench/words_jieba.py IN OUT [USERDICT]
import sys, time, logging
import jieba
jieba.setLogLevel(logging.WARNING)
t0 = time.perf_counter()
jieba.initialize()
if len(sys.argv) > 3:
    jieba.load_userdict(sys.argv[3])
t1 = time.perf_counter()
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
t2 = time.perf_counter()
out = ["  ".join(w for w in jieba.cut(l) if not w.isspace()) for l in lines]
t3 = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print("%.3f %.3f" % (t1 - t0, t3 - t2))
