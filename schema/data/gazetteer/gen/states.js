#!/usr/bin/env node
// Generates ../states.yaml (class State): the 193 UN member states and the
// two UN observer states (Holy See, State of Palestine).
//
// Inputs, from the npm registry only (see ../README.md for versions):
//   world-countries             cca3, unMember, name.common/official,
//                               translations.zho.official/common
//   @rapideditor/country-coder  src/data/borders.json: iso1A3 -> wikidata
// On top of these, the tables below hold the hand-reviewed corrections:
// PRC (Ministry of Foreign Affairs / Xinhua) Chinese names, UN formal English
// names, and the surface forms that are left out because they are ambiguous.
//
// Run (packages installed in a scratch directory, never in the repo):
//   cd "$(mktemp -d)" && npm install world-countries@5.1.0 @rapideditor/country-coder@5.6.1
//   node /path/to/schema/data/gazetteer/gen/states.js > /path/to/schema/data/gazetteer/states.yaml
// The packages are looked up in ./node_modules, or in $GAZ_NODE_MODULES.
"use strict";

const fs = require("fs");
const path = require("path");

const nm = process.env.GAZ_NODE_MODULES || path.join(process.cwd(), "node_modules");
const readJSON = (p) => JSON.parse(fs.readFileSync(path.join(nm, p), "utf8"));
const wc = readJSON("world-countries/countries.json");
const wcVersion = readJSON("world-countries/package.json").version;
const borders = readJSON("@rapideditor/country-coder/src/data/borders.json");
const ccVersion = readJSON("@rapideditor/country-coder/package.json").version;

// The two UN observer states. world-countries marks the Holy See (VAT) as
// unMember: true and Palestine (PSE) as false; both are taken either way.
const OBSERVERS = new Set(["PSE", "VAT"]);

// Wikidata items that differ from country-coder's: the UN observer is the
// Holy See (Q159583), not the territory of Vatican City (Q237).
const WIKIDATA = { VAT: "Q159583" };

