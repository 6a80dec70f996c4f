#!/usr/bin/env python3
"""bench/laws_score.py -- score tifa's cut of ../shared/corpora/laws (issue 18, "Done means")
against what the files themselves say. Python 3 standard library only; run by bench/laws_score.

The expected values are read from each file with rules of this script's own (it does not
look at tifa's layout code), following the corpus's README and the files' conventions:

title      the first `# ` line of the file. Titles are compared after Unicode NFKC and with
           all white space (U+3000, NBSP, ...) and format characters (zero-width spaces, BOM)
           removed: a title split by a space or set in full-width letters is the same title.
           A `# subtitle` (one 编 of the Civil Code) is not part of the title.
date       the header is the lines between the title and `<!-- INFO END -->` (`# ` lines
           aside). A line that starts with a date (`2018年11月6日`, `２０１２年１２月３日`,
           `2022-03-15`, after an opening bracket) starts an entry; a line without a date
           continues the entry above it (a decision's title wrapped over three lines); the
           lines above the first date are the preamble, whose wording goes to a first date
           that stands on a line of its own (`最高人民法院发布` / `2022-03-15`). Each entry's
           events come from its wording outside the titles it quotes (《…》, 〈…〉, <…>):
           修正 or 修改 -> 修正, 修订 -> 修订, 公布 or 发布 -> 公布, 通过 -> 通过, 施行 or
           实施 -> 施行; one entry may hold several (`公告公布施行`). `通过的《X》` is the
           adoption of the act X, not of this text: it is a 修正 when X is an amendment
           (its title holds 修正案, 修改, 修正 or 修订: `通过的《中华人民共和国宪法修正案》`),
           and no event of this text otherwise. The expected date is
             1. the latest 公布, 修正 or 修订 of the header;
             2. else the date in the file name, `(YYYY-MM-DD).md`;
             3. else the latest 通过 of the header (the text adopted and never changed);
             4. else none: the document is not scored for its date (cases, a guide), and
                the table says how many of those tifa dated.
           A 施行 date is never the version's date. An entry that names a second dated event
           (`…通过根据1994年5月12日…《…的决定》修正`) is two events. Where the header's date
           and the file name's differ (the name may be of an amendment the header lacks),
           the header's is expected, as issue 18 says, and the files are listed.
provisions the 条 of the body (after `<!-- INFO END -->`): every line that starts with
           `第N条` followed by white space or the line's end (or with white space inside it:
           `第一百二十八 条侦查人员…`, a misplaced space), N a Chinese numeral (or digits)
           turned into an integer by this script's own converter; `第N条之M` is kept apart
           as "N之M". A document's provisions are right when the list of numbers, in order,
           is the list tifa gives (`a:provisions()`, its `label`, else its `number`).

One document per file (`_index.md` stubs and the corpus's README.md are not documents).
A file cut into several articles is scored on its first article (by `seq`) and counted as
split: its title may still be right, its provisions are then those of the first article.
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

# ---------------------------------------------------------------- Chinese numerals

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUM_CHARS = "零〇○一二三四五六七八九两十百千万0-9０-９"


def cn2int(s):
    """'一百零五' -> 105, '十二' -> 12, '二十' -> 20, '一〇五' -> 105, '105' -> 105;
    None when s is not a numeral."""
    s = s.translate(FW_DIGITS)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in CN_DIGITS for c in s):              # positional: 一〇五
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = section = 0
    num = None
    for c in s:
        if c in CN_DIGITS:
            num = CN_DIGITS[c]
        elif c in CN_UNITS:
            if num is None:                           # 十二: the leading 一 left out
                num = 1
            section += num * CN_UNITS[c]
            num = None
        elif c == "万":
            section = (section + (num or 0)) or 1
            total += section * 10000
            section = 0
            num = None
        else:
            return None
    return total + section + (num or 0)


PROV_RE = re.compile(r"第(\s*)([%s]+)(\s*)条(?:之([%s]+))?" % (NUM_CHARS, NUM_CHARS))


def prov_key(label):
    """'第十七条之一' -> '17之1'; '第一百条' -> '100'; None if it is no 条 label. White space
    must follow the label, unless it stands inside it (`第一百二十八 条侦查人员…`, a typo of
    the space after the label)."""
    s = label.strip() + " "
    m = PROV_RE.match(s)
    if not m or not (s[m.end()].isspace() or m.group(1) or m.group(3)):
        return None
    n = cn2int(m.group(2))
    if n is None:
        return None
    if m.group(4):
        k = cn2int(m.group(4))
        return None if k is None else "%d之%d" % (n, k)
    return str(n)


# ---------------------------------------------------------------- expected values

INFO_END = "<!-- INFO END -->"
DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
NAME_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)\.md$")
OPEN_BRACKETS = "(（[【"


def norm_title(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(c for c in s if not (c.isspace() or unicodedata.category(c) in ("Zs", "Cc", "Cf")))


def valid_date(y, m, d):
    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def line_date(line):
    """(iso date, wording after it) when the line starts with a date, else None."""
    s = line.translate(FW_DIGITS).strip().lstrip(OPEN_BRACKETS).strip()
    for rx in (DATE_CN, DATE_ISO):
        m = rx.match(s)
        if m:
            iso = valid_date(*m.groups())
            if iso:
                return iso, s[m.end():].strip()
    return None


def strip_titles(text):
    """The wording outside quoted titles, with each title replaced by '《》', and the titles.
    《…》 nests 〈…〉 or <…>; a title left open (the entry's end lost) runs to the end."""
    out, titles, depth, cur = [], [], 0, []
    for c in text:
        if c == "《":
            if depth == 0:
                cur = []
            else:
                cur.append(c)
            depth += 1
        elif c == "》" and depth:
            depth -= 1
            if depth == 0:
                titles.append("".join(cur))
                out.append("《》")
            else:
                cur.append(c)
        elif depth:
            cur.append(c)
        else:
            out.append(c)
    if depth:
        titles.append("".join(cur))
        out.append("《》")
    rest = "".join(out)
    # a title quoted with 〈〉 or <> alone (no 《》 around it)
    rest = re.sub(r"〈[^〈〉]*〉|<[^<>]*>", "《》", rest)
    return rest, titles


AMEND_WORDS = ("修正案", "修改", "修正", "修订")
KIND_WORDS = (("修正", "修正"), ("修改", "修正"), ("修订", "修订"), ("公布", "公布"),
              ("发布", "公布"), ("通过", "通过"), ("施行", "施行"), ("实施", "施行"))


def event_kinds(wording):
    rest, titles = strip_titles(wording)
    kinds = set()
    # 通过的《X》: the adoption of X, which is an amendment of this text or another act
    ti = iter(titles)
    pieces = rest.split("《》")
    for i, piece in enumerate(pieces[:-1]):
        title = next(ti, "")
        if piece.endswith("通过的"):
            pieces[i] = piece[:-3]
            if any(w in title for w in AMEND_WORDS):
                kinds.add("修正")
    rest = " ".join(pieces)
    for word, kind in KIND_WORDS:
        if word in rest:
            kinds.add(kind)
    return kinds


def split_dates(iso, wording):
    """An entry that names a second event with its date (`…通过根据1994年5月12日…《…》修正`)
    is two events; a date inside a quoted title is not one."""
    text = wording.translate(FW_DIGITS)
    depth, cuts = 0, []
    level = []
    for c in text:
        if c == "《":
            depth += 1
        elif c == "》" and depth:
            depth -= 1
        level.append(depth)
    for m in DATE_CN.finditer(text):
        d = valid_date(*m.groups())
        if d and level[m.start()] == 0:
            cuts.append((m.start(), m.end(), d))
    out, start, cur = [], 0, iso
    for a, b, d in cuts:
        out.append((cur, text[start:a]))
        cur, start = d, b
    out.append((cur, text[start:]))
    return out


def expected(path, name):
    lines = open(path, encoding="utf-8").read().split("\n")
    title = subtitle = None
    ti = None
    for i, l in enumerate(lines):
        if l.startswith("# "):
            title, ti = l[2:].strip(), i
            break
    try:
        end = lines.index(INFO_END)
    except ValueError:
        end = None
    header = lines[ti + 1:end] if (ti is not None and end is not None and end > ti) else []
    entries, preamble = [], []
    for l in header:
        if not l.strip():
            continue
        if l.startswith("# "):
            subtitle = subtitle or l[2:].strip()
            continue
        d = line_date(l)
        if d:
            iso, wording = d
            if not wording and not entries:
                wording = "".join(preamble)   # a date alone takes the preamble's wording
            entries.append([iso, wording])
        elif entries:
            entries[-1][1] += l.strip()
        else:
            preamble.append(l.strip())
    events = [(d, event_kinds(w), w) for iso, wording in entries for d, w in split_dates(iso, wording)]
    version = [iso for iso, k, _ in events if k & {"公布", "修正", "修订"}]
    adopted = [iso for iso, k, _ in events if "通过" in k]
    m = NAME_DATE.search(name)
    fname = valid_date(*m.groups()) if m else None
    if version:
        date, source = max(version), "header"
    elif fname:
        date, source = fname, "filename"
    elif adopted:
        date, source = max(adopted), "adopted"
    else:
        date, source = None, "none"
    provs = []
    body = lines[end + 1:] if end is not None else lines[(ti or 0) + 1:]
    for l in body:
        if l.startswith("第"):
            k = prov_key(l)
            if k:
                provs.append(k)
    return {"title": title, "subtitle": subtitle, "date": date, "date_source": source,
            "name_date": fname, "events": events, "provisions": provs}


# ---------------------------------------------------------------- what tifa made

DUMP_LUA = r"""
local function clean(s)
  if s == nil then return "" end
  return (tostring(s):gsub("[\r\n\t\31\30]", " "))
end
for a in db:articles() do
  local prov
  local okf, f = pcall(function() return a.provisions end)
  if not okf or f == nil then
    prov = "NA"
  else
    local ok, list = pcall(f, a)
    if not ok then prov = "ERR " .. clean(list)
    elseif type(list) ~= "table" then prov = "ERR a:provisions() returned a " .. type(list)
    else
      local t = {}
      for _, p in ipairs(list) do
        if type(p) == "table" then
          t[#t + 1] = clean(p.label) .. "\30" .. clean(p.number)
        else
          t[#t + 1] = "\30" .. clean(p)
        end
      end
      prov = "OK " .. table.concat(t, "\29")
    end
  end
  io.write(table.concat({tostring(a.id), clean(a.file), tostring(a.seq or ""), clean(a.title),
                         clean(a.subtitle), clean(a.date), prov}, "\31"), "\n")
end
"""


def got_provisions(field):
    """('NA'|'ERR'|'OK', [keys] or message)."""
    if field == "NA":
        return "NA", None
    if field.startswith("ERR"):
        return "ERR", field[4:]
    items = field[3:].split("\x1d") if len(field) > 3 else []
    keys = []
    for it in items:
        label, _, number = it.partition("\x1e")
        k = prov_key(label) if label else None
        if k is None:
            num = number.strip()
            k = (prov_key(num) or prov_key("第%s条" % num)) if num else None
        if k is None:
            k = (label or number).strip() or "?"
        keys.append(k)
    return "OK", keys


def dump(tifa, corpus, work):
    store = os.path.join(work, "laws.db")
    r = subprocess.run([tifa, "-d", store, "ingest", "-q", corpus],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1) or not os.path.exists(store):
        sys.exit("laws_score: ingest failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
    script = os.path.join(work, "dump.lua")
    with open(script, "w", encoding="utf-8") as f:
        f.write(DUMP_LUA)
    r = subprocess.run([tifa, "-d", store, "run", script],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("laws_score: dump failed: " + r.stderr.decode("utf-8", "replace")[-2000:])
    arts = []
    for line in r.stdout.decode("utf-8", "replace").split("\n"):
        if not line:
            continue
        f = line.split("\x1f")
        if len(f) != 7:
            continue
        aid, path, seq, title, subtitle, date, prov = f
        arts.append({"id": int(aid), "file": path, "seq": int(seq) if seq.isdigit() else 0,
                     "title": title, "subtitle": subtitle, "date": date, "prov": prov})
    return arts


# ---------------------------------------------------------------- scoring and report

def ranges(keys, limit=90):
    """'1-17,17之1,18-105' (cut to about limit characters)."""
    out, i = [], 0
    while i < len(keys):
        k = keys[i]
        if k.isdigit():
            j = i
            while j + 1 < len(keys) and keys[j + 1].isdigit() and int(keys[j + 1]) == int(keys[j]) + 1:
                j += 1
            out.append(k if j == i else "%s-%s" % (k, keys[j]))
            i = j + 1
        else:
            out.append(k)
            i += 1
    s = ",".join(out)
    return s if len(s) <= limit else s[:limit] + "…"


def prov_text(keys):
    if keys is None:
        return "-"
    return "%d 条 [%s]" % (len(keys), ranges(keys)) if keys else "0 条"


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "at #%d: %s vs %s" % (i + 1, x, y)
    if len(a) != len(b):
        n = min(len(a), len(b))
        return "at #%d: %s vs %s" % (n + 1, a[n] if n < len(a) else "end", b[n] if n < len(b) else "end")
    return ""


def pct(n, d):
    return "%.2f%%" % (100.0 * n / d) if d else "-"


def md_cell(s):
    return str(s).replace("|", "\\|")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tifa", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out")
    ap.add_argument("--command", default="bench/laws_score")
    ap.add_argument("--commit", default="?")
    ap.add_argument("--build", default="?")
    ap.add_argument("--misses", type=int, default=20)
    args = ap.parse_args()
    corpus = os.path.realpath(args.corpus)

    docs = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for n in sorted(files):
            if not n.endswith(".md") or n == "_index.md" or (root == corpus and n == "README.md"):
                continue
            p = os.path.join(root, n)
            docs.append((os.path.relpath(p, corpus), expected(p, n)))

    with tempfile.TemporaryDirectory(prefix="tifa-laws-score.") as work:
        arts = dump(args.tifa, corpus, work)
    byfile = {}
    for a in arts:
        p = os.path.realpath(a["file"]) if os.path.isabs(a["file"]) else a["file"]
        rel = os.path.relpath(p, corpus) if os.path.isabs(p) else p
        byfile.setdefault(rel, []).append(a)
    for v in byfile.values():
        v.sort(key=lambda a: (a["seq"], a["id"]))

    parts = {}        # part -> counters
    miss = {"title": [], "date": [], "provisions": []}
    splits, missing = [], []
    prov_state = set()
    prov_errs = []
    provkind = {}         # a provisions miss's text -> its kind
    undated = []          # no date in the header or the file name: not scored
    disagree = []         # the file name names another version than the header

    date_sources = {}
    for rel, e in docs:
        part = "DLC (held out)" if rel.startswith("DLC" + os.sep) else "national, 案例, 其他"
        c = parts.setdefault(part, {"docs": 0, "title": 0, "dated": 0, "date": 0, "prov": 0, "prov_na": 0})
        c["docs"] += 1
        date_sources[e["date_source"]] = date_sources.get(e["date_source"], 0) + 1
        if e["date_source"] == "header" and e["name_date"] and e["name_date"] != e["date"]:
            disagree.append((rel, e["date"], e["name_date"]))
        got = byfile.get(rel, [])
        if not got:
            missing.append(rel)
            for k in miss:
                miss[k].append((rel, "", "no article"))
            c["dated"] += e["date"] is not None
            continue
        if len(got) > 1:
            splits.append((rel, len(got)))
        a = got[0]
        et, gt = norm_title(e["title"]), norm_title(a["title"])
        if et == gt:
            c["title"] += 1
        else:
            note = " (split in %d)" % len(got) if len(got) > 1 else ""
            miss["title"].append((rel, e["title"], (a["title"] or "(none)") + note))
        gd = a["date"] or None
        if e["date"] is None:
            undated.append((rel, gd or "(none)"))
        elif gd == e["date"]:
            c["dated"] += 1
            c["date"] += 1
        else:
            c["dated"] += 1
            miss["date"].append((rel, "%s (%s)" % (e["date"] or "no date", e["date_source"]), gd or "(none)"))
        state, keys = got_provisions(a["prov"])
        prov_state.add(state)
        if state == "NA":
            c["prov_na"] += 1
        elif state == "ERR":
            prov_errs.append((rel, keys))
            provkind["error: " + keys] = "an error"
            miss["provisions"].append((rel, prov_text(e["provisions"]), "error: " + keys))
        elif keys == e["provisions"]:
            c["prov"] += 1
        else:
            g = prov_text(keys) + " — differs " + first_diff(e["provisions"], keys)
            provkind[g] = ("none given" if not keys else "the count differs" if len(keys) != len(e["provisions"])
                           else "numbers differ, same count")
            miss["provisions"].append((rel, prov_text(e["provisions"]), g))

    total = {k: sum(c[k] for c in parts.values()) for k in ("docs", "title", "dated", "date", "prov", "prov_na")}
    prov_available = total["prov_na"] < total["docs"]
    other = sorted(set(byfile) - {rel for rel, _ in docs})

    def row(name, c):
        provs = ("%d (%s)" % (c["prov"], pct(c["prov"], c["docs"]))) if c["prov_na"] < c["docs"] else "not available"
        return "| %s | %d | %d (%s) | %d of %d (%s) | %s |" % (
            name, c["docs"], c["title"], pct(c["title"], c["docs"]), c["date"], c["dated"],
            pct(c["date"], c["dated"]), provs)

    table = ["| documents | scored | titles right | dates right | provisions right |",
             "|---|---|---|---|---|"]
    for name in sorted(parts, key=lambda n: n.startswith("DLC")):
        table.append(row(name, parts[name]))
    table.append(row("**all**", total))
    targets = "Targets (issue 18): titles ≥ 99.5%, dates ≥ 99%, provisions ≥ 99%."
    verdict = []
    for key, goal, label in (("title", 99.5, "titles"), ("date", 99.0, "dates"), ("prov", 99.0, "provisions")):
        if key == "prov" and not prov_available:
            verdict.append("provisions: not available (this build has no `a:provisions()`)")
            continue
        d = total["dated"] if key == "date" else total["docs"]
        v = 100.0 * total[key] / d if d else 0
        verdict.append("%s %s" % (label, "met" if v >= goal else "NOT met (%.2f%% < %g%%)" % (v, goal)))

    lines = []
    lines.append("Documents: %d files (`_index.md` stubs and the corpus README aside); %d articles stored "
                 "from them; %d files with no article; %d files cut into several articles%s."
                 % (len(docs), sum(len(byfile.get(r, [])) for r, _ in docs), len(missing), len(splits),
                    (" (" + ", ".join("%s: %d" % s for s in splits[:10]) + ")") if splits else ""))
    if other:
        lines.append("Articles of other files, not scored: %s." % ", ".join(other))
    lines.append("Expected dates by source: " + ", ".join(
        "%s %d" % (k, date_sources[k]) for k in ("header", "filename", "adopted", "none") if k in date_sources)
        + " (header: its latest 公布/修正/修订; filename: none of those, the name's date; adopted: neither, "
        "the header's latest 通过; none: no date in header or name, not scored).")
    if disagree:
        lines.append("The header's latest event and the file name's date differ in %d files (the header's is "
                     "expected, as the issue's rule says; the file name may name an amendment the header lacks): %s."
                     % (len(disagree), "; ".join("%s: %s vs name %s" % d for d in disagree)))
    if undated:
        got_dates = [g for _, g in undated if g != "(none)"]
        lines.append("Not scored for the date: %d documents with no date in header or file name (cases, a guide); "
                     "tifa dated %d of them%s." % (len(undated), len(got_dates),
                                                   (" (" + ", ".join("%s: %s" % u for u in undated if u[1] != "(none)")[:600] + ")") if got_dates else ""))

    def kind_of(kind, got):
        if got == "no article":
            return "no article"
        if kind == "date":
            return ("stored undated" if got == "(none)" else
                    "a year or month only" if re.fullmatch(r"\d{4}(-\d{2})?", got) else "another date")
        if kind == "provisions":
            return provkind.get(got, "?")
        return "another title" if got != "(none)" else "no title"

    def misses(kind, title):
        kinds = {}
        for rel, exp, got in miss[kind]:
            k = kind_of(kind, got)
            kinds[k] = kinds.get(k, 0) + 1
        out = ["", "### %s: %d missed%s" % (title, len(miss[kind]),
                                           ", the first %d listed" % args.misses if len(miss[kind]) > args.misses else "")]
        if not miss[kind]:
            return out
        out += ["", "By kind: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items(), key=lambda kv: -kv[1])) + "."]
        out += ["", "| file | expected | got |", "|---|---|---|"]
        for rel, exp, got in miss[kind][:args.misses]:
            out.append("| %s | %s | %s |" % (md_cell(rel), md_cell(exp), md_cell(got)))
        return out

    body = []
    body += misses("title", "Titles")
    body += misses("date", "Dates")
    if prov_available:
        body += misses("provisions", "Provisions")
    else:
        body += ["", "### Provisions: not available", "",
                 "This build's articles have no `a:provisions()` method; provisions are not scored."]

    # the terminal
    print("laws_score: %s, commit %s" % (corpus, args.commit))
    for l in table:
        print(l)
    print(targets, "; ".join(verdict) + ".")
    for l in lines:
        print(l)
    for l in body:
        print(l)

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            w = lambda s="": f.write(s + "\n")
            w("# Laws: titles, dates and provisions scored against the files")
            w()
            w("Made by `%s` on %s, commit %s, build %s. Corpus: ../shared/corpora/laws "
              "(629 documents; laws/DLC is the held-out part of issue 18 and is also shown apart)."
              % (args.command, datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 args.commit, args.build))
            w()
            w("The script ingests the corpus into a temporary store and compares each document's first "
              "article with what the file says, by rules of its own (bench/laws_score.py's head gives them):")
            w("- **title**: the first `# ` line, compared after NFKC with all white space and format "
              "characters removed (a `# subtitle` is not part of it);")
            w("- **date**: the latest 公布, 修正 or 修订 among the header's dated lines (the event read from "
              "the wording outside the titles a line quotes; `通过的《…修正案》` is a 修正; 施行 never counts), "
              "else the file name's `(YYYY-MM-DD)`, else the latest 通过; documents with none are not scored for the date;")
            w("- **provisions**: the numbers of the body's lines that start with `第N条` (`第N条之一` kept "
              "apart), in order, against `a:provisions()` (its `label`, else its `number`).")
            w()
            for l in table:
                w(l)
            w()
            w(targets + " " + "; ".join(verdict) + ".")
            w()
            for l in lines:
                w("- " + l)
            for l in body:
                w(l)
    ok = all(v.endswith("met") or v.startswith("provisions: not") for v in verdict)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
