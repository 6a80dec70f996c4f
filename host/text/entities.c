/*
** entities.c -- persons, places and organisations (tifa_extract_entities): the segmenter's
** tags (nr, ns, nt) checked against what names are (a family name and a given name, a
** transliterated name, rare in the dictionary), persons after an official title
** (国务院总理李强), and the speakers of quotations (tifai_speaker): persons, organisations,
** meetings, documents and pronouns before a speech verb. Offices, family names, the
** characters of transliterated names and the last words of organisations are tables.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "dict.h"
#include "extract.h"

/* {====== Tables: extend here ====== */

/* Offices, a longer one before a shorter one it starts with */
static const char *const offices[] = {
  "总书记", "国务院总理", "副总理", "总理", "国务委员", "委员长", "副委员长", "副主席", "主席",
  "常务副书记", "副书记", "书记", "副主任", "主任", "副部长", "部长", "副省长", "省长",
  "副市长", "市长", "副县长", "县长", "区长", "州长", "秘书长", "检察长", "局长", "厅长",
  "院长", "行长", "会长", "署长", "司令员", "政委", "主任委员", "总统", "首相", "大使", NULL
};

/* Characters that end a name after an office (习近平在重庆, 李强主持) */
static const char *const notname[] = {
  "在", "主", "出", "表", "指", "强", "说", "等", "和", "与", "及", "的", "是", "同", "会", "到",
  "来", "对", "向", "为", "已", "也", "都", "还", "就", "率", "分", "作", "发", "提", "视", "考",
  "调", "讲", "致", "参", "接", "由", "任", "兼", "将", "曾", "于", "从", NULL
};

/* Characters that end the organisation before an office, going back: 会议由重庆市委书记... */
static const char *const notorg[] = {
  "在", "由", "和", "与", "及", "的", "是", "对", "向", "为", "将", "于", "从", "等", "同", NULL
};

#define MAXORG      12      /* code points of the organisation before an office */

/* Family names: a Chinese name is one of them and a given name of 1 or 2 characters */
static const char surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
  "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
  "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
  "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
  "蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
  "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝谌栗";

/* A word the dictionary tags as a name is one only when rare: 文明, 祝贺, 白皮书 are tagged nr.
** Before a speech verb, where a name is likely, famous names pass: 孔子, 鲁迅, 穆罕默德. */
#define MAXNAMEFREQ     30      /* a Chinese name's frequency in the dictionary, at most */
#define MAXFOREIGNFREQ  100     /* a transliterated name's, as one word */
#define MAXSAIDFREQ     2000    /* either, before a speech verb */

/* Persons the segmenter may mis-tag, and a title that names one person (speakers) */
static const char *const known[] = {
  "习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希", "韩正", "李克强", "王毅",
  "栗战书", "汪洋", "毛泽东", "周恩来", "刘少奇", "朱德", "邓小平", "陈云", "江泽民",
  "胡锦涛", "温家宝", "朱镕基", "李鹏", "毛主席", "周总理", "习主席", "总书记", NULL
};

/* Titles after a name: 邓小平同志, 习近平总书记, 毛主席 (a family name before) */
static const char *const aftername[] = {
  "同志", "总书记", "主席", "总理", "委员长", "总统", "首相", "先生", "女士", "教授", "院士",
  "书记", "部长", "省长", "市长", "大使", NULL
};

/* Speakers by their last characters: meetings, then organisations */
static const char *const meetings[] = {
  "会议", "全会", "大会", "峰会", "论坛", "座谈会", "研讨会", "常委会", "年会", "例会", NULL
};
static const char *const orgs[] = {
  "委员会", "政府", "中央", "组织", "国务院", "政治局", "书记处", "人大", "政协", "联合国",
  "欧盟", "东盟", "北约", "白宫", "克里姆林宫", "协会", "学会", "联合会", "理事会", "议会",
  "商会", "基金会", "部", "委", "院", "局", "办", "厅", "署", "党", "军", "军方", "警方",
  "部队", "武装", "卫队", "司令部", "银行", "公司", "集团", "大学", "中心", "交易所", NULL
};
/* X方 is a party (中方, 美方), but not these */
static const char *const notparty[] = {"双方", "各方", "多方", "对方", "一方", "我方", "有关方", NULL};

