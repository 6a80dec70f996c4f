/*
** stopwords.c -- the built-in stopword lists (tifa_stopwords in tifa_structure.h), kept as
** data: one word per entry. To extend a list, add a line; to add a list, add an array and a
** row of 'lists'.
*/
#include <string.h>
#include "tifa_structure.h"

/* Function words: particles, pronouns, conjunctions, prepositions, auxiliaries, adverbs of
** degree and frequency that carry no topic. */
static const char *const function_words[] = {
  "的", "了", "和", "是", "在", "也", "就", "都", "而", "及", "与", "着", "或", "之", "其",
  "把", "被", "对", "从", "向", "以", "为", "于", "由", "将", "要", "会", "能", "可",
  "这", "那", "这个", "那个", "这些", "那些", "这样", "那样", "此", "该", "各", "每",
  "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "自己", "大家",
  "一个", "一些", "一种", "没有", "不", "没", "很", "更", "最", "还", "又", "再", "才",
  "已", "已经", "正在", "曾", "所", "所以", "因为", "因此", "但", "但是", "而且", "并",
  "并且", "以及", "或者", "还是", "如果", "虽然", "即", "即使", "等", "等等", "中", "上",
  "下", "里", "个", "地", "得", "过", "吗", "呢", "吧", "啊", "嘛", "让", "使", "给",
  "跟", "同", "比", "按照", "根据", "通过", "关于", "对于", "为了", "以来", "之一",
  "什么", "怎么", "如何", "哪", "谁", "有", "有的", "有关", "其中", "以上", "以下",
  NULL
};

/* Punctuation, Chinese (full-width) and ASCII. */
static const char *const punct_words[] = {
  "，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）", "《", "》",
  "〈", "〉", "「", "」", "『", "』", "【", "】", "〔", "〕", "［", "］", "｛", "｝",
  "…", "……", "—", "——", "－", "～", "·", "・", "．", "／", "＂", "＇",
  ",", ".", ";", ":", "?", "!", "\"", "'", "(", ")", "[", "]", "{", "}", "<", ">",
  "-", "--", "_", "/", "\\", "|", "~", "`", "*", "&", "#", "@", "^",
  NULL
};

/* The political filler: verbs and adverbs of formulation that say how, not what. Noise
** for topics, content for the study of formulations. */
static const char *const filler_words[] = {
  "坚持", "推进", "加强", "深化", "推动", "进一步", "全面", "着力", "不断", "持续",
  "切实", "努力", "积极", "大力", "加快", "扎实", "深入", "坚定", "牢牢", "始终",
  "更加", "健全", "完善", "落实", "贯彻", "提升", "提高", "促进", "实施", "强化",
  "统筹", "坚决", "有效", "稳步", "全力", "认真", "自觉", "充分", "广泛", "着眼",
  "围绕", "聚焦", "加大", "注重", "确保", "推进落实", "抓好", "做好", "用好", "把握",
  NULL
};

static const struct { const char *name; const char *const *words; } lists[] = {
  {"function", function_words},
  {"punct", punct_words},
  {"filler", filler_words},
};

static const char *const names[] = {"function", "punct", "filler", NULL};

const char *const *tifa_stopword_lists (void) {
  return names;
}

const char *const *tifa_stopwords (const char *name) {
  size_t i;
  for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
    if (strcmp(name, lists[i].name) == 0) return lists[i].words;
  return NULL;
}
