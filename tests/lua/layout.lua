-- layout.lua -- the layout rules on cuts of two larger real corpora (tests/data/layout/, origins
-- in its README.md): 《新闻联播》 transcripts (Markdown with inline HTML, one "###" story each)
-- and government / party reports (JSON Lines records and plain-text files, title on line 1).
-- What a careful reader cuts from each fixture: how many articles, their titles, kickers,
-- subtitles, bylines, outlets, dates and urls, section headings and paragraph shapes, what is
-- kept together and what is dropped (links, timestamps, the programme summary, the licence
-- boilerplate of Wikisource). Fixtures marked guard = true were cut right when this test was
-- written; the others record failures found on the corpora.
-- Runs in the tifa host (`tifa run tests/lua/layout.lua`) and in stock lua5.4 through
-- require "tifa"; needs TIFA_DATA (the tests/data folder).
print "testing the layout of real-corpus cuts"

local tifa = tifa or require "tifa"
local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set") .. "/layout/"

-- {====== the expected cut ======
-- One entry per file, its articles in file order. Fields absent from an article entry are
-- expected to be nil, except those listed in 'skip' (not checked: the reader may go either way).
--   like      {field = s}: the field contains s (where the exact form, e.g. a leading "——",
--             is a matter of taste)
--   shape     one letter per paragraph: t = text, h = heading, i = item, q = quote (spaces only
--             for reading); it gives the paragraph count, the kinds and so the sections
--   headings  the section headings in order (= the paragraphs of kind heading)
--   lines     {line_from of the first paragraph, line_to of the last}
--   first     the first paragraph starts with this; last: the last paragraph ends with this
--   paras     {paragraph, starts with [, ends with]}
--   has       strings that must each lie inside one paragraph (joined fragments, kept items)
--   notpara   strings that must not be a paragraph of their own (repeated headline lines)
--   absent    strings in none of the article's paragraphs
--   notext    a story with a title and no text: no paragraphs, text ""
-- A file's 'absent' lists strings in no article of the file (text or title).
-- Strings are as stored: folded, no space between CJK characters, or CJK and digits.

local URL_2025 = "https://zh.wikisource.org/wiki/2025%E5%B9%B4%E4%B8%AD%E5%8D%8E%E4%BA%BA%E6%B0%91%E5%85%B1%E5%92%8C%E5%9B%BD%E5%9B%BD%E5%8A%A1%E9%99%A2%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A"
local URL_RES = "https://zh.wikisource.org/wiki/%E7%AC%AC%E5%8D%81%E5%9B%9B%E5%B1%8A%E5%85%A8%E5%9B%BD%E4%BA%BA%E6%B0%91%E4%BB%A3%E8%A1%A8%E5%A4%A7%E4%BC%9A%E7%AC%AC%E4%B8%89%E6%AC%A1%E4%BC%9A%E8%AE%AE%E5%85%B3%E4%BA%8E%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A%E7%9A%84%E5%86%B3%E8%AE%AE"
local CCTV = "https://tv.cctv.com/"
local DATELINE = "央视网消息（新闻联播）："
-- the Wikisource licence template at the end of every report: furniture, not text
local LICENCE = {"本作品", "本模板", "维基文库", "公有领域", "Public domain", "false", "著作权法"}
-- the furniture of a 新闻联播 page
local XWLB_FURNITURE = {"查看原文", "更新时间戳", "本期节目主要内容", "（《新闻联播》", "新闻摘要", "详细新闻"}

local function day (iso) return {outlet = "央视网", date = iso, date_precision = "day"} end
-- a story with no text has no dateline, so no outlet: only the page's date
local AIRED = {date = "2024-02-26", date_precision = "day"}

local FILES = {
  -- three plain stories, no programme header (so no date on the page): one article per "###"
  -- story, the dateline kept in the text, one paragraph per <p>
  {name = "xwlb_plain.md", guard = true, articles = {
    { title = "【在希望的田野上】稻菽飘香各地丰收忙", outlet = "央视网",   -- "###" line, space folded
      shape = "tttt", headings = {}, lines = {5, 5},
      first = DATELINE .. "连日来，全国各地丰收忙，到处洋溢着丰收的喜悦。",
      last = "农民实现节本增效。" },
    { title = "国家卫生健康委通报最新疫情", outlet = "央视网",
      date = "--09-24", date_precision = "month-day",     -- its lead: "今天（9月24日）通报"
      shape = "t", headings = {}, lines = {9, 9},
      first = DATELINE .. "国家卫生健康委今天（9月24日）通报", last = "接种新冠病毒疫苗343600.1万剂次。" },
    { title = "中方欢迎77国集团成员参与全球发展倡议", outlet = "央视网",
      shape = "tt", headings = {}, lines = {13, 13},
      first = DATELINE .. "“77国集团和中国”23日在纽约举行会议", last = "齐心协力谋发展。" },
  }},

  -- the two news-in-brief bundles (国内/国际联播快讯) open with the same bare dateline
  -- paragraph: it is no repeat to drop, and 国际联播快讯 is a story of its own. Bold <p> lines
  -- inside a story are its section headings; the date is the programme's (line 1); the
  -- timestamp at the foot is furniture.
  {name = "xwlb_kuaixun.md", guard = true, absent = XWLB_FURNITURE, articles = {
    { title = "国内联播快讯", page = day "2022-09-24",
      shape = "t h t h t", lines = {7, 7},
      headings = {"21家主要银行上半年减免服务费用1375亿元", "我国移动物联网连接数超过移动电话用户数"},
      first = DATELINE, last = "占比已达50.3%。",
      paras = {{1, DATELINE, DATELINE}} },
    { title = "俄称在多地打击乌军阵地等目标乌称在东线部分地区击退俄进攻", page = day "2022-09-24",
      shape = "tt h t h t", lines = {11, 11},
      -- the second bold line has a "：" and ends in a Chinese character: it is still a heading,
      -- not the start of the paragraph after it
      headings = {"欧洲多国因能源危机经济受损民众负担沉重", "国际人士：美西方制裁俄罗斯致欧洲遭巨大反噬"},
      first = DATELINE .. "俄罗斯国防部23日称",
      paras = {{6, "国际人士表示，美国为了自己的利益", "欧洲为此受到巨大反噬。"}} },
    { title = "美国累计新冠确诊病例超9605万美媒称美疫情远未结束", page = day "2022-09-24",
      shape = "tt", headings = {}, lines = {15, 15},
      first = DATELINE .. "根据美国约翰斯·霍普金斯大学统计数据", last = "美国可能面临新一轮疫情暴发。" },
    { title = "国际联播快讯", page = day "2022-09-24",
      shape = "t h tt h t", lines = {19, 19},
      headings = {"美联储持续激进加息市场担忧美经济衰退", "飓风“菲欧娜”导致百慕大大面积断电"},
      first = DATELINE, last = "波多黎各仍有超过926000户断电。",
      paras = {{1, DATELINE, DATELINE}} },
    { title = "【大美中国】贵州", page = day "2022-09-24",
      shape = "t", headings = {}, lines = {23, 23},
      first = DATELINE .. "贵州位于云贵高原东部", last = "让我们一起走进贵州。" },
  }},

  -- the programme summary (a table of contents repeating the story titles) is no story
  -- (judgment: a reader counts stories, not the list of them); stories that open with their
  -- headline repeated in centred bold, and a second bold line under it, start articles all the
  -- same: the second line is the subtitle, the repeat is dropped. [查看原文](URL) is the url.
  {name = "xwlb_summary.md", guard = true, absent = XWLB_FURNITURE, articles = {
    { title = "习近平率中央代表团抵达乌鲁木齐出席新疆维吾尔自治区成立70周年庆祝活动",
      subtitle = "王沪宁蔡奇同机抵达", page = day "2025-09-23",
      url = CCTV .. "2025/09/23/VIDE2ScLq6Il7mx5ZQ7e7iW5250923.shtml",
      shape = "ttt", headings = {}, lines = {24, 24},
      first = DATELINE .. "中共中央总书记、国家主席、中央军委主席习近平率中央代表团23日下午乘专机抵达乌鲁木齐",
      last = "气氛热烈。",
      notpara = {"习近平率中央代表团抵达乌鲁木齐出席新疆维吾尔自治区成立70周年庆祝活动", "王沪宁蔡奇同机抵达"} },
    { title = "习近平接见新疆各族各界代表", subtitle = "王沪宁蔡奇参加接见", page = day "2025-09-23",
      url = CCTV .. "2025/09/23/VIDEst6R7uliLi4z2wfO2u7c250923.shtml",
      shape = "ttt", headings = {}, lines = {30, 30},
      first = DATELINE .. "中共中央总书记、国家主席、中央军委主席习近平23日下午接见新疆各族各界代表",
      notpara = {"习近平接见新疆各族各界代表", "王沪宁蔡奇参加接见"} },
    { title = "《习近平新时代中国特色社会主义思想课程体系和教学大纲（党员、干部教育培训使用）》正式出版发行",
      page = day "2025-09-23", url = CCTV .. "2025/09/23/VIDE4XXII9zzA5TS6A8q67TG250923.shtml",
      shape = "ttt", headings = {}, lines = {36, 36},
      first = DATELINE .. "为持续深化习近平新时代中国特色社会主义思想教育培训" },
  }},

  -- the summary again, as the scrape cuts it: an item broken after "：" (7.人民日报评论员文章：),
  -- sub-items （1）（2） under 14.国内联播快讯：, numbers skipped (the cut), the programme note
  -- joined to the last item; it lists headlines found below, so it is a table of contents and
  -- no article. The first story is a speech ("同志们："): its head is the story's own, not a
  -- report's (the page's headings say so), so the title is the "###" line, not 详细新闻.
  {name = "xwlb_contents.md", guard = true, absent = XWLB_FURNITURE, articles = {
    { title = "习近平关于《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》的说明",
      page = day "2025-10-28", url = CCTV .. "2025/10/28/VIDE5DCvE9vyv3xxGur2E0jr251028.shtml",
      headings = {"一、《建议》稿起草过程"}, lines = {36, 36}, first = DATELINE,
      has = {"受中央政治局委托，我就《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》"},
      notpara = {"习近平关于《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》的说明"} },
    { title = "中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
      page = day "2025-10-28", url = CCTV .. "2025/10/28/VIDEWZLnlA1OUaEXwPGxhoGb251028.shtml",
      headings = {}, lines = {42, 42}, first = DATELINE,
      notpara = {"中共中央关于制定国民经济和社会发展第十五个五年规划的建议"} },
    { title = "《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》单行本出版",
      page = day "2025-10-28", url = CCTV .. "2025/10/28/VIDEn5n5aocvA0DoowkvNnF5251028.shtml",
      shape = "t", headings = {}, lines = {48, 48}, first = DATELINE .. "《中共中央关于制定" },
  }},

  -- five stories with a title and a link but no text (the scrape lost them): articles with a
  -- title and no text (the story was aired: its headline counts), and above all not section
  -- headings of the story before them
  {name = "xwlb_empty.md", guard = true, absent = {"查看原文", "更新时间戳"}, articles = {
    { title = "迎接新学期全国中小学陆续开学", page = day "2024-02-26",
      url = CCTV .. "2024/02/26/VIDEecrfDpgwLmAC0lcmt6GU240226.shtml",
      shape = "tttt", headings = {}, lines = {7, 7},
      first = DATELINE .. "连日来，全国多地中小学迎来2024年春季新学期",
      last = "目前，积石山县6万余名学生均顺利迎来新学期。" },
    { title = "殷墟博物馆新馆开馆全景展示商文明", page = day "2024-02-26",
      url = CCTV .. "2024/02/26/VIDEi3tEGyyvLaydSebO3CQ7240226.shtml",
      shape = "tt", headings = {}, lines = {13, 13},
      first = DATELINE .. "今天（2月26日），坐落在河南安阳的殷墟博物馆新馆正式对公众开放。" },
    { title = "第十四届全国冬季运动会倒数第二个比赛日共产生13枚金牌", page = AIRED,
      notext = true, url = CCTV .. "2024/02/26/VIDEE3DV2Iu5evZceMuWgUfE240226.shtml" },
    { title = "国内联播快讯", page = AIRED, notext = true,
      url = CCTV .. "2024/02/26/VIDEz9g9Fgfb1USUVyy3oguJ240226.shtml" },
    { title = "以军称已结束在纳赛尔医院的军事行动巴武装组织称在加沙地带多地袭击以军目标",
      page = AIRED, notext = true,
      url = CCTV .. "2024/02/26/VIDE1TGQLVzMTE7hB45Ya00q240226.shtml" },
    { title = "俄称在多方向对乌军发动进攻乌称打击俄军防空系统等目标", page = AIRED,
      notext = true, url = CCTV .. "2024/02/26/VIDEasr8nTbKRusBe2mc2e8q240226.shtml" },
    { title = "国际联播快讯", page = AIRED, notext = true,
      url = CCTV .. "2024/02/26/VIDE794GeLcLx4B9NqliLEsX240226.shtml" },
  }},

  -- "### undefined" with the text "undefined": a placeholder of the scraper, no story
  {name = "xwlb_undefined.md", guard = true, absent = {"undefined", "查看原文"}, articles = {
    { title = "国家卫生健康委通报最新疫情", page = day "2022-09-25",
      url = CCTV .. "2022/09/25/VIDEi66ZAKVmbiPT5NUHNxMI220925.shtml",
      shape = "t", headings = {}, lines = {7, 7}, first = DATELINE .. "国家卫生健康委今天（9月25日）通报" },
    { title = "俄称打击乌方外国雇佣军据点等目标乌称在多地反击", page = day "2022-09-25",
      url = CCTV .. "2022/09/25/VIDEGY6o8MvAZRu5ARQmC5Z9220925.shtml",
      shape = "ttt h t", lines = {19, 19},
      headings = {"多国外长批评美西方对抗思维引发紧张局势呼吁以对话协商解决危机"},
      first = DATELINE .. "俄罗斯国防部24日称" },
  }},

  -- paragraphs led by "——" are the points of a list, not the attribution of a quote box: no
  -- author, no quotes, nothing dropped, the story does not end there
  {name = "xwlb_dash.md", guard = true, absent = {"查看原文"}, articles = {
    { title = "李克强出席第25次中国-东盟领导人会议", page = day "2022-11-11",
      url = CCTV .. "2022/11/11/VIDECvyHcYb7Wo17vEvL0MNm221111.shtml",
      shape = "tt iii tttt", headings = {}, lines = {7, 7},   -- judgment: the "——" points are items
      first = DATELINE .. "当地时间11日，国务院总理李克强在金边出席第25次中国-东盟领导人会议。",
      last = "肖捷出席会议。",
      paras = {{2, "李克强表示", "李克强建议："}},
      has = {"凝聚发展合作共识，以实施双方全面战略伙伴关系行动计划为契机，推动双方务实合作提质增效。",
             "增强发展动能。深挖双方合作潜力", "夯实发展支撑。加快建设公共卫生科技合作中心"} },
    { title = "李克强会见新加坡总理", page = day "2022-11-11",
      url = CCTV .. "2022/11/11/VIDEC4rD47uN3Ud1zSSGIRBU221111.shtml",
      shape = "ttttt", headings = {}, lines = {13, 13}, last = "肖捷出席。" },
  }},

  -- a story that opens without the dateline (a signed article: lead, its title, its byline,
  -- the article) is a story of its own all the same
  {name = "xwlb_signed.md", guard = true, absent = {"查看原文"}, articles = {
    { title = "习近平对俄罗斯联邦进行国事访问", page = day "2023-03-20",
      url = CCTV .. "2023/03/20/VIDEmRUMIRre9BaGJd1K13cX230320.shtml",
      shape = "tttt", headings = {}, lines = {7, 7},
      first = DATELINE .. "3月20日上午，国家主席习近平乘专机离开北京", last = "俄方在机场举行隆重迎宾仪式。" },
    { title = "习近平在俄罗斯媒体发表署名文章", date = "2023-03-20", date_precision = "day",
      url = CCTV .. "2023/03/20/VIDEB6llYJDetTf45qgTlIxo230320.shtml",
      -- not checked: whether the page's outlet and the embedded byline (中华人民共和国主席 习近平)
      -- become outlet/author, and the kind of the embedded title
      skip = {"outlet", "author", "affiliation", "subtitle"},
      lines = {13, 13},
      first = "3月20日，在赴莫斯科对俄罗斯联邦进行国事访问之际，国家主席习近平在《俄罗斯报》和俄新社网站发表",
      last = "倡导构建新型国际关系和人类命运共同体。",
      has = {"应普京总统邀请，我即将对俄罗斯联邦进行国事访问。", "高层交往发挥重要战略引领作用。"} },
    { title = "人民日报发表俄罗斯总统普京署名文章", page = day "2023-03-20",
      url = CCTV .. "2023/03/20/VIDEhcq7aAl7dWKbkp0jHtfi230320.shtml",
      shape = "ttttt", headings = {}, lines = {19, 19},
      first = DATELINE .. "在国家主席习近平对俄罗斯进行国事访问前夕" },
  }},

  -- headlines with a kicker, a two-part title and a subtitle; the centred bold repeat of the
  -- headline at the top of the body is not text
  {name = "xwlb_headlines.md", guard = true, absent = {"查看原文"}, articles = {
    { kicker = "习近平对防汛救灾工作作出重要指示强调",
      title = "全面压实政治责任落实落细各项防汛措施全力保障人民生命财产安全",
      subtitle = "李强作出批示",                       -- judgment: as printed under the title
      page = day "2025-07-29", url = CCTV .. "2025/07/29/VIDE9QGtfwI3U2FHlSuQRW4U250729.shtml",
      shape = "tttt", headings = {}, lines = {7, 7},
      first = DATELINE,
      has = {"中共中央总书记、国家主席、中央军委主席习近平对防汛救灾工作作出重要指示。"},
      notpara = {"习近平对防汛救灾工作作出重要指示强调", "全面压实政治责任落实落细各项防汛措施",
                 "全力保障人民生命财产安全", "李强作出批示"} },
    { title = "全国非公有制经济人士优秀中国特色社会主义事业建设者表彰大会在京召开",
      subtitle = "王沪宁出席并讲话",                   -- judgment: "X出席并讲话" is a subtitle
      page = day "2025-07-29", url = CCTV .. "2025/07/29/VIDEt9i1mY4QcFylx9SbIOYe250729.shtml",
      shape = "ttt", headings = {}, lines = {13, 13},
      first = DATELINE .. "第六届全国非公有制经济人士优秀中国特色社会主义事业建设者表彰大会29日在京召开",
      last = "高云龙出席大会。" },
  }},

  -- "部署" ends this title's first half as a noun ("adjusts its deployment"), not as the verb
  -- of a kicker: two clauses of one title, no kicker
  {name = "xwlb_nato.md", guard = true, absent = {"查看原文"}, articles = {
    { title = "北约称调整在伊拉克部署撤出所有顾问团人员", page = day "2026-03-21",
      url = CCTV .. "2026/03/21/VIDE90QtKpR1vzXtNVWndqz4260321.shtml",
      shape = "tt", headings = {}, lines = {7, 7}, first = DATELINE .. "北约欧洲盟军最高司令部20日发布消息称" },
  }},

  -- one record, one article: the record's title, url and year; inline "一、…" lines are section
  -- headings, "一是…七是…" and "（一）…" paragraphs items; fragments cut at Wikisource links
  -- (single "\n") are one paragraph; the licence template is dropped
  {name = "gov_records.jsonl", guard = true, absent = LICENCE, articles = {
    { title = "2025年中华人民共和国国务院政府工作报告", url = URL_2025,
      date = "2025", date_precision = "year",          -- judgment: the record's "year" is its date
      shape = "tt h tt iiiiiii h t h t i t i t t",
      headings = {"一、2024年工作回顾", "二、2025年经济社会发展总体要求和政策取向", "三、2025年政府工作任务"},
      first = "各位代表：", last = "为以中国式现代化全面推进强国建设、民族复兴伟业不懈奋斗！",
      paras = {{12, "七是加强政府建设和治理创新"}, {17, "（一）大力提振消费、提高投资效益"}} },
    { title = "第十四届全国人民代表大会第三次会议关于政府工作报告的决议", url = URL_RES,  -- "year": null
      shape = "tt", headings = {},
      first = "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的政府工作报告。会议充分肯定国务院过去一年的工作",
      last = "共同书写中国式现代化新篇章！" },
  }},

  -- a report as plain text, title on line 1 and a body paragraph after it
  {name = "gwr_2025_body.txt", guard = true, articles = {
    { title = "2025年中华人民共和国国务院政府工作报告",
      shape = "t h tttttii", headings = {"一、2024年工作回顾"}, lines = {3, 22},
      first = "现在，我代表国务院，向大会报告政府工作", last = "一批重大工程、民生项目稳步实施。",
      paras = {{2, "一、2024年工作回顾"}, {8, "一是因时因势加强和创新宏观调控"}} },
  }},

  -- the head of a report: title (line 1), the document's own title (a repeat), the occasion
  -- "——2024年3月5日在…上" (subtitle and date), the speaker "国务院总理 李 强" (author and
  -- post); then the salutation and the text. The "——" paragraphs are list points (items), not
  -- quote-box attributions; the licence template at the end is dropped.
  {name = "gwr_2024_head.txt", guard = true, absent = LICENCE, articles = {
    { title = "2024年中华人民共和国国务院政府工作报告",
      like = {subtitle = "2024年3月5日在第十四届全国人民代表大会第二次会议上"},
      date = "2024-03-05", date_precision = "day", author = "李强", affiliation = "国务院总理",
      shape = "tt h t iiiiiii t", headings = {"一、2023年工作回顾"}, lines = {19, 44},
      first = "各位代表：",
      paras = {{12, "回顾过去一年，多重困难挑战交织叠加"}},
      has = {"经济总体回升向好。国内生产总值超过126万亿元", "民生保障有力有效。居民人均可支配收入增长6.1%"},
      absent = {"国务院总理", "政府工作报告"} },
  }},

  -- the same head in 2017, with the title split over two lines ("政府工作报" / "告"), a line
  -- of a lone U+200B inside a paragraph and fragments cut at links: nothing of it splits a
  -- paragraph or starts an article
  {name = "gwr_2017_head.txt", guard = true, absent = LICENCE, articles = {
    { title = "2017年中华人民共和国国务院政府工作报告",
      like = {subtitle = "2017年3月5日在第十二届全国人民代表大会第五次会议上"},
      date = "2017-03-05", date_precision = "day", author = "李克强", affiliation = "国务院总理",
      shape = "tt h t iiiii", headings = {"一、2016年工作回顾"}, lines = {18, 52},
      first = "各位代表：", last = "万户。新动能正在撑起发展新天地。",   -- as the source has it
      paras = {{4, "过去一年，我国发展面临国内外诸多矛盾叠加", "“十三五”实现了良好开局。"}},
      has = {"推动经济社会持续健康发展。党的十八届六中全会正式明确习近平总书记的核心地位",
             "国内生产总值达到74.4万亿元，增长6.7%",
             "改革开放深入推进。重要领域和关键环节改革取得突破性进展",
             "“一带一路”建设进展快速"},
      absent = {"国务院总理", "政府工作报告", "\u{200B}"} },
  }},

  -- a resolution as plain text: title on line 1, a sentence cut at a link over three lines
  {name = "gwr_resolution.txt", guard = true, absent = LICENCE, articles = {
    { title = "第十四届全国人民代表大会第三次会议关于政府工作报告的决议",
      shape = "tt", headings = {}, lines = {3, 7},
      first = "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的政府工作报告。会议充分肯定",
      last = "共同书写中国式现代化新篇章！" },
  }},

  -- the head and foot of the 20th Party Congress report: title (line 1), the two-line title
  -- repeated, the occasion (subtitle), the date in brackets, the speaker "习 近 平"; the
  -- "——我们…" points are items; link fragments are joined; the licence notes are dropped
  {name = "cpc20_head.txt", guard = true, absent = {"本作品", "刑事审判参考", "CPC 1", "↑", "版权失效模板",
                                      "社群共识", "Public domain", "false"}, articles = {
    { title = "高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗 (二十大)",
      like = {subtitle = "在中国共产党第二十次全国代表大会上的报告"},
      date = "2022-10-16", date_precision = "day", author = "习近平",
      -- judgment: "大会的主题是：" introduces the next paragraph; it is text, not a heading
      shape = "tttttt h ttttt iiiiiii ttt",
      headings = {"一、过去五年的工作和新时代十年的伟大变革"}, lines = {30, 88},
      first = "同志们：", last = "全面推进中华民族伟大复兴而团结奋斗！",
      paras = {{4, "大会的主题是：", "大会的主题是："}, {8, "十九大以来的五年", "不断推向前进。"},
               {9, "五年来，我们坚持加强党的全面领导", "推动党和国家事业取得举世瞩目的重大成就。"}},
      has = {"我们创立了新时代中国特色社会主义思想，明确坚持和发展中国特色社会主义的基本方略",
             "制定“十四五”规划和二〇三五年远景目标，全面总结党的百年奋斗重大成就",
             "我们依照宪法和基本法有效实施对特别行政区的全面管治权，制定实施香港特别行政区维护国家安全法，落实"} },
  }},

  -- a 1921 report: title on line 1, then "一、去年" -- the first section heading, not the title
  {name = "cpc1_guangzhou.txt", guard = true, articles = {
    { title = "廣州共產黨報告 (一大)",
      shape = "h tttt h tt", headings = {"一、去年", "二、现状"}, lines = {3, 21},
      first = "一、去年", last = "我们只能暂时利用这种关系。" },
  }},
}