/* Persons after an organisation with no name: 外交部发言人, 企业负责人, 英国官员 */
static const char *const roles[] = {"发言人", "负责人", "新闻秘书", "官员", NULL};

/* Documents that speak: 党的二十大报告, 中央一号文件, 社论 (and any title in 《》) */
static const char *const documents[] = {"报告", "文件", "社论", "公报", "决议", "白皮书", NULL};

/* Characters of transliterated foreign names (普京, 古特雷斯, 佩斯科夫) */
static const char translit[] =
  "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法菲斐费芬丰"
  "佛夫弗福盖甘冈戈格根古哈海汉豪赫黑亨胡华霍基吉加贾杰捷卡凯坎康考柯科克肯库夸奎拉莱赖兰"
  "朗劳勒雷蕾黎里利莉列林琳卢鲁陆路伦罗洛马玛迈麦曼梅门蒙米密缪摩莫默姆穆纳娜奈南内妮尼涅"
  "纽努诺欧帕潘庞佩皮普齐奇乔切钦琼丘让热瑞若萨塞赛桑瑟森沙莎尚舍申圣施舒斯松苏索塔泰坦汤"
  "唐特提图托瓦万旺威韦维温沃乌伍西希锡席夏谢辛休雅亚扬耶伊因英尤约泽扎詹朱卓兹契什楚恰采"
  "茨策荣仁通逊铎宾彦宁罕娃娅丽黛琪薇芙珊妲姬蒂雷·";

/* Last characters of a clause that is a time or a place: 习近平会见普京时 */
static const char *const notspeakertail[] = {"时", "中", "上", "后", "间", "前", "里", "之际", NULL};

/* Verbs the segmenter may tag as nouns, which end the speaker that opens a clause */
static const char *const actions[] = {
  "会见", "会谈", "出席", "主持", "考察", "视察", "接见", "致信", "致电", "参加", "访问", "回信",
  "讲话", "发表", "通话", "听取", "调研", "牢记", "落实", "学习", "贯彻", "按照", "遵照", "遵循",
  "根据", "践行", "领会", NULL
};

/* Sayers of sayings, which name nobody: 俗话说, 古人云 */
static const char *const sayings[] = {
  "俗话", "俗语", "谚语", "民谚", "农谚", "古语", "古话", "老话", "常言", "古人", "有人", "有的人",
  "人们", "大家", "所谓", NULL
};

/* Pronouns, which the caller resolves */
static const char *const pronouns[] = {"他们", "她们", "他", "她", NULL};

/* Clause openers and closers that are no part of a speaker (随后，同时；今天，当天) */
static const char *const timewords[] = {
  "今天", "当天", "当日", "同日", "同一天", "昨天", "近日", "日前", "此前", "随后", "目前",
  "当地时间", "同时", "此外", "并", "而", "但", "还", "也", "又", "都", "则", "从", "到", "再到",
  "直到", "中", "上", "正如", "诚如", "正像", "就像", "如", "像", "象", NULL
};

#define MAXSPKWORDS 24      /* words of a clause looked at */

/* }====== */

/* {====== Names ====== */

static int ishanat (const char *s, size_t len) {
  int32_t cp;
  return tifa_utf8_decode(s, len, &cp) == 3 && tifai_is_han(cp);
}

