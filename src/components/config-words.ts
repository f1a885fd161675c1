import type { Translate } from '../i18n/translate.ts'
/** The settings' problems in the reader's words: the banner over the wall says what was wrong and what is used instead. */
import type { ConfigProblem } from '~/config.ts'
import type { GeoProblem } from '~/figures/geojson.ts'
import { formatCount, formatDecimal } from '~/format/numbers.ts'
import { fill } from '~/i18n/translate.ts'
import { zhCN } from '~/i18n/zh-CN.ts'

export function configProblemText(t: Translate, p: ConfigProblem): string {
  switch (p.kind) {
    case 'notObject': return t('config.notObject')
    case 'notJson': return t('config.notJson')
    case 'unreadable': return t('config.unreadable')
    case 'http': return t('config.http', { status: p.status })
    case 'unknown': return p.from === 'service'
      ? t('config.service.unknown', { key: p.key })
      : t('config.unknown', { key: p.key })
    case 'invalid':
      if (p.from === 'service')
        return t('config.service.invalid', { key: p.path, given: p.given })
      return p.rule
        ? t('config.invalidRule', { key: p.path, given: p.given, rule: t(`config.rule.${p.rule}`) })
        : t('config.invalid', { key: p.path, given: p.given })
    case 'clamped':
      if (p.from === 'service')
        return t(p.used > p.given ? 'config.service.clampedLow' : 'config.service.clampedHigh', { key: p.key, given: p.given, used: p.used })
      return t('config.clamped', { key: p.key, given: p.given, used: p.used })
    case 'serviceNotObject': return t('config.service.notObject')
    case 'feedRefused': return t('config.feedRefused', { url: p.url })
    case 'heartbeatRefused': return t('config.heartbeatRefused', { url: p.url })
    case 'geoRefused': return t('config.geoRefused', { url: p.url })
  }
}

/** The wall's words in Chinese whatever its locale: a command's result is read on the fleet page, in Chinese. */
const zhWall = ((key: keyof typeof zhCN, params?: Record<string, string | number>) => fill(zhCN[key] ?? key, params)) as Translate

/** What became of the data service's settings, for the result of the command that sent them. */
export function serviceSettingsNotes(problems: readonly ConfigProblem[]): string[] {
  return problems.map(p => configProblemText(zhWall, p))
}

/** Why the district map file is not drawn (districtGeoJsonUrl): the tile map is shown instead. */
export function geoProblemText(t: Translate, p: GeoProblem): string {
  const why = (() => {
    switch (p.kind) {
      case 'http': return t('geo.http', { status: p.status })
      case 'unreadable': return t('geo.unreadable')
      case 'timeout': return t('geo.timeout', { seconds: formatDecimal(p.seconds, { trim: true }) })
      case 'notJson': return t('geo.notJson')
      case 'tooLarge': return t('geo.tooLarge', { mb: formatDecimal(p.limitMb, { trim: true }) })
      case 'tooManyPoints': return t('geo.tooManyPoints', { limit: formatCount(p.limit) })
      case 'notFeatureCollection': return t('geo.notFeatureCollection')
      case 'geometry': return t('geo.geometry', { n: p.feature })
      case 'coordinates': return t('geo.coordinates', { n: p.feature })
      case 'noName': return t('geo.noName', { n: p.feature, property: p.property })
      case 'unknownName': return t('geo.unknownName', { n: p.feature, name: p.name })
      case 'missing': return t('geo.missing', { names: p.districts.map(id => t(`district.${id}`)).join(t('geo.listSeparator')) })
    }
  })()
  return t('geo.problem', { why })
}