local FIELDS = {"title", "kicker", "subtitle", "series", "author", "affiliation", "editor",
                "outlet", "place", "date", "date_precision", "url"}
local KINDS = {t = "text", h = "heading", i = "item", q = "quote"}
-- }======

-- {====== helpers (tests/lua/support/check.lua) ======
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local failures, check, eq, show, usub = T.failures, T.check, T.eq, T.show, T.usub
local startswith, endswith, contains = T.startswith, T.endswith, T.contains
local nospace, occurrences, set, expected_sections, tmpdb =
  T.nospace, T.occurrences, T.set, T.expected_sections, T.tmpdb
-- }======

-- {====== one store with every fixture, the articles grouped by file ======
local path = tmpdb()
local db = assert(tifa.open(path))
local list = {}
for _, f in ipairs(FILES) do list[#list + 1] = DATA .. f.name end
local report = assert(db:ingest(list))
for _, f in ipairs(report.list) do
  check(f.outcome == "added", "ingest " .. tostring(f.path) .. ": " .. tostring(f.outcome) .. " "
        .. tostring(f.message))
end

local byfile = {}
local rows = assert(db:sql("SELECT id FROM article ORDER BY file_id, seq"))
for _, row in ipairs(rows) do
  local a = assert(db:article(row.id))
  local name = a.file:match("[^/\\]+$")
  byfile[name] = byfile[name] or {}
  table.insert(byfile[name], a)
end
for _, l in pairs(byfile) do table.sort(l, function (x, y) return x.seq < y.seq end) end
-- }======

-- {====== one article against its entry ======
local function check_article (a, e, where)
  local skip = set(e.skip)
  for _, k in ipairs(FIELDS) do
    if not skip[k] then
      local want = e[k]
      if want == nil and e.page then want = e.page[k] end
      if e.like and e.like[k] then
        check(contains(a[k], e.like[k]), where .. " " .. k .. " should contain " .. show(e.like[k])
              .. ", got " .. show(a[k]))
      else
        eq(a[k], want, where .. " " .. k)
      end
    end
  end

  local ps = a:paragraphs()
  if e.notext then                                  -- a story whose text the scrape lost
    eq(#ps, 0, where .. " paragraphs of a story with no text")
    eq(a.text, "", where .. " text of a story with no text")
    eq(a.nchars, 0, where .. " nchars of a story with no text")
    return
  end
  check(#ps > 0, where .. " has no paragraphs")
  local texts = {}
  for i, p in ipairs(ps) do
    local pw = where .. " paragraph " .. i
    eq(p.index, i, pw .. " index")
    check(type(p.text) == "string" and #p.text > 0, pw .. " is empty")
    texts[i] = p.text
    eq(usub(a.text, p.from, p.to), p.text, pw .. " text at from/to")
    check(not p.text:find("\n", 1, true), pw .. " contains a newline")
    check(not p.text:find("^%s") and not p.text:find("%s$"), pw .. " has untrimmed space")
    check(p.text ~= a.title, pw .. " is the title")
  end
  eq(table.concat(texts, "\n"), a.text, where .. " text = paragraphs joined by \\n")

  if e.shape then
    local shape = e.shape:gsub(" ", "")
    local kinds = {}
    for c in shape:gmatch(".") do kinds[#kinds + 1] = assert(KINDS[c], "bad shape letter " .. c) end
    local got = {}
    for _, p in ipairs(ps) do
      local letter = "?"
      for l, k in pairs(KINDS) do if k == p.kind then letter = l end end
      got[#got + 1] = letter
    end
    local gs = table.concat(got)
    check(gs == shape, where .. " paragraph shape (t text, h heading, i item, q quote): got "
          .. gs .. ", want " .. shape)
    local heads = {}
    for _, p in ipairs(ps) do if p.kind == "heading" then heads[#heads + 1] = p.text end end
    eq(#heads, #e.headings, where .. " headings")
    for i, h in ipairs(e.headings) do eq(heads[i], h, where .. " heading " .. i) end
    -- sections, from the shape and the headings
    local secs = a:sections()
    local want = expected_sections(kinds, e.headings)
    eq(#secs, #want, where .. " sections")
    for i, w in ipairs(want) do
      local s, sw = secs[i], where .. " section " .. i
      if check(s, sw .. " missing") then
        eq(s.heading, w.heading, sw .. " heading")
        eq(s.first, w.first, sw .. " first paragraph")
        eq(s.last, w.last, sw .. " last paragraph")
      end
    end
  end

  if e.first then
    check(startswith(ps[1] and ps[1].text, e.first),
          where .. " first paragraph should start " .. show(e.first) .. ", got " .. show(ps[1] and ps[1].text))
  end
  if e.last then
    check(endswith(ps[#ps] and ps[#ps].text, e.last),
          where .. " last paragraph should end " .. show(e.last) .. ", got " .. show(ps[#ps] and ps[#ps].text))
  end
  if e.lines then
    eq(ps[1] and ps[1].line_from, e.lines[1], where .. " line_from of the first paragraph")
    eq(ps[#ps] and ps[#ps].line_to, e.lines[2], where .. " line_to of the last paragraph")
  end
  for _, q in ipairs(e.paras or {}) do
    local i, starts, ends = q[1], q[2], q[3]
    local p, pw = ps[i], where .. " paragraph " .. i
    if check(p, pw .. " missing") then
      if starts then check(startswith(p.text, starts), pw .. " should start " .. show(starts) .. ", got " .. show(p.text)) end
      if ends then check(endswith(p.text, ends), pw .. " should end " .. show(ends) .. ", got " .. show(p.text)) end
    end
  end
  for _, s in ipairs(e.has or {}) do
    local inone = false
    for _, p in ipairs(ps) do inone = inone or contains(p.text, s) end
    check(inone, where .. " one paragraph should contain " .. show(s))
  end
  for _, s in ipairs(e.notpara or {}) do
    for i, p in ipairs(ps) do
      check(p.text ~= s, where .. " paragraph " .. i .. " is the headline line " .. show(s))
    end
  end
  for _, s in ipairs(e.absent or {}) do
    check(not contains(a.text, s), where .. " " .. show(s) .. " left in the text")
  end
end
-- }======

-- {====== known failures ======
-- Fixtures whose careful-reader cut the rules do not reach yet, and why. Their checks run
-- and are counted, but do not fail the test; a pending fixture that passes every check
-- fails it (mark it guard = true instead), so this list stays true.
local PENDING = {
}
local pending = 0
-- }======

-- {====== every file ======
for _, f in ipairs(FILES) do
  local got = byfile[f.name] or {}
  local before = #failures
  local titles = {}
  for i, a in ipairs(got) do titles[i] = show(a.title) end
  eq(#got, #f.articles, f.name .. " articles (got " .. table.concat(titles, ", ") .. ")")
  for i, e in ipairs(f.articles) do
    local where = f.name .. " #" .. i
    -- the article with this title, else the one at this position
    local a
    for _, x in ipairs(got) do if x.title == e.title then a = x break end end
    a = a or got[i]
    if check(a, where .. " missing (want " .. show(e.title) .. ")") then
      eq(a.seq, i - 1, where .. " seq")
      local ok, err = pcall(check_article, a, e, where)
      check(ok, where .. ": " .. tostring(err))
    end
  end
  for _, s in ipairs(f.absent or {}) do
    for i, a in ipairs(got) do
      check(not contains(a.text, s) and not contains(a.title, s),
            f.name .. " article " .. i .. ": " .. show(s) .. " left in its text or title")
    end
  end
  if PENDING[f.name] then
    local n = #failures - before
    for _ = 1, n do table.remove(failures) end
    pending = pending + n
    check(n > 0, f.name .. " passes every check now: mark it guard = true, not pending")
    if n > 0 then print(string.format("  pending: %s, %d checks (%s)", f.name, n, PENDING[f.name])) end
  else
    check(f.guard, f.name .. " is neither guarded nor pending")
  end
end
-- }======

db:close()
os.remove(path); os.remove(path .. "-wal"); os.remove(path .. "-shm")

if #failures > 0 then
  print(string.format("%d of %d checks failed:", #failures, T.count()))
  for _, m in ipairs(failures) do print("  " .. m) end
  os.exit(1)
end
print(string.format("OK (%d checks; %d of them pending, in %d fixtures the rules do not cut right yet)",
                    T.count(), pending, (function () local k = 0 for _ in pairs(PENDING) do k = k + 1 end return k end)()))