/* The built-in dictionary's frequency of the word s[0..n), 0 if it holds no such word. */
static double dictfreq (const char *s, size_t n) {
  const tifai_dict *d = tifai_dict_builtin();
  uint32_t node = 0;
  size_t i = 0;
  if (d == NULL) return 0;
  while (i < n) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, n - i, &cp);
    if (k <= 0 || (node = tifai_dict_child(d, node, (uint32_t)cp)) == 0) return 0;
    i += (size_t)k;
  }
  if (d->nodes[node].logp == TIFAI_DICT_NOWORD) return 0;
  return exp((double)d->nodes[node].logp + d->h->logtotal);
}

static int hasin (const char *set, const char *s, size_t k) {   /* is s[0..k) a character of 'set'? */
  char c[5];
  if (k == 0 || k > 4) return 0;
  memcpy(c, s, k);
  c[k] = '\0';
  return strstr(set, c) != NULL;
}

/* Is every code point of s[b..e) a character of transliterated names? */
static int alltranslit (const char *s, size_t b, size_t e) {
  size_t k;
  for (; b < e; b += k) {
    k = tifai_cplen(s[b]);
    if (b + k > e || !hasin(translit, s + b, k)) return 0;
  }
  return 1;
}

/* Is s[b..e), made of 'nwords' words, a person's name? A transliterated one of 2 characters
** or more (one word: a rare one), or a family name and a given name of 1 or 2 characters,
** rare as one word. */
static int namelike (const char *s, size_t b, size_t e, int nwords) {
  size_t n = tifa_utf8_len(s + b, e - b);
  double f = nwords != 1 ? 0 : dictfreq(s + b, e - b);
  if (n < 2) return 0;
  if (alltranslit(s, b, e)) return f <= MAXFOREIGNFREQ;
  return n <= 3 && hasin(surnames, s + b, tifai_cplen(s[b])) && f <= MAXNAMEFREQ;
}

/* Is s[b..e), one word of 2 or 3 Han characters that the dictionary lacks (the model made
** it), a family name and a given name? 全红婵, 黄海芬 */
static int unknownname (const char *s, size_t b, size_t e) {
  size_t n = tifa_utf8_len(s + b, e - b);
  return n >= 2 && n <= 3 && ishanat(s + b, e - b) && hasin(surnames, s + b, 3) && dictfreq(s + b, e - b) == 0
      && dictfreq(s + b, 6) <= MAXNAMEFREQ;
}

static int isentry (const char *s, size_t b, size_t e, const char *const *tab) {
  int i;
  for (i = 0; tab[i] != NULL; i++)
    if (strlen(tab[i]) == e - b && memcmp(s + b, tab[i], e - b) == 0) return 1;
  return 0;
}

/* }====== */

typedef struct Words {      /* the segmenter's words, collected */
  tifa_word *w;
  size_t n, cap;
} Words;

static int onword (void *ud, const char *s, const tifa_word *w) {
  Words *ws = (Words *)ud;
  (void)s;
  if (ws->n == ws->cap) {
    size_t cap = ws->cap ? 2 * ws->cap : 256;
    tifa_word *p = realloc(ws->w, cap * sizeof(*p));
    if (p == NULL) return TIFA_NOMEM;
    ws->w = p;
    ws->cap = cap;
  }
  ws->w[ws->n++] = *w;
  return 0;
}

static size_t intable (const char *s, size_t len, const char *const *tab) {
  int i;
  for (i = 0; tab[i] != NULL; i++) {
    size_t n = strlen(tab[i]);
    if (n <= len && memcmp(s, tab[i], n) == 0) return n;
  }
  return 0;
}


/* The word that starts at byte 'b', or NULL (words are in order: binary search) */
static const tifa_word *wordat (const Words *ws, size_t b) {
  size_t lo = 0, hi = ws->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ws->w[mid].byte < b) lo = mid + 1; else hi = mid;
  }
  return lo < ws->n && ws->w[lo].byte == b ? &ws->w[lo] : NULL;
}