// Chinese names. zh: the full official name as the PRC Ministry of Foreign
// Affairs writes it; alt: short forms and other frequent variants. Each
// entry lists the complete set: the package's zho strings are checked
// against it (differences are printed on stderr with GAZ_VERBOSE=1) but
// never used unreviewed.
const ZH = {
  AFG: ["阿富汗伊斯兰共和国", "阿富汗"],
  AGO: ["安哥拉共和国", "安哥拉"],
  ALB: ["阿尔巴尼亚共和国", "阿尔巴尼亚"],
  AND: ["安道尔公国", "安道尔"],
  ARE: ["阿拉伯联合酋长国", "阿联酋"],
  ARG: ["阿根廷共和国", "阿根廷"],
  ARM: ["亚美尼亚共和国", "亚美尼亚"],
  ATG: ["安提瓜和巴布达"],
  AUS: ["澳大利亚联邦", "澳大利亚"],
  AUT: ["奥地利共和国", "奥地利"],
  AZE: ["阿塞拜疆共和国", "阿塞拜疆"],
  BDI: ["布隆迪共和国", "布隆迪"],
  BEL: ["比利时王国", "比利时"],
  BEN: ["贝宁共和国", "贝宁"],
  BFA: ["布基纳法索"],
  BGD: ["孟加拉人民共和国", "孟加拉国"],
  BGR: ["保加利亚共和国", "保加利亚"],
  BHR: ["巴林王国", "巴林"],
  BHS: ["巴哈马国", "巴哈马", "巴哈马联邦"],
  BIH: ["波斯尼亚和黑塞哥维那", "波黑"],
  BLR: ["白俄罗斯共和国", "白俄罗斯"],
  BLZ: ["伯利兹"],
  BOL: ["多民族玻利维亚国", "玻利维亚"],
  BRA: ["巴西联邦共和国", "巴西"],
  BRB: ["巴巴多斯"],
  BRN: ["文莱达鲁萨兰国", "文莱"],
  BTN: ["不丹王国", "不丹"],
  BWA: ["博茨瓦纳共和国", "博茨瓦纳"],
  CAF: ["中非共和国"],
  CAN: ["加拿大"],
  CHE: ["瑞士联邦", "瑞士"],
  CHL: ["智利共和国", "智利"],
  CHN: ["中华人民共和国", "中国"],
  CIV: ["科特迪瓦共和国", "科特迪瓦"],
  CMR: ["喀麦隆共和国", "喀麦隆"],
  COD: ["刚果民主共和国", "刚果（金）", "刚果(金)", "民主刚果"],
  COG: ["刚果共和国", "刚果（布）", "刚果(布)"],
  COL: ["哥伦比亚共和国", "哥伦比亚"],
  COM: ["科摩罗联盟", "科摩罗"],
  CPV: ["佛得角共和国", "佛得角"],
  CRI: ["哥斯达黎加共和国", "哥斯达黎加"],
  CUB: ["古巴共和国", "古巴"],
  CYP: ["塞浦路斯共和国", "塞浦路斯"],
  CZE: ["捷克共和国", "捷克"],
  DEU: ["德意志联邦共和国", "德国"],
  DJI: ["吉布提共和国", "吉布提"],
  DMA: ["多米尼克国", "多米尼克"],
  DNK: ["丹麦王国", "丹麦"],
  DOM: ["多米尼加共和国", "多米尼加"],
  DZA: ["阿尔及利亚民主人民共和国", "阿尔及利亚", "阿尔及利亚人民民主共和国"],
  ECU: ["厄瓜多尔共和国", "厄瓜多尔"],
  EGY: ["阿拉伯埃及共和国", "埃及"],
  ERI: ["厄立特里亚国", "厄立特里亚"],
  ESP: ["西班牙王国", "西班牙"],
  EST: ["爱沙尼亚共和国", "爱沙尼亚"],
  ETH: ["埃塞俄比亚联邦民主共和国", "埃塞俄比亚"],
  FIN: ["芬兰共和国", "芬兰"],
  FJI: ["斐济共和国", "斐济"],
  FRA: ["法兰西共和国", "法国"],
  FSM: ["密克罗尼西亚联邦", "密克罗尼西亚"],
  GAB: ["加蓬共和国", "加蓬"],
  GBR: ["大不列颠及北爱尔兰联合王国", "英国"],
  GEO: ["格鲁吉亚"],
  GHA: ["加纳共和国", "加纳"],
  GIN: ["几内亚共和国", "几内亚"],
  GMB: ["冈比亚共和国", "冈比亚"],
  GNB: ["几内亚比绍共和国", "几内亚比绍"],
  GNQ: ["赤道几内亚共和国", "赤道几内亚"],
  GRC: ["希腊共和国", "希腊"],
  GRD: ["格林纳达"],
  GTM: ["危地马拉共和国", "危地马拉"],
  GUY: ["圭亚那合作共和国", "圭亚那", "圭亚那共和国"],
  HND: ["洪都拉斯共和国", "洪都拉斯"],
  HRV: ["克罗地亚共和国", "克罗地亚"],
  HTI: ["海地共和国", "海地"],
  HUN: ["匈牙利"],
  IDN: ["印度尼西亚共和国", "印度尼西亚", "印尼"],
  IND: ["印度共和国", "印度"],
  IRL: ["爱尔兰", "爱尔兰共和国"],
  IRN: ["伊朗伊斯兰共和国", "伊朗"],
  IRQ: ["伊拉克共和国", "伊拉克"],
  ISL: ["冰岛"],
  ISR: ["以色列国", "以色列"],
  ITA: ["意大利共和国", "意大利"],
  JAM: ["牙买加"],
  JOR: ["约旦哈希姆王国", "约旦"],
  JPN: ["日本国", "日本"],
  KAZ: ["哈萨克斯坦共和国", "哈萨克斯坦"],
  KEN: ["肯尼亚共和国", "肯尼亚"],
  KGZ: ["吉尔吉斯共和国", "吉尔吉斯斯坦", "吉尔吉斯", "吉尔吉斯斯坦共和国"],
  KHM: ["柬埔寨王国", "柬埔寨"],
  KIR: ["基里巴斯共和国", "基里巴斯"],
  KNA: ["圣基茨和尼维斯联邦", "圣基茨和尼维斯", "圣克里斯托弗和尼维斯联邦", "圣克里斯托弗和尼维斯"],
  KOR: ["大韩民国", "韩国"],
  KWT: ["科威特国", "科威特"],
  LAO: ["老挝人民民主共和国", "老挝"],
  LBN: ["黎巴嫩共和国", "黎巴嫩"],
  LBR: ["利比里亚共和国", "利比里亚"],
  LBY: ["利比亚国", "利比亚"],
  LCA: ["圣卢西亚"],
  LIE: ["列支敦士登公国", "列支敦士登"],
  LKA: ["斯里兰卡民主社会主义共和国", "斯里兰卡"],
  LSO: ["莱索托王国", "莱索托"],
  LTU: ["立陶宛共和国", "立陶宛"],
  LUX: ["卢森堡大公国", "卢森堡"],
  LVA: ["拉脱维亚共和国", "拉脱维亚"],
  MAR: ["摩洛哥王国", "摩洛哥"],
  MCO: ["摩纳哥公国", "摩纳哥"],
  MDA: ["摩尔多瓦共和国", "摩尔多瓦"],
  MDG: ["马达加斯加共和国", "马达加斯加"],
  MDV: ["马尔代夫共和国", "马尔代夫"],
  MEX: ["墨西哥合众国", "墨西哥"],
  MHL: ["马绍尔群岛共和国", "马绍尔群岛"],
  MKD: ["北马其顿共和国", "北马其顿", "马其顿共和国"],
  MLI: ["马里共和国", "马里"],
  MLT: ["马耳他共和国", "马耳他"],
  MMR: ["缅甸联邦共和国", "缅甸"],
  MNE: ["黑山"],
  MNG: ["蒙古国"],
  MOZ: ["莫桑比克共和国", "莫桑比克"],
  MRT: ["毛里塔尼亚伊斯兰共和国", "毛里塔尼亚"],
  MUS: ["毛里求斯共和国", "毛里求斯"],
  MWI: ["马拉维共和国", "马拉维"],
  MYS: ["马来西亚"],
  NAM: ["纳米比亚共和国", "纳米比亚"],
  NER: ["尼日尔共和国", "尼日尔"],
  NGA: ["尼日利亚联邦共和国", "尼日利亚"],
  NIC: ["尼加拉瓜共和国", "尼加拉瓜"],
  NLD: ["荷兰王国", "荷兰"],
  NOR: ["挪威王国", "挪威"],
  NPL: ["尼泊尔联邦民主共和国", "尼泊尔"],
  NRU: ["瑙鲁共和国", "瑙鲁"],
  NZL: ["新西兰"],
  OMN: ["阿曼苏丹国", "阿曼"],
  PAK: ["巴基斯坦伊斯兰共和国", "巴基斯坦"],
  PAN: ["巴拿马共和国", "巴拿马"],
  PER: ["秘鲁共和国", "秘鲁"],
  PHL: ["菲律宾共和国", "菲律宾"],
  PLW: ["帕劳共和国", "帕劳"],
  PNG: ["巴布亚新几内亚独立国", "巴布亚新几内亚", "巴新"],
  POL: ["波兰共和国", "波兰"],
  PRK: ["朝鲜民主主义人民共和国", "朝鲜"],
  PRT: ["葡萄牙共和国", "葡萄牙"],
  PRY: ["巴拉圭共和国", "巴拉圭"],
  PSE: ["巴勒斯坦国", "巴勒斯坦"],
  QAT: ["卡塔尔国", "卡塔尔"],
  ROU: ["罗马尼亚"],
  RUS: ["俄罗斯联邦", "俄罗斯", "俄联邦"],
  RWA: ["卢旺达共和国", "卢旺达"],
  SAU: ["沙特阿拉伯王国", "沙特阿拉伯", "沙特"],
  SDN: ["苏丹共和国", "苏丹"],
  SEN: ["塞内加尔共和国", "塞内加尔"],
  SGP: ["新加坡共和国", "新加坡"],
  SLB: ["所罗门群岛"],
  SLE: ["塞拉利昂共和国", "塞拉利昂"],
  SLV: ["萨尔瓦多共和国", "萨尔瓦多"],
  SMR: ["圣马力诺共和国", "圣马力诺"],
  SOM: ["索马里联邦共和国", "索马里", "索马里共和国"],
  SRB: ["塞尔维亚共和国", "塞尔维亚"],
  SSD: ["南苏丹共和国", "南苏丹"],
  STP: ["圣多美和普林西比民主共和国", "圣多美和普林西比"],
  SUR: ["苏里南共和国", "苏里南"],
  SVK: ["斯洛伐克共和国", "斯洛伐克"],
  SVN: ["斯洛文尼亚共和国", "斯洛文尼亚"],
  SWE: ["瑞典王国", "瑞典"],
  SWZ: ["斯威士兰王国", "斯威士兰", "埃斯瓦蒂尼王国", "埃斯瓦蒂尼"],
  SYC: ["塞舌尔共和国", "塞舌尔"],
  SYR: ["阿拉伯叙利亚共和国", "叙利亚", "叙利亚阿拉伯共和国"],
  TCD: ["乍得共和国", "乍得"],
  TGO: ["多哥共和国", "多哥"],
  THA: ["泰王国", "泰国"],
  TJK: ["塔吉克斯坦共和国", "塔吉克斯坦"],
  TKM: ["土库曼斯坦"],
  TLS: ["东帝汶民主共和国", "东帝汶"],
  TON: ["汤加王国", "汤加"],
  TTO: ["特立尼达和多巴哥共和国", "特立尼达和多巴哥"],
  TUN: ["突尼斯共和国", "突尼斯"],
  TUR: ["土耳其共和国", "土耳其"],
  TUV: ["图瓦卢"],
  TZA: ["坦桑尼亚联合共和国", "坦桑尼亚"],
  UGA: ["乌干达共和国", "乌干达"],
  UKR: ["乌克兰"],
  URY: ["乌拉圭东岸共和国", "乌拉圭"],
  USA: ["美利坚合众国", "美国"],
  UZB: ["乌兹别克斯坦共和国", "乌兹别克斯坦"],
  VAT: ["教廷", "罗马教廷", "梵蒂冈", "梵蒂冈城国"],
  VCT: ["圣文森特和格林纳丁斯"],
  VEN: ["委内瑞拉玻利瓦尔共和国", "委内瑞拉"],
  VNM: ["越南社会主义共和国", "越南"],
  VUT: ["瓦努阿图共和国", "瓦努阿图"],
  WSM: ["萨摩亚独立国", "萨摩亚"],
  YEM: ["也门共和国", "也门"],
  ZAF: ["南非共和国", "南非"],
  ZMB: ["赞比亚共和国", "赞比亚"],
  ZWE: ["津巴布韦共和国", "津巴布韦"],
};

