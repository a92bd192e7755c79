import t from 'tap'
import { namedDivisions, resolvePlace, shortProvince } from '../indexer/divisions.js'

t.test('places from the gazetteer, for any province and department', async (t) => {
  const cases: [string, string, object | null][] = [
    ['济宁市兖州区卫生健康局', '', { province: '山东省', city: '济宁市', county: '兖州区' }],
    ['合作市卫生健康局', '', { province: '甘肃省', city: '甘南藏族自治州', county: '合作市' }],
    ['重庆市大足区卫生健康委员会', '', { province: '重庆市', city: null, county: '大足区' }],
    ['北京市朝阳区教育委员会', '', { province: '北京市', city: null, county: '朝阳区' }],
    ['长春市朝阳区司法局', '', { province: '吉林省', city: '长春市', county: '朝阳区' }],
    [
      '朝阳区司法局',
      '在长春市委、市政府的领导下，长春市朝阳区…',
      { province: '吉林省', city: '长春市', county: '朝阳区' },
    ],
    ['朝阳区司法局', '北京市朝阳区人民政府', { province: '北京市', city: null, county: '朝阳区' }],
    ['永定区市场监督管理局', '龙岩市市场监管局', { province: '福建省', city: '龙岩市', county: '永定区' }],
    ['永定区市场监督管理局', '张家界市', { province: '湖南省', city: '张家界市', county: '永定区' }],
    ['山东省卫生健康委员会', '', { province: '山东省', city: null, county: null }],
    ['济宁市司法局', '', { province: '山东省', city: '济宁市', county: null }],
    ['东莞市市场监督管理局', '', { province: '广东省', city: '东莞市', county: null }],
    ['济源市教育局', '', { province: '河南省', city: null, county: '济源市' }],
    [
      '内蒙古自治区鄂尔多斯市达拉特旗教育局',
      '',
      { province: '内蒙古自治区', city: '鄂尔多斯市', county: '达拉特旗' },
    ],
    ['西宁市城西区卫生健康局', '', { province: '青海省', city: '西宁市', county: '城西区' }],
    ['国家卫生健康委员会', '', null],
  ]
  for (const [name, context, place] of cases) {
    const found = resolvePlace(name, context)
    if (place === null) t.equal(found, null, name)
    else t.match(found, place, `${name} ${context}`)
  }
  t.match(resolvePlace('朝阳区司法局', ''), { ambiguous: /朝阳区/ }, 'an unsettled name is flagged')
  t.notOk(resolvePlace('长春市朝阳区司法局')?.ambiguous, 'a settled name is not')
})

t.test('names are read longest first', async (t) => {
  t.same(
    namedDivisions('西宁市城西区').map((d) => d[0]?.name),
    ['西宁市', '城西区'],
  )
  t.equal(shortProvince('广西壮族自治区'), '广西')
  t.equal(shortProvince('山东省'), '山东')
})