static int kindof (const char *tag) {
  if (tag == NULL || tag[0] != 'n') return 0;
  if (tag[1] == 'r') return TIFA_ENTITY_PERSON;
  if (tag[1] == 's') return TIFA_ENTITY_PLACE;
  if (tag[1] == 't') return TIFA_ENTITY_ORG;
  return 0;
}

/* A person after an office at s[at]: fills 'e' (byte offsets only) and returns the end of
** the name, or 0. 'org' is where the organisation before the office starts. */
static size_t titled (const char *s, size_t len, size_t org, size_t at, const Words *ws, tifa_entity *e) {
  size_t k = intable(s + at, len - at, offices), name = at + k, end = name;
  const tifa_word *w;
  int n = 0;
  if (k == 0) return 0;
  if ((w = wordat(ws, name)) != NULL && kindof(w->tag) == TIFA_ENTITY_PERSON) {
    end = name + w->nbyte;
    if (alltranslit(s, name, end))                           /* 米卡 提 */
      while (end + 3 <= len && alltranslit(s, end, end + 3) && end - name < 18) end += 3;
  }
  else if (name + 3 <= len && alltranslit(s, name, name + 3)) {   /* 总理米卡提 */
    while (n < 6 && end + 3 <= len && alltranslit(s, end, end + 3)) { end += 3; n++; }
    if (n < 2) return 0;
  }
  else {
    while (n < 3 && end < len && ishanat(s + end, len - end) && intable(s + end, len - end, notname) == 0) {
      end += 3;
      n++;
    }
    if (n == 3 && dictfreq(s + name, 9) > MAXNAMEFREQ) { end -= 3; n--; }
    if (n < 2 || !hasin(surnames, s + name, 3) || dictfreq(s + name, 6) > MAXNAMEFREQ) return 0;
  }
  memset(e, 0, sizeof(*e));
  e->kind = TIFA_ENTITY_PERSON;
  e->at.byte = org; e->at.nbyte = end - org;
  e->title.byte = org; e->title.nbyte = name - org;
  e->name.byte = name; e->name.nbyte = end - name;
  return end;
}

static int bystart (const void *a, const void *b) {
  const tifa_entity *x = (const tifa_entity *)a, *y = (const tifa_entity *)b;
  if (x->at.byte != y->at.byte) return x->at.byte < y->at.byte ? -1 : 1;
  return x->at.nbyte > y->at.nbyte ? -1 : x->at.nbyte < y->at.nbyte;
}

const char *tifa_entity_kind (int kind) {
  switch (kind) {
    case TIFA_ENTITY_PERSON: return "person";
    case TIFA_ENTITY_PLACE: return "place";
    case TIFA_ENTITY_ORG: return "organization";
    case TIFA_ENTITY_MEETING: return "meeting";
    case TIFA_ENTITY_PRONOUN: return "pronoun";
    case TIFA_ENTITY_DOCUMENT: return "document";
    default: return "unknown";
  }
}