// Package zho strings that are deliberately not used, with the reason.
const ZH_REJECTED = {
  "北馬其頓共和國": "traditional characters",
  "北馬其頓": "traditional characters",
  "多明尼加共和国": "Taiwan usage; PRC: 多米尼加共和国",
  "多明尼加": "Taiwan usage; PRC: 多米尼加",
  "多米尼加共和国@DMA": "wrong state: Dominica is 多米尼克国",
  "多米尼加@DMA": "wrong state: Dominica is 多米尼克",
  "朝鲜人民民主共和国": "wrong order; PRC: 朝鲜民主主义人民共和国",
  "刚果": "ambiguous between COG and COD (and the river)",
  "蒙古": "contained in 内蒙古 and 蒙古族",
  "孟加拉": "also the Bengal region (孟加拉湾)",
  "中非": "also China-Africa (中非合作论坛)",
  "文莱和平之国": "literal rendering of the Malay name; PRC: 文莱达鲁萨兰国",
};

// English names. The canonical en is the package's name.official unless it
// differs from the UN formal name (UNTERM), given here; alt lists extra
// surface forms besides name.common and name.official.
const EN = {
  AUS: "Australia",
  BHS: "Commonwealth of The Bahamas",
  BRN: "Brunei Darussalam",
  GMB: "Republic of The Gambia",
  IRL: "Ireland",
  KIR: "Republic of Kiribati",
  KNA: "Saint Kitts and Nevis",
  MDV: "Republic of Maldives",
  NER: "Republic of the Niger",
  SMR: "Republic of San Marino",
  VAT: "Holy See",
  VNM: "Socialist Republic of Viet Nam",
};
const EN_ALT = {
  ARE: ["UAE"],
  BOL: ["Bolivia (Plurinational State of)"],
  CHN: ["PRC"],
  CIV: ["Côte d'Ivoire", "Cote d'Ivoire"],
  COD: ["DRC", "Congo-Kinshasa"],
  COG: ["Congo-Brazzaville"],
  CPV: ["Cabo Verde"],
  FSM: ["Micronesia (Federated States of)"],
  GBR: ["UK", "Britain"],
  IRN: ["Iran (Islamic Republic of)"],
  KAZ: ["Republic of Kazakstan", "Kazakstan"],
  KNA: ["St. Kitts and Nevis", "Saint Christopher and Nevis"],
  KOR: ["ROK"],
  LAO: ["Lao PDR"],
  LCA: ["St. Lucia"],
  MKD: ["Former Yugoslav Republic of Macedonia"],
  MMR: ["Burma"],
  NER: ["Republic of Niger"],
  NLD: ["Netherlands (Kingdom of the)"],
  PRK: ["DPRK"],
  STP: ["Sao Tome and Principe"],
  SWZ: ["Swaziland", "Kingdom of Swaziland"],
  TLS: ["East Timor"],
  TUR: ["Turkey", "Turkiye", "Republic of Turkey"],
  USA: ["USA", "U.S."],
  VAT: ["Vatican City"],
  VCT: ["St. Vincent and the Grenadines"],
  VEN: ["Venezuela (Bolivarian Republic of)"],
  VNM: ["Viet Nam", "Socialist Republic of Vietnam"],
};
// Package names that are not used as English surface forms: renderings
// that no UN or diplomatic text uses.
const EN_DROP = new Set([
  "Nation of Brunei, Abode of Peace",
  "Independent and Sovereign Republic of Kiribati",
]);
// "Congo" alone is never a surface form: it is ambiguous between COG and COD.
const foldEN = (s) => s.trim().toLowerCase().replace(/^the /, "");

