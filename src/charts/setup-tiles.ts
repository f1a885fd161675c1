/**
 * The district maps' series, registered when the map's chunk loads: the custom series (tiles,
 * the 未注明/其他 box) and the map series (the operator's boundaries) are drawn by that screen
 * alone, so the wall's initial JS carries neither (charts/setup.ts).
 */
import type { DistrictGeo } from '~/figures/geojson.ts'
import { CustomChart, MapChart } from 'echarts/charts'
import { registerMap, use } from 'echarts/core'
import { DISTRICT_MAP } from './setup.ts'

use([CustomChart, MapChart])

/** The checked boundaries, under the name the geo panel draws (regions named by district id). */
export function registerDistrictMap(geo: DistrictGeo): void {
  registerMap(DISTRICT_MAP, geo as unknown as Parameters<typeof registerMap>[1])
}