int tifa_extract_entities (const tifa_segmenter *g, const char *s, size_t len,
                           tifa_entity *out, size_t max, size_t *count) {
  Words ws = {NULL, 0, 0};
  tifa_entity *all = NULL;
  size_t nall = 0, at = 0, org = 0, i, last = 0;
  int rc = tifa_words(g ? g : tifa_segmenter_default(), s, len, 0, onword, &ws);
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  *count = 0;
  if (rc == TIFA_OK && (all = malloc((ws.n + len / 6 + 1) * sizeof(*all))) == NULL) rc = TIFA_NOMEM;
  if (rc != TIFA_OK) goto done;
  for (i = 0; i < ws.n; i++) {                               /* the tags */
    int kind = kindof(ws.w[i].tag);
    size_t b = ws.w[i].byte, e = b + ws.w[i].nbyte, j = i;
    if (isentry(s, b, e, known) || (kind == 0 && unknownname(s, b, e)))
      kind = TIFA_ENTITY_PERSON;                             /* 周恩来/t, 姚期智 */
    else if (kind == TIFA_ENTITY_PERSON) {                   /* a rare word; 范 明政, 佩 斯科夫 */
      if (i + 1 < ws.n && ws.w[i].nbyte == 3 && kindof(ws.w[i + 1].tag) == TIFA_ENTITY_PERSON &&
          ws.w[i + 1].byte == e)
        e += ws.w[++j].nbyte;
      else if (alltranslit(s, b, e)) {
        while (i > 0 && ws.w[i - 1].byte + ws.w[i - 1].nbyte == b && alltranslit(s, ws.w[i - 1].byte, b) &&
               (nall == 0 || all[nall - 1].at.byte + all[nall - 1].at.nbyte <= ws.w[i - 1].byte))
          b = ws.w[--i].byte;
        while (j + 1 < ws.n && ws.w[j + 1].byte == e && alltranslit(s, e, e + ws.w[j + 1].nbyte))
          e += ws.w[++j].nbyte;
      }
      if (!namelike(s, b, e, (int)(j - i + 1))) kind = 0;
    }
    if (kind != 0) {
      memset(&all[nall], 0, sizeof(all[0]));
      all[nall].kind = kind;
      all[nall].at.byte = all[nall].name.byte = b;
      all[nall].at.nbyte = all[nall].name.nbyte = e - b;
      nall++;
    }
    i = j;
  }
  while (at < len) {                                         /* persons after an office */
    size_t end, k = tifai_cplen(s[at]);
    int han = ishanat(s + at, len - at);
    if (han && nall < ws.n + len / 6 + 1 && (end = titled(s, len, org, at, &ws, &all[nall])) > 0) {
      nall++;
      at = org = end;
      continue;
    }
    if (!han || intable(s + at, len - at, notorg) > 0) org = at + k;   /* no organisation */
    else if (tifa_utf8_len(s + org, at + k - org) > MAXORG) org += tifai_cplen(s[org]);
    at += k;
  }
  qsort(all, nall, sizeof(*all), bystart);
  for (i = 0; i < nall; i++) {                               /* no overlaps: the first wins */
    if (i > 0 && all[i].at.byte < last) continue;
    last = all[i].at.byte + all[i].at.nbyte;
    if (*count < max) {
      tifa_entity *r = &out[*count];
      *r = all[i];
      tifai_span_set(&c, &r->at, all[i].at.byte, all[i].at.nbyte);
      if (all[i].title.nbyte > 0) tifai_span_set(&c, &r->title, all[i].title.byte, all[i].title.nbyte);
      tifai_span_set(&c, &r->name, all[i].name.byte, all[i].name.nbyte);
    }
    (*count)++;
  }
done:
  free(ws.w);
  free(all);
  return rc;
}

/* {====== Speakers (tifai_speaker) ====== */

typedef struct Tok { size_t b, e; const char *tag; } Tok;
typedef struct Toks { Tok t[MAXSPKWORDS]; int n; size_t base; } Toks;

static int ontok (void *ud, const char *s, const tifa_word *w) {
  Toks *ts = (Toks *)ud;
  (void)s;
  if (ts->n == MAXSPKWORDS) return 1;                    /* too long to be a speaker */
  ts->t[ts->n].b = ts->base + w->byte;
  ts->t[ts->n].e = ts->base + w->byte + w->nbyte;
  ts->t[ts->n].tag = w->tag ? w->tag : "x";
  ts->n++;
  return 0;
}

/* The entry of 'tab' that s[b..e) ends with, its length; 0 if none. */
static size_t endsin (const char *s, size_t b, size_t e, const char *const *tab) {
  int i;
  for (i = 0; tab[i] != NULL; i++) {
    size_t n = strlen(tab[i]);
    if (n <= e - b && memcmp(s + e - n, tab[i], n) == 0) return n;
  }
  return 0;
}

static int tagis (const Tok *t, const char *tag) { return strcmp(t->tag, tag) == 0; }

