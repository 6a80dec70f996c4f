"""bench/lexis_jieba.py -- the peer of bench/lexis_time.lua: python3-jieba on the same texts.
Usage: python3 lexis_jieba.py TEXTS ALLTEXTS  (one document per line). Prints name<TAB>seconds."""
import sys, time, collections, statistics
import jieba, jieba.analyse
jieba.setLogLevel(60)
jieba.initialize()
docs = open(sys.argv[1], encoding="utf-8").read().splitlines()
def median(f, runs=3):
    t = []
    for _ in range(runs):
        c = time.process_time(); f(); t.append(time.process_time() - c)
    return statistics.median(t)
print("100 x jieba.analyse.extract_tags\t%.3f" % median(lambda: [jieba.analyse.extract_tags(d, topK=10) for d in docs]))
print("100 x jieba.analyse.textrank\t%.3f" % median(lambda: [jieba.analyse.textrank(d, topK=10) for d in docs]))
def count_all():
    c = collections.Counter()
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f: c.update(jieba.cut(line))
    return c
print("Counter over jieba.cut (whole corpus, words)\t%.3f" % median(count_all, 1))
