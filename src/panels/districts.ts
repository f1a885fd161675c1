import type { CustomSeriesOption } from 'echarts/charts'
/**
 * The 13 区县市 as a schematic tile map, and the same figures as ranked bars: one metric per
 * screen, the district's name and exact value on every tile, shades explained by a legend with
 * units. Tiles are drawn by a custom series (rectangles in data units, so they keep their shape
 * on any panel size); the 未注明/其他 tile is drawn apart, outlined, never dropped.
 */
import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { DistrictId, DistrictMetric } from '~/figures/districts.ts'
import type { ChamberSums } from '~/figures/listed.ts'
import type { Translate } from '~/i18n/translate.ts'
import { font } from '~/charts/theme.ts'
import { districts, OTHER_DISTRICT, otherTile } from '~/figures/districts.ts'
import { formatCount, formatPercent, formatPercentRange, known } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption, tooltipLine } from './bars.ts'

/** One tile: a district (or `other`) and its chambers' sums, study points included. */
export interface DistrictTile {
  id: DistrictId
  col: number
  row: number
  figures: ChamberSums
}

/** The tiles in map order, from the per-district sums; a district with no chamber shows zeros. */
export function districtTiles(sums: ReadonlyMap<DistrictId, ChamberSums> | undefined): DistrictTile[] | undefined {
  if (!sums)
    return undefined
  const empty: ChamberSums = { chamberCount: 0, memberCount: 0, partyOrgChamberCount: 0, partyMemberCount: 0, coverage: null, studyPointsToday: null, studyPointsPerPartyMember: null }
  return [
    ...districts.map(d => ({ id: d.id as DistrictId, col: d.col, row: d.row, figures: sums.get(d.id) ?? empty })),
    { id: OTHER_DISTRICT, col: otherTile.col, row: otherTile.row, figures: sums.get(OTHER_DISTRICT) ?? empty },
  ]
}

export function districtName(t: Translate, id: DistrictId): string {
  return t(`district.${id}`)
}

/** The metric's value of a tile; null when it cannot be said (coverage of no chambers). */
export function metricValue(f: ChamberSums, metric: DistrictMetric): number | null {
  switch (metric) {
    case 'coverage': return f.coverage
    case 'studyPoints': return f.studyPointsToday
    case 'chambers': return f.chamberCount
    case 'members': return f.memberCount
  }
}

/** The unit a count metric is said in (English says none for chambers and members). */
function metricUnit(t: Translate, metric: Exclude<DistrictMetric, 'coverage'>): string {
  return t(metric === 'studyPoints' ? 'unit.points' : metric === 'members' ? 'unit.members' : 'unit.chambers')
}

/** The value as the tile says it, with its unit. */
export function metricText(t: Translate, metric: DistrictMetric, value: number | null): string {
  if (metric === 'coverage')
    return formatPercent(value)
  const unit = metricUnit(t, metric)
  return unit && known(value) ? `${formatCount(value)} ${unit}` : formatCount(value)
}

/** Five shades, light to strong: each class is a fifth of the way to the largest value. */
const SHADES = [0.1, 0.22, 0.34, 0.47, 0.6]

function shadeOf(value: number | null, max: number): number {
  if (value === null || max <= 0)
    return -1
  return Math.min(SHADES.length - 1, Math.floor(value / max * SHADES.length))
}