static int isword (const char *s, const Tok *t, const char *w) {
  return t->e - t->b == strlen(w) && memcmp(s + t->b, w, t->e - t->b) == 0;
}
static int isname (const Tok *t) { return t->tag[0] == 'n' && t->tag[1] == 'r'; }

/* Can t be part of the noun phrase before a speaker's head (国务院 总理, 工业 和 信息化)? */
static int nominal (const char *s, const Tok *t) {
  size_t n = t->e - t->b;
  if ((n == 3 && (memcmp(s + t->b, "和", 3) == 0 || memcmp(s + t->b, "与", 3) == 0 ||
                  memcmp(s + t->b, "及", 3) == 0 || memcmp(s + t->b, "的", 3) == 0)) ||
      (n == 2 && memcmp(s + t->b, "\xC2\xB7", 2) == 0))
    return 1;
  if (isentry(s, t->b, t->e, actions)) return 0;           /* 牢记/n 总书记 */
  if (t->tag[0] == 'n' || tagis(t, "vn")) return 1;
  return tagis(t, "j") || tagis(t, "l") || tagis(t, "m") || tagis(t, "eng") || tagis(t, "nz");
}

/* Words an organisation's suffix ends, that are no organisation (全部, 格局, 举办) */
static const char *const notorgs[] = {
  "全部", "内部", "外部", "局部", "干部", "格局", "大局", "布局", "结局", "开局", "举办", "承办",
  "主办", "协办", "冠军", "亚军", "大军", "生力军", "主力军", "这方面", "各方面", "一方面",
  "另一方面", "多方面", "全方面", NULL
};

/* The length of the name that the words t[i..j) end with, the last tagged nr: 0 if it is
** none. One name may be several words: 范 明政, 佩 斯科夫. */
static size_t nameend (const char *s, const Tok *t, int i, int j) {
  size_t e = t[j - 1].e;
  int m = j - 1;
  if (j - i >= 2 && isname(&t[j - 2]) && t[j - 2].e - t[j - 2].b == 3) m = j - 2;   /* 范 明政 */
  else if (alltranslit(s, t[j - 1].b, e))                                        /* 佩 斯科夫 */
    while (m > i && alltranslit(s, t[m - 1].b, t[m - 1].e)) m--;
  if (j - m == 1 && dictfreq(s + t[m].b, e - t[m].b) > MAXSAIDFREQ) return 0;   /* 文明 */
  return namelike(s, t[m].b, e, 0) ? e - t[m].b : 0;   /* before a speech verb: 孔子, 穆罕默德 */
}

/* The length of the title in 《》 that s[b..e) ends with, 0 if none */
static size_t titleend (const char *s, size_t b, size_t e) {
  size_t i;
  if (e - b < 6 || memcmp(s + e - 3, "》", 3) != 0) return 0;
  for (i = e - 3; i-- > b; )
    if (memcmp(s + i, "《", 3) == 0) return e - i;
  return 0;
}

