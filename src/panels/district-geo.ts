import type { CustomSeriesOption } from 'echarts/charts'
import type { PanelContext } from './context.ts'
/**
 * The 13 区县市 on the operator's own boundaries (`districtGeoJsonUrl`), shaded and worded as the
 * tiles are: the same shades, legend, names, values and routes (panels/districts.ts). The
 * 未注明/其他 figure has no shape, so it is a dashed box in the corner, still a link.
 */
import type { DistrictTile, TileItem } from './districts.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { DistrictMetric } from '~/figures/districts.ts'
import { DISTRICT_MAP } from '~/charts/setup.ts'
import { font } from '~/charts/theme.ts'
import { OTHER_DISTRICT } from '~/figures/districts.ts'
import { tooltipLine } from './bars.ts'
import { maxOf, tileItem } from './districts.ts'

/** A region's item: named by the district's id, as the registered map's regions are. */
interface RegionItem extends Omit<TileItem, 'value' | 'name'> {
  name: string
  title: string
  value: number
  itemStyle: { areaColor: string }
}

function tooltip(p: unknown): string {
  const d = (p as { data?: Pick<RegionItem, 'title' | 'shown' | 'detail'> } | null)?.data
  return d ? tooltipLine(d.title, d.shown, ...d.detail) : ''
}

type RenderItem = NonNullable<CustomSeriesOption['renderItem']>

export function districtGeoOption(tiles: readonly DistrictTile[], metric: DistrictMetric, ctx: PanelContext): ChartOption {
  const { palette } = ctx
  const max = maxOf(tiles, metric)
  const regions: RegionItem[] = tiles.filter(x => x.id !== OTHER_DISTRICT).map((x) => {
    const { value: _cell, name, ...item } = tileItem(x, metric, max, ctx)
    return { ...item, name: x.id, title: name, value: 0, itemStyle: { areaColor: item.fill } }
  })
  const otherTile = tiles.find(x => x.id === OTHER_DISTRICT)
  const other = otherTile && { ...tileItem(otherTile, metric, max, ctx), title: '' }
  const label = (size: number) => ({ fontSize: size, fontWeight: 700 as const, fontFamily: font.family, color: palette.text, lineHeight: Math.round(size * 1.25) })
  return {
    tooltip: { trigger: 'item', confine: true, formatter: tooltip },
    series: [
      {
        type: 'map',
        map: DISTRICT_MAP,
        // Longitude shrinks with latitude: at 30° N a degree east is 0.87 of a degree north.
        aspectScale: 0.87,
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        roam: false,
        selectedMode: false,
        itemStyle: { borderColor: palette.border, borderWidth: 1.5 },
        emphasis: { itemStyle: { areaColor: palette.accent }, label: { color: palette.text } },
        label: {
          show: true,
          formatter: (p: unknown) => {
            const d = (p as { data?: RegionItem }).data
            return d ? `{n|${d.title}}\n{v|${d.shown}}` : ''
          },
          rich: { n: label(22), v: label(26) },
          textBorderColor: palette.panel,
          textBorderWidth: 3,
        },
        // The city's core districts are small beside 淳安: a label that would cover another's
        // is left out (its figures are in the ranking beside the map) rather than smudge both.
        labelLayout: { hideOverlap: true },
        data: regions,
      },
      ...(other
        ? [{
            type: 'custom' as const,
            coordinateSystem: 'none',
            data: [other],
            // Bottom right, where the city has no land of its own in its bounding box.
            renderItem: ((_params, api) => {
              const w = 220
              const h = 110
              const x = (api.getWidth?.() ?? 0) - w - 8
              const y = (api.getHeight?.() ?? 0) - h - 8
              return {
                type: 'group',
                children: [
                  { type: 'rect', shape: { x, y, width: w, height: h, r: 6 }, style: { fill: palette.panel, stroke: palette.muted, lineWidth: 2, lineDash: [8, 6] } },
                  { type: 'text', style: { text: other.name, x: x + w / 2, y: y + 34, align: 'center', verticalAlign: 'middle', fill: palette.text, font: `700 20px ${font.family}` } },
                  { type: 'text', style: { text: other.shown, x: x + w / 2, y: y + 76, align: 'center', verticalAlign: 'middle', fill: palette.text, font: `700 26px ${font.family}` } },
                ],
              }
            }) satisfies RenderItem,
            tooltip: { formatter: () => tooltipLine(other.name, other.shown, ...other.detail) },
          }]
        : []),
    ],
  }
}
