import * as OpenCC from 'opencc-js'
import t from 'tap'
import { cleanDocument } from '../indexer/clean.js'
import { extractMetadata } from '../indexer/metadata.js'

// Reports of bureaus of every province and department, in the layouts their pages use: the title line
// as such pages write it, a signature (落款) or none, the header fields of a 政府信息公开 page. The
// expected bureau is the body the text names; its province, city and county are where that body is.

const body =
  '2024年，我局坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政，现将有关情况报告如下：\n一、主要举措和成效\n（一）加强组织领导。严格落实党政主要负责人履行推进法治建设第一责任人职责。\n二、存在的问题\n法治宣传的形式还不够丰富。\n三、2025年工作安排\n持续深化行政执法规范化建设。'

/** The layouts: how a page sets out the title, the signature and the header fields around the body. */
const layouts = {
  /** 梨树县卫生健康局关于2024年度法治政府建设情况的报告, signed. */
  about: (b: string) => `${b}关于2024年度法治政府建设情况的报告\n${body}\n${b}\n2025年1月20日`,
  /** 2024年度XX局法治政府建设工作情况报告, no signature. */
  yearFirst: (b: string) => `2024年度${b}法治政府建设工作情况报告\n${body}`,
  /** The body's name on one line, 关于… on the next, as 公文 are set. */
  twoLines: (b: string) => `${b}\n关于2024年法治政府建设情况的报告\n${body}`,
  /** The body's name above a title that opens with the year. */
  nameAboveYear: (b: string) => `${b}\n2024年法治政府建设工作报告\n${body}\n（此件公开发布）`,
  /** XX局2024年法治政府建设年度报告, signed with the date in Chinese numerals. */
  nameYear: (b: string) => `${b}2024年法治政府建设年度报告\n${body}\n${b}\n二〇二五年一月十五日`,
  /** A 政府信息公开 page: 索引号, 发布机构 and dates above a title that names no body. */
  publisher: (b: string) =>
    `索 引 号：000014349/2025-00021\t主题分类：其他\n发布机构：${b}\t发文日期：2025-01-22\n关于2024年度法治政府建设工作情况的报告\n${body}`,
  /** A page whose only name of the body is its 信息来源. */
  source: (b: string) =>
    `2024年法治政府建设情况报告\n发布时间：2025-02-10 信息来源：${b} 浏览次数：\n${body}`,
  /** A title naming no body, and the signature that does. */
  signed: (b: string) => `2024年度法治政府建设情况报告\n${body}\n${b}\n2025年2月8日`,
  /** The `about` layout in traditional characters, as mirror sites copy pages. */
  traditional: (b: string) => OpenCC.Converter({ from: 'cn', to: 'tw' })(layouts.about(b)),
} as const

type Layout = keyof typeof layouts
type Place = [province: string | null, city: string | null, county: string | null]