/* The kind of the speaker that the words t[i..j) make, with the first word of its head in
** '*h'; 0 if they are none. */
static int head (const char *s, const Tok *t, int i, int j, int *h, int *orgish) {
  size_t b = t[i].b, e = t[j - 1].e, k;
  int kind = 0, m;
  *h = j - 1;
  *orgish = endsin(s, b, e, roles) > 0;             /* 德国联邦经济和气候保护部发言人 */
  if (endsin(s, b, e, sayings) > 0) return 0;
  if (isentry(s, b, e, pronouns)) return TIFA_ENTITY_PRONOUN;
  if ((k = endsin(s, b, e, known)) > 0 || (k = endsin(s, b, e, roles)) > 0) kind = TIFA_ENTITY_PERSON;
  else if (endsin(s, b, e, aftername) > 0 && j - i >= 2 &&
           (isname(&t[j - 2]) || endsin(s, b, t[j - 2].e, known))) {            /* 邓小平同志 */
    k = e - t[j - 2].b;
    kind = TIFA_ENTITY_PERSON;
  }
  else if (isname(&t[j - 1]) && (k = nameend(s, t, i, j)) > 0) kind = TIFA_ENTITY_PERSON;
  else if (unknownname(s, t[j - 1].b, e)) { k = e - t[j - 1].b; kind = TIFA_ENTITY_PERSON; }
  else if ((k = endsin(s, b, e, documents)) > 0 || (k = titleend(s, b, e)) > 0) kind = TIFA_ENTITY_DOCUMENT;
  else if ((k = endsin(s, b, e, meetings)) > 0) kind = TIFA_ENTITY_MEETING;
  else if (endsin(s, b, e, notorgs) > 0 || endsin(s, b, e, notparty) > 0) return 0;
  else if ((k = endsin(s, b, e, orgs)) > 0 || (k = tagis(&t[j - 1], "nt") ? e - t[j - 1].b : 0) > 0)
    { kind = TIFA_ENTITY_ORG; *orgish = 1; }
  else if (isword(s, &t[j - 1], "方面") && j - i >= 2 &&                   /* 乌克兰方面, not 财政方面 */
           (tagis(&t[j - 2], "ns") || tagis(&t[j - 2], "nt") || tagis(&t[j - 2], "j") ||
            isname(&t[j - 2]) || endsin(s, t[j - 2].b, t[j - 2].e, orgs) > 0)) {
    k = e - t[j - 2].b;
    kind = TIFA_ENTITY_ORG;
  }
  else if (e - b >= 6 && memcmp(s + e - 3, "方", 3) == 0 && t[j - 1].e - t[j - 1].b <= 9)
    { k = t[j - 1].e - t[j - 1].b; kind = TIFA_ENTITY_ORG; }        /* 中方, 美方, 以方 */
  else {                                                /* a transliterated name: 普京, 佩斯科夫 */
    for (m = j; m > i && alltranslit(s, t[m - 1].b, t[m - 1].e); m--) {}
    if (m < j && e - t[m].b >= 6) { k = e - t[m].b; kind = TIFA_ENTITY_PERSON; }
    else {                                               /* an office and a name: 部长倪虹 */
      for (m = j - 1; m > i; m--)
        if (intable(s + t[m - 1].b, t[m - 1].e - t[m - 1].b, offices) == t[m - 1].e - t[m - 1].b
            && e - t[m].b >= 6 && e - t[m].b <= 9) break;
      if (m == i) return 0;
      k = e - t[m].b;
      kind = TIFA_ENTITY_PERSON;
    }
  }
  for (m = j - 1; m > i && t[m].b > e - k; m--) {}    /* the first word of the head */
  *h = m;
  return kind;
}

static int skippable (const char *s, const Tok *t) {   /* 随后, 今天, 18日, 也 */
  if (isentry(s, t->b, t->e, known)) return 0;          /* 周恩来/t */
  return isentry(s, t->b, t->e, timewords) || tagis(t, "d") || tagis(t, "t") || tagis(t, "c")
      || tagis(t, "m") || tagis(t, "q") || tagis(t, "mq");
}

static int phrase (const char *s, const Tok *t, int i, int j, size_t *sb, size_t *se);

/* The phrase after the last 的 of t[i..j), classified (…调停的阿曼外交大臣巴德尔); 0 if none */
static int afterde (const char *s, const Tok *t, int i, int j, size_t *sb, size_t *se) {
  int k;
  for (k = j - 2; k > i && !isword(s, &t[k], "的"); k--) {}
  return k > i ? phrase(s, t, k + 1, j, sb, se) : 0;
}