function fill(accent: string, alpha: number): string {
  // Accents are #rrggbb: the tile's shade is the accent over the panel, so text stays readable.
  const n = Number.parseInt(accent.slice(1), 16)
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

/** The legend beside the map: each shade, and the range of values it stands for, with units. */
export function districtLegend(tiles: readonly DistrictTile[], metric: DistrictMetric, ctx: PanelContext): { fill: string, label: string }[] {
  const max = maxOf(tiles, metric)
  const step = max / SHADES.length
  // Whole numbers read at a glance: 0–8 %, 8–16 %…; the tiles carry the exact values.
  const range = (from: number, to: number) => {
    if (metric === 'coverage')
      return formatPercentRange(from, to, { digits: 0 })
    const unit = metricUnit(ctx.t, metric)
    return `${formatCount(from)}–${formatCount(to)}${unit ? ` ${unit}` : ''}`
  }
  return SHADES.map((alpha, i) => ({ fill: fill(ctx.palette.accent, alpha), label: range(i * step, (i + 1) * step) }))
}

/** The largest value among the 13 districts (`other` is not shaded against them). */
export function maxOf(tiles: readonly DistrictTile[], metric: DistrictMetric): number {
  return Math.max(0, ...tiles.filter(x => x.id !== OTHER_DISTRICT).map(x => metricValue(x.figures, metric) ?? 0))
}

/** What a district shows on a map, tiles or boundaries alike: its shade, words and route. */
export interface TileItem {
  value: [number, number]
  name: string
  shown: string
  fill: string
  other: boolean
  detail: string[]
  ref: string
}

export function tileOf(p: unknown): TileItem | undefined {
  return (p as { data?: TileItem } | null)?.data
}

type RenderItem = NonNullable<CustomSeriesOption['renderItem']>

/** A tile's item: the same shade, words and route whether it is drawn as a tile or a boundary. */
export function tileItem(x: DistrictTile, metric: DistrictMetric, max: number, ctx: PanelContext): TileItem {
  const { t, palette } = ctx
  const value = metricValue(x.figures, metric)
  const shade = shadeOf(value, max)
  const f = x.figures
  return {
    value: [x.col, x.row],
    name: districtName(t, x.id),
    shown: metricText(t, metric, value),
    fill: shade < 0 ? palette.track : fill(palette.accent, SHADES[shade]!),
    other: x.id === OTHER_DISTRICT,
    detail: [
      t('districts.tipChambers', { n: formatCount(f.chamberCount), members: formatCount(f.memberCount) }),
      t('districts.tipCoverage', { orgs: formatCount(f.partyOrgChamberCount), pct: formatPercent(f.coverage) }),
      t('districts.tipStudy', { points: formatCount(f.studyPointsToday) }),
    ],
    ref: paths.district(x.id),
  }
}

/** The tooltip of a district, tiles or boundaries alike. */
export function tileTooltip(p: unknown): string {
  const tile = tileOf(p)
  return tile ? tooltipLine(tile.name, tile.shown, ...tile.detail) : ''
}

export function districtMapOption(tiles: readonly DistrictTile[], metric: DistrictMetric, ctx: PanelContext): ChartOption {
  const { palette } = ctx
  const max = maxOf(tiles, metric)
  const data = tiles.map(x => tileItem(x, metric, max, ctx))
  const cols = Math.max(...tiles.map(x => x.col)) + 1
  const rows = Math.max(...tiles.map(x => x.row)) + 1
  return {
    grid: { left: 4, right: 4, top: 4, bottom: 4 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: tileTooltip,
    },
    xAxis: { type: 'value', show: false, min: -0.5, max: cols - 0.5 },
    yAxis: { type: 'value', show: false, inverse: true, min: -0.5, max: rows - 0.5 },
    series: [{
      type: 'custom',
      coordinateSystem: 'cartesian2d',
      data,
      // A tile: its shade, the district's name and the value; sizes follow the tile, so the
      // text is as large as the panel allows (readable at 5 m on a 1920×1080 wall).
      renderItem: ((params, api) => {
        const item = data[params.dataIndex]!
        const [x = 0, y = 0] = api.coord(item.value)
        const [w = 0, h = 0] = api.size?.([1, 1]) as number[]
        const gap = Math.min(w, h) * 0.04
        const nameSize = Math.max(14, Math.min(h * 0.2, w * 0.16))
        const valueSize = Math.max(16, Math.min(h * 0.3, w * 0.2))
        return {
          type: 'group',
          children: [
            {
              type: 'rect',
              shape: { x: x - w / 2 + gap, y: y - h / 2 + gap, width: w - gap * 2, height: h - gap * 2, r: 6 },
              style: item.other
                ? { fill: 'transparent', stroke: palette.muted, lineWidth: 2, lineDash: [8, 6] }
                : { fill: item.fill, stroke: palette.border, lineWidth: 1 },
            },
            {
              type: 'text',
              style: { text: item.name, x, y: y - h * 0.16, align: 'center', verticalAlign: 'middle', fill: palette.text, font: `700 ${Math.round(nameSize)}px ${font.family}` },
            },
            {
              type: 'text',
              style: { text: item.shown, x, y: y + h * 0.18, align: 'center', verticalAlign: 'middle', fill: palette.text, font: `700 ${Math.round(valueSize)}px ${font.family}` },
            },
          ],
        }
      }) satisfies RenderItem,
    }],
  }
}

/** The districts ranked by the metric, `other` last whatever its value: the map's exact reading. */
export function districtBarsOption(tiles: readonly DistrictTile[], metric: DistrictMetric, ctx: PanelContext): ChartOption {
  const { t, palette } = ctx
  const ranked = tiles.filter(x => x.id !== OTHER_DISTRICT)
    .map(x => ({ x, value: metricValue(x.figures, metric) }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
  const other = tiles.find(x => x.id === OTHER_DISTRICT)
  const rows = other ? [...ranked, { x: other, value: metricValue(other.figures, metric) }] : ranked
  return barsOption({
    nameWidth: 120,
    ...(metric === 'coverage' ? { max: 1 } : {}),
    bars: rows.map(({ x, value }) => ({
      name: districtName(t, x.id),
      value: value ?? 0,
      label: metricText(t, metric, value),
      colour: x.id === OTHER_DISTRICT ? palette.faint : palette.accent,
      ref: paths.district(x.id),
    })),
  }, ctx)
}
