/*
** layout_rules.c -- the data of the layout rules (see layout.h). A new outlet's style is a
** line in one of these tables, not new code. Each table ends with {NULL, 0}. Literals are
** matched on the page's text as read (not folded): list both full-width and ASCII forms of
** punctuation where pages use both.
*/
#include "layout.h"

const tifai_rule tifai_furniture[] = {
  {"主办单位", 1}, {"承办单位", 1}, {"主管单位", 1}, {"ICP备案号", 1}, {"ICP备", 1},
  {"备案号", 1}, {"网站标识码", 1}, {"版权所有", 1}, {"Copyright", 1}, {"copyright", 1},
  {"©", 1}, {"联系电话", 1}, {"技术支持", 1}, {"地址:", 1}, {"地址：", 1},
  {"微信公众号", 0}, {"手机版", 0}, {"返回顶部", 0}, {"打印本页", 0}, {"关闭窗口", 0},
  {"分享到", 0}, {"扫一扫", 0}, {"【打印】", 0}, {"【关闭】", 0}, {"本网站", 0}, {"网站地图", 0},
  {"上一篇", 0}, {"下一篇", 0}, {"相关链接", 0}, {"责任声明", 0},
  {"查看原文", TIFAI_FURN_SOURCE}, {"阅读原文", TIFAI_FURN_SOURCE}, {"原文链接", TIFAI_FURN_SOURCE},
  {"(更新时间戳", 0}, {"（更新时间戳", 0},
  {"本作品来自", 0}, {"本作品是", 0}, {"本模板", 0}, {"Public domain", 0}, {"false", 0},
  {NULL, 0}
};

const tifai_rule tifai_pagemeta[] = {
  {"信息来源:", TIFAI_PM_OUTLET}, {"信息来源：", TIFAI_PM_OUTLET}, {"来源:", TIFAI_PM_OUTLET},
  {"来源：", TIFAI_PM_OUTLET}, {"稿件来源:", TIFAI_PM_OUTLET}, {"稿件来源：", TIFAI_PM_OUTLET},
  {"发布时间:", TIFAI_PM_DATE}, {"发布时间：", TIFAI_PM_DATE}, {"发布日期:", TIFAI_PM_DATE},
  {"发布日期：", TIFAI_PM_DATE}, {"发表时间:", TIFAI_PM_DATE}, {"发表时间：", TIFAI_PM_DATE},
  {"日期:", TIFAI_PM_DATE}, {"日期：", TIFAI_PM_DATE}, {"时间:", TIFAI_PM_DATE},
  {"时间：", TIFAI_PM_DATE},
  {"责任编辑:", TIFAI_PM_EDITOR}, {"责任编辑：", TIFAI_PM_EDITOR}, {"编辑:", TIFAI_PM_EDITOR},
  {"编辑：", TIFAI_PM_EDITOR}, {"责编:", TIFAI_PM_EDITOR}, {"责编：", TIFAI_PM_EDITOR},
  {"作者:", TIFAI_PM_AUTHOR}, {"作者：", TIFAI_PM_AUTHOR},
  {NULL, 0}
};

const tifai_rule tifai_bylines[] = {
  {"□", 0}, {"■", 0}, {"◇", 0}, {"◆", 0}, {"○", 0}, {"●", 0},
  {"本报记者", 0}, {"新华社记者", 0}, {"人民日报记者", 0}, {"光明日报记者", 0},
  {"经济日报记者", 0}, {"本报通讯员", 0}, {"本报评论员", 0}, {"记者", 0},
  {"文/", 0}, {"文｜", 0}, {"文|", 0},
  {NULL, 0}
};

const tifai_rule tifai_outlets[] = {
  {"新华社", 0}, {"本报", 0}, {"人民网", 0}, {"中新社", 0}, {"中新网", 0}, {"央视网", 0},
  {"人民日报", 0}, {"光明日报", 0}, {"经济日报", 0}, {"中国日报", 0}, {"环球时报", 0},
  {"光明网", 0}, {"新华网", 0}, {"中国新闻网", 0}, {"澎湃新闻", 0}, {"新京报", 0},
  {"法治日报", 0}, {"解放军报", 0}, {"求是网", 0}, {"央广网", 0}, {"国际在线", 0},
  {NULL, 0}
};