function uniq(list, fold) {
  const seen = new Set();
  const out = [];
  for (const s of list) {
    if (!s) continue;
    const k = fold(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

const wikidata = {};
for (const f of borders.features) {
  const p = f.properties;
  if (p.iso1A3 && p.wikidata && !wikidata[p.iso1A3]) wikidata[p.iso1A3] = p.wikidata;
}

const states = wc
  .filter((c) => c.unMember || OBSERVERS.has(c.cca3))
  .sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1));
if (states.length !== 195) {
  throw new Error(`expected 195 states (193 members + 2 observers), got ${states.length}`);
}

const q = (s) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
const flow = (l) => "[" + l.map(q).join(", ") + "]";

const notes = [];
const out = [];
out.push("# Generated by gen/states.js from world-countries " + wcVersion +
  " (ODbL-1.0) and @rapideditor/country-coder " + ccVersion + " (ISC),");
out.push("# with the hand-reviewed name tables in that script. Do not edit by hand:");
out.push("# change the script and regenerate (see README.md).");
out.push("class: State");
out.push("entries:");
for (const c of states) {
  const id = c.cca3;
  const zh = ZH[id];
  if (!zh) throw new Error(`no Chinese names for ${id}`);
  const qid = WIKIDATA[id] || wikidata[id];
  if (!qid) throw new Error(`no wikidata for ${id}`);

  // Check the package's Chinese against the reviewed table.
  const zho = (c.translations && c.translations.zho) || {};
  for (const s of [zho.official, zho.common]) {
    if (!s || zh.includes(s)) continue;
    const why = ZH_REJECTED[s + "@" + id] || ZH_REJECTED[s];
    notes.push(`${id}: package zho ${s} not used${why ? " (" + why + ")" : " (replaced by reviewed name)"}`);
  }

  const en = EN[id] || c.name.official;
  let enAlt = [c.name.common, c.name.official, ...(EN_ALT[id] || [])];
  enAlt = uniq(enAlt, foldEN).filter((s) => foldEN(s) !== foldEN(en) && foldEN(s) !== "congo" && !EN_DROP.has(s));

  out.push(`  - id: ${id}`);
  out.push(`    wikidata: ${qid}`);
  out.push(`    zh: ${q(zh[0])}`);
  out.push(`    en: ${q(en)}`);
  if (zh.length > 1) out.push(`    zh_alt: ${flow(zh.slice(1))}`);
  if (enAlt.length) out.push(`    en_alt: ${flow(enAlt)}`);
}
for (const id of Object.keys(ZH)) {
  if (!states.some((c) => c.cca3 === id)) throw new Error(`table entry ${id} is not a state`);
}
process.stdout.write(out.join("\n") + "\n");
if (process.env.GAZ_VERBOSE) for (const n of notes) process.stderr.write(n + "\n");