/* The speaker that the words t[i..j) make, with the words around it that are none left
** out (times, adverbs, a preposition, a modifier before 的): its kind and its bytes in
** s[*sb, *se); TIFAI_SPEAKER_NONE when nothing is left or a verb comes first; 0 when the
** phrase names no speaker or its head has words before it that are no part of a name. */
static int phrase (const char *s, const Tok *t, int i, int j, size_t *sb, size_t *se) {
  int h, k, kind, orgish;
  while (i < j && skippable(s, &t[i])) i++;
  while (j > i && skippable(s, &t[j - 1])) j--;
  if (j - i >= 2 && isword(s, &t[j - 1], "地")) j -= 2;        /* 掷地有声地 */
  while (j - i >= 2 && t[i].tag[0] == 'p') i++;                 /* 针对英国官员 */
  if (i == j) return TIFAI_SPEAKER_NONE;
  if (t[i].tag[0] == 'v') {                                     /* 刚刚闭幕的中央经济工作会议 */
    kind = afterde(s, t, i, j, sb, se);
    return kind > 0 ? kind : TIFAI_SPEAKER_NONE;
  }
  if ((kind = head(s, t, i, j, &h, &orgish)) == 0) return afterde(s, t, i, j, sb, se);
  for (k = i; k < h; k++)                               /* 党的二十届三中全会: 届 after 二十 */
    if (!nominal(s, &t[k]) && !(k > i && tagis(&t[k - 1], "m")) && !(orgish && t[k].tag[0] == 'v')) {
      if (kind == TIFA_ENTITY_PERSON && isentry(s, t[h].b, t[j - 1].e, known))
        return phrase(s, t, h, j, sb, se);                /* 牢记总书记 (嘱托) */
      return afterde(s, t, i, j, sb, se);
    }
  *sb = t[i].b;
  *se = t[j - 1].e;
  return kind;
}

/* The words of s[b..e) into 'ts': TIFA_OK, 1 when there were too many (the first kept) */
static int words (const char *s, size_t b, size_t e, Toks *ts) {
  ts->n = 0;
  ts->base = b;
  return tifa_words(tifa_segmenter_default(), s + b, e - b, 0, ontok, ts);
}

/* The words of t[0..n) before the first verb or preposition, classified. */
static int opening (const char *s, const Toks *ts, size_t *sb, size_t *se) {
  int k, kind = TIFAI_SPEAKER_NONE;
  for (k = 0; k < ts->n; k++)
    if (ts->t[k].tag[0] == 'v' || ts->t[k].tag[0] == 'p' ||
        isentry(s, ts->t[k].b, ts->t[k].e, actions)) break;
  for (; k > 0; k--)                                    /* the longest: 中方 of 中方 鲜明 */
    if ((kind = phrase(s, ts->t, 0, k, sb, se)) > 0 || kind == TIFAI_SPEAKER_NONE) break;
  return kind;
}

int tifai_speaker (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se) {
  Toks ts;
  int kind;
  (void)len;
  if (e <= b) return TIFAI_SPEAKER_NONE;
  if (endsin(s, b, e, sayings) > 0) return 0;               /* 俗话说 */
  if (words(s, b, e, &ts) != TIFA_OK) return 0;
  if ((kind = phrase(s, ts.t, 0, ts.n, sb, se)) != 0) return kind;
  if (ts.n >= 2 && endsin(s, b, e, notspeakertail) > 0)   /* 习近平会见普京时, 李强在讲话中 */
    return opening(s, &ts, sb, se);
  return 0;
}

int tifai_speaker_end (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se) {
  Toks ts;
  int k, kind;
  (void)len;
  if (e <= b || words(s, b, e, &ts) != TIFA_OK) return 0;
  for (k = 1; k < ts.n; k++)
    if ((kind = phrase(s, ts.t, k, ts.n, sb, se)) > 0) return kind;
  return 0;
}

int tifai_subject (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se) {
  Toks ts;
  int rc;
  (void)len;
  if (e <= b) return TIFAI_SPEAKER_NONE;
  if ((rc = words(s, b, e, &ts)) != TIFA_OK && rc != 1) return 0;
  return opening(s, &ts, sb, se);
}

/* }====== */