const cases: [Layout, string, Place][] = [
  // Municipalities: no city.
  ['yearFirst', '北京市海淀区司法局', ['北京市', null, '海淀区']],
  ['about', '天津市滨海新区卫生健康委员会', ['天津市', null, '滨海新区']],
  ['yearFirst', '上海市浦东新区卫生健康委员会', ['上海市', null, '浦东新区']],
  ['about', '重庆市渝中区司法局', ['重庆市', null, '渝中区']],
  ['about', '石柱县生态环境局', ['重庆市', null, '石柱土家族自治县']],
  // Provincial departments: a province, no city.
  ['yearFirst', '河北省生态环境厅', ['河北省', null, null]],
  ['twoLines', '浙江省司法厅', ['浙江省', null, null]],
  ['yearFirst', '山东省卫生健康委员会', ['山东省', null, null]],
  ['about', '内蒙古自治区交通运输厅', ['内蒙古自治区', null, null]],
  ['about', '广西壮族自治区生态环境厅', ['广西壮族自治区', null, null]],
  ['yearFirst', '新疆维吾尔自治区卫生健康委员会', ['新疆维吾尔自治区', null, null]],
  // Central ministries and administrations: no province.
  ['about', '司法部', [null, null, null]],
  ['yearFirst', '审计署', [null, null, null]],
  ['nameYear', '国家税务总局', [null, null, null]],
  ['yearFirst', '国家林业和草原局', [null, null, null]],
  ['twoLines', '水利部', [null, null, null]],
  ['yearFirst', '国家税务总局广州市税务局', ['广东省', '广州市', null]],
  // Autonomous divisions by the short names their own bureaus use.
  ['yearFirst', '长阳县卫生健康局', ['湖北省', '宜昌市', '长阳土家族自治县']],
  ['signed', '互助县教育局', ['青海省', '海东市', '互助土族自治县']],
  ['source', '峨边县卫生健康局', ['四川省', '乐山市', '峨边彝族自治县']],
  ['about', '甘南州卫生健康委员会', ['甘肃省', '甘南藏族自治州', null]],
  ['yearFirst', '恩施州司法局', ['湖北省', '恩施土家族苗族自治州', null]],
  ['twoLines', '黔东南州市场监督管理局', ['贵州省', '黔东南苗族侗族自治州', null]],
  ['nameAboveYear', '延边州人力资源和社会保障局', ['吉林省', '延边朝鲜族自治州', null]],
  ['publisher', '凉山州自然资源局', ['四川省', '凉山彝族自治州', null]],
  ['yearFirst', '大理州林业和草原局', ['云南省', '大理白族自治州', null]],
  ['about', '伊犁州教育局', ['新疆维吾尔自治区', '伊犁哈萨克自治州', null]],
  ['signed', '湘西州应急管理局', ['湖南省', '湘西土家族苗族自治州', null]],
  ['nameYear', '海西州生态环境局', ['青海省', '海西蒙古族藏族自治州', null]],
  ['about', '鄂伦春旗教育局', ['内蒙古自治区', '呼伦贝尔市', '鄂伦春自治旗']],
  // New districts and development zones.
  ['about', '辽宁省沈阳市沈北新区住房和城乡建设局', ['辽宁省', '沈阳市', '沈北新区']],
  ['about', '苏州工业园区社会事业局', ['江苏省', '苏州市', '苏州工业园区']],
  ['yearFirst', '成都高新区市场监督管理局', ['四川省', '成都市', null]],
  ['about', '西安高新区卫生健康局', ['陕西省', '西安市', null]],
  ['about', '兰州新区教育局', ['甘肃省', '兰州市', '兰州新区']],
  ['yearFirst', '郑州经济技术开发区管理委员会', ['河南省', '郑州市', '郑州经济技术开发区']],
  ['nameYear', '宁夏银川市兴庆区司法局', ['宁夏回族自治区', '银川市', '兴庆区']],
  // Prefectures, cities and districts of the other provinces, in every layout.
  ['twoLines', '石家庄市长安区教育局', ['河北省', '石家庄市', '长安区']],
  ['nameAboveYear', '山西省太原市小店区市场监督管理局', ['山西省', '太原市', '小店区']],
  ['publisher', '深圳市南山区教育局', ['广东省', '深圳市', '南山区']],
  ['source', '宁波市鄞州区市场监督管理局', ['浙江省', '宁波市', '鄞州区']],
  ['signed', '杭州市西湖区司法局', ['浙江省', '杭州市', '西湖区']],
  ['nameAboveYear', '哈尔滨市道里区卫生健康局', ['黑龙江省', '哈尔滨市', '道里区']],
  ['about', '海南省三亚市崖州区农业农村局', ['海南省', '三亚市', '崖州区']],
  ['about', '西藏自治区拉萨市城关区司法局', ['西藏自治区', '拉萨市', '城关区']],
  ['nameYear', '福建省厦门市思明区城市管理局', ['福建省', '厦门市', '思明区']],
  ['nameYear', '安徽省合肥市蜀山区人力资源和社会保障局', ['安徽省', '合肥市', '蜀山区']],
  ['about', '南昌市东湖区民政局', ['江西省', '南昌市', '东湖区']],
  ['nameAboveYear', '河南省郑州市金水区教育局', ['河南省', '郑州市', '金水区']],
  ['about', '武汉市江汉区民政局', ['湖北省', '武汉市', '江汉区']],
  ['yearFirst', '贵阳市观山湖区司法局', ['贵州省', '贵阳市', '观山湖区']],
  ['signed', '昆明市五华区应急管理局', ['云南省', '昆明市', '五华区']],
  ['about', '西安市雁塔区卫生健康局', ['陕西省', '西安市', '雁塔区']],
  ['nameYear', '西宁市城西区市场监督管理局', ['青海省', '西宁市', '城西区']],
  ['yearFirst', '南京市玄武区财政局', ['江苏省', '南京市', '玄武区']],
  ['about', '阿克苏地区生态环境局', ['新疆维吾尔自治区', '阿克苏地区', null]],
  ['yearFirst', '大兴安岭地区林业和草原局', ['黑龙江省', '大兴安岭地区', null]],
  ['publisher', '长沙市岳麓区财政局', ['湖南省', '长沙市', '岳麓区']],
  // Traditional characters: the bureau is given in simplified ones.
  ['traditional', '广州市天河区卫生健康局', ['广东省', '广州市', '天河区']],
  ['traditional', '台州市椒江区司法局', ['浙江省', '台州市', '椒江区']],
]

t.test(`the bureau and its place, in ${cases.length} real layouts`, async (t) => {
  for (const [layout, bureau, [province, city, county]] of cases) {
    const { meta } = extractMetadata(cleanDocument(layouts[layout](bureau)), 'x.txt')
    t.same(
      { bureau: meta.bureau, province: meta.province, city: meta.city, county: meta.county, year: meta.year },
      { bureau, province, city, county, year: 2024 },
      `${layout}: ${bureau}`,
    )
  }
})

t.test('the date comes from the signature or the header, as each layout gives it', async (t) => {
  const dateOf = (layout: Layout) =>
    extractMetadata(cleanDocument(layouts[layout]('梨树县卫生健康局')), 'x.txt').meta.date
  t.equal(dateOf('about'), '2025-01-20')
  t.equal(dateOf('nameYear'), '2025-01-15')
  t.equal(dateOf('publisher'), '2025-01-22')
  t.equal(dateOf('source'), '2025-02-10')
  t.equal(dateOf('yearFirst'), null)
})