const tifai_rule tifai_kicker_ends[] = {
  {"强调", 0}, {"指出", 0}, {"表示", 0}, {"要求", 0}, {"宣布", 0}, {"致信", 0},
  {"致电", 0}, {"致辞", 0}, {"发表重要讲话", 0}, {"讲话", 0}, {"提出", 0},
  {NULL, 0}
};

const tifai_rule tifai_subtitle_ends[] = {
  {"出席", 0}, {"参加", 0}, {"陪同", 0}, {"出席会议", 0}, {"主持", 0}, {"出席并讲话", 0},
  {"参加会见", 0}, {"参加会议", 0}, {"作出批示", 0}, {"出席并讲话", 0}, {"出席会议并讲话", 0},
  {NULL, 0}
};

const tifai_rule tifai_collections[] = {
  {"合集", 0}, {"系列", 0}, {"专题", 0}, {"特辑", 0},
  {NULL, 0}
};

const tifai_rule tifai_items[] = {
  {"- ", 1}, {"• ", 1}, {"· ", 1}, {"* ", 1}, {"●", 1}, {"▲", 1},  /* what 1: the marker goes */
  {"（一）", 0}, {"（二）", 0}, {"（三）", 0}, {"（四）", 0}, {"（五）", 0}, {"（六）", 0},
  {"（七）", 0}, {"（八）", 0}, {"（九）", 0}, {"（十）", 0},
  {"一、", 0}, {"二、", 0}, {"三、", 0}, {"四、", 0}, {"五、", 0}, {"六、", 0}, {"七、", 0},
  {"八、", 0}, {"九、", 0}, {"十、", 0},
  {"一是", 0}, {"二是", 0}, {"三是", 0}, {"四是", 0}, {"五是", 0}, {"六是", 0},
  {"七是", 0}, {"八是", 0}, {"九是", 0}, {"十是", 0}, {"——", 0},
  {"第一，", 0}, {"第二，", 0}, {"第三，", 0}, {"第四，", 0}, {"首先，", 0}, {"其次，", 0},
  {NULL, 0}
};

const tifai_rule tifai_notes[] = {
  {"（据", 1}, {"(据", 1}, {"（来源：", 1}, {"（来源:", 1}, {"(来源:", 1}, {"(来源：", 1},
  {"（作者：", 2}, {"（作者:", 2}, {"(作者:", 2}, {"(作者：", 2}, {"（作者为", 2},
  {"（责任编辑：", 3}, {"（责任编辑:", 3}, {"(责任编辑:", 3}, {"（编辑：", 3}, {"（编辑:", 3},
  {"（记者", 4}, {"(记者", 4}, {"（本报记者", 4}, {"（新华社记者", 4},
  {"（完）", 0}, {"(完)", 0},                           /* the end of a wire story */
  {NULL, 0}
};

const tifai_rule tifai_page_feet[] = {
  {"本作品", 0}, {"This work", 0},
  {NULL, 0}
};

const tifai_rule tifai_foot_marks[] = {
  {"公有领域", 0}, {"公有領域", 0}, {"著作权法", 0}, {"著作權法", 0}, {"public domain", 0},
  {"Public domain", 0},
  {NULL, 0}
};

const tifai_rule tifai_salutations[] = {
  {"各位代表：", 0}, {"各位代表:", 0}, {"同志们：", 0}, {"同志们:", 0}, {"代表们：", 0},
  {"同志们，朋友们：", 0}, {"同志们、朋友们：", 0}, {"女士们，先生们：", 0},
  {"女士们、先生们：", 0}, {"各位委员：", 0}, {"各位代表，各位委员：", 0},
  {NULL, 0}
};

const tifai_rule tifai_posts[] = {
  {"副总理", 0}, {"总理", 0}, {"副主席", 0}, {"主席", 0}, {"总书记", 0}, {"委员长", 0},
  {"国务委员", 0}, {"书记", 0}, {"部长", 0}, {"省长", 0}, {"市长", 0}, {"院长", 0},
  {"检察长", 0}, {"主任", 0},
  {NULL, 0}
};

const tifai_rule tifai_placeholders[] = {
  {"undefined", 0}, {"null", 0}, {"NULL", 0}, {"NaN", 0}, {"None", 0}, {"[object Object]", 0},
  {NULL, 0}
};
